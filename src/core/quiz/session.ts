// A study session as a pure state machine, and the one owner of every grading rule: flashcards and cloze cards
// are graded by the learner after the reveal; a multiple-choice pick is Good only when exactly the correct
// set was chosen (one option, or a select-all set), otherwise Again. `step` never persists anything: when a
// grade must be recorded it says so, the host records it, then calls `graded` with the review's id (kept in
// the results, so an undo — even after a window reload — names exactly the review to take back).
import type { Choice } from '../bank/types';
import type { CardKind } from './cards';
import { gradeChoices } from './choices';
import type { Grade4 } from './scheduler';

export interface SessionResult {
  id: string;
  grade: Grade4;
  ms: number;
  /** Id of the review in the log; undo takes back exactly this review. */
  rid?: string;
}

export interface SessionState {
  title: string;
  /** Card ids. */
  queue: string[];
  position: number;
  /** The answer of a flashcard or cloze card is shown. */
  revealed: boolean;
  /** Options the learner chose for the current multiple-choice card (indices into the bank's choices). */
  picked?: number[];
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

/** What the session needs to know about the current card. */
export interface CardFacts {
  kind: CardKind;
  choices?: readonly Choice[];
}

/** What the learner did, in terms of the bank (the host maps on-screen option numbers to bank indices). */
export type SessionAction =
  | { type: 'reveal' }
  | { type: 'pick'; option: number }
  | { type: 'submit'; options: number[] }
  | { type: 'grade'; grade: Grade4 }
  | { type: 'next' }
  | { type: 'skip' }
  | { type: 'undo' };

export type Step =
  /** Nothing to persist: show the new state. */
  | { type: 'update'; state: SessionState }
  /** Record this grade, then call `graded(state, grade, rid, now)`. */
  | { type: 'grade'; cardId: string; grade: Grade4; ms: number }
  /** Take back this review (if it was recorded), then show `state`. */
  | { type: 'undo'; result: SessionResult; state: SessionState }
  /** Not allowed now (a second pick, a grade before the reveal, a stale key press). */
  | { type: 'ignored'; reason: string };

export function createSession(title: string, queue: string[], now: number): SessionState {
  return { title, queue: [...new Set(queue)], position: 0, revealed: false, results: [], skipped: [], startedAt: now, cardShownAt: now };
}

/** A mock interview: like any session, plus a per-question time budget shown as a countdown. */
export function createMockSession(title: string, queue: string[], perQuestionMs: number, now: number): SessionState {
  return { ...createSession(title, queue, now), mock: { perQuestionMs, skippedMs: {} } };
}

export function currentId(s: SessionState): string | undefined {
  return s.queue[s.position];
}

export function isFinished(s: SessionState): boolean {
  return s.position >= s.queue.length;
}

/** Milliseconds left on the current question's budget (negative once over time); undefined outside a mock interview. */
export function timeLeftMs(s: SessionState, now: number): number | undefined {
  return s.mock && !isFinished(s) ? s.mock.perQuestionMs - (now - s.cardShownAt) : undefined;
}

const isChoice = (kind: CardKind) => kind === 'choice' || kind === 'select-all';

/** The grade the current multiple-choice answer earns, once picked. */
export function pickGrade(s: SessionState, card: CardFacts): Grade4 | undefined {
  return s.picked && card.choices ? gradeChoices(card.choices, s.picked) : undefined;
}

export function step(s: SessionState, action: SessionAction, card: CardFacts | undefined, now: number): Step {
  const id = currentId(s);
  if (action.type === 'undo') return undo(s, now);
  if (!id || !card) return { type: 'ignored', reason: 'the session is over' };
  const ms = Math.max(0, now - s.cardShownAt);
  switch (action.type) {
    case 'reveal':
      if (isChoice(card.kind)) return { type: 'ignored', reason: 'multiple choice is answered by picking' };
      return s.revealed ? { type: 'ignored', reason: 'already revealed' } : { type: 'update', state: { ...s, revealed: true } };
    case 'pick': {
      if (card.kind !== 'choice' || s.picked) return { type: 'ignored', reason: 'not a single-answer card waiting for a pick' };
      if (!validOption(card, action.option)) return { type: 'ignored', reason: 'no such option' };
      return { type: 'update', state: { ...s, picked: [action.option], revealed: true } };
    }
    case 'submit': {
      if (card.kind !== 'select-all' || s.picked) return { type: 'ignored', reason: 'not a select-all card waiting for an answer' };
      const options = [...new Set(action.options)].sort((a, b) => a - b);
      if (!options.length || !options.every((o) => validOption(card, o))) return { type: 'ignored', reason: 'pick at least one existing option' };
      return { type: 'update', state: { ...s, picked: options, revealed: true } };
    }
    case 'grade':
      if (isChoice(card.kind)) return { type: 'ignored', reason: 'multiple choice grades itself' };
      if (!s.revealed) return { type: 'ignored', reason: 'reveal the answer before grading' };
      return { type: 'grade', cardId: id, grade: action.grade, ms };
    case 'next': {
      const grade = pickGrade(s, card);
      if (!isChoice(card.kind) || !grade) return { type: 'ignored', reason: 'answer the question first' };
      return { type: 'grade', cardId: id, grade, ms };
    }
    case 'skip': {
      const mock = s.mock ? { ...s.mock, skippedMs: { ...s.mock.skippedMs, [id]: ms } } : undefined;
      return { type: 'update', state: { ...advance(s, now), skipped: [...s.skipped, id], ...(mock ? { mock } : {}) } };
    }
    default:
      return { type: 'ignored', reason: 'unknown action' };
  }
}

function validOption(card: CardFacts, option: number): boolean {
  return Number.isInteger(option) && option >= 0 && option < (card.choices?.length ?? 0);
}

function advance(s: SessionState, now: number): SessionState {
  const { picked: _picked, ...rest } = s;
  return { ...rest, position: s.position + 1, revealed: false, cardShownAt: now };
}

/** The grade was recorded (under review id `rid`): move to the next card. */
export function graded(s: SessionState, grade: Grade4, rid: string | undefined, now: number): SessionState {
  const id = currentId(s);
  if (!id) return s;
  return { ...advance(s, now), results: [...s.results, { id, grade, ms: Math.max(0, now - s.cardShownAt), ...(rid ? { rid } : {}) }] };
}

/** Steps back over the last graded or skipped card. */
function undo(s: SessionState, now: number): Step {
  if (s.position === 0) return { type: 'ignored', reason: 'nothing to undo' };
  const previousId = s.queue[s.position - 1];
  const last = s.results[s.results.length - 1];
  const wasGraded = last?.id === previousId;
  let mock = s.mock;
  if (mock && !wasGraded) {
    const { [previousId]: _undone, ...rest } = mock.skippedMs;
    mock = { ...mock, skippedMs: rest };
  }
  const { picked: _picked, ...rest } = s;
  const state: SessionState = {
    ...rest,
    position: s.position - 1,
    revealed: false,
    results: wasGraded ? s.results.slice(0, -1) : s.results,
    skipped: wasGraded ? s.skipped : s.skipped.slice(0, -1),
    cardShownAt: now,
    ...(mock ? { mock } : {}),
  };
  return wasGraded ? { type: 'undo', result: last, state } : { type: 'update', state };
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
  return { reviewed, correct, correctPercent: reviewed ? Math.round((100 * correct) / reviewed) : 0, elapsedMs: now - s.startedAt, byTopic: [...byTopic.values()] };
}

/** Restores a session saved by the webview (untrusted): anything malformed yields undefined (start fresh). */
export function reviveSession(value: unknown, knownIds: ReadonlySet<string>, now: number): SessionState | undefined {
  const s = value as SessionState;
  if (typeof s !== 'object' || s === null || !Array.isArray(s.queue) || typeof s.position !== 'number') return undefined;
  const queue = s.queue.filter((id): id is string => typeof id === 'string' && knownIds.has(id));
  if (queue.length !== s.queue.length || queue.length > 10_000) return undefined;
  const results = Array.isArray(s.results)
    ? s.results.filter((r) => r && typeof r.id === 'string' && ['again', 'hard', 'good', 'easy'].includes(r.grade)).map((r) => ({
      id: r.id, grade: r.grade, ms: typeof r.ms === 'number' && r.ms >= 0 ? r.ms : 0, ...(typeof r.rid === 'string' && r.rid.length < 100 ? { rid: r.rid } : {}),
    }))
    : [];
  const picked = Array.isArray(s.picked) && s.picked.length <= 9 && s.picked.every((i) => Number.isInteger(i) && i >= 0 && i < 9) ? { picked: [...new Set(s.picked)] } : {};
  return {
    title: typeof s.title === 'string' ? s.title.slice(0, 200) : 'Quiz',
    queue,
    position: Math.min(Math.max(0, Math.floor(s.position)), queue.length),
    revealed: s.revealed === true,
    ...picked,
    results,
    skipped: Array.isArray(s.skipped) ? s.skipped.filter((x) => typeof x === 'string' && knownIds.has(x)) : [],
    startedAt: typeof s.startedAt === 'number' && s.startedAt <= now ? s.startedAt : now,
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

export { mockReport, type MockReport, type MockQuestionReport } from './mockReport';
