// Which cards a session asks, in which order. Pure: statuses and randomness are passed in.
import type { Question } from '../bank/types';
import type { Card } from './cards';
import type { CardStatus } from './scheduler';
import { shuffle } from './random';

export { seededRandom, shuffle } from './random';

export type SessionKind = 'due' | 'topic' | 'new' | 'concepts' | 'mock' | 'everything';

export interface QueueInput {
  cards: readonly Card[];
  status: (cardId: string) => CardStatus;
  dueAt: (cardId: string) => number;
  newPerDay: number;
  /** 0 ≤ random() < 1, seeded in tests. */
  random: () => number;
}

export function dueQueue(input: QueueInput): string[] {
  const due = input.cards.filter((c) => input.status(c.id) === 'due').sort((a, b) => input.dueAt(a.id) - input.dueAt(b.id));
  const fresh = input.cards.filter((c) => input.status(c.id) === 'new').slice(0, input.newPerDay);
  return [...due, ...fresh].map((c) => c.id);
}

export function newQueue(input: QueueInput, limit = input.newPerDay): string[] {
  return input.cards.filter((c) => input.status(c.id) === 'new').slice(0, Math.max(limit, 1)).map((c) => c.id);
}

/** Due first, then learning, new, the rest: for a topic, a concept or everything. */
export function studyQueue(input: QueueInput, filter: (q: Question) => boolean): string[] {
  const rank: Record<CardStatus, number> = { due: 0, learning: 1, new: 2, review: 3, mastered: 4 };
  return input.cards
    .filter((c) => filter(c.question))
    .map((c, i) => ({ c, i }))
    .sort((a, b) => rank[input.status(a.c.id)] - rank[input.status(b.c.id)] || a.i - b.i)
    .map(({ c }) => c.id);
}

/** N interview questions (no cloze drills) spread across topics: round-robin over shuffled topics. */
export function mockInterviewQueue(input: QueueInput, count: number): string[] {
  const byTopic = new Map<string, Card[]>();
  for (const c of shuffle(input.cards.filter((x) => x.kind !== 'cloze'), input.random)) {
    const list = byTopic.get(c.question.topic) ?? [];
    list.push(c);
    byTopic.set(c.question.topic, list);
  }
  const lists = shuffle([...byTopic.values()], input.random);
  const out: string[] = [];
  for (let round = 0; out.length < count && lists.some((l) => l.length > round); round++) {
    for (const list of lists) if (list[round] && out.length < count) out.push(list[round].id);
  }
  return out;
}
