// Card states as stored in globalState (and synced by Settings Sync): one entry per card with the time and id
// of the event that produced it. Writers merge per card — the newer event wins — instead of replacing the
// whole map, so a second window or another machine can never erase a review. A `null` card is a tombstone
// (undone back to new, or reset), so an older state elsewhere cannot come back.
import { isStoredCard, type StoredCard } from '../quiz/scheduler';

export const CARDS_KEY = 'tensorTutor.cards.v2';
/** Version 1 (one map of card states, last writer wins); read once to migrate, never written again. */
export const LEGACY_PROGRESS_KEY = 'tensorTutor.progress.v1';
export const QUARANTINE_KEY = 'tensorTutor.progress.quarantine';
export const CARDS_VERSION = 2;

export interface CardEntry {
  card: StoredCard | null;
  at: string;
  rid: string;
}

export interface CardsRecord {
  version: typeof CARDS_VERSION;
  resetAt?: string;
  cards: Record<string, CardEntry>;
}

export interface ReadResult {
  record: CardsRecord;
  /** Entries that could not be read, kept for the backup. */
  damaged: Record<string, unknown>;
  /** Set when the stored record has a newer format than this code writes: read it, never overwrite it. */
  newerVersion?: number;
}

const time = (v: unknown): v is string => typeof v === 'string' && !Number.isNaN(Date.parse(v));

export function readCardsRecord(raw: unknown): ReadResult {
  const record: CardsRecord = { version: CARDS_VERSION, cards: Object.create(null) };
  const damaged: Record<string, unknown> = {};
  if (raw === undefined || raw === null) return { record, damaged };
  const r = raw as Partial<CardsRecord> & { version?: unknown };
  if (typeof r !== 'object' || Array.isArray(r) || typeof r.cards !== 'object' || r.cards === null || Array.isArray(r.cards)) {
    damaged['*'] = raw;
    return { record, damaged };
  }
  const newerVersion = typeof r.version === 'number' && r.version > CARDS_VERSION ? r.version : undefined;
  if (time(r.resetAt)) record.resetAt = r.resetAt;
  for (const [id, entry] of Object.entries(r.cards)) {
    const e = entry as CardEntry;
    if (typeof e === 'object' && e !== null && time(e.at) && typeof e.rid === 'string' && (e.card === null || isStoredCard(e.card))) {
      record.cards[id] = { card: e.card, at: e.at, rid: e.rid };
    } else damaged[id] = entry;
  }
  return { record, damaged, ...(newerVersion !== undefined ? { newerVersion } : {}) };
}

/** Version 1 map → entries stamped with each card's last review (the time its state was written). */
export function migrateLegacy(raw: unknown): { cards: Record<string, CardEntry>; damaged: Record<string, unknown> } {
  const cards: Record<string, CardEntry> = Object.create(null);
  const damaged: Record<string, unknown> = {};
  const legacy = raw as { cards?: unknown } | undefined;
  if (!legacy || typeof legacy !== 'object' || typeof legacy.cards !== 'object' || legacy.cards === null) {
    if (raw !== undefined) damaged['* version 1 record'] = raw;
    return { cards, damaged };
  }
  for (const [id, card] of Object.entries(legacy.cards as Record<string, unknown>)) {
    if (isStoredCard(card)) cards[id] = { card, at: card.last_review ?? new Date(0).toISOString(), rid: 'v1' };
    else damaged[id] = card;
  }
  return { cards, damaged };
}

/** True when `a` comes from a later event than `b` (time, then event id). */
export function isNewer(a: Pick<CardEntry, 'at' | 'rid'>, b: Pick<CardEntry, 'at' | 'rid'> | undefined): boolean {
  if (!b) return true;
  const ta = Date.parse(a.at);
  const tb = Date.parse(b.at);
  return ta !== tb ? ta > tb : a.rid > b.rid;
}

/** The card state an entry stands for, after a reset at `resetAt`. */
export function effectiveCard(entry: CardEntry | undefined, resetAt: string | undefined): StoredCard | undefined {
  if (!entry?.card) return undefined;
  if (resetAt && Date.parse(entry.at) < Date.parse(resetAt)) return undefined;
  return entry.card;
}

/** Merges `changes` into `record` per card (newer wins) and takes the later reset. Returns whether anything changed. */
export function mergeInto(record: CardsRecord, changes: Iterable<[string, CardEntry]>, resetAt?: string): boolean {
  let changed = false;
  if (resetAt && (!record.resetAt || Date.parse(resetAt) > Date.parse(record.resetAt))) {
    record.resetAt = resetAt;
    changed = true;
  }
  for (const [id, entry] of changes) {
    if (isNewer(entry, record.cards[id])) {
      record.cards[id] = entry;
      changed = true;
    }
  }
  return changed;
}
