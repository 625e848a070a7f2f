// Optimize Scheduling's pure core: the review log → per-card histories with day deltas, the training items,
// log loss and RMSE (bins) with ts-fsrs's model, the minimum-history rule and the parameter record with undo.
import { describe, expect, it } from 'vitest';
import { fsrs } from 'ts-fsrs';
import { ProgressEngine, type KeyValueStore } from '../../src/core/progress/engine';
import type { LogEvent, ReviewEvent } from '../../src/core/progress/log';
import { Scheduler, type Grade4 } from '../../src/core/quiz/scheduler';
import { packItems, reviewHistories, summarise, trainingItems, type CardHistory } from '../../src/core/study/trainingSet';
import { evaluateParameters } from '../../src/core/study/metrics';
import { checkHistory, fitParameters, MIN_TRAINING_REVIEWS, type Optimizer } from '../../src/core/study/optimizer';
import { activeWeights, applyParameters, DEFAULT_RECORD, readParameterRecord, roundWeights, undoParameters, type ParameterSet } from '../../src/core/study/parameters';

/** A log written by the real engine and scheduler, with the clock set per action. */
function recorder() {
  const events: LogEvent[] = [];
  const store = new Map<string, unknown>();
  const kv: KeyValueStore = { get: <T>(k: string) => store.get(k) as T | undefined, update: async (k, v) => void store.set(k, v) };
  let now = new Date(0);
  let n = 0;
  const engine = new ProgressEngine({
    kv, clock: { now: () => now }, newId: () => `e${String(++n).padStart(4, '0')}`, scheduler: () => new Scheduler(0.9),
    sink: { append: async (e) => void events.push(e) }, source: { readAll: async () => events },
  });
  return {
    events,
    async grade(id: string, grade: Grade4, at: string) {
      now = new Date(at);
      return (await engine.grade(id, grade, 1000)).rid;
    },
    async undo(id: string, rid: string, at: string) {
      now = new Date(at);
      expect(await engine.undo(id, rid)).toBe(true);
    },
    async reset(at: string) {
      now = new Date(at);
      await engine.reset();
    },
  };
}

const days = (h: CardHistory) => h.reviews.map((r) => r.days);
const ratings = (h: CardHistory) => h.reviews.map((r) => r.rating);

describe('review log → histories', () => {
  it('one history per card, in order, with UTC calendar days between reviews (same-day steps count 0)', async () => {
    const log = recorder();
    await log.grade('a', 'again', '2026-01-05T09:00:00Z');
    await log.grade('a', 'good', '2026-01-05T09:10:00Z');
    await log.grade('b', 'good', '2026-01-05T23:30:00Z');
    await log.grade('a', 'good', '2026-01-08T08:00:00Z');
    await log.grade('b', 'hard', '2026-01-06T00:30:00Z'); // one hour later, but the next UTC day
    const histories = reviewHistories([...log.events].reverse()); // any order
    expect(histories.map((h) => h.id)).toEqual(['a', 'b']);
    expect(ratings(histories[0])).toEqual([1, 3, 3]);
    expect(days(histories[0])).toEqual([0, 0, 3]);
    expect(ratings(histories[1])).toEqual([3, 2]);
    expect(days(histories[1])).toEqual([0, 1]);
    expect(summarise(histories)).toEqual({ cards: 2, reviews: 5, trainingReviews: 2 });
  });

  it('undone reviews do not count; the review after an undo continues the history', async () => {
    const log = recorder();
    await log.grade('a', 'good', '2026-01-05T09:00:00Z');
    const wrong = await log.grade('a', 'again', '2026-01-07T09:00:00Z');
    await log.undo('a', wrong, '2026-01-07T09:00:02Z');
    await log.grade('a', 'easy', '2026-01-07T09:00:05Z');
    const [h] = reviewHistories([...log.events, ...log.events]); // duplicates are ignored
    expect(ratings(h)).toEqual([3, 4]);
    expect(days(h)).toEqual([0, 2]);
  });

  it('a reset starts new histories; an imported state or an unexplained one ends the chain', async () => {
    const log = recorder();
    await log.grade('a', 'good', '2026-01-05T09:00:00Z');
    await log.grade('a', 'good', '2026-01-08T09:00:00Z');
    await log.reset('2026-01-09T09:00:00Z');
    await log.grade('a', 'easy', '2026-01-10T09:00:00Z');
    await log.grade('b', 'good', '2026-01-10T09:01:00Z');
    const imported: LogEvent = { t: 'set', rid: 'imp', id: 'b', at: '2026-01-11T00:00:00Z', card: (log.events.at(-1) as ReviewEvent).card! };
    await log.grade('b', 'good', '2026-01-12T09:00:00Z');
    await log.grade('c', 'good', '2026-01-10T09:02:00Z');
    await log.grade('c', 'good', '2026-01-13T09:00:00Z');
    // Another machine reviewed c meanwhile: this review starts from a state the log does not explain.
    const foreign: ReviewEvent = { ...(log.events.at(-1) as ReviewEvent), rid: 'foreign', at: '2026-01-20T09:00:00Z', prev: { ...(log.events.at(-1) as ReviewEvent).card!, reps: 7 } };
    const histories = reviewHistories([...log.events, imported, foreign]);
    expect(histories.map((h) => `${h.id}:${ratings(h).join('')}`)).toEqual(['a:33', 'a:4', 'b:3', 'c:33']);
  });

  it('version-1 entries (no card snapshots) still make histories', () => {
    const v1 = (id: string, grade: Grade4, at: string, previousState?: number): ReviewEvent => ({ t: 'review', rid: `v1:${id}:${at}`, id, grade, at, ms: 0, ...(previousState !== undefined ? { previousState } : {}) });
    const histories = reviewHistories([v1('a', 'good', '2025-03-01T10:00:00Z', 0), v1('a', 'good', '2025-03-04T10:00:00Z', 2), v1('b', 'again', '2025-03-01T10:00:00Z'), v1('b', 'good', '2025-03-02T10:00:00Z')]);
    expect(histories.map((h) => [h.id, days(h)])).toEqual([['a', [0, 3]], ['b', [0, 1]]]);
  });

  it('training items: every prefix ending a day or more after the previous review, packed for the optimizer', () => {
    const h: CardHistory = { id: 'x', reviews: [{ rating: 1, days: 0 }, { rating: 3, days: 0 }, { rating: 3, days: 2 }, { rating: 1, days: 5 }, { rating: 3, days: 0 }] };
    const items = trainingItems([h]);
    expect(items.map((i) => i.length)).toEqual([3, 4]);
    const packed = packItems(items);
    expect([...packed.lengths]).toEqual([3, 4]);
    expect([...packed.ratings]).toEqual([1, 3, 3, 1, 3, 3, 1]);
    expect([...packed.deltas]).toEqual([0, 0, 2, 0, 0, 2, 5]);
  });
});

describe('log loss and RMSE (bins)', () => {
  const model = fsrs({ enable_short_term: true });

  it('are computed with ts-fsrs’s memory model and forgetting curve', () => {
    const h: CardHistory = { id: 'x', reviews: [{ rating: 3, days: 0 }, { rating: 3, days: 3 }, { rating: 1, days: 10 }] };
    const s1 = model.next_state(null, 0, 3);
    const p1 = model.forgetting_curve(3, s1.stability);
    const s2 = model.next_state(s1, 3, 3);
    const p2 = model.forgetting_curve(10, s2.stability);
    const m = evaluateParameters([h]);
    expect(m.count).toBe(2);
    expect(m.logLoss).toBeCloseTo((-Math.log(p1) - Math.log(1 - p2)) / 2, 10);
    // Different intervals → different bins, one review each: RMSE = root mean of squared errors.
    expect(m.rmse).toBeCloseTo(Math.sqrt(((1 - p1) ** 2 + p2 ** 2) / 2), 10);
  });

  it('reviews in one bin are compared by their mean; parameters change the figures; no reviews → NaN', () => {
    const h = (rating: 1 | 3): CardHistory => ({ id: 'x', reviews: [{ rating: 3, days: 0 }, { rating, days: 3 }] });
    const p = model.forgetting_curve(3, model.next_state(null, 0, 3).stability);
    const m = evaluateParameters([h(3), h(1)]);
    expect(m.rmse).toBeCloseTo(Math.abs(p - 0.5), 10);
    const w = [...fsrs().parameters.w];
    w[2] = 10; // a much larger initial stability after Good
    expect(evaluateParameters([h(3), h(3)], w).logLoss).toBeLessThan(evaluateParameters([h(3), h(3)]).logLoss);
    expect(evaluateParameters([]).logLoss).toBeNaN();
  });
});

describe('the minimum history and the run', () => {
  const history = (n: number): CardHistory => ({ id: `c${n}`, reviews: [{ rating: 3, days: 0 }, { rating: 3, days: 2 }, { rating: 3, days: 5 }] });

  it(`refuses below ${MIN_TRAINING_REVIEWS} reviews made a day or more after the previous one`, () => {
    const short = checkHistory(Array.from({ length: MIN_TRAINING_REVIEWS / 2 - 1 }, (_, i) => history(i)));
    expect(short).toMatchObject({ ok: false, needed: MIN_TRAINING_REVIEWS, summary: { trainingReviews: MIN_TRAINING_REVIEWS - 2, reviews: 3 * (MIN_TRAINING_REVIEWS / 2 - 1) } });
    expect(checkHistory(Array.from({ length: MIN_TRAINING_REVIEWS / 2 }, (_, i) => history(i))).ok).toBe(true);
  });

  it('fits through the optimizer interface, rounds to 4 decimals and evaluates both sets on the same reviews', async () => {
    const seen: number[] = [];
    const optimizer: Optimizer = {
      name: 'fake',
      fit(items, onProgress) {
        expect(items.lengths.length).toBe(20);
        onProgress({ fraction: 1, label: 'epoch 1' });
        return Float32Array.from(fsrs().parameters.w, (w, i) => (i === 2 ? 7.123456 : w));
      },
    };
    let t = 100;
    const result = await fitParameters(Array.from({ length: 10 }, (_, i) => history(i)), undefined, optimizer, (p) => seen.push(p.fraction), () => (t += 50));
    expect(result.weights[2]).toBe(7.1235);
    expect(result.fitMs).toBe(50);
    expect(seen).toEqual([1]);
    expect(result.before.count).toBe(20);
    expect(result.after.logLoss).toBeLessThan(result.before.logLoss);
  });
});

describe('the stored parameter record', () => {
  const set = (w2: number): ParameterSet => ({ weights: roundWeights(fsrs().parameters.w.map((w, i) => (i === 2 ? w2 : w))), fittedAt: '2026-02-23T10:00:00.000Z', reviews: 1579, logLoss: 0.49, rmse: 0.058 });

  it('apply keeps the previous set; undo swaps back (and can itself be undone)', () => {
    const applied = applyParameters(DEFAULT_RECORD, set(5));
    expect(activeWeights(applied)?.[2]).toBe(5);
    const undone = undoParameters(applied)!;
    expect(undone.active).toBeNull();
    expect(activeWeights(undone)).toBeUndefined();
    expect(undoParameters(undone)!.active?.weights[2]).toBe(5);
    expect(undoParameters(DEFAULT_RECORD)).toBeUndefined();
    const twice = applyParameters(applied, set(6));
    expect(undoParameters(twice)!.active?.weights[2]).toBe(5);
  });

  it('reads back only what is valid (Settings Sync or a hand edit may bring anything)', () => {
    const good = applyParameters(DEFAULT_RECORD, set(5));
    expect(readParameterRecord(JSON.parse(JSON.stringify(good)))).toEqual(good);
    for (const bad of [undefined, null, 42, 'x', {}, { version: 2, active: null }, { version: 1, active: { weights: [1, 2, 3] } }, { version: 1, active: { ...set(5), weights: [...set(5).weights.slice(0, 20), Number.NaN] } }, { version: 1, active: { ...set(5), weights: [...set(5).weights.slice(0, 20), 1e9] } }]) {
      expect(readParameterRecord(bad)).toEqual(DEFAULT_RECORD);
    }
    expect(readParameterRecord({ version: 1, active: null, previous: { weights: 'no' } })).toEqual(DEFAULT_RECORD);
    expect(readParameterRecord({ version: 1, active: { ...set(5), reviews: -1, fittedAt: 'never' } }).active).toMatchObject({ reviews: 0, fittedAt: '1970-01-01T00:00:00.000Z' });
  });
});
