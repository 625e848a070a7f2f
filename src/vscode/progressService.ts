// Progress: card states in globalState (synced), reviews appended to a JSON Lines file in globalStorage.
// Every grade is written before the caller shows the next card.
import * as vscode from 'vscode';
import { ProgressStore, PROGRESS_KEY } from '../core/quiz/progress';
import { Scheduler, statusOf, type CardStatus, type Grade4, type StoredCard } from '../core/quiz/scheduler';
import { logFileName, parseReviewLog, serializeReview, type ReviewEntry } from '../core/quiz/reviewLog';
import type { Settings } from './settings';

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

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly settings: Settings,
    private readonly log: vscode.LogOutputChannel,
    readonly clock: Clock = systemClock,
  ) {
    context.globalState.setKeysForSync([PROGRESS_KEY]);
    this.store = new ProgressStore(context.globalState);
    if (this.store.lastLoad.setAside) {
      this.log.warn(`Progress: ${this.store.lastLoad.setAside} damaged card state(s) set aside; ${this.store.lastLoad.kept} kept.`);
    }
    this.scheduler = new Scheduler(settings.desiredRetention());
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
    for (const [name] of names.filter(([n]) => /^reviews-\d{4}-\d{2}\.jsonl$/.test(n)).sort()) {
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
