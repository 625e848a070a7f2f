// How well a set of FSRS-6 parameters predicts the learner's own reviews, computed in our code with ts-fsrs's
// memory model and forgetting curve (the same code that schedules): for every review made a day or more after
// the card's previous one, the predicted probability of recall against what happened (recalled = any grade
// above Again). Two figures, defined as fsrs-rs (the optimizer, and Anki) defines them:
//  - log loss: mean binary cross-entropy; lower is better;
//  - RMSE (bins): reviews grouped by interval, number of earlier reviews and lapses; the root of the
//    count-weighted mean squared difference between predicted and actual recall rate per group.
import { fsrs, type FSRSState } from 'ts-fsrs';
import type { CardHistory } from './trainingSet';

export interface FitMetrics {
  logLoss: number;
  rmse: number;
  /** Reviews the figures are computed on. */
  count: number;
}

const EPSILON = 1e-7;

/** `weights` undefined = ts-fsrs's default FSRS-6 parameters. */
export function evaluateParameters(histories: readonly CardHistory[], weights?: readonly number[]): FitMetrics {
  const model = fsrs({ enable_short_term: true, ...(weights ? { w: [...weights] } : {}) });
  const bins = new Map<string, { predicted: number; actual: number; count: number }>();
  let loss = 0;
  let count = 0;
  for (const h of histories) {
    let state: FSRSState | null = null;
    let longTerm = 0;
    let lapses = 0;
    h.reviews.forEach((r, i) => {
      if (i > 0 && r.days >= 1 && state) {
        const p = Math.min(1 - EPSILON, Math.max(EPSILON, model.forgetting_curve(r.days, state.stability)));
        const y = r.rating > 1 ? 1 : 0;
        loss -= y ? Math.log(p) : Math.log(1 - p);
        count++;
        longTerm++;
        const key = `${intervalBin(r.days)}:${lengthBin(longTerm + 1)}:${lapseBin(lapses)}`;
        const bin = bins.get(key) ?? { predicted: 0, actual: 0, count: 0 };
        bin.predicted += p;
        bin.actual += y;
        bin.count++;
        bins.set(key, bin);
        if (r.rating === 1) lapses++;
      }
      state = model.next_state(state, r.days, r.rating);
    });
  }
  let squares = 0;
  for (const b of bins.values()) squares += ((b.predicted - b.actual) / b.count) ** 2 * b.count;
  return { logLoss: count ? loss / count : NaN, rmse: count ? Math.sqrt(squares / count) : NaN, count };
}

// The bin edges fsrs-rs uses (a geometric grid per feature).
const intervalBin = (days: number) => Math.round(2.48 * 3.62 ** Math.floor(Math.log(days) / Math.log(3.62)) * 100);
const lengthBin = (n: number) => Math.round(1.99 * 1.89 ** Math.floor(Math.log(n) / Math.log(1.89)));
const lapseBin = (n: number) => (n === 0 ? 0 : Math.round(1.65 * 1.73 ** Math.floor(Math.log(n) / Math.log(1.73))));
