// The quiz card: flashcards (reveal, then grade 1–4), single-answer multiple choice (pick 1–9), "select all that
// apply" (check boxes toggled with 1–9, Submit or Enter), cloze cards (recall the hidden part, reveal, grade),
// and the optional typed answer whose ticked key points suggest a grade. The host decides what every action
// means; this only shows the view and reports what the learner did.
import type { CardView, QuizView } from '../../shared/protocol';
import { suggestedGrade } from '../../core/quiz/choices';
import { button, h, icon } from '../dom';
import { renderInline } from '../markdown';
import { formatDuration, type Ui } from '../ui';
import { renderAnswer } from './answer';
import { renderSummary } from './summary';

const GRADES = ['again', 'hard', 'good', 'easy'] as const;

export function renderQuiz(ui: Ui, view: QuizView, rerender: () => void): { element: HTMLElement; stop(): void } {
  if (!view.card) return { element: renderSummary(ui, view), stop: () => undefined };
  const { session } = view;
  const card = view.card;
  const done = session.position;
  const total = session.queue.length;
  const progress = h('div', { class: 'progress', role: 'progressbar', 'aria-valuemin': '0', 'aria-valuemax': String(total), 'aria-valuenow': String(done), 'aria-label': ui.s('progressAnnounce', done + 1, total) },
    h('div', { class: 'progress-fill' }));
  (progress.firstElementChild as HTMLElement).style.width = `${total ? (100 * done) / total : 0}%`;
  const elapsed = h('span', { class: 'elapsed', 'aria-label': ui.s('elapsed') });
  const countdown = view.timeLeftMs === undefined ? undefined : h('span', { class: 'countdown', role: 'timer', 'aria-label': ui.s('timeLeft') });
  const tick = () => {
    elapsed.textContent = formatDuration(Date.now() - session.startedAt);
    if (countdown && view.timeLeftMs !== undefined) updateCountdown(ui, countdown, view.timeLeftMs - (Date.now() - ui.receivedAt), `${session.startedAt}:${session.position}`);
  };
  tick();
  const timer = setInterval(tick, 1000);
  const header = h('header', { class: 'quiz-header' },
    h('span', { class: 'session-title' }, session.title),
    h('span', { class: 'counts' }, `${done + 1} ${ui.s('of')} ${total} · ${view.remaining} ${ui.s('remaining')} · `, elapsed),
    countdown ? h('span', { class: 'countdown-box' }, icon('watch'), countdown) : null,
    progress);
  const answered = !!card.answer;
  const isChoice = card.kind === 'choice' || card.kind === 'select-all';
  const body = h('section', { class: `card card-${card.kind}`, 'aria-labelledby': 'q-title' },
    h('div', { class: 'meta' }, h('span', { class: 'badge' }, card.topicTitle), h('span', { class: `badge difficulty-${card.difficulty}` }, card.difficulty)),
    h('h1', { id: 'q-title', tabindex: '-1', 'data-autofocus': !answered && !isChoice }, renderInline(card.title)));
  if (card.kind === 'choice') body.append(renderSingle(ui, card));
  else if (card.kind === 'select-all') body.append(renderSelectAll(ui, card, rerender));
  else if (!answered && card.selfCheck) body.append(h('textarea', { class: 'your-answer', rows: '4', 'aria-label': ui.s('yourAnswer'), placeholder: ui.s('yourAnswer') }));
  if (answered) body.append(renderAnswer(ui, card, { focus: !isChoice, onTick: rerender }));
  const footer = h('footer', { class: 'actions' });
  if (!answered && !isChoice) {
    footer.append(button(ui.s('showAnswer'), { class: 'primary', 'aria-keyshortcuts': 'Space Enter' }, () => ui.answer({ type: 'reveal', card: card.id }), icon('eye')),
      h('span', { class: 'hint' }, ui.s(card.kind === 'cloze' ? 'clozeHint' : 'revealHint')));
  } else if (!answered && card.kind === 'select-all') {
    footer.append(button(ui.s('submit'), { class: 'primary', 'aria-keyshortcuts': 'Enter', disabled: !ui.local.selected.size, 'data-submit': true }, () => submit(ui, card), icon('check')));
  } else if (answered && isChoice && view.earned) {
    footer.append(button(ui.s('continue'), { class: 'primary', 'aria-keyshortcuts': 'Enter', 'data-grade': view.earned, 'data-autofocus': true }, () => ui.answer({ type: 'next', card: card.id }), icon('arrow-right')));
  } else if (answered) {
    const suggested = suggestedGrade(ui.local.ticks.size, card.answer!.keyPoints.length);
    GRADES.forEach((g, i) => {
      const b = button(ui.s(g), { class: `grade grade-${g}${suggested === g ? ' suggested' : ''}`, 'aria-keyshortcuts': String(i + 1), 'data-grade': g }, () => ui.answer({ type: 'grade', card: card.id, grade: g }), h('kbd', {}, String(i + 1)));
      b.append(h('span', { class: 'interval' }, view.intervals?.[g] ?? ''));
      footer.append(b);
    });
  }
  footer.append(
    button(ui.s('undo'), { class: 'secondary', 'aria-keyshortcuts': 'U', disabled: session.position === 0 }, () => ui.send({ type: 'undo' }), icon('discard')),
    button(ui.s('skip'), { class: 'secondary', 'aria-keyshortcuts': 'S' }, () => ui.answer({ type: 'skip', card: card.id }), icon('debug-step-over')),
  );
  const hint = !isChoice ? (answered ? ui.s('gradeHint') : '') : answered ? ui.s('continueHint') : card.kind === 'select-all' ? ui.s('selectAllHint', card.choices!.length) : ui.s('pickHint', card.choices!.length);
  if (hint) footer.append(h('span', { class: 'hint' }, hint));
  return { element: h('div', { class: 'quiz' }, header, body, footer), stop: () => clearInterval(timer) };
}

function renderSingle(ui: Ui, card: CardView): HTMLElement {
  const answered = !!card.answer;
  const list = h('ol', { class: 'choices', role: 'list' });
  card.choices!.forEach((choice, i) => {
    const state = !answered ? '' : choice.correct ? ' correct' : choice.picked ? ' wrong' : '';
    const item = h('li', { class: `choice${state}` });
    item.append(button(optionText(choice.text), { class: 'choice-button', 'aria-keyshortcuts': String(i + 1), disabled: answered, 'data-autofocus': !answered && i === 0, 'data-choice': String(i) },
      () => ui.answer({ type: 'pick', card: card.id, option: i }), h('kbd', {}, String(i + 1))));
    if (answered) item.append(why(ui, choice));
    list.append(item);
  });
  if (answered) list.prepend(feedback(ui, card));
  return list;
}

function renderSelectAll(ui: Ui, card: CardView, rerender: () => void): HTMLElement {
  const answered = !!card.answer;
  const group = h('fieldset', { class: 'choices select-all' }, h('legend', {}, ui.s('selectAllLabel')));
  card.choices!.forEach((choice, i) => {
    const checked = answered ? !!choice.picked : ui.local.selected.has(i);
    const state = !answered ? '' : choice.correct ? ' correct' : choice.picked ? ' wrong' : '';
    const box = h('input', { type: 'checkbox', id: `opt-${i}`, checked, disabled: answered, 'aria-keyshortcuts': String(i + 1), 'data-choice': String(i), 'data-autofocus': !answered && i === 0 });
    box.addEventListener('change', () => {
      if (box.checked) ui.local.selected.add(i);
      else ui.local.selected.delete(i);
      rerender();
    });
    const item = h('div', { class: `choice${state}` }, h('label', { for: `opt-${i}`, class: 'choice-button' }, box, h('kbd', {}, String(i + 1)), optionText(choice.text)));
    if (answered) item.append(why(ui, choice));
    group.append(item);
  });
  if (answered) group.append(feedback(ui, card));
  return group;
}

/** One box for the option's text: the option is a flex row, and loose inline code would become columns of it. */
function optionText(markdown: string): HTMLElement {
  return h('span', { class: 'choice-text' }, renderInline(markdown));
}

export function submit(ui: Ui, card: CardView): void {
  if (ui.local.selected.size) ui.answer({ type: 'submit', card: card.id, options: [...ui.local.selected].sort((a, b) => a - b) });
}

function why(ui: Ui, choice: NonNullable<CardView['choices']>[number]): HTMLElement {
  return h('p', { class: 'why' }, icon(choice.correct ? 'check' : 'close'), ' ', choice.picked ? h('span', { class: 'visually-hidden' }, `(${ui.s('yourPick')}) `) : null, renderInline(choice.why ?? ''));
}

function feedback(ui: Ui, card: CardView): HTMLElement {
  const ok = card.choices!.every((c) => c.correct === !!c.picked);
  return h('p', { class: `feedback ${ok ? 'ok' : 'bad'}`, role: 'status' }, icon(ok ? 'pass-filled' : 'error'), ` ${ok ? ui.s('correct') : ui.s('incorrect')}`);
}

/** Mock interview: counts past zero as overtime; announced once at one minute left and once at zero. */
function updateCountdown(ui: Ui, el: HTMLElement, leftMs: number, key: string): void {
  const over = leftMs < 0;
  el.textContent = over ? `+${formatDuration(-leftMs)} ${ui.s('overTime')}` : formatDuration(Math.ceil(leftMs / 1000) * 1000);
  el.classList.toggle('warning', !over && leftMs <= 60_000);
  el.classList.toggle('over', over);
  if (leftMs <= 60_000 && leftMs > 55_000 && !ui.announced.has(`${key}:1m`)) {
    ui.announced.add(`${key}:1m`);
    ui.announce(ui.s('oneMinuteLeft'));
  }
  if (over && leftMs > -5_000 && !ui.announced.has(`${key}:0`)) {
    ui.announced.add(`${key}:0`);
    ui.announce(ui.s('timeUp'));
  }
}
