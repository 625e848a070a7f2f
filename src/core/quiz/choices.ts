// Multiple choice: the order options are shown in, and how a pick is graded. The order is a seeded shuffle of
// (card id, number of reviews so far): a new order every time the card comes back, the same order after an
// undo or a window reload. The grade is Good only for exactly the correct set (one option, or a select-all set).
import type { Choice } from '../bank/types';
import type { Grade4 } from './scheduler';
import { seededRandom, shuffle } from './random';

/** FNV-1a, then murmur3's finalizer so that seeds of similar strings are far apart. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** `order[display] = original`: the option shown at position `display` is `choices[order[display]]`. */
export function choiceOrder(cardId: string, reviews: number, count: number): number[] {
  const random = seededRandom(hash(`${cardId}\u0000${reviews}`));
  random(); // the generator's first output follows the seed closely; start from the second
  return shuffle(Array.from({ length: count }, (_, i) => i), random);
}

export function isExactlyCorrect(choices: readonly Choice[], picked: readonly number[]): boolean {
  const set = new Set(picked);
  return set.size === picked.length && choices.every((c, i) => c.correct === set.has(i));
}

export function gradeChoices(choices: readonly Choice[], picked: readonly number[]): Grade4 {
  return isExactlyCorrect(choices, picked) ? 'good' : 'again';
}

/**
 * The grade ticked key points suggest for a typed answer (a hint; the learner still chooses):
 * all → Easy, ≥ 60% → Good, ≥ 30% → Hard, less → Again.
 */
export function suggestedGrade(ticked: number, total: number): Grade4 | undefined {
  if (!total || !ticked) return undefined;
  const share = ticked / total;
  return share >= 1 ? 'easy' : share >= 0.6 ? 'good' : share >= 0.3 ? 'hard' : 'again';
}
