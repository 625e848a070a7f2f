// Fitting FSRS parameters to the learner's history: the rule for how much history is enough, the one interface
// an optimizer library sits behind (the core never imports one), and the whole run as a pure function of the
// histories, the parameters in use and an optimizer: fit, round, evaluate both sets on the same reviews.
import { evaluateParameters, type FitMetrics } from './metrics';
import { roundWeights } from './parameters';
import { packItems, summarise, trainingItems, type CardHistory, type HistorySummary, type PackedItems } from './trainingSet';

/**
 * Reviews made a day or more after the card's previous review that a fit needs. fsrs-rs itself returns its
 * defaults below 8 such reviews and fits only the four initial stabilities below 64; with a few hundred the
 * other parameters start to move for a reason. Fewer: the command refuses and says how many are missing.
 */
export const MIN_TRAINING_REVIEWS = 400;

export type HistoryCheck = { ok: true; summary: HistorySummary } | { ok: false; summary: HistorySummary; needed: number };

export function checkHistory(histories: readonly CardHistory[]): HistoryCheck {
  const summary = summarise(histories);
  return summary.trainingReviews >= MIN_TRAINING_REVIEWS ? { ok: true, summary } : { ok: false, summary, needed: MIN_TRAINING_REVIEWS };
}

export interface OptimizerProgress {
  /** 0…1 */
  fraction: number;
  /** What the optimizer reported, e.g. "epoch 2 of 5". */
  label?: string;
}

/** An FSRS-6 optimizer (fsrs-rs compiled to WASM, in a worker); it may throw. */
export interface Optimizer {
  readonly name: string;
  fit(items: PackedItems, onProgress: (p: OptimizerProgress) => void): Promise<ArrayLike<number>> | ArrayLike<number>;
}

export interface FitResult {
  weights: number[];
  before: FitMetrics;
  after: FitMetrics;
  summary: HistorySummary;
  fitMs: number;
}

/** `current`: the parameters in use (undefined = defaults). `now` is injected for the timing. */
export async function fitParameters(histories: readonly CardHistory[], current: readonly number[] | undefined, optimizer: Optimizer, onProgress: (p: OptimizerProgress) => void, now: () => number): Promise<FitResult> {
  const items = packItems(trainingItems(histories));
  const started = now();
  const raw = await optimizer.fit(items, onProgress);
  const fitMs = now() - started;
  const weights = roundWeights(raw);
  return { weights, before: evaluateParameters(histories, current), after: evaluateParameters(histories, weights), summary: summarise(histories), fitMs };
}
