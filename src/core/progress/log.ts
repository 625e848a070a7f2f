// The review log: the source of truth for study data. Append-only JSON Lines; each window session writes only
// its own file (`reviews-YYYY-MM.<session>.jsonl`), so no writer ever rewrites another's lines. Every event has
// an id (`rid`); replay ignores duplicates. Card states (globalState) are a cache that replay can rebuild.
import { GRADES, isStoredCard, type Grade4, type StoredCard } from '../quiz/scheduler';

export type LogEvent = ReviewEvent | UndoEvent | SetEvent | ResetEvent;

export interface ReviewEvent {
  t: 'review';
  rid: string;
  /** Card id. */
  id: string;
  grade: Grade4;
  at: string;
  ms: number;
  /** Card state before and after (null before = a new card). Absent in entries written by version 1. */
  prev?: StoredCard | null;
  card?: StoredCard;
  /** "Mark as known" in the reader, rather than a quiz answer. */
  known?: true;
  /** Version 1 entries: the state number before the review. */
  previousState?: number;
}

/** Takes back review `target` (a compensating entry: the log itself is never edited). */
export interface UndoEvent {
  t: 'undo';
  rid: string;
  id: string;
  target: string;
  at: string;
}

/** A card state set from outside the quiz (an import). */
export interface SetEvent {
  t: 'set';
  rid: string;
  id: string;
  at: string;
  card: StoredCard;
}

/** Every card becomes new ("Reset Progress"); reviews before it stay in the log for the statistics. */
export interface ResetEvent {
  t: 'reset';
  rid: string;
  at: string;
}

export const LOG_FILE = /^reviews-\d{4}-\d{2}(?:\.[A-Za-z0-9_-]{1,64})?\.jsonl$/;

/** This session's file for the month of `date`. */
export function logFileName(date: Date, session: string): string {
  return `reviews-${date.toISOString().slice(0, 7)}.${session}.jsonl`;
}

export function serializeEvent(event: LogEvent): string {
  return `${JSON.stringify(event)}\n`;
}

export interface ParsedLog {
  events: LogEvent[];
  /** Lines that are not an event (a torn last line after a crash, a hand edit), kept aside, never dropped silently. */
  bad: { line: number; text: string }[];
}

const time = (v: unknown): v is string => typeof v === 'string' && !Number.isNaN(Date.parse(v));
const text = (v: unknown, max = 300): v is string => typeof v === 'string' && v.length > 0 && v.length <= max;

/** Parses one log file. `file` names the file, for the ids of version-1 entries (which had none). */
export function parseLog(source: string, file: string): ParsedLog {
  const events: LogEvent[] = [];
  const bad: ParsedLog['bad'] = [];
  source.split('\n').forEach((line, i) => {
    if (!line.trim()) return;
    let event: LogEvent | undefined;
    try {
      event = toEvent(JSON.parse(line) as Record<string, unknown>, `v1:${file}:${i + 1}`);
    } catch {
      event = undefined;
    }
    if (event) events.push(event);
    else bad.push({ line: i + 1, text: line });
  });
  return { events, bad };
}

function toEvent(e: Record<string, unknown>, legacyRid: string): LogEvent | undefined {
  if (typeof e !== 'object' || e === null) return undefined;
  if (e.t === undefined && text(e.id) && GRADES.includes(e.grade as Grade4) && time(e.reviewedAt)) {
    // Version 1: { id, grade, state, reviewedAt, due, durationMs, previousState }.
    return {
      t: 'review', rid: legacyRid, id: e.id, grade: e.grade as Grade4, at: e.reviewedAt, ms: typeof e.durationMs === 'number' ? e.durationMs : 0,
      ...(typeof e.previousState === 'number' ? { previousState: e.previousState } : {}),
    };
  }
  if (!text(e.rid, 100) || !time(e.at)) return undefined;
  switch (e.t) {
    case 'review':
      if (!text(e.id) || !GRADES.includes(e.grade as Grade4)) return undefined;
      if (e.card !== undefined && !isStoredCard(e.card)) return undefined;
      return {
        t: 'review', rid: e.rid, id: e.id, grade: e.grade as Grade4, at: e.at, ms: typeof e.ms === 'number' ? e.ms : 0,
        ...(e.prev === null || isStoredCard(e.prev) ? { prev: e.prev as StoredCard | null } : {}),
        ...(e.card ? { card: e.card as StoredCard } : {}),
        ...(e.known === true ? { known: true as const } : {}),
      };
    case 'undo':
      return text(e.id) && text(e.target, 100) ? { t: 'undo', rid: e.rid, id: e.id, target: e.target, at: e.at } : undefined;
    case 'set':
      return text(e.id) && isStoredCard(e.card) ? { t: 'set', rid: e.rid, id: e.id, at: e.at, card: e.card } : undefined;
    case 'reset':
      return { t: 'reset', rid: e.rid, at: e.at };
    default:
      return undefined;
  }
}

/** Total order of events: by time, then id (two windows writing in the same millisecond). */
export function compareEvents(a: { at: string; rid: string }, b: { at: string; rid: string }): number {
  const ta = Date.parse(a.at);
  const tb = Date.parse(b.at);
  return ta !== tb ? ta - tb : a.rid < b.rid ? -1 : a.rid > b.rid ? 1 : 0;
}
