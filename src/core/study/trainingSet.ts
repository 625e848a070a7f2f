// The review log → what the FSRS optimizer learns from: per-card review histories with day deltas, and the
// training items (every prefix of a history that ends at a review made a day or more after the one before).
// A history is a chain of reviews in which each review starts from the state the previous one left: it begins
// when a card is new (first review, or the first after a reset), and ends at a reset, an imported state, or a
// review that starts from a state this log does not explain (another machine reviewed the card meanwhile).
// Reviews outside such a chain teach nothing reliable and are left out. Days are UTC calendar days, exactly as
// the scheduler (ts-fsrs) counts them.
import { dateDiffInDays } from 'ts-fsrs';
import { orderEvents, wasNew } from '../progress/replay';
import type { LogEvent, ReviewEvent } from '../progress/log';
import type { Grade4, StoredCard } from '../quiz/scheduler';

export type Rating = 1 | 2 | 3 | 4;
export const RATINGS: Record<Grade4, Rating> = { again: 1, hard: 2, good: 3, easy: 4 };

export interface HistoryReview {
  rating: Rating;
  /** UTC calendar days since the previous review of this history; 0 for the first. */
  days: number;
}

export interface CardHistory {
  id: string;
  reviews: HistoryReview[];
}

export interface HistorySummary {
  cards: number;
  /** Reviews inside histories. */
  reviews: number;
  /** Reviews made a day or more after the previous review of the same history: what the optimizer fits. */
  trainingReviews: number;
}

/** The optimizer's input, flattened: item i is `lengths[i]` consecutive (rating, delta) pairs. */
export interface PackedItems {
  ratings: Uint32Array;
  deltas: Uint32Array;
  lengths: Uint32Array;
}

interface OpenChain {
  history: CardHistory;
  lastAt: Date;
  /** The state the last review left (absent for version-1 entries, which carry none). */
  lastCard?: StoredCard;
}

/** Review histories from the log's events (any order, duplicates allowed; undone reviews do not count). */
export function reviewHistories(events: readonly LogEvent[]): CardHistory[] {
  const ordered = orderEvents(events);
  const undone = new Set(ordered.flatMap((e) => (e.t === 'undo' ? [e.target] : [])));
  const open = new Map<string, OpenChain>();
  const seen = new Set<string>();
  const out: CardHistory[] = [];
  for (const e of ordered) {
    if (e.t === 'reset') {
      open.clear();
      seen.clear();
    } else if (e.t === 'set') {
      open.delete(e.id);
      seen.add(e.id);
    } else if (e.t === 'review' && !undone.has(e.rid)) {
      const at = new Date(e.at);
      const chain = open.get(e.id);
      if (wasNew(e, seen)) {
        const history: CardHistory = { id: e.id, reviews: [{ rating: RATINGS[e.grade], days: 0 }] };
        out.push(history);
        open.set(e.id, { history, lastAt: at, ...(e.card ? { lastCard: e.card } : {}) });
      } else if (chain && continues(e, chain)) {
        chain.history.reviews.push({ rating: RATINGS[e.grade], days: Math.max(0, dateDiffInDays(chain.lastAt, at)) });
        chain.lastAt = at;
        if (e.card) chain.lastCard = e.card;
        else delete chain.lastCard;
      } else {
        open.delete(e.id);
      }
      seen.add(e.id);
    }
  }
  return out;
}

/** The review starts from the state the chain's last review left (version-1 entries cannot tell: trusted). */
function continues(e: ReviewEvent, chain: OpenChain): boolean {
  if (!e.prev || !chain.lastCard) return true;
  return e.prev.reps === chain.lastCard.reps && e.prev.last_review === chain.lastCard.last_review;
}

export function summarise(histories: readonly CardHistory[]): HistorySummary {
  let reviews = 0;
  let trainingReviews = 0;
  for (const h of histories) {
    reviews += h.reviews.length;
    trainingReviews += h.reviews.filter((r, i) => i > 0 && r.days >= 1).length;
  }
  return { cards: histories.length, reviews, trainingReviews };
}

/** Every prefix of every history that ends at a review a day or more after the one before it. */
export function trainingItems(histories: readonly CardHistory[]): HistoryReview[][] {
  const items: HistoryReview[][] = [];
  for (const h of histories) {
    for (let k = 1; k < h.reviews.length; k++) if (h.reviews[k].days >= 1) items.push(h.reviews.slice(0, k + 1));
  }
  return items;
}

export function packItems(items: readonly (readonly HistoryReview[])[]): PackedItems {
  const total = items.reduce((n, item) => n + item.length, 0);
  const packed: PackedItems = { ratings: new Uint32Array(total), deltas: new Uint32Array(total), lengths: new Uint32Array(items.length) };
  let at = 0;
  items.forEach((item, i) => {
    packed.lengths[i] = item.length;
    for (const r of item) {
      packed.ratings[at] = r.rating;
      packed.deltas[at] = r.days;
      at++;
    }
  });
  return packed;
}
