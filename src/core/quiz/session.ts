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
  /** Set for a mock interview: a visible time budget per question (never enforced) and time spent on skips. */
  mock?: MockSettings;
}

export interface MockSettings {
  perQuestionMs: number;
  /** Time spent on each skipped question (graded ones keep theirs in `results`). */
  skippedMs: Record<string, number>;
}

export function createSession(title: string, queue: string[], now: number): SessionState {
  return { title, queue: [...new Set(queue)], position: 0, revealed: false, results: [], skipped: [], startedAt: now, cardShownAt: now };
}

/** A mock interview: like any session, plus a per-question time budget shown as a countdown. */
export function createMockSession(title: string, queue: string[], perQuestionMs: number, now: number): SessionState {
  return { ...createSession(title, queue, now), mock: { perQuestionMs, skippedMs: {} } };
}

/** Milliseconds left on the current question's budget (negative once over time); undefined outside a mock interview. */
export function timeLeftMs(s: SessionState, now: number): number | undefined {
  return s.mock && !isFinished(s) ? s.mock.perQuestionMs - (now - s.cardShownAt) : undefined;
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
  const mock = s.mock ? { ...s.mock, skippedMs: { ...s.mock.skippedMs, [id]: Math.max(0, now - s.cardShownAt) } } : undefined;
  return { ...s, skipped: [...s.skipped, id], position: s.position + 1, revealed: false, picked: undefined, cardShownAt: now, ...(mock ? { mock } : {}) };
}

/** Steps back over the last graded or skipped card; returns the id whose grade must be reverted. */
export function undo(s: SessionState, now: number): { state: SessionState; reverted?: SessionResult } {
  if (s.position === 0) return { state: s };
  const previousId = s.queue[s.position - 1];
  const last = s.results[s.results.length - 1];
  const wasGraded = last?.id === previousId;
  let mock = s.mock;
  if (mock && !wasGraded) {
    const { [previousId]: _undone, ...rest } = mock.skippedMs;
    mock = { ...mock, skippedMs: rest };
  }
  return {
    state: {
      ...s,
      position: s.position - 1,
      revealed: false,
      picked: undefined,
      results: wasGraded ? s.results.slice(0, -1) : s.results,
      skipped: wasGraded ? s.skipped : s.skipped.slice(0, -1),
      cardShownAt: now,
      ...(mock ? { mock } : {}),
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

export interface MockQuestionReport {
  id: string;
  title: string;
  topic: string;
  ms: number;
  grade: Grade4 | 'skipped';
  overTime: boolean;
}

export interface MockReport {
  perQuestionMs: number;
  questions: MockQuestionReport[];
  totals: { asked: number; answered: number; skipped: number; correct: number; correctPercent: number; totalMs: number; averageMs: number; overTime: number };
  byTopic: { topic: string; asked: number; correct: number; totalMs: number }[];
}

/** The end-of-interview report: each question asked, in order, with its time and grade; totals; per topic. */
export function mockReport(s: SessionState, info: (id: string) => { title: string; topic: string }): MockReport | undefined {
  if (!s.mock) return undefined;
  const limit = s.mock.perQuestionMs;
  const graded = new Map(s.results.map((r) => [r.id, r]));
  const questions: MockQuestionReport[] = [];
  for (const id of s.queue.slice(0, s.position)) {
    const result = graded.get(id);
    const ms = result ? result.ms : (s.mock.skippedMs[id] ?? 0);
    questions.push({ id, ...info(id), ms, grade: result ? result.grade : 'skipped', overTime: ms > limit });
  }
  const byTopic = new Map<string, { topic: string; asked: number; correct: number; totalMs: number }>();
  for (const q of questions) {
    const t = byTopic.get(q.topic) ?? { topic: q.topic, asked: 0, correct: 0, totalMs: 0 };
    t.asked++;
    t.totalMs += q.ms;
    if (q.grade !== 'again' && q.grade !== 'skipped') t.correct++;
    byTopic.set(q.topic, t);
  }
  const answered = questions.filter((q) => q.grade !== 'skipped').length;
  const correct = questions.filter((q) => q.grade !== 'skipped' && q.grade !== 'again').length;
  const totalMs = questions.reduce((sum, q) => sum + q.ms, 0);
  return {
    perQuestionMs: limit,
    questions,
    totals: {
      asked: questions.length,
      answered,
      skipped: questions.length - answered,
      correct,
      correctPercent: questions.length ? Math.round((100 * correct) / questions.length) : 0,
      totalMs,
      averageMs: questions.length ? Math.round(totalMs / questions.length) : 0,
      overTime: questions.filter((q) => q.overTime).length,
    },
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
    ...reviveMock(s.mock),
  };
}

function reviveMock(value: unknown): { mock?: MockSettings } {
  const m = value as MockSettings | undefined;
  if (typeof m !== 'object' || m === null || typeof m.perQuestionMs !== 'number' || !(m.perQuestionMs >= 10_000 && m.perQuestionMs <= 3_600_000)) return {};
  const skippedMs: Record<string, number> = {};
  if (typeof m.skippedMs === 'object' && m.skippedMs !== null) {
    for (const [id, ms] of Object.entries(m.skippedMs)) if (typeof ms === 'number' && ms >= 0) skippedMs[id] = ms;
  }
  return { mock: { perQuestionMs: m.perQuestionMs, skippedMs } };
}
