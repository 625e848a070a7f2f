// Which questions a session asks, in which order. Pure: statuses and randomness are passed in.
import type { Question } from '../bank/types';
import type { CardStatus } from './scheduler';

export type SessionKind = 'due' | 'topic' | 'new' | 'concepts' | 'mock' | 'everything';

export interface QueueInput {
  questions: readonly Question[];
  status: (id: string) => CardStatus;
  dueAt: (id: string) => number;
  newPerDay: number;
  /** 0 ≤ random() < 1, seeded in tests. */
  random: () => number;
}

export function dueQueue(input: QueueInput): string[] {
  const due = input.questions.filter((q) => input.status(q.id) === 'due').sort((a, b) => input.dueAt(a.id) - input.dueAt(b.id));
  const fresh = input.questions.filter((q) => input.status(q.id) === 'new').slice(0, input.newPerDay);
  return [...due, ...fresh].map((q) => q.id);
}

export function newQueue(input: QueueInput, limit = input.newPerDay): string[] {
  return input.questions.filter((q) => input.status(q.id) === 'new').slice(0, Math.max(limit, 1)).map((q) => q.id);
}

/** Due first, then new, then the rest: for a topic, a concept or everything. */
export function studyQueue(input: QueueInput, filter: (q: Question) => boolean): string[] {
  const rank: Record<CardStatus, number> = { due: 0, learning: 1, new: 2, review: 3, mastered: 4 };
  return input.questions
    .filter(filter)
    .map((q, i) => ({ q, i }))
    .sort((a, b) => rank[input.status(a.q.id)] - rank[input.status(b.q.id)] || a.i - b.i)
    .map(({ q }) => q.id);
}

/** N questions spread across topics (round-robin over shuffled topics), for a mock interview. */
export function mockInterviewQueue(input: QueueInput, count: number): string[] {
  const byTopic = new Map<string, Question[]>();
  for (const q of shuffle([...input.questions], input.random)) {
    const list = byTopic.get(q.topic) ?? [];
    list.push(q);
    byTopic.set(q.topic, list);
  }
  const lists = shuffle([...byTopic.values()], input.random);
  const out: string[] = [];
  for (let round = 0; out.length < count && lists.some((l) => l.length > round); round++) {
    for (const list of lists) if (list[round] && out.length < count) out.push(list[round].id);
  }
  return out;
}

export function shuffle<T>(items: T[], random: () => number): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [items[i], items[j]] = [items[j], items[i]];
  }
  return items;
}

/** Deterministic PRNG (mulberry32) for reproducible mock interviews in tests. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
