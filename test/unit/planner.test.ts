// The interview planner (src/core/study): its building blocks, and simulated learners whose true memory follows
// FSRS-6 with their own parameters. For each profile the planner must beat the plain FSRS queue (**Due now**:
// due reviews, then `newPerDay` new cards) on true recall at the date — with the learner's whole daily budget,
// and again when it is held to the plain queue's own measured workload. The figures are printed.
import { describe, expect, it } from 'vitest';
import { default_w } from 'ts-fsrs';
import { CardIndex, type Card } from '../../src/core/quiz/cards';
import { Scheduler } from '../../src/core/quiz/scheduler';
import { DAY_MS, MemoryModel, memoryOf } from '../../src/core/study/model';
import { inScope, interleaveTopics, parseIsoDate, planDay, type PlanCard } from '../../src/core/study/planner';
import { DEFAULT_PACE, studyPace } from '../../src/core/study/pace';
import { forecastReadiness } from '../../src/core/study/readiness';
import { learnerWeights, plainPolicy, plannerPolicy, simulate, type LearnerProfile, type SimulationResult, type SimulationState } from '../../src/core/study/simulate';
import { realBank } from './bankFixture';

const model = new MemoryModel();
const NOW = Date.UTC(2025, 2, 3, 19); // a Monday, 19:00 UTC: the simulated learners study in the evening
const hours = (h: number) => h * 3_600_000;

describe('memory model', () => {
  it('uses ts-fsrs\'s forgetting curve: R = 90% after S days, 0 for a card never studied', () => {
    expect(model.recall({ stability: 10, difficulty: 5, last: NOW }, NOW + 10 * DAY_MS)).toBeCloseTo(0.9, 6);
    expect(model.recall({ stability: 10, difficulty: 5, last: NOW }, NOW)).toBe(1);
    expect(model.recall(undefined, NOW)).toBe(0);
  });

  it('updates memory exactly as the app\'s scheduler does', () => {
    const scheduler = new Scheduler(0.9);
    let stored = scheduler.grade(undefined, 'good', new Date(NOW));
    let memory = model.after(undefined, NOW, 'good');
    for (const [days, grade] of [[1, 'good'], [3, 'again'], [1, 'hard'], [6, 'easy']] as const) {
      const at = memory.last + days * DAY_MS + hours(2);
      stored = scheduler.grade(stored, grade, new Date(at));
      memory = model.after(memory, at, grade);
      expect(memory.stability).toBeCloseTo(stored.stability, 6);
      expect(memory.difficulty).toBeCloseTo(stored.difficulty, 6);
      expect(memoryOf(stored)).toEqual({ stability: stored.stability, difficulty: stored.difficulty, last: at });
    }
  });
});

describe('planDay', () => {
  const target = NOW + 20 * DAY_MS;
  const budget = { minutesPerDay: 10, secondsPerReview: 30, secondsPerNew: 60 };
  const studied = (id: string, topic: string, stability: number, daysAgo: number): PlanCard => ({ id, topic, memory: { stability, difficulty: 5, last: NOW - daysAgo * DAY_MS } });

  it('fits the day\'s budget, minus what was already studied today', () => {
    const cards = [...Array.from({ length: 30 }, (_, i) => studied(`r${i}`, 'a', 2 + i, 3)), ...Array.from({ length: 30 }, (_, i) => ({ id: `n${i}`, topic: 'b' }))];
    const plan = planDay({ cards, now: NOW, target, budget, model });
    expect(plan.seconds).toBeLessThanOrEqual(600);
    expect(plan.seconds).toBeGreaterThan(600 - 60);
    expect(plan.seconds).toBe(plan.reviews * 30 + plan.newCards * 60);
    const later = planDay({ cards, now: NOW, target, budget: { ...budget, spentToday: 480 }, model });
    expect(later.seconds).toBeLessThanOrEqual(120);
    expect(planDay({ cards, now: NOW, target, budget: { ...budget, spentToday: 600 }, model }).queue).toEqual([]);
    expect(plan.atTarget.after).toBeGreaterThan(plan.atTarget.before);
  });

  it('prefers the card that would be forgotten by the date to the one just reviewed, and skips worthless reviews', () => {
    const cards = [studied('fresh', 'a', 30, 0.05), studied('fading', 'a', 2, 6), studied('solid', 'a', 400, 1)];
    const plan = planDay({ cards, now: NOW, target, budget: { ...budget, minutesPerDay: 60 }, model });
    expect(plan.queue[0]).toBe('fading');
    expect(plan.queue).not.toContain('solid'); // R at the date ≈ 0.99 already: no review is worth half a percent
    const gain = Object.fromEntries(plan.items.map((i) => [i.id, i.gain]));
    expect(gain.fading).toBeGreaterThan(gain.fresh ?? 0);
  });

  it('introduces new cards round-robin across topics, within maxNewPerDay', () => {
    const cards = ['a', 'a', 'a', 'b', 'b', 'c'].map((topic, i) => ({ id: `n${i}`, topic }));
    expect(interleaveTopics(cards).map((c) => c.topic)).toEqual(['a', 'b', 'c', 'a', 'b', 'a']);
    const plan = planDay({ cards, now: NOW, target, budget: { ...budget, maxNewPerDay: 4 }, model });
    expect(plan.queue).toEqual(['n0', 'n3', 'n5', 'n1']);
  });

  it('selects the scope: all, chosen topics, the mock-interview preset (no cloze drills)', () => {
    const cards = [{ id: 'q1', topic: 'a', kind: 'flashcard' }, { id: 'q1::c1', topic: 'a', kind: 'cloze' }, { id: 'q2', topic: 'b', kind: 'choice' }]
      .map((c) => ({ id: c.id, kind: c.kind as Card['kind'], question: { topic: c.topic } }));
    expect(inScope(cards, { kind: 'all' })).toHaveLength(3);
    expect(inScope(cards, { kind: 'topics', topics: ['b'] }).map((c) => c.id)).toEqual(['q2']);
    expect(inScope(cards, { kind: 'topics', topics: [] })).toHaveLength(3);
    expect(inScope(cards, { kind: 'mock' }).map((c) => c.id)).toEqual(['q1', 'q2']);
  });

  it('accepts only real calendar dates as the interview date', () => {
    expect(parseIsoDate('2025-03-13')).toBe('2025-03-13');
    expect(parseIsoDate(' 2024-02-29 ')).toBe('2024-02-29');
    for (const bad of ['2025-02-29', '2025-13-01', '2025-3-13', '13/03/2025', '', 20250313, null, '1999-12-31']) expect(parseIsoDate(bad)).toBeUndefined();
  });
});

describe('studyPace', () => {
  it('takes medians from the log (defaults until there are enough), and today\'s time in the learner\'s day', () => {
    const at = (h: number) => new Date(NOW + hours(h)).toISOString();
    expect(studyPace([], new Date(NOW), 0)).toEqual({ ...DEFAULT_PACE, spentToday: 0 });
    const reviews = [
      ...Array.from({ length: 12 }, (_, i) => ({ id: `r${i}`, grade: 'good' as const, at: at(-30), ms: 20_000 + i * 1000, wasNew: false })),
      ...Array.from({ length: 12 }, (_, i) => ({ id: `n${i}`, grade: 'good' as const, at: at(-30), ms: 60_000, wasNew: true })),
      { id: 'x', grade: 'good' as const, at: at(-1), ms: 3_600_000, wasNew: false }, // a pause: counted as 5 minutes
      { id: 'y', grade: 'good' as const, at: at(-2), ms: 40_000, wasNew: false },
      { id: 'z', grade: 'good' as const, at: at(-20), ms: 40_000, wasNew: false }, // yesterday
    ];
    const pace = studyPace(reviews, new Date(NOW), 0);
    expect(pace.secondsPerReview).toBe(27); // median of 20…31, 40, 40 and the capped 300
    expect(pace.secondsPerNew).toBe(60);
    expect(pace.spentToday).toBe(300 + 40);
    // At UTC+6 it is 01:00 the next day: only the review at 00:00 counts as today.
    expect(studyPace(reviews, new Date(NOW), 360).spentToday).toBe(300);
  });
});

interface Profile {
  learner: LearnerProfile;
  /** Days from the first session to the date. */
  days: number;
  newPerDay: number;
  /** Study before the plan starts: days of plain-queue study, then days of break. */
  history?: { days: number; breakDays: number };
}

const base = { secondsPerReview: 30, secondsPerNew: 75, firstGrades: { again: 0.3, hard: 0.15, good: 0.45, easy: 0.1 }, hardShare: 0.15, easyShare: 0.1, cardSpread: 0.3 };
const PROFILES: Profile[] = [
  { learner: { ...base, name: 'diligent (45 min/day, 60 days)', minutesPerDay: 45, weights: learnerWeights(default_w, { initial: 1.1, growth: 1.05 }) }, days: 60, newPerDay: 20 },
  { learner: { ...base, name: 'tight budget (15 min/day, 45 days, weaker memory, rests Sundays)', minutesPerDay: 15, secondsPerNew: 90, weights: learnerWeights(default_w, { initial: 0.8, growth: 0.9, decay: 1.15 }), skip: (d) => d % 7 === 6 }, days: 45, newPerDay: 20 },
  { learner: { ...base, name: 'late start (30 min/day, 14 days)', minutesPerDay: 30, weights: learnerWeights(default_w, { initial: 0.9, lapse: 0.9 }) }, days: 14, newPerDay: 20 },
  { learner: { ...base, name: 'returning (30 days studied, 30 off, 21 left; 25 min/day)', minutesPerDay: 25, weights: learnerWeights(default_w, { growth: 0.95, decay: 1.1 }) }, days: 21, newPerDay: 10, history: { days: 30, breakDays: 30 } },
];

describe('simulated learners: the planner against the plain FSRS queue', () => {
  const cards: Card[] = new CardIndex(realBank().bank.questions).cards;
  const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
  const row = (name: string, r: SimulationResult) => `  ${name.padEnd(22)} true recall at the date ${pct(r.recallAtTarget).padStart(6)} (model predicted ${pct(r.predictedAtTarget).padStart(6)})  ${String(r.reviews).padStart(5)} reviews  ${String(r.newCards).padStart(3)} new  ${String(Math.round(r.minutes)).padStart(5)} min`;

  for (const profile of PROFILES) {
    it(profile.learner.name, () => {
      const { learner, days } = profile;
      const start = NOW;
      const target = start + days * DAY_MS + hours(14); // the interview: 09:00 the morning after the last evening
      let from: SimulationState | undefined;
      if (profile.history) {
        const begin = start - (profile.history.days + profile.history.breakDays) * DAY_MS;
        from = simulate({ cards, learner, policy: plainPolicy(profile.newPerDay), start: begin, target: begin + profile.history.days * DAY_MS, seed: 99 }).state;
      }
      const budget = { minutesPerDay: learner.minutesPerDay, secondsPerReview: learner.secondsPerReview, secondsPerNew: learner.secondsPerNew };
      const run = (policy: ReturnType<typeof plainPolicy>, who = learner) => simulate({ cards, learner: who, policy, start, target, seed: 7, ...(from ? { from } : {}) });
      const plain = run(plainPolicy(profile.newPerDay));
      const planned = run(plannerPolicy(model, budget));
      // Held to the plain queue's own workload: its measured minutes per study day become the planner's budget.
      const matchedMinutes = plain.minutes / Math.max(1, plain.sessions);
      const matched = run(plannerPolicy(model, { ...budget, minutesPerDay: matchedMinutes }), { ...learner, minutesPerDay: matchedMinutes });
      // The strongest plain baseline: the best new-cards-per-day setting in hindsight.
      const best = [5, 10, 20, 40].map((n) => ({ n, r: run(plainPolicy(n)) })).sort((a, b) => b.r.recallAtTarget - a.r.recallAtTarget)[0];
      const lines = [`${learner.name}: ${cards.length} cards, ${plain.sessions} study days`,
        row(`plain queue (${profile.newPerDay} new/day)`, plain), row(`plain, best (${best.n} new/day)`, best.r), row('planner', planned), row(`planner @ ${matchedMinutes.toFixed(1)} min/day`, matched),
        `  gain: +${(100 * (planned.recallAtTarget - plain.recallAtTarget)).toFixed(1)} points (same workload: +${(100 * (matched.recallAtTarget - plain.recallAtTarget)).toFixed(1)}; over the best plain setting: +${(100 * (planned.recallAtTarget - best.r.recallAtTarget)).toFixed(1)})`];
      console.log(lines.join('\n'));
      expect(planned.recallAtTarget).toBeGreaterThan(plain.recallAtTarget + 0.01);
      expect(planned.recallAtTarget).toBeGreaterThan(best.r.recallAtTarget);
      expect(matched.recallAtTarget).toBeGreaterThan(plain.recallAtTarget);
      expect(matched.minutes).toBeLessThanOrEqual(plain.minutes + 1);
    });
  }

  it('is deterministic: the same seed gives the same figures', () => {
    const learner = PROFILES[2].learner;
    const target = NOW + 14 * DAY_MS + hours(14);
    const policy = () => plannerPolicy(model, { minutesPerDay: 30, secondsPerReview: 30, secondsPerNew: 75 });
    const a = simulate({ cards, learner, policy: policy(), start: NOW, target, seed: 3 });
    const b = simulate({ cards, learner, policy: policy(), start: NOW, target, seed: 3 });
    expect([a.recallAtTarget, a.reviews, a.newCards]).toEqual([b.recallAtTarget, b.reviews, b.newCards]);
  });
});

describe('readiness forecast', () => {
  const cards: Card[] = new CardIndex(realBank().bank.questions).cards;
  const topics = realBank().bank.topics;

  it('gives one point a day from now to the date, the plan above no study, and the topics at risk', () => {
    // Half the bank studied over the last weeks; the interview in 10 days at 09:00 (UTC+2).
    const scheduler = new Scheduler(0.9);
    const stored = new Map(cards.filter((_, i) => i % 2 === 0).map((c, i) => [c.id, scheduler.grade(undefined, i % 4 ? 'good' : 'again', new Date(NOW - (1 + (i % 20)) * DAY_MS))]));
    const target = Date.UTC(2025, 2, 13, 7);
    const input = { cards, topics, stored: (id: string) => stored.get(id), now: NOW, target, utcOffsetMinutes: 120, budget: { minutesPerDay: 30, secondsPerReview: 30, secondsPerNew: 75 }, model };
    const started = performance.now();
    const r = forecastReadiness(input);
    const ms = performance.now() - started;
    expect(r.date).toBe('2025-03-13');
    expect(r.daysLeft).toBe(10);
    expect(r.points.map((p) => p.date)).toEqual(['2025-03-03', ...Array.from({ length: 10 }, (_, i) => `2025-03-${String(4 + i).padStart(2, '0')}`)]);
    expect(r.points[0].plan).toBeCloseTo(r.points[0].noStudy, 6); // nothing studied yet at "now"
    for (let i = 1; i < r.points.length; i++) expect(r.points[i].noStudy).toBeLessThanOrEqual(r.points[i - 1].noStudy);
    expect(r.points.at(-1)!.plan).toBeGreaterThan(r.points.at(-1)!.noStudy + 0.1);
    expect(r.studied).toBe(stored.size);
    expect(r.today.minutes).toBeLessThanOrEqual(30);
    expect(r.today.newCards + r.today.reviews).toBeGreaterThan(0);
    const risks = r.atRisk.map((t) => t.plan);
    expect(risks).toEqual([...risks].sort((a, b) => a - b));
    expect(r.atRisk.every((t) => t.plan < r.riskBelow && t.title.length > 0)).toBe(true);
    expect(forecastReadiness(input)).toEqual(r); // seeded: the same view every time
    console.log(`readiness forecast: ${cards.length} cards, ${r.daysLeft} days, ${r.runs} simulated futures in ${ms.toFixed(0)} ms; at the date ${(100 * r.points.at(-1)!.plan).toFixed(1)}% with the plan, ${(100 * r.points.at(-1)!.noStudy).toFixed(1)}% without`);
  });
});
