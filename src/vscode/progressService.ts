// Progress: card states in globalState (synced), reviews appended to a JSON Lines file in globalStorage.
// Every grade is written before the caller shows the next card.
import * as vscode from 'vscode';
import { ProgressStore, PROGRESS_KEY } from '../core/quiz/progress';
import { Scheduler, statusOf, type CardStatus, type Grade4, type StoredCard } from '../core/quiz/scheduler';
import { logFileName, parseReviewLog, serializeReview, type ReviewEntry } from '../core/quiz/reviewLog';
import type { Settings } from './settings';

const LOG_FILE = /^reviews-\d{4}-\d{2}\.jsonl$/;

export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

export class ProgressService implements vscode.Disposable {
  readonly store: ProgressStore;
  private scheduler: Scheduler;
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private readonly logCache = new Map<string, string>();
  private writeQueue: Promise<unknown> = Promise.resolve();
  /** How many times the learner was told about damaged data (tests check it stays at one per backup). */
  recoveryNotices = 0;
  /** The last backup file written by recover(). */
  lastBackup: vscode.Uri | undefined;

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly settings: Settings,
    private readonly log: vscode.LogOutputChannel,
    readonly clock: Clock = systemClock,
  ) {
    context.globalState.setKeysForSync([PROGRESS_KEY]);
    this.store = new ProgressStore(context.globalState);
    this.logLoad();
    this.scheduler = new Scheduler(settings.desiredRetention());
  }

  /** The globalState this service reads (the integration tests seed damaged data through it). */
  get memento(): vscode.Memento {
    return this.context.globalState;
  }

  /** Where the review log and the backups live. */
  get storageUri(): vscode.Uri {
    return this.context.globalStorageUri;
  }

  private logLoad(): void {
    const { setAside, kept, otherVersion } = this.store.lastLoad;
    if (otherVersion !== undefined) this.log.warn(`Progress: stored card states have format version ${String(otherVersion)}; ${kept} readable card(s) kept, the original record set aside.`);
    if (setAside) this.log.warn(`Progress: ${setAside} damaged card state(s) set aside; ${kept} kept.`);
  }

  /** Reads the card states again (a test seeding damaged data; Settings Sync replacing them). */
  reload(): void {
    this.store.reload();
    this.logLoad();
    this.changed.fire();
  }

  /**
   * Moves damaged study data out of the way: card states set aside on load and review-log lines that do not
   * parse go to one dated backup file in globalStorage; the readable rest stays. The learner is told once per
   * backup (the damaged part is gone from the live data afterwards, so the next start finds nothing).
   */
  recover(): Promise<vscode.Uri | undefined> {
    const run = async (): Promise<vscode.Uri | undefined> => {
      const quarantine = this.store.quarantined();
      const logs = await this.damagedLogLines();
      const damagedLines = logs.reduce((n, l) => n + l.bad.length, 0);
      const cardKeys = Object.keys(quarantine);
      if (!cardKeys.length && !damagedLines) return undefined;
      const now = this.clock.now();
      const dir = vscode.Uri.joinPath(this.context.globalStorageUri, 'backups');
      const uri = vscode.Uri.joinPath(dir, `damaged-study-data-${now.toISOString().replace(/[:.]/g, '-')}.json`);
      const backup = {
        createdAt: now.toISOString(),
        note: 'Tensor Tutor could not read this data and moved it here; everything readable was kept. cardStates: by time of detection, question id -> stored value. reviewLog: lines of the review log files.',
        cardStates: quarantine,
        reviewLog: logs.flatMap((l) => l.bad.map((b) => ({ file: l.name, line: b.line, text: b.text }))),
      };
      try {
        await vscode.workspace.fs.createDirectory(dir);
        await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(`${JSON.stringify(backup, null, 2)}\n`));
      } catch (error) {
        // Keep everything where it is: the next start tries again.
        this.log.error(`Could not write the backup of damaged study data: ${(error as Error).message}`);
        return undefined;
      }
      // Only now that the backup is safe: drop the damaged parts from the live data.
      await this.store.releaseQuarantine(cardKeys);
      for (const l of logs) {
        await vscode.workspace.fs.writeFile(l.uri, new TextEncoder().encode(l.goodText));
        this.logCache.set(l.name, l.goodText);
      }
      this.lastBackup = uri;
      this.log.warn(`Damaged study data moved to ${uri.toString()}: ${cardKeys.length ? `card states set aside at ${cardKeys.join(', ')}` : 'no card states'}; ${damagedLines} review-log line(s). Kept: ${this.store.lastLoad.kept} card(s).`);
      this.recoveryNotices++;
      const open = vscode.l10n.t('Open Backup');
      void vscode.window.showWarningMessage(
        vscode.l10n.t('Tensor Tutor found damaged study data. Everything readable was kept; the rest was moved to a backup file.'),
        open,
      ).then((choice) => (choice === open ? vscode.window.showTextDocument(uri) : undefined));
      return uri;
    };
    const next = this.writeQueue.then(run, run);
    this.writeQueue = next.catch((error) => this.log.error(`Recovering study data: ${(error as Error).message}`));
    return next;
  }

  private async damagedLogLines(): Promise<{ name: string; uri: vscode.Uri; bad: { line: number; text: string }[]; goodText: string }[]> {
    const dir = this.context.globalStorageUri;
    let names: [string, vscode.FileType][] = [];
    try {
      await vscode.workspace.fs.stat(dir); // never used yet: nothing to check (and no noisy readdir error)
      names = await vscode.workspace.fs.readDirectory(dir);
    } catch {
      return [];
    }
    const out = [];
    for (const [name] of names.filter(([n]) => LOG_FILE.test(n))) {
      const uri = vscode.Uri.joinPath(dir, name);
      const parsed = parseReviewLog(new TextDecoder().decode(await vscode.workspace.fs.readFile(uri)));
      if (parsed.bad.length) out.push({ name, uri, bad: parsed.bad, goodText: parsed.goodText });
    }
    return out;
  }

  onSettingsChanged(): void {
    this.scheduler = new Scheduler(this.settings.desiredRetention());
  }

  status(id: string): CardStatus {
    return statusOf(this.store.get(id), this.clock.now());
  }

  intervals(id: string): Record<Grade4, string> {
    return this.scheduler.preview(this.store.get(id), this.clock.now());
  }

  /** Grades a question: card state and review log are both written before this resolves. */
  async grade(id: string, grade: Grade4, durationMs: number): Promise<StoredCard> {
    const now = this.clock.now();
    const previousState = this.store.get(id)?.state ?? 0;
    const card = this.scheduler.grade(this.store.get(id), grade, now);
    await this.store.set(id, card);
    await this.appendLog({ id, grade, state: card.state, reviewedAt: now.toISOString(), due: card.due, durationMs, previousState });
    this.changed.fire();
    return card;
  }

  /** Restores a card to what it was before an undone grade. */
  async restore(id: string, previous: StoredCard | undefined): Promise<void> {
    if (previous) await this.store.set(id, previous);
    else await this.store.delete(id);
    this.changed.fire();
  }

  /** Writes imported card states in one update. */
  async importCards(cards: Iterable<[string, StoredCard]>): Promise<void> {
    await this.store.setMany(cards);
    this.changed.fire();
  }

  async reset(): Promise<void> {
    await this.store.clear();
    this.changed.fire();
  }

  /** Reads the review log files (lazy: only the statistics and tests need them). */
  async readLog(): Promise<{ entries: ReviewEntry[]; badLines: number[] }> {
    await this.writeQueue;
    const dir = this.context.globalStorageUri;
    let names: [string, vscode.FileType][] = [];
    try {
      names = await vscode.workspace.fs.readDirectory(dir);
    } catch {
      return { entries: [], badLines: [] };
    }
    const result = { entries: [] as ReviewEntry[], badLines: [] as number[] };
    for (const [name] of names.filter(([n]) => LOG_FILE.test(n)).sort()) {
      const parsed = parseReviewLog(new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(dir, name))));
      result.entries.push(...parsed.entries);
      result.badLines.push(...parsed.badLines);
      if (parsed.badLines.length) this.log.warn(`Review log ${name}: skipped unreadable line(s) ${parsed.badLines.join(', ')}`);
    }
    return result;
  }

  private appendLog(entry: ReviewEntry): Promise<void> {
    const run = async () => {
      const dir = this.context.globalStorageUri;
      const name = logFileName(new Date(entry.reviewedAt));
      const uri = vscode.Uri.joinPath(dir, name);
      let text = this.logCache.get(name);
      if (text === undefined) {
        try {
          text = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
        } catch {
          text = '';
          await vscode.workspace.fs.createDirectory(dir);
        }
      }
      // A crash may have left a partial last line: start ours on a fresh line so it stays readable.
      if (text && !text.endsWith('\n')) text += '\n';
      text += serializeReview(entry);
      await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
      this.logCache.set(name, text);
    };
    const next = this.writeQueue.then(run, run);
    this.writeQueue = next.catch((error) => this.log.error(`Could not write the review log: ${(error as Error).message}`));
    return next;
  }

  dispose(): void {
    this.changed.dispose();
  }
}
