// Study data that never loses a review. The order of every write: the log event first (the source of truth),
// then the card state in globalState, merged per card with what other windows or machines wrote. Replay
// (at start-up and when a window gets focus) folds every log file into the card states, so a state write lost
// in a crash, or made by another window, repairs itself. Pure: the stores, the clock and ids are injected.
import { Scheduler, statusOf, type CardStatus, type Grade4, type StoredCard } from '../quiz/scheduler';
import { SerialQueue } from '../text/serialQueue';
import { CARDS_KEY, LEGACY_PROGRESS_KEY, QUARANTINE_KEY, effectiveCard, isNewer, mergeInto, migrateLegacy, readCardsRecord, type CardEntry, type CardsRecord } from './cardRecord';
import type { LogEvent, ReviewEvent } from './log';
import { deriveStates } from './replay';

export interface KeyValueStore {
  get<T>(key: string): T | undefined;
  update(key: string, value: unknown): PromiseLike<void>;
}

/** Where this window appends its events (its own file: nobody else writes it). */
export interface LogSink {
  append(event: LogEvent): Promise<void>;
}

/** Every log file of this machine, for replay and undo. */
export interface LogSource {
  readAll(): Promise<LogEvent[]>;
}

export interface Clock {
  now(): Date;
}

export interface Receipt {
  rid: string;
  card: StoredCard;
  previous: StoredCard | undefined;
}

export interface EngineDeps {
  kv: KeyValueStore;
  sink: LogSink;
  source: LogSource;
  clock: Clock;
  /** A new unique event id. */
  newId(): string;
  scheduler(): Scheduler;
  /** A log write failed (the event is kept and retried) or succeeded again after failures. */
  onLogProblem?(error: unknown | undefined, pending: number): void;
}

/** Events whose append failed, kept in globalState until a retry succeeds (this machine only, not synced). */
export const PENDING_KEY = 'tensorTutor.pendingLog';

export interface LoadReport {
  kept: number;
  setAside: number;
  migrated: number;
  newerVersion?: number;
}

export class ProgressEngine {
  private record: CardsRecord = { version: 2, cards: Object.create(null) };
  private readonly queue = new SerialQueue();
  /** Events this window wrote, for undo without reading the log. */
  private readonly written = new Map<string, LogEvent>();
  /** A record of a newer format (another machine runs a newer version): read it, never write it back. */
  private readOnly = false;
  lastLoad: LoadReport = { kept: 0, setAside: 0, migrated: 0 };

  constructor(private readonly deps: EngineDeps) {
    this.load();
  }

  /** Reads the stored states; migrates version 1 once; sets damaged entries aside (never drops them). */
  load(): LoadReport {
    const { record, damaged, newerVersion } = readCardsRecord(this.deps.kv.get(CARDS_KEY));
    let migrated = 0;
    if (this.deps.kv.get(CARDS_KEY) === undefined && this.deps.kv.get(LEGACY_PROGRESS_KEY) !== undefined) {
      const legacy = migrateLegacy(this.deps.kv.get(LEGACY_PROGRESS_KEY));
      Object.assign(damaged, legacy.damaged);
      mergeInto(record, Object.entries(legacy.cards));
      migrated = Object.keys(legacy.cards).length;
    }
    this.record = record;
    this.readOnly = newerVersion !== undefined;
    const setAside = Object.keys(damaged).length;
    if (setAside) void this.deps.kv.update(QUARANTINE_KEY, { ...this.quarantined(), [this.deps.clock.now().toISOString()]: damaged });
    if ((setAside || migrated) && !this.readOnly) void this.deps.kv.update(CARDS_KEY, this.record);
    this.lastLoad = { kept: Object.keys(record.cards).length, setAside, migrated, ...(newerVersion !== undefined ? { newerVersion } : {}) };
    return this.lastLoad;
  }

  get isReadOnly(): boolean {
    return this.readOnly;
  }

  /** Damaged states set aside so far (by time of detection), until they are moved to a backup file. */
  quarantined(): Record<string, unknown> {
    const value = this.deps.kv.get<unknown>(QUARANTINE_KEY);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  }

  async releaseQuarantine(keys: readonly string[]): Promise<void> {
    const rest = { ...this.quarantined() };
    for (const k of keys) delete rest[k];
    await this.deps.kv.update(QUARANTINE_KEY, Object.keys(rest).length ? rest : undefined);
  }

  get(id: string): StoredCard | undefined {
    return effectiveCard(this.record.cards[id], this.record.resetAt);
  }

  status(id: string): CardStatus {
    return statusOf(this.get(id), this.deps.clock.now());
  }

  entries(): [string, StoredCard][] {
    return Object.keys(this.record.cards).flatMap((id) => {
      const card = this.get(id);
      return card ? [[id, card] as [string, StoredCard]] : [];
    });
  }

  /** Records a review: the log event first, then the card state. */
  grade(id: string, grade: Grade4, ms: number, options: { known?: boolean } = {}): Promise<Receipt> {
    return this.queue.run(async () => {
      this.refresh();
      const now = this.deps.clock.now();
      const previous = this.get(id);
      const card = this.deps.scheduler().grade(previous, grade, now);
      const event: ReviewEvent = { t: 'review', rid: this.deps.newId(), id, grade, at: now.toISOString(), ms: Math.max(0, Math.round(ms)), prev: previous ?? null, card, ...(options.known ? { known: true as const } : {}) };
      await this.append(event);
      await this.write([[id, { card, at: event.at, rid: event.rid }]]);
      return { rid: event.rid, card, previous };
    });
  }

  /**
   * Takes back review `rid` of card `id` (an undo in the quiz, also after a window reload), if the card's state
   * is still the one that review produced and it was not taken back already. A compensating event goes to the
   * log; the card returns to its state before the review.
   */
  undo(id: string, rid: string): Promise<boolean> {
    return this.queue.run(async () => {
      this.refresh();
      const current = this.record.cards[id];
      if (!current) return false;
      const latest = current.rid === rid;
      const events = latest && this.written.has(rid) ? [...this.written.values()] : await this.deps.source.readAll();
      const review = events.find((e) => e.rid === rid);
      if (review?.t !== 'review' || review.id !== id || review.prev === undefined || !review.card) return false;
      if (!latest && (events.some((e) => e.t === 'undo' && e.target === rid) || JSON.stringify(current.card) !== JSON.stringify(review.card))) return false;
      const at = this.deps.clock.now().toISOString();
      const event: LogEvent = { t: 'undo', rid: this.deps.newId(), id, target: rid, at };
      await this.append(event);
      await this.write([[id, { card: review.prev, at, rid: event.rid }]]);
      return true;
    });
  }

  /** Card states from an import (validated by the caller): one `set` event each, then one state write. */
  setCards(cards: Iterable<[string, StoredCard]>): Promise<void> {
    return this.queue.run(async () => {
      this.refresh();
      const at = this.deps.clock.now().toISOString();
      const changes: [string, CardEntry][] = [];
      for (const [id, card] of cards) {
        const event: LogEvent = { t: 'set', rid: this.deps.newId(), id, at, card };
        await this.append(event);
        changes.push([id, { card, at, rid: event.rid }]);
      }
      await this.write(changes);
    });
  }

  /** Every card becomes new. The log keeps its reviews (statistics); the reset event masks them for replay. */
  reset(): Promise<void> {
    return this.queue.run(async () => {
      const event: LogEvent = { t: 'reset', rid: this.deps.newId(), at: this.deps.clock.now().toISOString() };
      await this.append(event);
      await this.write([], event.at);
    });
  }

  /**
   * Folds every log file into the card states: reviews written by other windows, or a state write lost in a
   * crash, reach the cards. Deterministic; duplicate event ids count once. Returns how many cards changed.
   */
  replay(): Promise<number> {
    return this.queue.run(async () => {
      await this.flushPending();
      const scheduler = this.deps.scheduler();
      const derived = deriveStates(await this.deps.source.readAll(), (card, grade, at) => scheduler.grade(card, grade, at));
      this.refresh();
      const changes: [string, CardEntry][] = [];
      for (const [id, entry] of derived.cards) {
        const stored = this.record.cards[id];
        // An inexact (recomputed version-1) state never beats a stored one of the same moment.
        if (entry.exact ? isNewer(entry, stored) : !stored || Date.parse(entry.at) > Date.parse(stored.at)) {
          changes.push([id, { card: entry.card, at: entry.at, rid: entry.rid }]);
        }
      }
      const resetChanged = derived.resetAt !== undefined && derived.resetAt !== this.record.resetAt;
      if (!changes.length && !resetChanged) return 0;
      await this.write(changes, derived.resetAt);
      return changes.length;
    });
  }

  /** Re-reads globalState: other windows' and Settings Sync's writes, merged per card into what we hold. */
  refresh(): void {
    const fresh = readCardsRecord(this.deps.kv.get(CARDS_KEY)).record;
    mergeInto(this.record, Object.entries(fresh.cards), fresh.resetAt);
  }

  /** Waits for queued writes (tests, shutdown). */
  idle(): Promise<void> {
    return this.queue.idle();
  }

  get pendingCount(): number {
    return this.pending().length;
  }

  private pending(): LogEvent[] {
    const value = this.deps.kv.get<unknown>(PENDING_KEY);
    return Array.isArray(value) ? (value as LogEvent[]) : [];
  }

  /** Appends to the log; on failure the event waits in globalState and the caller carries on (it is retried). */
  private async append(event: LogEvent): Promise<void> {
    this.written.set(event.rid, event);
    if (await this.flushPending()) {
      try {
        await this.deps.sink.append(event);
        return;
      } catch (error) {
        await this.deps.kv.update(PENDING_KEY, [...this.pending(), event]);
        this.deps.onLogProblem?.(error, this.pending().length);
        return;
      }
    }
    await this.deps.kv.update(PENDING_KEY, [...this.pending(), event]);
  }

  /** Retries events whose append failed, in order. True when none is left waiting. */
  private async flushPending(): Promise<boolean> {
    const waiting = this.pending();
    if (!waiting.length) return true;
    let done = 0;
    try {
      for (const event of waiting) {
        await this.deps.sink.append(event);
        done++;
      }
    } catch (error) {
      await this.deps.kv.update(PENDING_KEY, waiting.slice(done));
      this.deps.onLogProblem?.(error, waiting.length - done);
      return false;
    }
    await this.deps.kv.update(PENDING_KEY, undefined);
    this.deps.onLogProblem?.(undefined, 0);
    return true;
  }

  /** Read-merge-write of the card states: only entries newer than what is stored replace it. */
  private async write(changes: [string, CardEntry][], resetAt?: string): Promise<void> {
    const stored = readCardsRecord(this.deps.kv.get(CARDS_KEY)).record;
    mergeInto(stored, Object.entries(this.record.cards), this.record.resetAt);
    mergeInto(stored, changes, resetAt);
    this.record = stored;
    if (!this.readOnly) await this.deps.kv.update(CARDS_KEY, stored);
  }
}
