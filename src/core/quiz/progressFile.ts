// The progress file written by "Export Progress…" and read by "Import Progress…": card states keyed by
// question id plus a format tag and version, so a future format can be told apart and refused cleanly.
// Pure: parsing validates everything before the caller changes any state.
import { isStoredCard, type StoredCard } from './scheduler';

export const PROGRESS_FILE_FORMAT = 'tensor-tutor-progress';
export const PROGRESS_FILE_VERSION = 1;

export interface ProgressFile {
  format: typeof PROGRESS_FILE_FORMAT;
  version: typeof PROGRESS_FILE_VERSION;
  exportedAt: string;
  cards: Record<string, StoredCard>;
}

export function serializeProgressFile(cards: Iterable<[string, StoredCard]>, now: Date): string {
  const sorted = [...cards].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const file: ProgressFile = { format: PROGRESS_FILE_FORMAT, version: PROGRESS_FILE_VERSION, exportedAt: now.toISOString(), cards: Object.fromEntries(sorted) };
  return `${JSON.stringify(file, null, 2)}\n`;
}

export type ParsedProgressFile = { ok: true; cards: Map<string, StoredCard> } | { ok: false; error: string };

const MAX_ID_LENGTH = 300;

/** All or nothing: one unreadable card makes the whole file invalid, so an import never half-applies. */
export function parseProgressFile(text: string): ParsedProgressFile {
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    return { ok: false, error: `not valid JSON (${(error as Error).message})` };
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return { ok: false, error: 'expected a JSON object' };
  const file = data as Record<string, unknown>;
  if (file.format !== PROGRESS_FILE_FORMAT) return { ok: false, error: `not a Tensor Tutor progress file (format is ${JSON.stringify(file.format) ?? 'missing'})` };
  if (file.version !== PROGRESS_FILE_VERSION) {
    return { ok: false, error: `unsupported version ${JSON.stringify(file.version) ?? 'missing'} (this version of Tensor Tutor reads version ${PROGRESS_FILE_VERSION})` };
  }
  if (typeof file.cards !== 'object' || file.cards === null || Array.isArray(file.cards)) return { ok: false, error: '"cards" must be an object keyed by question id' };
  const cards = new Map<string, StoredCard>();
  for (const [id, card] of Object.entries(file.cards)) {
    if (!id || id.length > MAX_ID_LENGTH) return { ok: false, error: `invalid question id ${JSON.stringify(id.slice(0, 40))}` };
    if (!isStoredCard(card)) return { ok: false, error: `card "${id.slice(0, 80)}" is not a valid card state` };
    cards.set(id, copyCard(card));
  }
  return { ok: true, cards };
}

/** Copies only the known fields: nothing else from an imported file reaches storage. */
function copyCard(c: StoredCard): StoredCard {
  const last = typeof c.last_review === 'string' && !Number.isNaN(Date.parse(c.last_review)) ? { last_review: c.last_review } : {};
  return {
    due: c.due,
    stability: c.stability,
    difficulty: c.difficulty,
    elapsed_days: typeof c.elapsed_days === 'number' ? c.elapsed_days : 0,
    scheduled_days: c.scheduled_days,
    learning_steps: typeof c.learning_steps === 'number' ? c.learning_steps : 0,
    reps: c.reps,
    lapses: c.lapses,
    state: c.state,
    ...last,
  };
}

export interface MergeResult {
  /** Cards to write (only those that change). */
  changes: Map<string, StoredCard>;
  added: number;
  updated: number;
  /** Incoming cards not taken because the local review is as new or newer. */
  keptLocal: number;
}

/** Time of a card's most recent review; a card never reviewed counts as oldest. */
export function lastReviewTime(card: StoredCard): number {
  const t = card.last_review ? Date.parse(card.last_review) : NaN;
  return Number.isNaN(t) ? -Infinity : t;
}

/** Newest review wins per card; on a tie the local card stays (importing twice changes nothing). */
export function mergeProgress(local: (id: string) => StoredCard | undefined, incoming: ReadonlyMap<string, StoredCard>): MergeResult {
  const result: MergeResult = { changes: new Map(), added: 0, updated: 0, keptLocal: 0 };
  for (const [id, card] of incoming) {
    const mine = local(id);
    if (!mine) {
      result.changes.set(id, card);
      result.added++;
    } else if (lastReviewTime(card) > lastReviewTime(mine)) {
      result.changes.set(id, card);
      result.updated++;
    } else {
      result.keptLocal++;
    }
  }
  return result;
}
