import { describe, expect, it } from 'vitest';
import { Scheduler, statusOf, formatInterval } from '../../src/core/quiz/scheduler';
import * as session from '../../src/core/quiz/session';
import { ProgressStore, PROGRESS_KEY, QUARANTINE_KEY, type KeyValueStore } from '../../src/core/quiz/progress';
import { parseReviewLog, serializeReview } from '../../src/core/quiz/reviewLog';
import { dueQueue, mockInterviewQueue, seededRandom } from '../../src/core/quiz/queue';

const T0 = new Date('2026-01-01T09:00:00Z');
const later = (days: number) => new Date(T0.getTime() + days * 86_400_000);

class MemoryStore implements KeyValueStore {
  data = new Map<string, unknown>();
  get<T>(key: string) {
    return this.data.get(key) as T | undefined;
  }
  async update(key: string, value: unknown) {
    this.data.set(key, JSON.parse(JSON.stringify(value)));
  }
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
});

describe('session state machine', () => {
  it('reveal → grade → undo → skip', () => {
    let st = session.createSession('t', ['a', 'b', 'a'], 0);
    expect(st.queue).toEqual(['a', 'b']);
    st = session.reveal(st);
    st = session.grade(st, 'good', 1000);
    expect(st.results).toEqual([{ id: 'a', grade: 'good', ms: 1000 }]);
    const u = session.undo(st, 2000);
    expect(u.reverted?.id).toBe('a');
    expect(u.state.position).toBe(0);
    st = session.skip(u.state, 3000);
    expect(st.skipped).toEqual(['a']);
    expect(session.undo(st, 4000).reverted).toBeUndefined();
  });
  it('multiple choice: only the first pick grades', () => {
    const st = session.createSession('t', ['a'], 0);
    const first = session.pick(st, 1, false);
    expect(first.grade).toBe('again');
    expect(session.pick(first.state, 0, true).grade).toBeUndefined();
  });
  it('summarises per topic', () => {
    let st = session.createSession('t', ['a', 'b'], 0);
    st = session.grade(session.reveal(st), 'again', 10);
    st = session.grade(session.reveal(st), 'easy', 20);
    const sum = session.summarise(st, (id) => (id === 'a' ? 'X' : 'Y'), 60_000);
    expect(sum).toMatchObject({ reviewed: 2, correct: 1, correctPercent: 50, elapsedMs: 60_000 });
  });
  it('revives only well-formed saved state', () => {
    const st = session.createSession('t', ['a', 'b'], 0);
    expect(session.reviveSession(JSON.parse(JSON.stringify(st)), new Set(['a', 'b']), 5)?.queue).toEqual(['a', 'b']);
    expect(session.reviveSession({ queue: 'x' }, new Set(), 5)).toBeUndefined();
    expect(session.reviveSession({ ...st, queue: ['a', 'gone'] }, new Set(['a']), 5)).toBeUndefined();
  });
});

describe('ProgressStore', () => {
  it('keeps good cards and sets damaged ones aside (never silently dropped)', async () => {
    const store = new MemoryStore();
    const good = new Scheduler().grade(undefined, 'good', T0);
    store.data.set(PROGRESS_KEY, { version: 1, cards: { a: good, b: { due: 'yesterday' } } });
    const p = new ProgressStore(store);
    expect(p.lastLoad).toEqual({ kept: 1, setAside: 1 });
    expect(p.get('a')).toEqual(good);
    const quarantine = store.get<Record<string, Record<string, unknown>>>(QUARANTINE_KEY)!;
    expect(Object.values(quarantine)[0]).toEqual({ b: { due: 'yesterday' } });
  });
  it('sets aside a wholly corrupted record', () => {
    const store = new MemoryStore();
    store.data.set(PROGRESS_KEY, 'garbage');
    const p = new ProgressStore(store);
    expect(p.lastLoad).toEqual({ kept: 0, setAside: 1 });
    expect(JSON.stringify(store.get(QUARANTINE_KEY))).toContain('garbage');
  });
});

describe('review log', () => {
  it('skips a truncated last line and bad entries, keeps the rest', () => {
    const e = { id: 'a', grade: 'good' as const, state: 2, reviewedAt: T0.toISOString(), due: T0.toISOString(), durationMs: 5 };
    const text = serializeReview(e) + '{"id":"b"}\n' + serializeReview({ ...e, id: 'c' }) + '{"id":"d","gra';
    const { entries, badLines } = parseReviewLog(text);
    expect(entries.map((x) => x.id)).toEqual(['a', 'c']);
    expect(badLines).toEqual([2, 4]);
  });
});

describe('queues', () => {
  const questions = ['a', 'b', 'c', 'd'].map((id, i) => ({ id, topic: i % 2 ? 'x' : 'y' })) as never[];
  it('due first, then up to newPerDay new', () => {
    const status = (id: string) => (id === 'c' ? 'due' : id === 'd' ? 'review' : 'new') as never;
    expect(dueQueue({ questions, status, dueAt: () => 0, newPerDay: 1, random: Math.random })).toEqual(['c', 'a']);
  });
  it('mock interview is reproducible with a seed and spans topics', () => {
    const input = { questions, status: () => 'new' as never, dueAt: () => 0, newPerDay: 9, random: seededRandom(42) };
    const first = mockInterviewQueue(input, 2);
    expect(first).toEqual(mockInterviewQueue({ ...input, random: seededRandom(42) }, 2));
    expect(new Set(first.map((id) => (['a', 'c'].includes(id) ? 'y' : 'x'))).size).toBe(2);
  });
});
