// The question reader: history navigation, the question, and its answer behind "Show answer" for self-testing.
import type { ReaderView } from '../../shared/protocol';
import { button, h, icon } from '../dom';
import { renderInline } from '../markdown';
import type { Ui } from '../ui';
import { renderAnswer } from './answer';

export function renderReader(ui: Ui, view: ReaderView, rerender: () => void): HTMLElement {
  const card = view.card;
  const nav = h('nav', { class: 'reader-nav', 'aria-label': 'history' },
    button(ui.s('back'), { class: 'secondary', disabled: !view.canGoBack, 'aria-keyshortcuts': 'Alt+ArrowLeft' }, () => ui.send({ type: 'navigate', direction: 'back' }), icon('arrow-left')),
    button(ui.s('forward'), { class: 'secondary', disabled: !view.canGoForward, 'aria-keyshortcuts': 'Alt+ArrowRight' }, () => ui.send({ type: 'navigate', direction: 'forward' }), icon('arrow-right')),
    h('span', { class: 'badge' }, card.topicTitle), h('span', { class: `badge difficulty-${card.difficulty}` }, card.difficulty), h('span', { class: 'badge status' }, view.status));
  const shown = ui.local.answerShown;
  const toggle = button(shown ? ui.s('hideAnswer') : ui.s('showAnswer'), { class: 'secondary', 'aria-expanded': String(shown), 'aria-controls': 'answer' }, () => {
    ui.local.answerShown = !shown;
    rerender();
  }, icon(shown ? 'eye-closed' : 'eye'));
  const first = card.answer.concepts[0];
  const actions = h('div', { class: 'actions' }, toggle,
    first ? button(ui.s('quizMe'), { class: 'primary' }, () => ui.send({ type: 'quizConcept', id: first.id }), icon('mortar-board')) : null,
    button(ui.s('markKnown'), { class: 'secondary' }, () => ui.send({ type: 'markKnown' }), icon('check')));
  const article = h('article', { class: 'reader' }, nav, h('h1', { tabindex: '-1', 'data-autofocus': true }, renderInline(card.title)), actions);
  if (shown) {
    const answer = renderAnswer(ui, card, { focus: false, onTick: rerender });
    answer.id = 'answer';
    article.append(answer);
  }
  return article;
}
