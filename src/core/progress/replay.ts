// Log → card states, deterministically: the same events in any order, with duplicates, give the same states.
import { compareEvents, type LogEvent, type ReviewEvent } from './log';
import type { Grade4, StoredCard } from '../quiz/scheduler';
import type { CardEntry } from './cardRecord';

export interface Derived {
  cards: Map<string, CardEntry & { exact: boolean }>;
  /** Time of the latest reset: any card state older than this is "new". */
  resetAt?: string;
}

/** Deduplicated by event id and sorted into the one order every window agrees on. */
export function orderEvents(events: readonly LogEvent[]): LogEvent[] {
  const byId = new Map<string, LogEvent>();
  for (const e of events) if (!byId.has(e.rid)) byId.set(e.rid, e);
  return [...byId.values()].sort(compareEvents);
}

/**
 * `fold` recomputes a state for version-1 entries, which carry no card snapshot (those results are marked
 * `exact: false`, so an equally recent stored state is preferred to them).
 */
export function deriveStates(events: readonly LogEvent[], fold: (card: StoredCard | undefined, grade: Grade4, at: Date) => StoredCard): Derived {
  const ordered = orderEvents(events);
  const undone = new Set(ordered.flatMap((e) => (e.t === 'undo' ? [e.target] : [])));
  const cards: Derived['cards'] = new Map();
  let resetAt: string | undefined;
  for (const e of ordered) {
    switch (e.t) {
      case 'reset':
        resetAt = e.at;
        for (const [id] of cards) cards.set(id, { card: null, at: e.at, rid: e.rid, exact: true });
        break;
      case 'review': {
        if (undone.has(e.rid)) break;
        const before = cards.get(e.id)?.card ?? undefined;
        const card = e.card ?? fold(before, e.grade, new Date(e.at));
        cards.set(e.id, { card, at: e.at, rid: e.rid, exact: e.card !== undefined });
        break;
      }
      case 'undo': {
        // The review was skipped above: the state stays what it was before it; the undo is the latest event.
        const current = cards.get(e.id);
        cards.set(e.id, { card: current?.card ?? null, at: e.at, rid: e.rid, exact: true });
        break;
      }
      case 'set':
        cards.set(e.id, { card: e.card, at: e.at, rid: e.rid, exact: true });
        break;
    }
  }
  return { cards, ...(resetAt ? { resetAt } : {}) };
}

export interface ReviewFact {
  id: string;
  grade: Grade4;
  at: string;
  ms: number;
  /** Whether the card was new when reviewed (its first review since it was introduced or reset). */
  wasNew: boolean;
}

/** The reviews that count (undone ones do not), oldest first, for the statistics. */
export function effectiveReviews(events: readonly LogEvent[]): ReviewFact[] {
  const ordered = orderEvents(events);
  const undone = new Set(ordered.flatMap((e) => (e.t === 'undo' ? [e.target] : [])));
  const seen = new Set<string>();
  const out: ReviewFact[] = [];
  for (const e of ordered) {
    if (e.t === 'reset') seen.clear();
    if (e.t !== 'review' || undone.has(e.rid)) continue;
    out.push({ id: e.id, grade: e.grade, at: e.at, ms: e.ms, wasNew: wasNew(e, seen) });
    seen.add(e.id);
  }
  return out;
}

/** Whether a review was a card's first since it was introduced or reset (older log entries: first one seen). */
export function wasNew(e: ReviewEvent, seen: ReadonlySet<string>): boolean {
  if (e.prev !== undefined) return e.prev === null || e.prev.state === 0;
  if (typeof e.previousState === 'number') return e.previousState === 0;
  return !seen.has(e.id);
}
