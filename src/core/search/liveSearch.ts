// Keeps the search index in step with a bank that changes (user decks merged, edited, removed) without ever
// holding the host's thread for long: the update runs in slices of `sliceMs`, yielding to the host between
// them. A small change (a deck file edited) is a few documents and takes one slice. A big one (thousands of
// deck questions) first builds the fallback index (titles and concept names), which answers queries while the
// full index is being updated. Pure: the host supplies the clock and the yield.
import type { BankLike } from './documents';
import { FallbackIndex } from './fallbackIndex';
import type { SearchHit, SearchOptions, Searcher } from './query';
import type { SearchIndex } from './searchIndex';

export interface Scheduler {
  now(): number;
  /** Lets the host run (timers, messages, other extensions) before the next slice. */
  yieldToHost(): Promise<void>;
}

export interface SyncStats {
  /** Documents added, removed or replaced. */
  ops: number;
  /** Wall time from the request to the index reflecting the bank. */
  ms: number;
  /** Time spent working (the sum of the slices). */
  busyMs: number;
  slices: number;
  longestSliceMs: number;
  /** Wall time until the fallback answered queries (when one was built). */
  fallbackMs?: number;
}

export interface LiveSearchOptions {
  /** Work per slice before yielding (a slice ends after the unit of work that crosses it). */
  sliceMs: number;
  /** From this many documents to index, queries are answered by the fallback while the full index updates. */
  fallbackFrom: number;
}

export class LiveSearch implements Searcher {
  private target: BankLike;
  private running: Promise<void> | undefined;
  private fallback: FallbackIndex | undefined;
  /** The full index is between a diff's first and last change (it must be brought to a bank before it is clean). */
  private dirty = false;
  /** Statistics of the last completed sync. */
  lastSync: SyncStats | undefined;
  /** Waiting for the answers to cover a bank (see whenCovering). */
  private waiters: Array<{ bank: BankLike; resolve: () => void }> = [];

  constructor(
    readonly index: SearchIndex,
    private readonly scheduler: Scheduler,
    private readonly options: LiveSearchOptions = { sliceMs: 10, fallbackFrom: 250 },
  ) {
    this.target = index.bank;
  }

  /** True when the full index reflects the last requested bank. */
  get settled(): boolean {
    return !this.running && !this.dirty && this.index.bank === this.target;
  }

  /** Which index answers now: the full one, or the fallback while a big update runs (it covers the new bank). */
  get answering(): 'index' | 'fallback' {
    return this.fallback ? 'fallback' : 'index';
  }

  /** Brings the index to `bank`; resolves once it reflects the latest bank requested (calls coalesce). */
  sync(bank: BankLike): Promise<void> {
    this.target = bank;
    this.running ??= this.loop().finally(() => (this.running = undefined));
    return this.running;
  }

  /** True when queries are answered from an index of `bank`: the full one, or the fallback built for it. */
  covers(bank: BankLike): boolean {
    return this.fallback ? this.fallback.bank === bank : !this.dirty && this.index.bank === bank;
  }

  /** Resolves when queries are answered from an index of `bank` (at once if they are). */
  whenCovering(bank: BankLike): Promise<void> {
    if (this.covers(bank)) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push({ bank, resolve }));
  }

  /** Resolves the waiters the answers now cover (all of them once the index has caught up with the latest bank). */
  private notify(all = false): void {
    this.waiters = this.waiters.filter((w) => (all || this.covers(w.bank) ? (w.resolve(), false) : true));
  }

  search(query: string, options?: SearchOptions): SearchHit[] {
    return (this.answering === 'fallback' ? this.fallback! : this.index).search(query, options);
  }

  private async loop(): Promise<void> {
    const { now } = this.scheduler;
    while (this.dirty || this.index.bank !== this.target) {
      const bank = this.target;
      const stats: SyncStats = { ops: 0, ms: 0, busyMs: 0, slices: 0, longestSliceMs: 0 };
      const started = now();
      // Runs `work` in slices until it returns true; false if a newer bank was requested meanwhile.
      const slices = async (work: (deadline: number) => boolean): Promise<boolean> => {
        for (;;) {
          const t = now();
          const done = work(t + this.options.sliceMs);
          const ms = now() - t;
          stats.slices++;
          stats.busyMs += ms;
          stats.longestSliceMs = Math.max(stats.longestSliceMs, ms);
          if (done) return true;
          await this.scheduler.yieldToHost();
          if (this.target !== bank) return false;
        }
      };
      const buildFallback = async (): Promise<boolean> => {
        const builder = FallbackIndex.builder(bank);
        if (!(await slices((deadline) => builder.step(deadline, now)))) return false;
        this.fallback = builder.index;
        stats.fallbackMs = now() - started;
        this.notify();
        return true;
      };
      // Thousands of documents more (or fewer) than indexed: the fallback first, as the diff itself takes a while.
      const documents = bank.questions.length + bank.concepts.length;
      if (Math.abs(documents - this.index.size) >= this.options.fallbackFrom && !(await buildFallback())) continue;
      const update = this.index.update(bank);
      if (!(await slices((deadline) => update.step(deadline, now) || update.phase !== 'diff'))) continue;
      stats.ops = update.pending;
      if (update.pending >= this.options.fallbackFrom && stats.fallbackMs === undefined && !(await buildFallback())) continue;
      this.dirty = true;
      if (!(await slices((deadline) => update.step(deadline, now)))) continue;
      this.dirty = false;
      this.fallback = undefined;
      stats.ms = now() - started;
      this.lastSync = stats;
    }
    this.notify(true);
  }
}
