// How long this learner takes per card, and how much they already studied today, from the review log: the
// planner's budget is in minutes, so it needs seconds per review and per new card. Pure: clock and time zone
// are passed in.
import type { ReviewFact } from '../progress/replay';
import { DAY_MS } from './model';

export interface Pace {
  secondsPerReview: number;
  secondsPerNew: number;
  /** Seconds studied today (the learner's day), each review counted at most MAX_COUNTED_SECONDS. */
  spentToday: number;
}

export const DEFAULT_PACE = { secondsPerReview: 30, secondsPerNew: 75 } as const;
/** A review longer than this was mostly a pause (the panel left open). */
const MAX_COUNTED_SECONDS = 300;
/** Reviews needed before the learner's own median replaces the default. */
const MIN_SAMPLES = 10;
const RECENT = 300;

export function studyPace(reviews: readonly ReviewFact[], now: Date, utcOffsetMinutes: number): Pace {
  const offset = utcOffsetMinutes * 60_000;
  const today = Math.floor((now.getTime() + offset) / DAY_MS);
  const seconds = (r: ReviewFact) => Math.min(MAX_COUNTED_SECONDS, Math.max(0, r.ms / 1000));
  let spentToday = 0;
  for (const r of reviews) {
    const at = Date.parse(r.at);
    if (Number.isFinite(at) && at <= now.getTime() && Math.floor((at + offset) / DAY_MS) === today) spentToday += seconds(r);
  }
  const recent = reviews.slice(-RECENT).filter((r) => r.ms > 0);
  const median = (xs: number[], fallback: number, min: number, max: number) => {
    if (xs.length < MIN_SAMPLES) return fallback;
    const sorted = [...xs].sort((a, b) => a - b);
    return Math.min(max, Math.max(min, sorted[Math.floor(sorted.length / 2)]));
  };
  return {
    secondsPerReview: median(recent.filter((r) => !r.wasNew).map(seconds), DEFAULT_PACE.secondsPerReview, 5, 180),
    secondsPerNew: median(recent.filter((r) => r.wasNew).map(seconds), DEFAULT_PACE.secondsPerNew, 10, 300),
    spentToday: Math.round(spentToday),
  };
}
