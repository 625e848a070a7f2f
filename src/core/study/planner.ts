// The interview-date planner: today's queue chosen so that the predicted recall of the scope is as high as
// possible on the target date, within the day's time budget. Pure: the cards' FSRS memories, the clock
// (`now`), the date and the model are passed in.
//
// Method (marginal value under the FSRS forecast). For every card of the scope the planner asks: how much
// does studying it today raise its predicted recall *at the date*, per second of study?
//   - a studied card reviewed now: recalled (Good) with its current retrievability p, forgotten (Again)
//     otherwise; gain = p·R_T(S_good) + (1−p)·R_T(S_again) − R_T(S), with R_T the FSRS forgetting curve at the
//     date and S_good/S_again ts-fsrs's next stability. A card reviewed yesterday gains little (high p: small
//     stability increase, FSRS's spacing effect); a card that would decay below the line by the date gains most.
//   - a new card introduced now: gain = E_first-rating[R_T(S₀)] (from nothing to its first-memory curve).
// It takes the best gains per second until the day's budget is spent, and stops at gains too small to be
// worth a question (`minGain`). New cards therefore come in as early as the budget allows while they pay more
// than reviews, and stop when a review is worth more than a card that cannot consolidate before the date.
import { DEFAULT_FIRST_GRADES, type GradeShares, type Memory, type MemoryModel } from './model';

export { inScope, parseIsoDate, type Scope, type ScopeKind } from './scope';

export interface PlanCard {
  id: string;
  topic: string;
  /** Undefined for a card never studied. */
  memory?: Memory;
}

export interface Budget {
  minutesPerDay: number;
  /** Time a review takes, and a new card (read, answer, grade). */
  secondsPerReview: number;
  secondsPerNew: number;
  /** Seconds already studied today: taken off the day's budget. */
  spentToday?: number;
  /** Optional cap on new cards per day. */
  maxNewPerDay?: number;
}

export interface PlanInput {
  /** The scope's cards, in the order new cards should come (ties). */
  cards: readonly PlanCard[];
  /** Epoch ms. */
  now: number;
  /** Epoch ms: when recall counts (the interview). */
  target: number;
  budget: Budget;
  model: MemoryModel;
  firstGrades?: GradeShares;
  /** Smallest gain in expected recall at the date worth a question (default 0.005: half a percent of a card). */
  minGain?: number;
}

export interface PlanItem {
  id: string;
  kind: 'review' | 'new';
  /** Expected increase of this card's recall at the date. */
  gain: number;
  /** Predicted recall at the date without studying it today. */
  atTargetBefore: number;
}

export interface DayPlan {
  /** Card ids, most valuable first (stopping early loses the least). */
  queue: string[];
  items: PlanItem[];
  reviews: number;
  newCards: number;
  /** Planned study time in seconds. */
  seconds: number;
  /** Mean predicted recall of the scope at the date: without today's study, and with it. */
  atTarget: { before: number; after: number };
}

export const DEFAULT_MIN_GAIN = 0.005;

export function planDay(input: PlanInput): DayPlan {
  const { model, now, target, budget } = input;
  const minGain = input.minGain ?? DEFAULT_MIN_GAIN;
  const candidates: (PlanItem & { cost: number })[] = [];
  let before = 0;
  const fresh: PlanCard[] = [];
  for (const card of input.cards) {
    if (!card.memory) {
      fresh.push(card);
      continue;
    }
    const atTargetBefore = model.recall(card.memory, target);
    before += atTargetBefore;
    if (1 - atTargetBefore < minGain) continue; // no review can gain more than what is left to 100%
    const gain = model.expectedAfterReview(card.memory, now, target) - atTargetBefore;
    if (gain >= minGain) candidates.push({ id: card.id, kind: 'review', gain, atTargetBefore, cost: Math.max(1, budget.secondsPerReview) });
  }
  const newGain = fresh.length ? model.expectedAfterFirst(now, target, input.firstGrades ?? DEFAULT_FIRST_GRADES) : 0;
  if (newGain >= minGain) {
    for (const card of interleaveTopics(fresh)) candidates.push({ id: card.id, kind: 'new', gain: newGain, atTargetBefore: 0, cost: Math.max(1, budget.secondsPerNew) });
  }
  // Best gain per second first; stable, so new cards keep their interleaved order among equals.
  candidates.sort((a, b) => b.gain / b.cost - a.gain / a.cost);

  let left = Math.max(0, budget.minutesPerDay * 60 - (budget.spentToday ?? 0));
  const maxNew = budget.maxNewPerDay ?? Infinity;
  const items: PlanItem[] = [];
  let seconds = 0;
  let newCards = 0;
  let gained = 0;
  for (const c of candidates) {
    if (c.cost > left) continue;
    if (c.kind === 'new' && newCards >= maxNew) continue;
    left -= c.cost;
    seconds += c.cost;
    gained += c.gain;
    if (c.kind === 'new') newCards++;
    items.push({ id: c.id, kind: c.kind, gain: c.gain, atTargetBefore: c.atTargetBefore });
    if (left < Math.min(budget.secondsPerReview, budget.secondsPerNew)) break;
  }
  const n = input.cards.length || 1;
  return {
    queue: items.map((i) => i.id),
    items,
    reviews: items.length - newCards,
    newCards,
    seconds,
    atTarget: { before: before / n, after: (before + gained) / n },
  };
}

/** New cards round-robin across topics (in first-seen order), so a short plan still touches every topic. */
export function interleaveTopics<T extends { topic: string }>(cards: readonly T[]): T[] {
  const byTopic = new Map<string, T[]>();
  for (const c of cards) {
    const list = byTopic.get(c.topic) ?? [];
    list.push(c);
    byTopic.set(c.topic, list);
  }
  const lists = [...byTopic.values()];
  const out: T[] = [];
  for (let round = 0; out.length < cards.length; round++) for (const list of lists) if (round < list.length) out.push(list[round]);
  return out;
}
