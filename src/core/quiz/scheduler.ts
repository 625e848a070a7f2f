// Spaced repetition through ts-fsrs (FSRS-6: default parameters, or the learner's own once optimized). The clock
// is always passed in.
import { createEmptyCard, fsrs, Rating, State, TypeConvert, type Card, type FSRS, type Grade } from 'ts-fsrs';

export type Grade4 = 'again' | 'hard' | 'good' | 'easy';
export const GRADES: readonly Grade4[] = ['again', 'hard', 'good', 'easy'];
const RATING: Record<Grade4, Grade> = { again: Rating.Again, hard: Rating.Hard, good: Rating.Good, easy: Rating.Easy };

/** What we persist per question: ts-fsrs's card with dates as ISO strings. */
export interface StoredCard {
  due: string;
  stability: number;
  difficulty: number;
  elapsed_days: number;
  scheduled_days: number;
  learning_steps: number;
  reps: number;
  lapses: number;
  state: number;
  last_review?: string;
}

export type CardStatus = 'new' | 'learning' | 'due' | 'mastered' | 'review';

/** A review card is "mastered" once its interval reaches three weeks. */
export const MASTERED_DAYS = 21;

export class Scheduler {
  private readonly engine: FSRS;

  /** `weights`: FSRS-6 parameters (21 numbers); omitted = the defaults. */
  constructor(desiredRetention = 0.9, readonly weights?: readonly number[]) {
    this.engine = fsrs({ request_retention: desiredRetention, enable_fuzz: false, ...(weights ? { w: [...weights] } : {}) });
  }

  grade(stored: StoredCard | undefined, grade: Grade4, now: Date): StoredCard {
    return serialise(this.engine.next(this.card(stored, now), now, RATING[grade]).card);
  }

  /** A stored state the engine cannot use (it passed the checks, yet ts-fsrs throws) counts as a new card. */
  private card(stored: StoredCard | undefined, now: Date): Card {
    if (!stored) return createEmptyCard(now);
    try {
      const card = restore(stored);
      this.engine.repeat(card, now);
      return card;
    } catch {
      return createEmptyCard(now);
    }
  }

  /** Next interval for each grade, for the button labels ("10m", "3d"). */
  preview(stored: StoredCard | undefined, now: Date): Record<Grade4, string> {
    const card = this.card(stored, now);
    const outcomes = this.engine.repeat(card, now);
    const out = {} as Record<Grade4, string>;
    for (const g of GRADES) out[g] = formatInterval(outcomes[RATING[g]].card.due.getTime() - now.getTime());
    return out;
  }
}

export function statusOf(stored: StoredCard | undefined, now: Date): CardStatus {
  if (!stored || stored.state === State.New) return 'new';
  if (new Date(stored.due).getTime() <= now.getTime()) return 'due';
  if (stored.state === State.Learning || stored.state === State.Relearning) return 'learning';
  return stored.scheduled_days >= MASTERED_DAYS ? 'mastered' : 'review';
}

function restore(stored: StoredCard): Card {
  return TypeConvert.card({ ...stored, last_review: stored.last_review ?? undefined } as unknown as Card);
}

function serialise(card: Card): StoredCard {
  return {
    due: card.due.toISOString(),
    stability: card.stability,
    difficulty: card.difficulty,
    elapsed_days: card.elapsed_days,
    scheduled_days: card.scheduled_days,
    learning_steps: card.learning_steps,
    reps: card.reps,
    lapses: card.lapses,
    state: card.state,
    ...(card.last_review ? { last_review: new Date(card.last_review).toISOString() } : {}),
  };
}

export function formatInterval(ms: number): string {
  const minutes = Math.max(1, Math.round(ms / 60_000));
  if (minutes < 60) return `${minutes}m`;
  const hours = Math.round(minutes / 60);
  if (hours < 24) return `${hours}h`;
  const days = Math.round(hours / 24);
  if (days < 31) return `${days}d`;
  const months = days / 30.4;
  return months < 12 ? `${Math.round(months)}mo` : `${(days / 365).toFixed(1)}y`;
}

const MIN_TIME = Date.UTC(2000, 0, 1);
const MAX_TIME = Date.UTC(2200, 0, 1);
const inRange = (t: unknown) => typeof t === 'string' && Date.parse(t) >= MIN_TIME && Date.parse(t) <= MAX_TIME;
const count = (n: unknown) => Number.isInteger(n) && (n as number) >= 0 && (n as number) <= 1e6;
const finite = (n: unknown, min: number, max: number) => typeof n === 'number' && Number.isFinite(n) && n >= min && n <= max;

/**
 * Runtime check of a stored card read back from storage, the log or an import (Settings Sync, an old version or
 * a hand-edited file may change it): types and ranges, so a state the scheduler cannot handle never gets in.
 */
export function isStoredCard(value: unknown): value is StoredCard {
  const c = value as StoredCard;
  return (
    typeof c === 'object' && c !== null &&
    inRange(c.due) && (c.last_review === undefined || inRange(c.last_review)) &&
    [0, 1, 2, 3].includes(c.state) &&
    finite(c.stability, 0, 1e6) && finite(c.difficulty, 0, 10) &&
    count(c.reps) && count(c.lapses) &&
    finite(c.scheduled_days, 0, 1e6) &&
    (c.elapsed_days === undefined || finite(c.elapsed_days, 0, 1e6)) &&
    (c.learning_steps === undefined || count(c.learning_steps))
  );
}
