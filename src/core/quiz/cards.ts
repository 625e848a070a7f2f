// What the scheduler schedules: cards. A question is one card; each cloze deletion (cN) in its heading or
// key points is one more card with its own FSRS state. A question whose heading is itself a cloze note has
// only its deletion cards. Card ids: the question id, or `<question id>::c<N>`.
import type { Question } from '../bank/types';
import { clozeNumbers, parseCloze } from '../bank/cloze';
import type { CardStatus } from './scheduler';

export type CardKind = 'flashcard' | 'choice' | 'select-all' | 'cloze';

export interface Card {
  id: string;
  question: Question;
  kind: CardKind;
  /** The deletion number of a cloze card. */
  cloze?: number;
}

const CLOZE_SUFFIX = /::c(\d{1,2})$/;

export function clozeCardId(questionId: string, n: number): string {
  return `${questionId}::c${n}`;
}

export function parseCardId(id: string): { questionId: string; cloze?: number } {
  const m = CLOZE_SUFFIX.exec(id);
  return m ? { questionId: id.slice(0, m.index), cloze: Number(m[1]) } : { questionId: id };
}

export function cardsOf(q: Question): Card[] {
  const cards: Card[] = [];
  const titleIsCloze = parseCloze(q.title).spans.length > 0;
  if (!titleIsCloze) cards.push({ id: q.id, question: q, kind: q.choices ? (q.selectAll ? 'select-all' : 'choice') : 'flashcard' });
  for (const n of clozeNumbers([q.title, ...(q.keyPoints ?? [])])) cards.push({ id: clozeCardId(q.id, n), question: q, kind: 'cloze', cloze: n });
  return cards;
}

/** Every card of a bank, with a lookup by id. */
export class CardIndex {
  readonly cards: Card[];
  readonly byId: Map<string, Card>;
  readonly byQuestion = new Map<string, Card[]>();

  constructor(questions: readonly Question[]) {
    this.cards = questions.flatMap(cardsOf);
    this.byId = new Map(this.cards.map((c) => [c.id, c]));
    for (const c of this.cards) {
      const list = this.byQuestion.get(c.question.id) ?? [];
      list.push(c);
      this.byQuestion.set(c.question.id, list);
    }
  }

  get(id: string): Card | undefined {
    return this.byId.get(id);
  }
}

/**
 * One status for a question from its cards: its own card's, or for a cloze note the most urgent of its
 * deletions (due, then learning, then review; mastered only when all are).
 */
export function questionStatus(cards: readonly Card[] | undefined, status: (cardId: string) => CardStatus): CardStatus {
  if (!cards?.length) return 'new';
  if (cards[0].kind !== 'cloze') return status(cards[0].id);
  const all = cards.map((c) => status(c.id));
  for (const s of ['due', 'learning', 'review'] as const) if (all.includes(s)) return s;
  return all.every((s) => s === 'mastered') ? 'mastered' : all.includes('mastered') ? 'review' : 'new';
}
