// Spaced repetition through ts-fsrs (FSRS-6, default parameters). The clock is always passed in.
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

  constructor(desiredRetention = 0.9) {
    this.engine = fsrs({ request_retention: desiredRetention, enable_fuzz: false });
  }

  grade(stored: StoredCard | undefined, grade: Grade4, now: Date): StoredCard {
    const card = stored ? restore(stored) : createEmptyCard(now);
    return serialise(this.engine.next(card, now, RATING[grade]).card);
  }

  /** Next interval for each grade, for the button labels ("10m", "3d"). */
  preview(stored: StoredCard | undefined, now: Date): Record<Grade4, string> {
    const card = stored ? restore(stored) : createEmptyCard(now);
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

/** Runtime check of a stored card read back from storage (Settings Sync or an old version may change it). */
export function isStoredCard(value: unknown): value is StoredCard {
  const c = value as StoredCard;
  return (
    typeof c === 'object' && c !== null &&
    typeof c.due === 'string' && !Number.isNaN(Date.parse(c.due)) &&
    typeof c.stability === 'number' && typeof c.difficulty === 'number' &&
    typeof c.reps === 'number' && typeof c.lapses === 'number' && typeof c.state === 'number' &&
    typeof c.scheduled_days === 'number'
  );
}
