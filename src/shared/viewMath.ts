// Whether a view shows any math: the page then loads KaTeX before its first paint instead of after it.
import { mathSpans } from '../core/text/mathSpans';
import type { View } from './protocol';

export function viewHasMath(view: View | undefined): boolean {
  if (!view || view.kind === 'stats') return false;
  const card = view.card;
  if (!card) return false;
  const texts = [card.title, ...(card.choices ?? []).flatMap((c) => [c.text, c.why ?? '']), card.answer?.markdown ?? '', ...(card.answer?.keyPoints ?? [])];
  return texts.some((t) => t.includes('$') && mathSpans(t).length > 0);
}
