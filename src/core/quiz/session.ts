// A study session as a pure state machine: a queue of question ids, what the learner did with each,
// and undo. The host persists grades (through ProgressStore) before showing the next card.
import type { Grade4 } from './scheduler';

export interface SessionResult {
  id: string;
  grade: Grade4;
  ms: number;
}

export interface SessionState {
  title: string;
  queue: string[];
  position: number;
  revealed: boolean;
  /** Index of the multiple-choice option picked first, if any. */
  picked?: number;
  results: SessionResult[];
  skipped: string[];
  startedAt: number;
  cardShownAt: number;
}

export function createSession(title: string, queue: string[], now: number): SessionState {
  return { title, queue: [...new Set(queue)], position: 0, revealed: false, results: [], skipped: [], startedAt: now, cardShownAt: now };
}

export function currentId(s: SessionState): string | undefined {
  return s.queue[s.position];
}

export function isFinished(s: SessionState): boolean {
  return s.position >= s.queue.length;
}

export function reveal(s: SessionState): SessionState {
  return isFinished(s) ? s : { ...s, revealed: true };
}

/** A multiple-choice pick: the first pick decides the grade (correct → good, wrong → again). */
export function pick(s: SessionState, option: number, correct: boolean): { state: SessionState; grade?: Grade4 } {
  if (isFinished(s) || s.picked !== undefined) return { state: s };
  return { state: { ...s, picked: option, revealed: true }, grade: correct ? 'good' : 'again' };
}

export function grade(s: SessionState, g: Grade4, now: number): SessionState {
  const id = currentId(s);
  if (!id) return s;
  return {
    ...s,
    results: [...s.results, { id, grade: g, ms: Math.max(0, now - s.cardShownAt) }],
    position: s.position + 1,
    revealed: false,
    picked: undefined,
    cardShownAt: now,
  };
}

export function skip(s: SessionState, now: number): SessionState {
  const id = currentId(s);
  if (!id) return s;
  return { ...s, skipped: [...s.skipped, id], position: s.position + 1, revealed: false, picked: undefined, cardShownAt: now };
}

/** Steps back over the last graded or skipped card; returns the id whose grade must be reverted. */
export function undo(s: SessionState, now: number): { state: SessionState; reverted?: SessionResult } {
  if (s.position === 0) return { state: s };
  const previousId = s.queue[s.position - 1];
  const last = s.results[s.results.length - 1];
  const wasGraded = last?.id === previousId;
  return {
    state: {
      ...s,
      position: s.position - 1,
      revealed: false,
      picked: undefined,
      results: wasGraded ? s.results.slice(0, -1) : s.results,
      skipped: wasGraded ? s.skipped : s.skipped.slice(0, -1),
      cardShownAt: now,
    },
    ...(wasGraded ? { reverted: last } : {}),
  };
}

export interface SessionSummary {
  reviewed: number;
  correct: number;
  correctPercent: number;
  elapsedMs: number;
  byTopic: { topic: string; reviewed: number; correct: number }[];
}

export function summarise(s: SessionState, topicOf: (id: string) => string, now: number): SessionSummary {
  const byTopic = new Map<string, { topic: string; reviewed: number; correct: number }>();
  let correct = 0;
  for (const r of s.results) {
    const ok = r.grade !== 'again';
    if (ok) correct++;
    const topic = topicOf(r.id);
    const entry = byTopic.get(topic) ?? { topic, reviewed: 0, correct: 0 };
    entry.reviewed++;
    if (ok) entry.correct++;
    byTopic.set(topic, entry);
  }
  const reviewed = s.results.length;
  return {
    reviewed,
    correct,
    correctPercent: reviewed ? Math.round((100 * correct) / reviewed) : 0,
    elapsedMs: now - s.startedAt,
    byTopic: [...byTopic.values()],
  };
}

/** Restores a session saved by the webview; anything malformed yields undefined (start fresh). */
export function reviveSession(value: unknown, knownIds: ReadonlySet<string>, now: number): SessionState | undefined {
  const s = value as SessionState;
  if (typeof s !== 'object' || s === null || !Array.isArray(s.queue) || typeof s.position !== 'number') return undefined;
  const queue = s.queue.filter((id): id is string => typeof id === 'string' && knownIds.has(id));
  if (queue.length !== s.queue.length) return undefined;
  const results = Array.isArray(s.results) ? s.results.filter((r) => r && typeof r.id === 'string' && typeof r.grade === 'string') : [];
  return {
    title: typeof s.title === 'string' ? s.title : 'Quiz',
    queue,
    position: Math.min(Math.max(0, Math.floor(s.position)), queue.length),
    revealed: s.revealed === true,
    ...(typeof s.picked === 'number' ? { picked: s.picked } : {}),
    results,
    skipped: Array.isArray(s.skipped) ? s.skipped.filter((x) => typeof x === 'string') : [],
    startedAt: typeof s.startedAt === "number" ? s.startedAt : now,
    cardShownAt: now,
  };
}
