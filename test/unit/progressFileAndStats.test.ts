import { describe, expect, it } from 'vitest';
import { Scheduler, type StoredCard } from '../../src/core/quiz/scheduler';
import { mergeProgress, parseProgressFile, serializeProgressFile } from '../../src/core/progress/exchange';
import { computeStats, heatLevel } from '../../src/core/quiz/stats';
import { effectiveReviews } from '../../src/core/progress/replay';
import type { LogEvent, ReviewEvent } from '../../src/core/progress/log';

const T0 = new Date('2026-03-04T09:00:00Z'); // a Wednesday
const day = (n: number, hour = 9) => new Date(Date.UTC(2026, 2, 4 + n, hour));
const scheduler = new Scheduler(0.9);
const reviewedAt = (when: Date, grade: 'again' | 'good' = 'good') => scheduler.grade(undefined, grade, when);

describe('progress file', () => {
  it('round-trips card states with a format tag and version', () => {
    const cards: [string, StoredCard][] = [['b', reviewedAt(T0)], ['a', reviewedAt(day(1), 'again')]];
    const text = serializeProgressFile(cards, T0);
    const json = JSON.parse(text);
    expect(json).toMatchObject({ format: 'tensor-tutor-progress', version: 1, exportedAt: T0.toISOString() });
    expect(Object.keys(json.cards)).toEqual(['a', 'b']);
    const parsed = parseProgressFile(text, T0);
    expect(parsed.ok && [...parsed.cards]).toEqual([...cards].sort(([x], [y]) => x.localeCompare(y)));
  });

  it('refuses malformed files as a whole, with a reason', () => {
    const good = JSON.parse(serializeProgressFile([['a', reviewedAt(T0)]], T0));
    const cases: [string, RegExp][] = [
      ['{"format":"tensor-tutor-progress", "version":1, "cards": {', /not valid JSON/],
      ['[]', /JSON object/],
      [JSON.stringify({ ...good, format: 'anki' }), /not a Tensor Tutor progress file/],
      [JSON.stringify({ ...good, version: 2 }), /unsupported version 2/],
      [JSON.stringify({ ...good, cards: [] }), /"cards" must be an object/],
      [JSON.stringify({ ...good, cards: { ...good.cards, b: { due: 'soon' } } }), /card "b" is not a valid card state/],
      [JSON.stringify({ ...good, cards: { '': good.cards.a } }), /invalid question id/],
    ];
    for (const [text, reason] of cases) {
      const parsed = parseProgressFile(text, T0);
      expect(parsed.ok, text).toBe(false);
      if (!parsed.ok) expect(parsed.error).toMatch(reason);
    }
  });

  it('keeps only known card fields from an imported file', () => {
    const card = { ...reviewedAt(T0), __proto__: { evil: true }, extra: 'x' };
    const text = JSON.stringify({ format: 'tensor-tutor-progress', version: 1, exportedAt: '', cards: { a: card } });
    const parsed = parseProgressFile(text, T0);
    expect(parsed.ok).toBe(true);
    if (parsed.ok) expect(Object.keys(parsed.cards.get('a')!)).not.toContain('extra');
  });

  it('merges: newest review wins per card, ties keep the local card, counts are reported', () => {
    const local = new Map<string, StoredCard>([
      ['old-here', reviewedAt(T0)],
      ['new-here', reviewedAt(day(5))],
      ['same', reviewedAt(day(2))],
    ]);
    const incoming = new Map<string, StoredCard>([
      ['old-here', reviewedAt(day(3), 'again')],
      ['new-here', reviewedAt(day(1))],
      ['same', reviewedAt(day(2))],
      ['only-there', reviewedAt(day(4))],
    ]);
    const result = mergeProgress((id) => local.get(id), incoming);
    expect({ added: result.added, updated: result.updated, keptLocal: result.keptLocal }).toEqual({ added: 1, updated: 1, keptLocal: 2 });
    expect([...result.changes.keys()].sort()).toEqual(['old-here', 'only-there']);
    expect(result.changes.get('old-here')).toEqual(incoming.get('old-here'));
    // Merging the result again changes nothing.
    for (const [id, c] of result.changes) local.set(id, c);
    expect(mergeProgress((id) => local.get(id), incoming).changes.size).toBe(0);
  });
});

let rid = 0;
function entry(id: string, when: Date, grade: ReviewEvent['grade'] = 'good', previousState?: number): ReviewEvent {
  return { t: 'review', rid: `r${String(++rid).padStart(4, '0')}`, id, grade, at: when.toISOString(), ms: 1000, ...(previousState === undefined ? {} : { previousState }) };
}
const reviews = (events: LogEvent[]) => effectiveReviews(events);

describe('statistics (injected clock)', () => {
  const questions = [
    { id: 'a', topic: 'x' },
    { id: 'b', topic: 'x' },
    { id: 'c', topic: 'y' },
    { id: 'd', topic: 'y' },
  ];
  const topics = [{ id: 'x', title: 'X' }, { id: 'y', title: 'Y' }, { id: 'z', title: 'Empty' }];
  const now = day(0, 20);

  it('counts reviews per day into a Monday-aligned heatmap ending today', () => {
    const entries = [entry('a', day(0, 8)), entry('a', day(0, 9)), entry('b', day(-1)), entry('c', day(-200)), entry('d', day(1))];
    const stats = computeStats({ reviews: reviews(entries), card: () => undefined, cards: questions, topics, now, utcOffsetMinutes: 0, weeks: 2 });
    expect(stats.today).toBe('2026-03-04');
    expect(stats.heatmap.start).toBe('2026-02-23'); // Monday of the previous week
    expect(stats.heatmap.counts).toHaveLength(10); // Mon..Sun + Mon..Wed
    expect(stats.heatmap.counts.slice(-2)).toEqual([1, 2]);
    expect(stats.heatmap.total).toBe(3); // the one from 200 days ago is outside, the future one ignored
    expect(stats.heatmap.max).toBe(2);
    expect(stats.heatmap.levels.slice(-3)).toEqual([0, 2, 4]);
    expect(stats.totals.reviews).toBe(4);
  });

  it('puts a review in the learner\'s local day (UTC offset)', () => {
    const lateEvening = new Date('2026-03-03T23:30:00Z');
    const utc = computeStats({ reviews: reviews([entry('a', lateEvening)]), card: () => undefined, cards: questions, topics, now, utcOffsetMinutes: 0, weeks: 1 });
    const noonUtc = day(0, 12); // 21:00 in Tokyo, same date
    const tokyo = computeStats({ reviews: reviews([entry('a', lateEvening)]), card: () => undefined, cards: questions, topics, now: noonUtc, utcOffsetMinutes: 540, weeks: 1 });
    expect(utc.heatmap.counts.at(-2)).toBe(1);
    expect(tokyo.heatmap.counts.at(-1)).toBe(1);
  });

  it('streak: consecutive days, today not yet reviewed keeps it alive, longest remembered', () => {
    const entries = [day(-10), day(-9), day(-8), day(-7), day(-3), day(-2), day(-1)].map((d) => entry('a', d));
    const s1 = computeStats({ reviews: reviews(entries), card: () => undefined, cards: questions, topics, now, utcOffsetMinutes: 0 });
    expect(s1.streak).toEqual({ current: 3, longest: 4, reviewedToday: false });
    const s2 = computeStats({ reviews: reviews([...entries, entry('b', day(0, 7))]), card: () => undefined, cards: questions, topics, now, utcOffsetMinutes: 0 });
    expect(s2.streak).toEqual({ current: 4, longest: 4, reviewedToday: true });
    const s3 = computeStats({ reviews: reviews(entries.slice(0, 4)), card: () => undefined, cards: questions, topics, now, utcOffsetMinutes: 0 });
    expect(s3.streak.current).toBe(0);
  });

  it('retention counts only reviews of cards that were not new, and Again as a failure', () => {
    const entries = [
      entry('a', day(-40), 'again'), // first review of a: new card, not counted
      entry('a', day(-39), 'good'),
      entry('a', day(-5), 'again'),
      entry('b', day(-4), 'good', 0), // explicit previousState 0: new
      entry('b', day(-3), 'good', 2),
      entry('c', day(-2), 'good', 2), // first in the log but the log says it was in review
    ];
    const stats = computeStats({ reviews: reviews(entries), card: () => undefined, cards: questions, topics, now, utcOffsetMinutes: 0 });
    expect(stats.retention).toEqual({ reviews: 4, passed: 3, percent: 75 });
    expect(stats.retention30).toEqual({ reviews: 3, passed: 2, percent: 66.7 });
    const empty = computeStats({ reviews: reviews([]), card: () => undefined, cards: questions, topics, now, utcOffsetMinutes: 0 });
    expect(empty.retention.percent).toBeNull();
  });

  it('mastery per topic from the card states now', () => {
    const mastered: StoredCard = { ...reviewedAt(T0), state: 2, scheduled_days: 30, due: day(20).toISOString() };
    const due: StoredCard = { ...reviewedAt(T0), state: 2, scheduled_days: 3, due: day(-1).toISOString() };
    const cards = new Map<string, StoredCard>([['a', mastered], ['b', due], ['c', mastered]]);
    const stats = computeStats({ reviews: reviews([]), card: (id) => cards.get(id), cards: questions, topics, now, utcOffsetMinutes: 0 });
    expect(stats.topics.map((t) => t.id)).toEqual(['x', 'y']); // topics without questions are left out
    expect(stats.topics[0]).toMatchObject({ total: 2, masteryPercent: 50, counts: { mastered: 1, due: 1, new: 0 } });
    expect(stats.topics[1]).toMatchObject({ total: 2, masteryPercent: 50, counts: { mastered: 1, new: 1 } });
    expect(stats.totals).toMatchObject({ cards: 4, studied: 3, mastered: 2, due: 1 });
  });

  it('an undone review counts nowhere: not in the heatmap, the streak or retention', () => {
    const kept = entry('a', day(-1), 'good', 2);
    const undone = entry('a', day(0, 8), 'again', 2);
    const undo: LogEvent = { t: 'undo', rid: 'u1', id: 'a', target: undone.rid, at: day(0, 8).toISOString() };
    const stats = computeStats({ reviews: reviews([kept, undone, undo]), card: () => undefined, cards: questions, topics, now, utcOffsetMinutes: 0 });
    expect(stats.totals.reviews).toBe(1);
    expect(stats.streak.reviewedToday).toBe(false);
    expect(stats.retention).toEqual({ reviews: 1, passed: 1, percent: 100 });
  });

  it('heat levels', () => {
    expect([0, 1, 2, 3, 4, 8].map((n) => heatLevel(n, 8))).toEqual([0, 1, 1, 2, 2, 4]);
    expect(heatLevel(3, 0)).toBe(0);
  });
});
