// Simulated learners, to test a study policy against the plain FSRS queue before any person relies on it.
// A learner's *true* memory follows FSRS-6 with its own parameters (the defaults, perturbed per learner, and a
// per-card ease); each study day it works through the policy's queue until its time budget is spent; a review
// is recalled with the true recall probability, and graded accordingly. The app's scheduler (ts-fsrs with the
// default parameters) updates the stored card states exactly as the extension does. Deterministic: seeded
// randomness, and time only moves as the loop says.
import type { Card } from '../quiz/cards';
import { dueQueue } from '../quiz/queue';
import { seededRandom } from '../quiz/random';
import { Scheduler, statusOf, type Grade4, type StoredCard } from '../quiz/scheduler';
import { DAY_MS, MemoryModel, memoryOf, type GradeShares, type Memory } from './model';
import { planDay, type Budget, type PlanCard } from './planner';

export interface LearnerProfile {
  name: string;
  /** The learner's true FSRS-6 parameters (see `learnerWeights`). */
  weights: readonly number[];
  minutesPerDay: number;
  secondsPerReview: number;
  secondsPerNew: number;
  /** How the learner rates a card the first time they see it. */
  firstGrades: GradeShares;
  /** How a recalled review is rated (the rest of Good). */
  hardShare: number;
  easyShare: number;
  /** Spread of per-card ease: a card's true first stability is multiplied by exp(cardSpread·N(0,1)). */
  cardSpread: number;
  /** Days skipped: day k is skipped when skip(k) (e.g. a rest day a week). */
  skip?: (day: number) => boolean;
}

/** What a policy sees at a session: the stored states and the app's view of memory (not the true one), the clock and the date. */
export interface PolicyContext {
  cards: readonly Card[];
  now: number;
  target: number;
  stored: (id: string) => StoredCard | undefined;
  /** The app's model of the card's memory (from its stored state). */
  memory: (id: string) => Memory | undefined;
}

export type Policy = (ctx: PolicyContext) => string[];

/** The plain queue of **Due now**: due reviews by due date, then up to `newPerDay` new cards (core/quiz/queue). */
export function plainPolicy(newPerDay: number): Policy {
  return (ctx) => dueQueue({
    cards: ctx.cards,
    status: (id) => statusOf(ctx.stored(id), new Date(ctx.now)),
    dueAt: (id) => Date.parse(ctx.stored(id)?.due ?? '') || 0,
    newPerDay,
    random: () => 0,
  });
}

/** The interview planner, forecasting with `model` (the app's parameters, not the learner's true ones). */
export function plannerPolicy(model: MemoryModel, budget: Budget): Policy {
  return (ctx) => planDay({ cards: planCards(ctx.cards, ctx.memory), now: ctx.now, target: ctx.target, budget, model }).queue;
}

export function planCards(cards: readonly Card[], memory: (id: string) => Memory | undefined): PlanCard[] {
  return cards.map((c) => ({ id: c.id, topic: c.question.topic, memory: memory(c.id) }));
}

/** Per-learner FSRS-6 parameters: the defaults with initial stabilities, recall growth, lapses and decay scaled. */
export function learnerWeights(base: readonly number[], m: { initial?: number; growth?: number; lapse?: number; decay?: number }): number[] {
  const w = [...base];
  for (let i = 0; i < 4; i++) w[i] = Math.min(100, w[i] * (m.initial ?? 1));
  w[8] = Math.min(4.5, Math.max(0, w[8] + Math.log(m.growth ?? 1))); // e^{w8} scales the recall stability increase
  w[11] = Math.min(5, w[11] * (m.lapse ?? 1));
  w[20] = Math.min(0.8, Math.max(0.1, w[20] * (m.decay ?? 1)));
  return w;
}

export interface SimulationState {
  stored: Map<string, StoredCard>;
  truth: Map<string, Memory>;
}

export interface SimulationInput {
  /** The scope. */
  cards: readonly Card[];
  learner: LearnerProfile;
  policy: Policy;
  /** Epoch ms of the first study session; one session a day at this time of day. */
  start: number;
  /** Epoch ms when recall is measured; sessions run while they are before it (and before `until`). */
  target: number;
  until?: number;
  seed: number;
  /** Where a previous phase left off (a learner with history). */
  from?: SimulationState;
  /** Epoch ms at which to measure the mean true recall of the scope (ascending), besides the target. */
  checkpoints?: readonly number[];
  desiredRetention?: number;
  /**
   * false: the learner *is* the app's model (a forecast), so no scheduler states are kept — the policy's
   * `memory` is the true one and `stored` is empty. Default true.
   */
  schedulerStates?: boolean;
}

export interface SimulationResult {
  /** Mean true recall probability of the scope at the target (never-studied cards count 0). */
  recallAtTarget: number;
  /** The same, as the app's model predicts it from the stored states. */
  predictedAtTarget: number;
  /** True recall at the target per topic. */
  byTopic: Map<string, number>;
  /** Mean true recall at each checkpoint. */
  atCheckpoints: number[];
  reviews: number;
  newCards: number;
  minutes: number;
  sessions: number;
  state: SimulationState;
}

export function simulate(input: SimulationInput): SimulationResult {
  const { learner, cards, target } = input;
  const random = seededRandom(input.seed);
  const gauss = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  const ease = new Map(cards.map((c) => [c.id, Math.exp(learner.cardSpread * gauss())]));
  const truthModel = new MemoryModel(learner.weights);
  const appModel = new MemoryModel();
  const scheduler = new Scheduler(input.desiredRetention ?? 0.9);
  const tracked = input.schedulerStates ?? true;
  const stored = new Map(input.from?.stored ?? []);
  const truth = new Map(input.from?.truth ?? []);
  const meanRecall = (at: number, model: MemoryModel, memory: (id: string) => Memory | undefined) => cards.reduce((sum, c) => sum + model.recall(memory(c.id), at), 0) / (cards.length || 1);
  const trueRecall = (at: number) => meanRecall(at, truthModel, (id) => truth.get(id));

  const checkpoints = [...(input.checkpoints ?? [])];
  const atCheckpoints: number[] = [];
  let reviews = 0;
  let newCards = 0;
  let seconds = 0;
  let sessions = 0;
  const byId = new Map(cards.map((c) => [c.id, c]));
  for (let day = 0, now = input.start; now < Math.min(target, input.until ?? target); day++, now += DAY_MS) {
    while (checkpoints.length && checkpoints[0] <= now) atCheckpoints.push(trueRecall(checkpoints.shift()!));
    if (learner.skip?.(day)) continue;
    sessions++;
    const queue = input.policy({ cards, now, target, stored: (id) => stored.get(id), memory: tracked ? (id) => memoryOf(stored.get(id)) : (id) => truth.get(id) });
    let left = learner.minutesPerDay * 60;
    for (const id of queue) {
      if (!byId.has(id)) continue;
      const memory = truth.get(id);
      const isNew = tracked ? memoryOf(stored.get(id)) === undefined : !memory;
      const cost = isNew ? learner.secondsPerNew : learner.secondsPerReview;
      if (cost > left) break; // time is up for today
      left -= cost;
      seconds += cost;
      let grade: Grade4;
      if (isNew && !memory) grade = pick(learner.firstGrades, random());
      else {
        const recalled = random() < truthModel.recall(memory, now);
        const u = random();
        grade = !recalled ? 'again' : u < learner.hardShare ? 'hard' : u < learner.hardShare + learner.easyShare ? 'easy' : 'good';
      }
      let next = truthModel.after(memory, now, grade);
      if (!memory) next = { ...next, stability: next.stability * ease.get(id)! };
      truth.set(id, next);
      if (tracked) stored.set(id, scheduler.grade(stored.get(id), grade, new Date(now)));
      if (isNew) newCards++;
      else reviews++;
    }
  }
  for (const at of checkpoints) atCheckpoints.push(trueRecall(at));

  const byTopic = new Map<string, number>();
  const counts = new Map<string, number>();
  for (const c of cards) {
    const t = c.question.topic;
    byTopic.set(t, (byTopic.get(t) ?? 0) + truthModel.recall(truth.get(c.id), target));
    counts.set(t, (counts.get(t) ?? 0) + 1);
  }
  for (const [t, sum] of byTopic) byTopic.set(t, sum / counts.get(t)!);
  return {
    recallAtTarget: trueRecall(target),
    predictedAtTarget: tracked ? meanRecall(target, appModel, (id) => memoryOf(stored.get(id))) : trueRecall(target),
    byTopic,
    atCheckpoints,
    reviews,
    newCards,
    minutes: seconds / 60,
    sessions,
    state: { stored, truth },
  };
}

function pick(shares: GradeShares, u: number): Grade4 {
  const total = shares.again + shares.hard + shares.good + shares.easy;
  let acc = 0;
  for (const g of ['again', 'hard', 'good', 'easy'] as const) {
    acc += shares[g] / total;
    if (u < acc) return g;
  }
  return 'easy';
}
