// The readiness curve: day by day up to the interview, the share of the scope you are predicted to recall,
// under the FSRS forecast. Two lines, both labelled in the view:
//   - "if you follow the plan": the mean of a few seeded simulated futures in which the learner studies the
//     planner's queue every day within the budget and remembers exactly as the FSRS model predicts;
//   - "with no further study": the forgetting curve of every card from its current state.
// Plus the topics at risk: the lowest predicted recall at the date (with the plan). Pure: clock, states and
// seed are passed in.
import type { Card } from '../quiz/cards';
import type { StoredCard } from '../quiz/scheduler';
import { DAY_MS, DEFAULT_FIRST_GRADES, memoryOf, type MemoryModel } from './model';
import { planDay, type Budget } from './planner';
import { planCards, simulate, type LearnerProfile, type SimulationState } from './simulate';

export interface ReadinessInput {
  /** The scope's cards. */
  cards: readonly Card[];
  topics: readonly { id: string; title: string }[];
  stored: (id: string) => StoredCard | undefined;
  now: number;
  /** When recall counts (the interview), epoch ms. */
  target: number;
  /** Minutes east of UTC: where the learner's days start (labels of the curve). */
  utcOffsetMinutes: number;
  budget: Budget;
  model: MemoryModel;
  /** Topics whose predicted recall at the date is below this are at risk (default 0.9). */
  riskBelow?: number;
  /** Simulated futures to average (default: as many as fit a fixed amount of work, 1–4). */
  runs?: number;
  seed?: number;
}

export interface ReadinessPoint {
  /** YYYY-MM-DD in the learner's zone; the first point is now, the last the interview. */
  date: string;
  /** Predicted share of the scope recalled if the plan is followed, 0–1. */
  plan: number;
  /** The same with no further study. */
  noStudy: number;
}

export interface TopicRisk {
  id: string;
  title: string;
  cards: number;
  /** Cards of the topic never studied yet. */
  unseen: number;
  plan: number;
  noStudy: number;
}

export interface Readiness {
  /** The interview date, YYYY-MM-DD. */
  date: string;
  daysLeft: number;
  cards: number;
  studied: number;
  points: ReadinessPoint[];
  atRisk: TopicRisk[];
  riskBelow: number;
  /** Today's plan (what **Due now** asks). */
  today: { reviews: number; newCards: number; minutes: number };
  minutesPerDay: number;
  runs: number;
}

/** Card-days of planning the forecast may spend (a few hundred milliseconds). */
const WORK = 60_000;

export function forecastReadiness(input: ReadinessInput): Readiness {
  const { cards, model, now, target, budget } = input;
  const offset = input.utcOffsetMinutes * 60_000;
  const day = (t: number) => Math.floor((t + offset) / DAY_MS);
  const iso = (t: number) => new Date(day(t) * DAY_MS).toISOString().slice(0, 10);
  const daysLeft = Math.max(0, day(target) - day(now));
  // One point a day at the interview's time of day; the first is now.
  const times = [now, ...Array.from({ length: daysLeft }, (_, i) => target - (daysLeft - 1 - i) * DAY_MS)].filter((t, i, all) => i === 0 || t > all[i - 1]);

  const memories = new Map(cards.map((c) => [c.id, memoryOf(input.stored(c.id))]));
  const noStudyAt = (t: number, ids: readonly Card[]) => ids.reduce((sum, c) => sum + model.recall(memories.get(c.id), t), 0) / (ids.length || 1);

  const runs = input.runs ?? Math.max(1, Math.min(4, Math.floor(WORK / Math.max(1, cards.length * daysLeft))));
  const learner: LearnerProfile = {
    name: 'model', weights: model.weights, minutesPerDay: budget.minutesPerDay, secondsPerReview: budget.secondsPerReview, secondsPerNew: budget.secondsPerNew,
    firstGrades: DEFAULT_FIRST_GRADES, hardShare: 0, easyShare: 0, cardSpread: 0,
  };
  const from: SimulationState = { stored: new Map(), truth: new Map() };
  for (const [id, m] of memories) if (m) from.truth.set(id, m);
  const planCurve = times.map(() => 0);
  const planByTopic = new Map<string, number>();
  for (let r = 0; r < runs; r++) {
    const result = simulate({
      cards, learner, start: now, target, until: day(target) * DAY_MS - offset, seed: (input.seed ?? 1) + r, from, checkpoints: times, schedulerStates: false,
      policy: (ctx) => planDay({ cards: planCards(cards, ctx.memory), now: ctx.now, target, model, budget: ctx.now === now ? budget : { ...budget, spentToday: 0 } }).queue,
    });
    result.atCheckpoints.forEach((v, i) => (planCurve[i] += v / runs));
    for (const [t, v] of result.byTopic) planByTopic.set(t, (planByTopic.get(t) ?? 0) + v / runs);
  }

  const riskBelow = input.riskBelow ?? 0.9;
  const titles = new Map(input.topics.map((t) => [t.id, t.title]));
  const byTopic = new Map<string, Card[]>();
  for (const c of cards) {
    const list = byTopic.get(c.question.topic) ?? [];
    list.push(c);
    byTopic.set(c.question.topic, list);
  }
  const atRisk = [...byTopic].map(([id, list]): TopicRisk => ({
    id, title: titles.get(id) ?? id, cards: list.length, unseen: list.filter((c) => !memories.get(c.id)).length,
    plan: planByTopic.get(id) ?? 0, noStudy: noStudyAt(target, list),
  })).filter((t) => t.plan < riskBelow).sort((a, b) => a.plan - b.plan || a.noStudy - b.noStudy);

  const today = planDay({ cards: planCards(cards, (id) => memories.get(id)), now, target, budget, model });
  return {
    date: iso(target),
    daysLeft,
    cards: cards.length,
    studied: [...memories.values()].filter(Boolean).length,
    points: times.map((t, i) => ({ date: iso(t), plan: planCurve[i], noStudy: noStudyAt(t, cards) })),
    atRisk,
    riskBelow,
    today: { reviews: today.reviews, newCards: today.newCards, minutes: Math.round(today.seconds / 60) },
    minutesPerDay: budget.minutesPerDay,
    runs,
  };
}
