// The FSRS memory model the interview planner forecasts with: ts-fsrs's own forgetting curve
// R(t, S) = (1 + factor·t/S)^decay and its stability/difficulty update (`next_state`), over plain numbers.
// Pure: times are epoch milliseconds passed in, never read from a clock.
import { forgetting_curve, fsrs, Rating, State, type FSRS } from 'ts-fsrs';
import type { Grade4, StoredCard } from '../quiz/scheduler';

/** What FSRS knows about one card's memory: stability (days until R = 90%), difficulty 1–10, last review time. */
export interface Memory {
  stability: number;
  difficulty: number;
  /** Epoch ms of the last review. */
  last: number;
}

export const DAY_MS = 86_400_000;
const RATING: Record<Grade4, number> = { again: Rating.Again, hard: Rating.Hard, good: Rating.Good, easy: Rating.Easy };

/** Share of first ratings of a new card, again/hard/good/easy (overridable: a learner's own log knows better). */
export type GradeShares = Record<Grade4, number>;
export const DEFAULT_FIRST_GRADES: GradeShares = { again: 0.25, hard: 0.15, good: 0.5, easy: 0.1 };

export class MemoryModel {
  private readonly engine: FSRS;
  readonly weights: readonly number[];
  /** FSRS-6's w20: the forgetting curve's decay. */
  private readonly decay: number;

  /** `weights`: FSRS-6 parameters (21 numbers); omitted = ts-fsrs's defaults. */
  constructor(weights?: readonly number[]) {
    this.engine = fsrs({ enable_fuzz: false, ...(weights ? { w: [...weights] } : {}) });
    this.weights = [...this.engine.parameters.w];
    this.decay = this.weights[20];
  }

  /** Probability of recall at `at` (0 for a card never studied). */
  recall(memory: Memory | undefined, at: number): number {
    if (!memory) return 0;
    return forgetting_curve(this.decay, Math.max(0, at - memory.last) / DAY_MS, memory.stability);
  }

  /**
   * The memory after a review graded `grade` at `at`, exactly as ts-fsrs's scheduler updates it: elapsed time in
   * whole calendar days (0 = the same day: FSRS-6's short-term formula).
   */
  after(memory: Memory | undefined, at: number, grade: Grade4): Memory {
    const days = memory ? Math.max(0, utcDay(at) - utcDay(memory.last)) : 0;
    const next = this.engine.next_state(memory ? { stability: memory.stability, difficulty: memory.difficulty } : null, days, RATING[grade]);
    return { stability: next.stability, difficulty: next.difficulty, last: at };
  }

  /** Expected recall at `target` after a review at `at`: recalled (graded Good) with the predicted probability, else Again. */
  expectedAfterReview(memory: Memory, at: number, target: number): number {
    const p = this.recall(memory, at);
    return p * this.recall(this.after(memory, at, 'good'), target) + (1 - p) * this.recall(this.after(memory, at, 'again'), target);
  }

  /** Expected recall at `target` of a new card introduced at `at`, over the shares of first ratings. */
  expectedAfterFirst(at: number, target: number, shares: GradeShares = DEFAULT_FIRST_GRADES): number {
    let sum = 0;
    let total = 0;
    for (const g of ['again', 'hard', 'good', 'easy'] as const) {
      sum += shares[g] * this.recall(this.after(undefined, at, g), target);
      total += shares[g];
    }
    return total > 0 ? sum / total : 0;
  }
}

/** Whole UTC calendar days, as ts-fsrs counts elapsed days (`dateDiffInDays`). */
const utcDay = (ms: number) => Math.floor(ms / DAY_MS);

/** The memory of a stored card, or undefined for a card never studied (or one whose state is unusable). */
export function memoryOf(stored: StoredCard | undefined): Memory | undefined {
  if (!stored || stored.state === State.New || !stored.last_review) return undefined;
  const last = Date.parse(stored.last_review);
  if (!Number.isFinite(last) || !(stored.stability > 0) || !(stored.difficulty >= 1)) return undefined;
  return { stability: stored.stability, difficulty: stored.difficulty, last };
}
