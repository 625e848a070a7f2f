// The webview front-end for the quiz, the reader and the statistics. It paints the view that came with the
// page (or the one it saved), then follows the host's `render` messages; the host owns all state that matters.
import type { HostMessage, View } from '../shared/protocol';
import { Ui } from './ui';
import { renderQuiz, submit } from './views/quiz';
import { renderReader } from './views/reader';
import { renderStats } from './stats';
import { configureMath, mathPending } from './math';

const scriptStart = performance.timeOrigin + performance.now();
const ui = new Ui();
configureMath(ui.katexUrl, () => render());
let stop: (() => void) | undefined;
let firstPaint = true;

window.addEventListener('message', (event: MessageEvent<HostMessage>) => {
  const message = event.data;
  if (!message || typeof message !== 'object') return;
  if (message.type === 'render') {
    ui.accept(message.view, message.seq);
    render();
  } else if (message.type === 'announce') {
    ui.announce(message.text);
  }
});

let shownId: string | undefined;

function render(): void {
  const view = ui.view;
  if (!view) return;
  stop?.();
  stop = undefined;
  if (view.kind === 'quiz') {
    const quiz = renderQuiz(ui, view, render);
    stop = quiz.stop;
    ui.app.replaceChildren(quiz.element);
  } else ui.app.replaceChildren(view.kind === 'reader' ? renderReader(ui, view, render) : renderStats(view, ui.s.bind(ui), (m) => ui.send(m)));
  // A new card or question starts at the top.
  if (idOf(view) !== shownId) window.scrollTo(0, 0);
  shownId = idOf(view);
  // Focus without scrolling: after a pick the feedback sits at the top, and jumping to the Continue button below the
  // answer would hide it (Enter still continues; the feedback is announced as a status).
  ui.app.querySelector<HTMLElement>('[data-autofocus]')?.focus({ preventScroll: true });
  const choices = [...ui.app.querySelectorAll('[data-choice]')].map((el) => (el.closest('.choice-button') ?? el).textContent?.replace(/^\s*\d\s*/, '').trim() ?? '');
  const timing = firstPaint ? { timing: { navigationStart: performance.timeOrigin, scriptStart, painted: performance.timeOrigin + performance.now() } } : {};
  firstPaint = false;
  // The statistics say whether they drew a readiness curve, and with how many points.
  const readiness = view.kind === 'stats' ? ui.app.querySelector('.readiness-chart')?.getAttribute('data-points') : null;
  // The heading as painted (a cloze card's blank or revealed deletion), for tests that check what the learner sees.
  const heading = ui.app.querySelector('h1')?.textContent?.trim().slice(0, 500);
  ui.send({ type: 'rendered', kind: kindOf(view), id: readiness ? `stats:readiness:${readiness}` : idOf(view), ...(choices.length ? { choices } : {}), ...(heading ? { heading } : {}), ...(mathPending() ? { mathPending: true } : {}), ...timing });
}

function kindOf(view: View): 'quiz' | 'reader' | 'summary' | 'stats' {
  return view.kind === 'quiz' ? (view.card ? 'quiz' : 'summary') : view.kind;
}

function idOf(view: View): string {
  return view.kind === 'stats' ? 'stats' : view.kind === 'reader' ? view.card.id : (view.card?.id ?? 'summary');
}

document.addEventListener('keydown', (event) => {
  const target = event.target as HTMLElement;
  const typing = target.tagName === 'TEXTAREA' || (target.tagName === 'INPUT' && (target as HTMLInputElement).type !== 'checkbox');
  if (typing || event.ctrlKey || event.metaKey) return;
  const view = ui.view;
  if (view?.kind === 'reader') {
    if (event.altKey && event.key === 'ArrowLeft') ui.send({ type: 'navigate', direction: 'back' });
    else if (event.altKey && event.key === 'ArrowRight') ui.send({ type: 'navigate', direction: 'forward' });
    return;
  }
  if (view?.kind !== 'quiz' || !view.card || event.altKey) return;
  const card = view.card;
  const answered = !!card.answer;
  const choice = card.kind === 'choice' || card.kind === 'select-all';
  const onControl = target.tagName === 'BUTTON' || target.tagName === 'INPUT';
  if (/^[1-9]$/.test(event.key)) {
    const n = Number(event.key) - 1;
    if (!answered && card.kind === 'choice' && n < card.choices!.length) ui.answer({ type: 'pick', card: card.id, option: n });
    else if (!answered && card.kind === 'select-all' && n < card.choices!.length) {
      if (ui.local.selected.has(n)) ui.local.selected.delete(n);
      else ui.local.selected.add(n);
      render();
      ui.app.querySelector<HTMLElement>(`[data-choice="${n}"]`)?.focus();
    } else if (answered && !choice && n < 4) ui.answer({ type: 'grade', card: card.id, grade: (['again', 'hard', 'good', 'easy'] as const)[n] });
  } else if ((event.key === ' ' || event.key === 'Enter') && !answered && !choice && !onControl) {
    event.preventDefault();
    ui.answer({ type: 'reveal', card: card.id });
  } else if (event.key === 'Enter' && !answered && card.kind === 'select-all') {
    event.preventDefault();
    submit(ui, card);
  } else if (event.key === 'Enter' && answered && choice && target.tagName !== 'BUTTON') {
    ui.answer({ type: 'next', card: card.id });
  } else if (event.key === 'u') ui.send({ type: 'undo' });
  else if (event.key === 's') ui.answer({ type: 'skip', card: card.id });
});

render();
ui.send({ type: 'ready', seq: ui.seq });
