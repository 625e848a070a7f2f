// The progress file written by "Export Progress…" and read by "Import Progress…": card states keyed by card id
// plus a format tag and version, so a future format can be told apart and refused cleanly. Parsing validates
// every value (types, ranges, dates not in the future, a size cap) before the caller changes anything, and the
// merge cannot be won by a made-up date.
import { isStoredCard, type StoredCard } from '../quiz/scheduler';

export const PROGRESS_FILE_FORMAT = 'tensor-tutor-progress';
export const PROGRESS_FILE_VERSION = 1;
/** Larger files are refused unread (a real export of 10,000 cards is about 3 MB). */
export const MAX_PROGRESS_FILE_BYTES = 20 * 1024 * 1024;
export const MAX_IMPORTED_CARDS = 100_000;
const DAY_MS = 86_400_000;

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

export type ParsedProgressFile = { ok: true; cards: Map<string, StoredCard>; unknownIds: string[] } | { ok: false; error: string };

const MAX_ID_LENGTH = 300;

/**
 * All or nothing: one unreadable card makes the whole file invalid, so an import never half-applies.
 * `isKnownId` says which ids this bank has (bundled, or any `deck:` id): others are counted, not imported.
 */
export function parseProgressFile(text: string, now: Date, isKnownId: (id: string) => boolean = () => true): ParsedProgressFile {
  if (text.length > MAX_PROGRESS_FILE_BYTES) return { ok: false, error: `the file is larger than ${MAX_PROGRESS_FILE_BYTES / 1048576} MB` };
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
  const entries = Object.entries(file.cards);
  if (entries.length > MAX_IMPORTED_CARDS) return { ok: false, error: `more than ${MAX_IMPORTED_CARDS} cards` };
  const cards = new Map<string, StoredCard>();
  const unknownIds: string[] = [];
  const latest = now.getTime() + DAY_MS;
  for (const [id, card] of entries) {
    if (!id || id.length > MAX_ID_LENGTH) return { ok: false, error: `invalid question id ${JSON.stringify(id.slice(0, 40))}` };
    if (!isStoredCard(card)) return { ok: false, error: `card "${id.slice(0, 80)}" is not a valid card state (a value is missing or out of range)` };
    if (card.last_review !== undefined && Date.parse(card.last_review) > latest) return { ok: false, error: `card "${id.slice(0, 80)}" claims a review in the future (${card.last_review})` };
    if (!isKnownId(id)) {
      unknownIds.push(id);
      continue;
    }
    cards.set(id, copyCard(card));
  }
  return { ok: true, cards, unknownIds };
}

/** Copies only the known fields: nothing else from an imported file reaches storage. */
function copyCard(c: StoredCard): StoredCard {
  return {
    due: c.due,
    stability: c.stability,
    difficulty: c.difficulty,
    elapsed_days: c.elapsed_days ?? 0,
    scheduled_days: c.scheduled_days,
    learning_steps: c.learning_steps ?? 0,
    reps: c.reps,
    lapses: c.lapses,
    state: c.state,
    ...(c.last_review !== undefined ? { last_review: c.last_review } : {}),
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
