// Study statistics from the review log and the card states. Pure: the clock and the learner's UTC offset
// (where their day starts) are passed in, so tests pin every number. Undone reviews never reach here
// (`effectiveReviews` leaves them out).
import type { ReviewFact } from '../progress/replay';
import { statusOf, type CardStatus, type StoredCard } from './scheduler';

export interface StatsInput {
  reviews: readonly ReviewFact[];
  card: (id: string) => StoredCard | undefined;
  /** Every card (questions and cloze deletions) with its topic. */
  cards: readonly { id: string; topic: string }[];
  topics: readonly { id: string; title: string }[];
  now: Date;
  /** Minutes east of UTC for day boundaries: `-new Date().getTimezoneOffset()` on the host. */
  utcOffsetMinutes: number;
  /** Whole weeks in the heatmap (the last one ends today). */
  weeks?: number;
}

export interface TopicMastery {
  id: string;
  title: string;
  total: number;
  counts: Record<CardStatus, number>;
  /** Share of the topic's cards that are mastered (interval ≥ 3 weeks), 0–100. */
  masteryPercent: number;
}

export interface Retention {
  /** Reviews of cards that were not new at the time. */
  reviews: number;
  /** Of those, how many were not rated Again. */
  passed: number;
  /** passed / reviews in percent, or null when there is nothing to measure yet. */
  percent: number | null;
}

export interface Heatmap {
  /** First day shown (a Monday), YYYY-MM-DD in the learner's time zone. */
  start: string;
  /** Reviews per day from `start` to today inclusive; day i sits in week column ⌊i/7⌋, weekday row i mod 7. */
  counts: number[];
  /** Colour level 0–4 per day (see heatLevel). */
  levels: number[];
  max: number;
  total: number;
}

export interface Stats {
  today: string;
  topics: TopicMastery[];
  totals: { cards: number; studied: number; mastered: number; due: number; reviews: number };
  heatmap: Heatmap;
  streak: { current: number; longest: number; reviewedToday: boolean };
  retention: Retention;
  retention30: Retention;
}

const DAY_MS = 86_400_000;
export const DEFAULT_HEATMAP_WEEKS = 18; // about four months

export function computeStats(input: StatsInput): Stats {
  const offsetMs = input.utcOffsetMinutes * 60_000;
  const dayNumber = (time: number) => Math.floor((time + offsetMs) / DAY_MS);
  const today = dayNumber(input.now.getTime());

  const entries = input.reviews
    .map((e) => ({ e, time: Date.parse(e.at) }))
    .filter(({ time }) => !Number.isNaN(time) && time <= input.now.getTime())
    .sort((a, b) => a.time - b.time);

  // Per-day counts.
  const perDay = new Map<number, number>();
  for (const { time } of entries) perDay.set(dayNumber(time), (perDay.get(dayNumber(time)) ?? 0) + 1);

  // Heatmap: whole weeks starting on a Monday, the last week containing today.
  const weeks = Math.max(1, Math.floor(input.weeks ?? DEFAULT_HEATMAP_WEEKS));
  const weekdayMon0 = (today + 3) % 7; // day 0 (1970-01-01) was a Thursday
  const start = today - weekdayMon0 - 7 * (weeks - 1);
  const counts: number[] = [];
  for (let d = start; d <= today; d++) counts.push(perDay.get(d) ?? 0);

  // Streaks: consecutive days with at least one review; today without reviews yet does not break it.
  const reviewedToday = perDay.has(today);
  let current = 0;
  for (let d = reviewedToday ? today : today - 1; perDay.has(d); d--) current++;
  let longest = 0;
  let run = 0;
  let previous: number | undefined;
  for (const d of [...perDay.keys()].sort((a, b) => a - b)) {
    run = previous !== undefined && d === previous + 1 ? run + 1 : 1;
    longest = Math.max(longest, run);
    previous = d;
  }

  // Retention: reviews of cards that had been studied before.
  const all = { reviews: 0, passed: 0 };
  const recent = { reviews: 0, passed: 0 };
  const since30 = input.now.getTime() - 30 * DAY_MS;
  for (const { e, time } of entries) {
    if (e.wasNew) continue;
    const ok = e.grade !== 'again';
    all.reviews++;
    if (ok) all.passed++;
    if (time >= since30) {
      recent.reviews++;
      if (ok) recent.passed++;
    }
  }

  // Mastery per topic, from the card states now.
  const byTopic = new Map(input.topics.map((t) => [t.id, { id: t.id, title: t.title, total: 0, counts: emptyCounts(), masteryPercent: 0 } as TopicMastery]));
  const totals = { cards: 0, studied: 0, mastered: 0, due: 0, reviews: entries.length };
  for (const q of input.cards) {
    const status = statusOf(input.card(q.id), input.now);
    const topic = byTopic.get(q.topic);
    if (topic) {
      topic.total++;
      topic.counts[status]++;
    }
    totals.cards++;
    if (status !== 'new') totals.studied++;
    if (status === 'mastered') totals.mastered++;
    if (status === 'due') totals.due++;
  }
  for (const t of byTopic.values()) t.masteryPercent = t.total ? Math.round((100 * t.counts.mastered) / t.total) : 0;

  return {
    today: isoDay(today),
    topics: [...byTopic.values()].filter((t) => t.total > 0),
    totals,
    heatmap: heatmap(isoDay(start), counts),
    streak: { current, longest, reviewedToday },
    retention: retention(all),
    retention30: retention(recent),
  };
}

function heatmap(start: string, counts: number[]): Heatmap {
  const max = Math.max(0, ...counts);
  return { start, counts, levels: counts.map((c) => heatLevel(c, max)), max, total: counts.reduce((a, b) => a + b, 0) };
}

function emptyCounts(): Record<CardStatus, number> {
  return { new: 0, learning: 0, due: 0, review: 0, mastered: 0 };
}

function retention(r: { reviews: number; passed: number }): Retention {
  return { ...r, percent: r.reviews ? Math.round((1000 * r.passed) / r.reviews) / 10 : null };
}

function isoDay(dayNumber: number): string {
  return new Date(dayNumber * DAY_MS).toISOString().slice(0, 10);
}

/** Heatmap colour level 0–4 for a day's count (0 = none; quartiles of the busiest day otherwise). */
export function heatLevel(count: number, max: number): number {
  if (count <= 0 || max <= 0) return 0;
  return Math.min(4, Math.max(1, Math.ceil((4 * count) / max)));
}
