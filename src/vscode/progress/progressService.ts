// The study data of this machine: the core ProgressEngine over globalState (card states, synced) and the
// review log files in globalStorage (the source of truth). Replays the log at start-up and whenever the
// window gets focus, tells the learner when a write fails (the review is kept and retried) or a file cannot
// be read, and moves damaged data to a dated backup instead of dropping it.
import * as vscode from 'vscode';
import { ProgressEngine, type Clock, type Receipt } from '../../core/progress/engine';
import { CARDS_KEY } from '../../core/progress/cardRecord';
import { effectiveReviews, type ReviewFact } from '../../core/progress/replay';
import { Scheduler, type CardStatus, type Grade4, type StoredCard } from '../../core/quiz/scheduler';
import { PARAMETERS_KEY, activeWeights } from '../../core/study/parameters';
import type { Settings } from '../shared/settings';
import { LogFiles, type LogReadProblem } from './logFiles';

export type { Clock } from '../../core/progress/engine';
export const systemClock: Clock = { now: () => new Date() };

const REPORTED_DAMAGE_KEY = 'tensorTutor.reportedDamage';

export class ProgressService implements vscode.Disposable {
  readonly engine: ProgressEngine;
  readonly logs: LogFiles;
  private scheduler: Scheduler;
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private readonly disposables: vscode.Disposable[] = [];
  private writeFailing = false;
  /** Notifications shown about damaged or unreadable data (tests check they are not repeated). */
  recoveryNotices = 0;
  lastBackup: vscode.Uri | undefined;

  constructor(private readonly context: vscode.ExtensionContext, private readonly settings: Settings, private readonly log: vscode.LogOutputChannel, readonly clock: Clock = systemClock) {
    // Only the card states and the learner's own FSRS parameters (Optimize Scheduling: they cannot be rebuilt
    // elsewhere) travel with Settings Sync; the log (which rebuilds the card states) stays on this machine.
    context.globalState.setKeysForSync([CARDS_KEY, PARAMETERS_KEY]);
    this.scheduler = new Scheduler(settings.desiredRetention(), activeWeights(context.globalState.get(PARAMETERS_KEY)));
    const session = `${clock.now().getTime().toString(36)}-${globalThis.crypto.randomUUID().slice(0, 8)}`;
    this.logs = new LogFiles(context.globalStorageUri, session, (p) => this.readProblem(p));
    this.engine = new ProgressEngine({
      kv: context.globalState,
      sink: this.logs,
      source: this.logs,
      clock,
      newId: () => globalThis.crypto.randomUUID(),
      scheduler: () => this.scheduler,
      onLogProblem: (error, pending) => this.writeProblem(error, pending),
    });
    const load = this.engine.lastLoad;
    if (load.migrated) log.info(`Progress: migrated ${load.migrated} card state(s) from format 1.`);
    if (load.setAside) log.warn(`Progress: ${load.setAside} damaged card state(s) set aside; ${load.kept} kept.`);
    if (load.newerVersion !== undefined) log.warn(`Progress: card states were written by a newer version (format ${load.newerVersion}); they are read but not overwritten here.`);
    this.disposables.push(vscode.window.onDidChangeWindowState((state) => state.focused && void this.replay()));
  }

  /** Log → card states (other windows' reviews, a write lost in a crash). */
  async replay(): Promise<number> {
    try {
      const changed = await this.engine.replay();
      if (changed) {
        this.log.info(`Progress: replayed the review log, ${changed} card state(s) updated.`);
        this.changed.fire();
      }
      return changed;
    } catch (error) {
      this.log.error(`Progress: replaying the review log failed: ${(error as Error).message}`);
      return 0;
    }
  }

  /** Card states changed outside this window (Settings Sync, another window): read them again. */
  refresh(): void {
    this.engine.refresh();
    this.changed.fire();
  }

  onSettingsChanged(): void {
    this.scheduler = new Scheduler(this.settings.desiredRetention(), this.scheduler.weights);
  }

  /** The FSRS parameters reviews are scheduled with (undefined = the defaults). */
  get weights(): readonly number[] | undefined {
    return this.scheduler.weights;
  }

  /** Schedules from now on with these parameters (Optimize Scheduling, its undo, or a synced change). */
  useWeights(weights: readonly number[] | undefined): void {
    this.scheduler = new Scheduler(this.settings.desiredRetention(), weights);
  }

  get(id: string): StoredCard | undefined {
    return this.engine.get(id);
  }

  status(id: string): CardStatus {
    return this.engine.status(id);
  }

  intervals(id: string): Record<Grade4, string> {
    return this.scheduler.preview(this.engine.get(id), this.clock.now());
  }

  async grade(id: string, grade: Grade4, durationMs: number, options: { known?: boolean } = {}): Promise<Receipt> {
    const receipt = await this.engine.grade(id, grade, durationMs, options);
    this.changed.fire();
    return receipt;
  }

  async undo(id: string, rid: string): Promise<boolean> {
    const undone = await this.engine.undo(id, rid);
    if (undone) this.changed.fire();
    return undone;
  }

  async setCards(cards: Iterable<[string, StoredCard]>): Promise<void> {
    await this.engine.setCards(cards);
    this.changed.fire();
  }

  async reset(): Promise<void> {
    await this.engine.reset();
    this.changed.fire();
  }

  /** The reviews that count (undone ones left out), for the statistics. */
  async reviews(): Promise<ReviewFact[]> {
    await this.engine.idle();
    return effectiveReviews(await this.logs.readAll());
  }

  /**
   * Moves damaged study data to one dated backup file in globalStorage and tells the learner once: card states
   * set aside on load, and log lines that are not events (those stay in their append-only file, ignored).
   */
  async recover(): Promise<vscode.Uri | undefined> {
    const quarantine = this.engine.quarantined();
    const cardKeys = Object.keys(quarantine);
    const reported = new Set(this.context.globalState.get<string[]>(REPORTED_DAMAGE_KEY) ?? []);
    const lines = (await this.logs.damaged()).flatMap((f) => f.bad.map((b) => ({ file: f.file, ...b }))).filter((b) => !reported.has(`${b.file}:${b.line}`));
    if (!cardKeys.length && !lines.length) return undefined;
    const now = this.clock.now();
    const dir = vscode.Uri.joinPath(this.context.globalStorageUri, 'backups');
    const uri = vscode.Uri.joinPath(dir, `damaged-study-data-${now.toISOString().replace(/[:.]/g, '-')}.json`);
    const backup = {
      createdAt: now.toISOString(),
      note: 'Tensor Tutor could not read this data and moved it here; everything readable was kept. cardStates: by time of detection, card id -> stored value. reviewLog: lines of the review log files that are not events (they are ignored where they are).',
      cardStates: quarantine,
      reviewLog: lines,
    };
    try {
      await vscode.workspace.fs.createDirectory(dir);
      await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(`${JSON.stringify(backup, null, 2)}\n`));
    } catch (error) {
      this.log.error(`Could not write the backup of damaged study data: ${(error as Error).message}`);
      return undefined; // everything stays where it is: the next start tries again
    }
    await this.engine.releaseQuarantine(cardKeys);
    await this.context.globalState.update(REPORTED_DAMAGE_KEY, [...reported, ...lines.map((b) => `${b.file}:${b.line}`)].slice(-1000));
    this.lastBackup = uri;
    this.log.warn(`Damaged study data moved to ${uri.toString()}: ${cardKeys.length} card-state record(s), ${lines.length} review-log line(s).`);
    this.notify(vscode.l10n.t('Tensor Tutor found damaged study data. Everything readable was kept; the rest was copied to a backup file.'), uri);
    return uri;
  }

  private writeProblem(error: unknown, pending: number): void {
    if (error === undefined) {
      if (this.writeFailing) this.log.info('Progress: the review log is writable again; every waiting review was saved.');
      this.writeFailing = false;
      return;
    }
    this.log.error(`Progress: could not write to the review log (${(error as Error)?.message ?? error}); ${pending} review(s) waiting to be retried.`);
    if (this.writeFailing) return;
    this.writeFailing = true;
    void vscode.window.showErrorMessage(vscode.l10n.t('Tensor Tutor could not save your review to its log ({0}). Your progress is kept and the write will be retried.', (error as Error)?.message ?? String(error)));
  }

  private readProblem(p: LogReadProblem): void {
    this.log.error(`Progress: the review log file ${p.file} cannot be read (${p.error}); ${p.setAsideTo ? `it was moved to ${p.setAsideTo.toString()}` : 'it was left untouched'} and is not used.`);
    this.notify(vscode.l10n.t('Tensor Tutor could not read the review log file {0} ({1}). It was set aside, not overwritten; your other reviews are unaffected.', p.file, p.error), p.setAsideTo);
  }

  private notify(message: string, file?: vscode.Uri): void {
    this.recoveryNotices++;
    const open = vscode.l10n.t('Open Backup');
    void vscode.window.showWarningMessage(message, ...(file ? [open] : [])).then((choice) => (choice === open && file ? vscode.window.showTextDocument(file) : undefined));
  }

  dispose(): void {
    for (const d of this.disposables.splice(0)) d.dispose();
    this.changed.dispose();
  }
}
