// The learner's own FSRS-6 parameters, as stored (globalState, synced: they cannot be rebuilt on another
// machine, whose review log differs). The record keeps the set in use and the one before it, so applying new
// parameters can always be undone; undoing swaps the two (so an undo can itself be undone). `null` = ts-fsrs's
// default parameters. Everything read back is checked: Settings Sync or a hand edit may bring anything.

export const PARAMETERS_KEY = 'tensorTutor.schedulingParameters';
export const PARAMETER_COUNT = 21;

export interface ParameterSet {
  /** FSRS-6 parameters w0…w20. */
  weights: number[];
  fittedAt: string;
  /** Reviews the fit used (made a day or more after the previous review of the card). */
  reviews: number;
  /** Log loss and RMSE (bins) of these parameters on those reviews when they were fitted. */
  logLoss: number;
  rmse: number;
}

export interface ParameterRecord {
  version: 1;
  active: ParameterSet | null;
  /** What "undo" restores; absent: nothing to undo. */
  previous?: ParameterSet | null;
}

export const DEFAULT_RECORD: ParameterRecord = { version: 1, active: null };

export function isWeights(value: unknown): value is number[] {
  // Bounds far outside anything FSRS fits; ts-fsrs clips each parameter to its own range when it loads them.
  return Array.isArray(value) && value.length === PARAMETER_COUNT && value.every((w) => typeof w === 'number' && Number.isFinite(w) && Math.abs(w) <= 1000);
}

function readSet(value: unknown): ParameterSet | null | undefined {
  if (value === null) return null;
  const s = value as ParameterSet;
  if (typeof s !== 'object' || !isWeights(s.weights)) return undefined;
  const num = (n: unknown) => (typeof n === 'number' && Number.isFinite(n) ? n : NaN);
  return {
    weights: [...s.weights],
    fittedAt: typeof s.fittedAt === 'string' && !Number.isNaN(Date.parse(s.fittedAt)) ? s.fittedAt : new Date(0).toISOString(),
    reviews: Number.isInteger(s.reviews) && s.reviews >= 0 ? s.reviews : 0,
    logLoss: num(s.logLoss),
    rmse: num(s.rmse),
  };
}

/** A stored value → a record; anything unreadable counts as "defaults, nothing to undo". */
export function readParameterRecord(value: unknown): ParameterRecord {
  const r = value as ParameterRecord;
  if (typeof r !== 'object' || r === null || r.version !== 1) return DEFAULT_RECORD;
  const active = readSet(r.active);
  if (active === undefined) return DEFAULT_RECORD;
  const previous = 'previous' in r ? readSet(r.previous) : undefined;
  return { version: 1, active, ...(previous !== undefined ? { previous } : {}) };
}

/** The parameters the scheduler should use; undefined = the defaults. */
export function activeWeights(value: unknown): number[] | undefined {
  return readParameterRecord(value).active?.weights;
}

export function applyParameters(record: ParameterRecord, set: ParameterSet): ParameterRecord {
  return { version: 1, active: set, previous: record.active };
}

/** Restores the previous parameters (and keeps the current ones as "previous"); undefined: nothing to undo. */
export function undoParameters(record: ParameterRecord): ParameterRecord | undefined {
  if (record.previous === undefined) return undefined;
  return { version: 1, active: record.previous, previous: record.active };
}

/** FSRS parameters to 4 decimals, as Anki shows and stores them (the optimizer works in 32-bit floats). */
export function roundWeights(weights: ArrayLike<number>): number[] {
  return Array.from(weights, (w) => Math.round(w * 1e4) / 1e4);
}
