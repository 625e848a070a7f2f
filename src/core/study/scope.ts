// What an interview plan covers, and its date setting: the small part of the planner the extension needs while
// activating (settings, the Set Interview Date command); the planner itself loads on demand.
import type { Card } from '../quiz/cards';

export type ScopeKind = 'all' | 'topics' | 'mock';

/** What the plan covers: the whole bank, chosen topics, or the mock-interview preset (every interview question, no cloze drills). */
export interface Scope {
  kind: ScopeKind;
  /** For `topics`; an empty list means every topic. */
  topics?: readonly string[];
}

export function inScope<T extends Pick<Card, 'kind'> & { question: { topic: string } }>(cards: readonly T[], scope: Scope): T[] {
  if (scope.kind === 'mock') return cards.filter((c) => c.kind !== 'cloze');
  if (scope.kind === 'topics' && scope.topics?.length) {
    const topics = new Set(scope.topics);
    return cards.filter((c) => topics.has(c.question.topic));
  }
  return [...cards];
}

/** A YYYY-MM-DD string naming a real calendar date (2000–2199), or undefined. */
export function parseIsoDate(value: unknown): string | undefined {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value.trim())) return undefined;
  const date = value.trim();
  const [y, m, d] = date.split('-').map(Number);
  const utc = new Date(Date.UTC(y, m - 1, d));
  return y >= 2000 && y < 2200 && utc.getUTCMonth() === m - 1 && utc.getUTCDate() === d ? date : undefined;
}
