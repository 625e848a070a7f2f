// Does the length of an option give the answer away? Test-writing guidance (and the learners who game it)
// says the keyed option tends to be the longest, most qualified one. Two figures per set of items:
//   longestShare: items whose (longest) correct option is strictly longer than every distractor;
//   lengthRatio:  mean length of correct options / mean length of distractors.
// Lengths are of the visible text: Markdown code and math markers do not count.
import type { Question } from './types';

export interface ChoiceBalance {
  items: number;
  longestShare: number;
  lengthRatio: number;
}

/** The limits the build enforces for the whole bank and for every topic. */
export const CHOICE_BALANCE_LIMITS = { maxLongestShare: 0.35, minRatio: 0.85, maxRatio: 1.2 } as const;

export function visibleLength(text: string): number {
  return text.replace(/[`$*_]/g, '').replace(/\s+/g, ' ').trim().length;
}

export function choiceBalance(questions: readonly Question[]): ChoiceBalance {
  let items = 0;
  let longest = 0;
  let correctSum = 0;
  let correctCount = 0;
  let wrongSum = 0;
  let wrongCount = 0;
  for (const q of questions) {
    if (!q.choices?.length) continue;
    const right = q.choices.filter((c) => c.correct).map((c) => visibleLength(c.text));
    const wrong = q.choices.filter((c) => !c.correct).map((c) => visibleLength(c.text));
    if (!right.length || !wrong.length) continue;
    items++;
    if (Math.max(...right) > Math.max(...wrong)) longest++;
    correctSum += right.reduce((a, b) => a + b, 0);
    correctCount += right.length;
    wrongSum += wrong.reduce((a, b) => a + b, 0);
    wrongCount += wrong.length;
  }
  return {
    items,
    longestShare: items ? longest / items : 0,
    lengthRatio: correctCount && wrongCount ? correctSum / correctCount / (wrongSum / wrongCount) : 1,
  };
}

export function balanceProblems(b: ChoiceBalance): string[] {
  const out: string[] = [];
  const { maxLongestShare, minRatio, maxRatio } = CHOICE_BALANCE_LIMITS;
  if (!b.items) return out;
  if (b.longestShare > maxLongestShare) out.push(`the correct option is the longest in ${Math.round(100 * b.longestShare)}% of items (limit ${Math.round(100 * maxLongestShare)}%)`);
  if (b.lengthRatio < minRatio || b.lengthRatio > maxRatio) out.push(`correct options average ${b.lengthRatio.toFixed(2)}× the length of distractors (allowed ${minRatio}–${maxRatio})`);
  return out;
}
