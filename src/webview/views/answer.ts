// The revealed answer, shared by the quiz and the reader: key points to tick (they suggest a grade), the
// answer's sanitised Markdown, its concepts and related questions.
import type { CardView } from '../../shared/protocol';
import { button, h } from '../dom';
import { renderInline, renderMarkdown } from '../markdown';
import type { Ui } from '../ui';

export function renderAnswer(ui: Ui, card: CardView, options: { focus: boolean; onTick(): void }): HTMLElement {
  const answer = card.answer!;
  const section = h('section', { class: 'answer', tabindex: '-1', 'aria-label': ui.s('showAnswer'), 'data-autofocus': options.focus });
  if (answer.keyPoints.length && card.kind !== 'cloze') {
    const list = h('ul', { class: 'key-points', 'aria-label': ui.s('keyPoints') });
    answer.keyPoints.forEach((point, i) => {
      const box = h('input', { type: 'checkbox', id: `kp-${i}`, checked: ui.local.ticks.has(i) });
      box.addEventListener('change', () => {
        if (box.checked) ui.local.ticks.add(i);
        else ui.local.ticks.delete(i);
        options.onTick();
      });
      list.append(h('li', {}, box, h('label', { for: `kp-${i}` }, renderInline(point))));
    });
    section.append(h('h2', {}, ui.s('keyPoints')), list);
  }
  section.append(renderMarkdown(answer.markdown));
  wireLinks(ui, section);
  if (answer.concepts.length) {
    const concepts = h('p', { class: 'concepts' }, `${ui.s('concepts')}: `);
    answer.concepts.forEach((c, i) => {
      if (i) concepts.append(', ');
      concepts.append(button(c.name, { class: 'link' }, () => ui.send({ type: 'quizConcept', id: c.id })));
    });
    section.append(concepts);
  }
  if (answer.related.length) {
    const related = h('ul', { class: 'related', 'aria-label': ui.s('related') });
    for (const r of answer.related) related.append(h('li', {}, button(renderInline(r.title), { class: 'link' }, () => ui.send({ type: 'openQuestion', id: r.id }))));
    section.append(h('h2', {}, ui.s('related')), related);
  }
  return section;
}

/** Links in answers go through the host (http(s) to the browser, `#q:` to the reader); VS Code's own handler never sees them. */
function wireLinks(ui: Ui, root: HTMLElement): void {
  root.querySelectorAll('a[href]').forEach((a) => {
    a.addEventListener('click', (event) => {
      event.preventDefault();
      event.stopPropagation();
      const href = a.getAttribute('href') ?? '';
      if (href.startsWith('#q:')) ui.send({ type: 'openQuestion', id: href.slice(3) });
      else ui.send({ type: 'openLink', href });
    });
  });
}
