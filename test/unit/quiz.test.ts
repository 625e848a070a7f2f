import { describe, expect, it } from 'vitest';
import { Scheduler, statusOf, formatInterval, isStoredCard } from '../../src/core/quiz/scheduler';
import * as session from '../../src/core/quiz/session';
import { dueQueue, mockInterviewQueue, seededRandom } from '../../src/core/quiz/queue';
import { choiceOrder, gradeChoices, suggestedGrade } from '../../src/core/quiz/choices';
import { CardIndex, cardsOf, parseCardId } from '../../src/core/quiz/cards';
import type { Choice, Question } from '../../src/core/bank/types';

const T0 = new Date('2026-01-01T09:00:00Z');
const later = (days: number) => new Date(T0.getTime() + days * 86_400_000);
const flash: session.CardFacts = { kind: 'flashcard' };
const opts = (...correct: boolean[]): Choice[] => correct.map((c, i) => ({ text: `o${i}`, correct: c, why: 'w' }));
const single: session.CardFacts = { kind: 'choice', choices: opts(false, true, false, false) };
const selectAll: session.CardFacts = { kind: 'select-all', choices: opts(true, false, true, false) };

/** Applies an action that must only change the state. */
function update(s: session.SessionState, action: session.SessionAction, card: session.CardFacts, now = 0): session.SessionState {
  const r = session.step(s, action, card, now);
  if (r.type !== 'update') throw new Error(`expected an update, got ${JSON.stringify(r)}`);
  return r.state;
}
/** Applies an action that must ask for a grade, and records it. */
function grade(s: session.SessionState, action: session.SessionAction, card: session.CardFacts, now: number, rid = 'r'): [session.SessionState, string] {
  const r = session.step(s, action, card, now);
  if (r.type !== 'grade') throw new Error(`expected a grade, got ${JSON.stringify(r)}`);
  return [session.graded(s, r.grade, rid, now), r.grade];
}

describe('Scheduler (FSRS, injected clock)', () => {
  const s = new Scheduler(0.9);
  it('schedules longer intervals for better grades', () => {
    const again = s.grade(undefined, 'again', T0);
    const easy = s.grade(undefined, 'easy', T0);
    expect(Date.parse(easy.due)).toBeGreaterThan(Date.parse(again.due));
    expect(statusOf(again, T0)).toBe('learning');
    expect(statusOf(easy, later(365))).toBe('due');
  });
  it('previews intervals for the four buttons', () => {
    const p = s.preview(undefined, T0);
    expect(Object.keys(p)).toEqual(['again', 'hard', 'good', 'easy']);
    expect(p.again).toMatch(/m$/);
  });
  it('is deterministic for the same clock', () => {
    expect(s.grade(undefined, 'good', T0)).toEqual(s.grade(undefined, 'good', T0));
  });
  it('formats intervals', () => {
    expect(formatInterval(10 * 60_000)).toBe('10m');
    expect(formatInterval(3 * 86_400_000)).toBe('3d');
  });
  it('refuses card states out of range (state 99, negative reps, year 275760)', () => {
    const good = s.grade(undefined, 'good', T0);
    expect(isStoredCard(good)).toBe(true);
    expect(isStoredCard({ ...good, state: 99 })).toBe(false);
    expect(isStoredCard({ ...good, reps: -1 })).toBe(false);
    expect(isStoredCard({ ...good, difficulty: 11 })).toBe(false);
    expect(isStoredCard({ ...good, last_review: '+275760-09-13T00:00:00.000Z' })).toBe(false);
  });
});

describe('multiple-choice order: a seeded shuffle of (card id, reviews)', () => {
  it('is deterministic: the same card and review count give the same order', () => {
    expect(choiceOrder('adam', 3, 4)).toEqual(choiceOrder('adam', 3, 4));
    expect([...choiceOrder('adam', 3, 5)].sort()).toEqual([0, 1, 2, 3, 4]);
  });
  it('changes when the card comes back (another review count) or for another card', () => {
    const orders = new Set(Array.from({ length: 12 }, (_, reps) => choiceOrder('dropout', reps, 4).join('')));
    expect(orders.size).toBeGreaterThan(6);
  });
  it('puts option 1 of the file at every position equally often (within ±5% of 1/n), for n = 3, 4, 5', () => {
    for (const n of [3, 4, 5]) {
      const hits = new Array(n).fill(0);
      const runs = 60_000;
      for (let i = 0; i < runs; i++) hits[choiceOrder(`card-${i % 3000}`, Math.floor(i / 3000), n).indexOf(0)]++;
      for (const h of hits) expect(Math.abs(h / runs - 1 / n)).toBeLessThan(0.05 / n);
    }
  });
});

describe('grading rules (the session owns them)', () => {
  it('single choice: the first pick decides; right → Good, wrong → Again; a second pick or a grade key is ignored', () => {
    let s = session.createSession('t', ['a', 'b'], 0);
    expect(session.step(s, { type: 'next' }, single, 0).type).toBe('ignored');
    s = update(s, { type: 'pick', option: 0 }, single);
    expect(session.step(s, { type: 'pick', option: 1 }, single, 0).type).toBe('ignored');
    expect(session.step(s, { type: 'grade', grade: 'easy' }, single, 0).type).toBe('ignored');
    const [after, g] = grade(s, { type: 'next' }, single, 5);
    expect(g).toBe('again');
    const [, right] = grade(update(after, { type: 'pick', option: 1 }, single), { type: 'next' }, single, 9);
    expect(right).toBe('good');
  });
  it('select all that apply: Good only for exactly the correct set', () => {
    const s = session.createSession('t', ['a'], 0);
    const outcome = (picked: number[]) => grade(update(s, { type: 'submit', options: picked }, selectAll), { type: 'next' }, selectAll, 1)[1];
    expect(outcome([0, 2])).toBe('good');
    expect(outcome([2, 0, 2])).toBe('good');
    expect(outcome([0])).toBe('again');
    expect(outcome([0, 1, 2])).toBe('again');
    expect(session.step(s, { type: 'submit', options: [] }, selectAll, 0).type).toBe('ignored');
    expect(session.step(s, { type: 'submit', options: [7] }, selectAll, 0).type).toBe('ignored');
    expect(session.step(s, { type: 'pick', option: 0 }, selectAll, 0).type).toBe('ignored');
    expect(gradeChoices(selectAll.choices!, [2, 0])).toBe('good');
  });
  it('flashcards and cloze cards: the learner grades after the reveal, never before', () => {
    let s = session.createSession('t', ['a', 'b::c1'], 0);
    expect(session.step(s, { type: 'grade', grade: 'good' }, flash, 0).type).toBe('ignored');
    s = update(s, { type: 'reveal' }, flash);
    [s] = grade(s, { type: 'grade', grade: 'hard' }, flash, 10, 'r1');
    s = update(s, { type: 'reveal' }, { kind: 'cloze' });
    [s] = grade(s, { type: 'grade', grade: 'easy' }, { kind: 'cloze' }, 20, 'r2');
    expect(s.results).toEqual([{ id: 'a', grade: 'hard', ms: 10, rid: 'r1' }, { id: 'b::c1', grade: 'easy', ms: 10, rid: 'r2' }]);
    expect(session.isFinished(s)).toBe(true);
  });
  it('typed answers: ticked key points suggest a grade', () => {
    expect([suggestedGrade(0, 4), suggestedGrade(1, 4), suggestedGrade(2, 4), suggestedGrade(3, 4), suggestedGrade(4, 4)]).toEqual([undefined, 'again', 'hard', 'good', 'easy']);
  });
  it('undo names the review to take back; skip is undone without one', () => {
    let s = session.createSession('t', ['a', 'b'], 0);
    [s] = grade(update(s, { type: 'reveal' }, flash), { type: 'grade', grade: 'good' }, flash, 5, 'rid-a');
    s = update(s, { type: 'skip' }, flash, 6);
    const u1 = session.step(s, { type: 'undo' }, undefined, 7);
    expect(u1.type).toBe('update');
    const u2 = session.step((u1 as { state: session.SessionState }).state, { type: 'undo' }, undefined, 8);
    expect(u2).toMatchObject({ type: 'undo', result: { id: 'a', rid: 'rid-a' } });
    expect(session.step(session.createSession('t', ['a'], 0), { type: 'undo' }, undefined, 0).type).toBe('ignored');
  });
  it('a pick survives a reload (it is part of the saved state); garbage does not', () => {
    const s = update(session.createSession('t', ['a', 'b'], 0), { type: 'pick', option: 1 }, single);
    const revived = session.reviveSession(JSON.parse(JSON.stringify(s)), new Set(['a', 'b']), 50)!;
    expect(revived.picked).toEqual([1]);
    expect(grade(revived, { type: 'next' }, single, 60)[1]).toBe('good');
    expect(session.reviveSession({ queue: 'x' }, new Set(), 5)).toBeUndefined();
    expect(session.reviveSession({ ...s, queue: ['a', 'gone'] }, new Set(['a']), 5)).toBeUndefined();
    expect(session.reviveSession({ ...s, picked: ['x'] }, new Set(['a', 'b']), 5)?.picked).toBeUndefined();
  });
  it('summarises per topic', () => {
    let s = session.createSession('t', ['a', 'b'], 0);
    [s] = grade(update(s, { type: 'reveal' }, flash), { type: 'grade', grade: 'again' }, flash, 10);
    [s] = grade(update(s, { type: 'reveal' }, flash), { type: 'grade', grade: 'easy' }, flash, 20);
    expect(session.summarise(s, (id) => (id === 'a' ? 'X' : 'Y'), 60_000)).toMatchObject({ reviewed: 2, correct: 1, correctPercent: 50, elapsedMs: 60_000 });
  });
});

describe('cards: questions and cloze deletions', () => {
  const q = (over: Partial<Question>): Question => ({ id: 'q', topic: 't', difficulty: 'basic', title: 'T?', answer: 'A', concepts: [], covers: [], related: [], source: 's', ...over });
  it('a question is one card; each cN in its key points adds one; a cloze heading has only its deletions', () => {
    expect(cardsOf(q({})).map((c) => [c.id, c.kind])).toEqual([['q', 'flashcard']]);
    expect(cardsOf(q({ choices: opts(true, false), keyPoints: ['{{c1::AdamW}} decouples', 'and {{c2::x}} {{c1::y}}'] })).map((c) => [c.id, c.kind])).toEqual([['q', 'choice'], ['q::c1', 'cloze'], ['q::c2', 'cloze']]);
    expect(cardsOf(q({ title: '{{c1::Dropout}} zeroes units with probability {{c2::$p$}}' })).map((c) => c.id)).toEqual(['q::c1', 'q::c2']);
    expect(parseCardId('deck:d:x::c12')).toEqual({ questionId: 'deck:d:x', cloze: 12 });
    expect(new CardIndex([q({ choices: opts(true, true, false), selectAll: true })]).get('q')?.kind).toBe('select-all');
  });
});

describe('queues', () => {
  const cards = ['a', 'b', 'c', 'd'].map((id, i) => ({ id, kind: 'flashcard', question: { id, topic: i % 2 ? 'x' : 'y' } })) as never[];
  it('due first, then up to newPerDay new', () => {
    const status = (id: string) => (id === 'c' ? 'due' : id === 'd' ? 'review' : 'new') as never;
    expect(dueQueue({ cards, status, dueAt: () => 0, newPerDay: 1, random: Math.random })).toEqual(['c', 'a']);
  });
  it('mock interview is reproducible with a seed and spans topics', () => {
    const input = { cards, status: () => 'new' as never, dueAt: () => 0, newPerDay: 9, random: seededRandom(42) };
    const first = mockInterviewQueue(input, 2);
    expect(first).toEqual(mockInterviewQueue({ ...input, random: seededRandom(42) }, 2));
    expect(new Set(first.map((id) => (['a', 'c'].includes(id) ? 'y' : 'x'))).size).toBe(2);
  });
});
