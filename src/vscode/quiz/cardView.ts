// Card → what the webview shows. Multiple-choice options go out in the card's shuffled order, and whether an
// option is right only once the card is answered; the answer text only once revealed.
import type { BankView } from '../../core/bank/loadBank';
import type { Card } from '../../core/quiz/cards';
import { choiceOrder } from '../../core/quiz/choices';
import { clozeCardText, clozeToPlain } from '../../core/bank/cloze';
import type { CardView } from '../../shared/protocol';

export interface CardState {
  /** Reviews so far (seeds the option order). */
  reps: number;
  revealed: boolean;
  /** Bank indices of the options picked. */
  picked?: readonly number[];
}

/** Marks the revealed deletion of a cloze card (rendered bold by the webview's inline Markdown). */
const mark = (text: string) => `**${text}**`;

export function cardView(bank: BankView, card: Card, state: CardState, conceptName: (id: string) => string | undefined): CardView {
  const q = card.question;
  const answered = state.revealed || state.picked !== undefined;
  const title = card.kind === 'cloze' ? clozeText(q.title, q.keyPoints ?? [], card.cloze!, answered) : clozeToPlain(q.title);
  const view: CardView = {
    id: card.id,
    kind: card.kind,
    title,
    topicTitle: bank.topicsById.get(q.topic)?.title ?? q.topic,
    difficulty: q.difficulty,
    selfCheck: card.kind === 'flashcard' && !!q.keyPoints?.length,
  };
  if (q.choices && card.kind !== 'cloze') {
    const picked = new Set(state.picked ?? []);
    view.choices = choiceOrder(card.id, state.reps, q.choices.length).map((i) => {
      const c = q.choices![i];
      return answered ? { text: c.text, correct: c.correct, picked: picked.has(i), why: c.why } : { text: c.text };
    });
  }
  if (answered) {
    view.answer = {
      markdown: q.answer,
      keyPoints: (q.keyPoints ?? []).map(clozeToPlain),
      concepts: q.concepts.map((id) => ({ id, name: conceptName(id) ?? id })),
      related: q.related.flatMap((id) => {
        const r = bank.questionsById.get(id);
        return r ? [{ id, title: clozeToPlain(r.title) }] : [];
      }),
    };
  }
  return view;
}

/** The text of cloze card `n`: the heading if it holds the deletion, else the key point(s) that do, after the question. */
function clozeText(title: string, keyPoints: readonly string[], n: number, revealed: boolean): string {
  const render = (text: string) => clozeCardText(text, n, revealed, mark);
  if (title.includes(`{{c${n}::`)) return render(title);
  const points = keyPoints.filter((p) => p.includes(`{{c${n}::`)).map(render);
  return `${clozeToPlain(title)} — ${points.join(' · ')}`;
}

/** Map an on-screen option number to the bank's option index (undefined when out of range). */
export function bankOption(card: Card, reps: number, display: number): number | undefined {
  const n = card.question.choices?.length ?? 0;
  return display >= 0 && display < n ? choiceOrder(card.id, reps, n)[display] : undefined;
}
