// The webview front-end for the quiz and the question reader. The host owns the state; this page
// renders what it is sent, reports what it rendered, and turns clicks and keys into typed intents.
import type { CardView, HostMessage, QuizView, ReaderView, StatsView, WebviewMessage } from '../shared/protocol';
import { renderInline, renderMarkdown } from './markdown';
import { button, h, icon } from './dom';
import { renderStats } from './stats';

interface VsCodeApi {
  postMessage(message: WebviewMessage): void;
  getState(): unknown;
  setState(state: unknown): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();
const app = document.getElementById('app')!;
const announcer = document.getElementById('announcer')!;
let strings: Record<string, string> = {};
let current: QuizView | ReaderView | StatsView | undefined;
/** When the current view arrived: the mock-interview countdown runs from the host's figure at that moment. */
let receivedAt = 0;
/** Screen-reader announcements already made for a question's timer ("startedAt:position:kind"). */
const timerAnnounced = new Set<string>();
/** Reader-only local UI state: answer visible, key points ticked. */
let answerShown = false;
let ticks = new Set<number>();
let timer: ReturnType<typeof setInterval> | undefined;

const send = (message: WebviewMessage) => vscode.postMessage(message);
const s = (key: string, ...args: (string | number)[]) => (strings[key] ?? key).replace(/\{(\d)\}/g, (_, i: string) => String(args[Number(i)]));

window.addEventListener('message', (event: MessageEvent<HostMessage>) => {
  const message = event.data;
  if (!message || typeof message !== 'object') return;
  if (message.type === 'render') {
    strings = message.strings;
    const sameCard = current?.kind === message.view.kind && cardId(current) === cardId(message.view);
    if (!sameCard) {
      answerShown = false;
      ticks = new Set();
    }
    current = message.view;
    receivedAt = Date.now();
    // The host's view is the state to restore after a reload (WebviewPanelSerializer gets it back).
    const view = message.view;
    vscode.setState(view.kind === 'quiz' ? { session: view.session } : view.kind === 'reader' ? { reader: view.card.id } : { stats: true });
    render();
  } else if (message.type === 'announce') {
    announce(message.text);
  }
});

function cardId(view: QuizView | ReaderView | StatsView | undefined): string | undefined {
  if (!view) return undefined;
  if (view.kind === 'stats') return 'stats';
  return view.kind === 'reader' ? view.card.id : (view.card?.id ?? 'summary');
}

function announce(text: string) {
  announcer.textContent = '';
  requestAnimationFrame(() => (announcer.textContent = text));
}

function render() {
  if (!current) return;
  if (timer) clearInterval(timer);
  app.replaceChildren(current.kind === 'quiz' ? renderQuiz(current) : current.kind === 'reader' ? renderReader(current) : renderStats(current, s));
  const focusTarget = app.querySelector<HTMLElement>('[data-autofocus]');
  focusTarget?.focus();
  const kind = current.kind === 'quiz' ? (current.card ? 'quiz' : 'summary') : current.kind;
  send({ type: 'rendered', kind, id: cardId(current) ?? '' });
}

// ---- quiz -----------------------------------------------------------------------------------------

function renderQuiz(view: QuizView): HTMLElement {
  const { session } = view;
  if (!view.card) return renderSummary(view);
  const card = view.card;
  const done = session.position;
  const total = session.queue.length;
  const progress = h('div', { class: 'progress', role: 'progressbar', 'aria-valuemin': '0', 'aria-valuemax': String(total), 'aria-valuenow': String(done), 'aria-label': s('progressAnnounce', done + 1, total) },
    h('div', { class: 'progress-fill' }));
  (progress.firstElementChild as HTMLElement).style.width = `${total ? (100 * done) / total : 0}%`;
  const elapsed = h('span', { class: 'elapsed', 'aria-label': s('elapsed') });
  const countdown = view.timeLeftMs === undefined ? undefined : h('span', { class: 'countdown', role: 'timer', 'aria-label': s('timeLeft') });
  const timerKey = `${session.startedAt}:${session.position}`;
  const tick = () => {
    elapsed.textContent = formatDuration(Date.now() - session.startedAt);
    if (countdown && view.timeLeftMs !== undefined) updateCountdown(countdown, view.timeLeftMs - (Date.now() - receivedAt), timerKey);
  };
  tick();
  timer = setInterval(tick, 1000);
  const header = h('header', { class: 'quiz-header' },
    h('span', { class: 'session-title' }, session.title),
    h('span', { class: 'counts' }, `${done + 1} ${s('of')} ${total} · ${view.remaining} ${s('remaining')} · `, elapsed),
    countdown ? h('span', { class: 'countdown-box' }, icon('watch'), countdown) : null,
    progress);
  const revealed = session.revealed;
  const body = h('section', { class: 'card', 'aria-labelledby': 'q-title' },
    h('div', { class: 'meta' }, h('span', { class: 'badge' }, card.topicTitle), h('span', { class: `badge difficulty-${card.difficulty}` }, card.difficulty)),
    h('h1', { id: 'q-title', tabindex: '-1', 'data-autofocus': !revealed && !card.choices }, renderInline(card.title)));
  if (card.choices) body.append(renderChoices(card, session.picked));
  else if (!revealed) body.append(renderSelfTest(card));
  if (revealed) body.append(renderAnswer(card, true));
  const footer = h('footer', { class: 'actions' });
  if (!revealed && !card.choices) {
    footer.append(button(s('showAnswer'), { class: 'primary', 'aria-keyshortcuts': 'Space Enter' }, () => send({ type: 'reveal' }), icon('eye')));
    footer.append(h('span', { class: 'hint' }, s('revealHint')));
  } else if (revealed && card.choices && session.picked !== undefined) {
    const correct = card.choices[session.picked]?.correct;
    footer.append(button(s('good'), { class: 'primary', 'data-grade': correct ? 'good' : 'again' }, () => send({ type: 'grade', grade: correct ? 'good' : 'again' }), icon('arrow-right')));
  } else if (revealed) {
    const grades = ['again', 'hard', 'good', 'easy'] as const;
    const suggested = suggestGrade(card);
    grades.forEach((g, i) => {
      const label = `${s(g)}`;
      const b = button(label, { class: `grade grade-${g}${suggested === g ? ' suggested' : ''}`, 'aria-keyshortcuts': String(i + 1), 'data-grade': g }, () => send({ type: 'grade', grade: g }),
        h('kbd', {}, String(i + 1)));
      b.append(h('span', { class: 'interval' }, view.intervals?.[g] ?? ''));
      footer.append(b);
    });
  }
  footer.append(
    button(s('undo'), { class: 'secondary', 'aria-keyshortcuts': 'U', disabled: session.position === 0 }, () => send({ type: 'undo' }), icon('discard')),
    button(s('skip'), { class: 'secondary', 'aria-keyshortcuts': 'S' }, () => send({ type: 'skip' }), icon('debug-step-over')),
  );
  if (revealed || card.choices) footer.append(h('span', { class: 'hint' }, card.choices && session.picked === undefined ? s('pickHint', card.choices.length) : s('gradeHint')));
  return h('div', { class: 'quiz' }, header, body, footer);
}

/**
 * The mock-interview countdown: visible, counts past zero as overtime (the learner still grades), and
 * announced once to screen readers at one minute left and once at zero.
 */
function updateCountdown(el: HTMLElement, leftMs: number, key: string) {
  const over = leftMs < 0;
  el.textContent = over ? `+${formatDuration(-leftMs)} ${s('overTime')}` : formatDuration(Math.ceil(leftMs / 1000) * 1000);
  el.classList.toggle('warning', !over && leftMs <= 60_000);
  el.classList.toggle('over', over);
  if (leftMs <= 60_000 && leftMs > 55_000 && !timerAnnounced.has(`${key}:1m`)) {
    timerAnnounced.add(`${key}:1m`);
    announce(s('oneMinuteLeft'));
  }
  if (over && leftMs > -5_000 && !timerAnnounced.has(`${key}:0`)) {
    timerAnnounced.add(`${key}:0`);
    announce(s('timeUp'));
  }
}

function renderChoices(card: CardView, picked: number | undefined): HTMLElement {
  const list = h('ol', { class: 'choices', role: 'list' });
  card.choices!.forEach((choice, i) => {
    const state = picked === undefined ? '' : choice.correct ? ' correct' : picked === i ? ' wrong' : '';
    const item = h('li', { class: `choice${state}` });
    const b = button(renderInline(choice.text), { class: 'choice-button', 'aria-keyshortcuts': String(i + 1), disabled: picked !== undefined, 'data-autofocus': picked === undefined && i === 0, 'data-choice': String(i) },
      () => send({ type: 'pick', index: i }), h('kbd', {}, String(i + 1)));
    item.append(b);
    if (picked !== undefined) {
      item.append(h('p', { class: 'why' }, icon(choice.correct ? 'check' : 'close'), ' ', renderInline(choice.why)));
    }
    list.append(item);
  });
  if (picked !== undefined) {
    const ok = card.choices![picked]?.correct;
    list.prepend(h('p', { class: `feedback ${ok ? 'ok' : 'bad'}`, role: 'status' }, icon(ok ? 'pass-filled' : 'error'), ` ${ok ? s('correct') : s('incorrect')}`));
  }
  return list;
}

/** Optional type-your-answer: a text area now, key points to tick after the reveal. */
function renderSelfTest(card: CardView): HTMLElement {
  if (!card.keyPoints?.length) return h('div');
  const area = h('textarea', { class: 'your-answer', rows: '4', 'aria-label': s('yourAnswer'), placeholder: s('yourAnswer') });
  return h('div', { class: 'self-test' }, area);
}

function renderAnswer(card: CardView, focus: boolean): HTMLElement {
  const answer = h('section', { class: 'answer', tabindex: '-1', 'aria-label': s('showAnswer'), 'data-autofocus': focus && !card.choices });
  answer.append(renderMarkdown(card.answer));
  wireLinks(answer);
  if (card.keyPoints?.length) {
    const list = h('ul', { class: 'key-points', 'aria-label': s('keyPoints') });
    card.keyPoints.forEach((point, i) => {
      const box = h('input', { type: 'checkbox', id: `kp-${i}`, checked: ticks.has(i) });
      box.addEventListener('change', () => {
        if (box.checked) ticks.add(i);
        else ticks.delete(i);
        render();
      });
      list.append(h('li', {}, box, h('label', { for: `kp-${i}` }, renderInline(point))));
    });
    answer.prepend(h('h2', {}, s('keyPoints')), list);
  }
  if (card.concepts.length) {
    const concepts = h('p', { class: 'concepts' }, `${s('concepts')}: `);
    card.concepts.forEach((c, i) => {
      if (i) concepts.append(', ');
      concepts.append(button(c.name, { class: 'link' }, () => send({ type: 'quizConcept', id: c.id })));
    });
    answer.append(concepts);
  }
  if (card.related.length) {
    const related = h('ul', { class: 'related', 'aria-label': s('related') });
    for (const r of card.related) related.append(h('li', {}, button(renderInline(r.title), { class: 'link' }, () => send({ type: 'openQuestion', id: r.id }))));
    answer.append(h('h2', {}, s('related')), related);
  }
  return answer;
}

function suggestGrade(card: CardView): 'again' | 'hard' | 'good' | 'easy' | undefined {
  const n = card.keyPoints?.length;
  if (!n || !ticks.size) return undefined;
  const share = ticks.size / n;
  return share >= 1 ? 'easy' : share >= 0.6 ? 'good' : share >= 0.3 ? 'hard' : 'again';
}

function renderSummary(view: QuizView): HTMLElement {
  const sum = view.summary;
  if (!sum || !view.session.queue.length) {
    return h('section', { class: 'summary' }, h('h1', { tabindex: '-1', 'data-autofocus': true }, s('empty')),
      h('footer', { class: 'actions' }, button(s('studyMore'), { class: 'primary' }, () => send({ type: 'studyMore' })), button(s('close'), { class: 'secondary' }, () => send({ type: 'close' }))));
  }
  if (sum.mock) return renderMockReport(sum.mock);
  const table = h('table', { class: 'by-topic' }, h('thead', {}, h('tr', {}, h('th', {}, s('topic')), h('th', {}, s('reviewed')), h('th', {}, s('correctPercent')))));
  const tbody = h('tbody');
  for (const t of sum.byTopic) tbody.append(h('tr', {}, h('td', {}, t.topic), h('td', {}, String(t.reviewed)), h('td', {}, `${Math.round((100 * t.correct) / Math.max(1, t.reviewed))}%`)));
  table.append(tbody);
  return h('section', { class: 'summary' },
    h('h1', { tabindex: '-1', 'data-autofocus': true }, s('summary')),
    h('dl', { class: 'stats' },
      h('dt', {}, s('reviewed')), h('dd', {}, String(sum.reviewed)),
      h('dt', {}, s('correctPercent')), h('dd', {}, `${sum.correctPercent}%`),
      h('dt', {}, s('time')), h('dd', {}, formatDuration(sum.elapsedMs)),
      h('dt', {}, s('dueNext')), h('dd', {}, sum.dueNext)),
    table,
    h('footer', { class: 'actions' }, button(s('studyMore'), { class: 'primary' }, () => send({ type: 'studyMore' })), button(s('close'), { class: 'secondary' }, () => send({ type: 'close' }))));
}

function renderMockReport(report: NonNullable<NonNullable<QuizView['summary']>['mock']>): HTMLElement {
  const t = report.totals;
  const gradeLabel = (g: string) => (g === 'skipped' ? s('skipped') : s(g));
  const questions = h('table', { class: 'mock-questions' },
    h('caption', { class: 'visually-hidden' }, s('mockReport')),
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, '#'), h('th', { scope: 'col' }, s('question')), h('th', { scope: 'col' }, s('topic')), h('th', { scope: 'col' }, s('time')), h('th', { scope: 'col' }, s('grade')))));
  const qBody = h('tbody');
  report.questions.forEach((q, i) => {
    qBody.append(h('tr', { class: `grade-row-${q.grade}`, 'data-id': q.id },
      h('td', {}, String(i + 1)), h('td', {}, renderInline(q.title)), h('td', {}, q.topic),
      h('td', { class: q.overTime ? 'over' : '' }, formatDuration(q.ms), q.overTime ? h('span', { class: 'visually-hidden' }, ` (${s('overBudget', formatDuration(report.perQuestionMs))})`) : null),
      h('td', {}, gradeLabel(q.grade))));
  });
  questions.append(qBody);
  const topics = h('table', { class: 'by-topic' }, h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, s('topic')), h('th', { scope: 'col' }, s('asked')), h('th', { scope: 'col' }, s('correctPercent')), h('th', { scope: 'col' }, s('time')))));
  const tBody = h('tbody');
  for (const topic of report.byTopic) {
    tBody.append(h('tr', {}, h('td', {}, topic.topic), h('td', {}, String(topic.asked)), h('td', {}, `${Math.round((100 * topic.correct) / Math.max(1, topic.asked))}%`), h('td', {}, formatDuration(topic.totalMs))));
  }
  topics.append(tBody);
  return h('section', { class: 'summary mock-report' },
    h('h1', { tabindex: '-1', 'data-autofocus': true }, s('mockReport')),
    h('dl', { class: 'stats' },
      h('dt', {}, s('asked')), h('dd', {}, String(t.asked)),
      h('dt', {}, s('correctPercent')), h('dd', {}, `${t.correct}/${t.asked} (${t.correctPercent}%)`),
      h('dt', {}, s('skipped')), h('dd', {}, String(t.skipped)),
      h('dt', {}, s('time')), h('dd', {}, formatDuration(t.totalMs)),
      h('dt', {}, s('averageTime')), h('dd', {}, formatDuration(t.averageMs)),
      h('dt', {}, s('overBudget', formatDuration(report.perQuestionMs))), h('dd', {}, String(t.overTime))),
    questions,
    h('h2', {}, s('byTopic')),
    topics,
    h('footer', { class: 'actions' }, button(s('studyMore'), { class: 'primary' }, () => send({ type: 'studyMore' })), button(s('close'), { class: 'secondary' }, () => send({ type: 'close' }))));
}

// ---- reader ---------------------------------------------------------------------------------------

function renderReader(view: ReaderView): HTMLElement {
  const card = view.card;
  const nav = h('nav', { class: 'reader-nav', 'aria-label': 'history' },
    button(s('back'), { class: 'secondary', disabled: !view.canGoBack, 'aria-keyshortcuts': 'Alt+ArrowLeft' }, () => send({ type: 'navigate', direction: 'back' }), icon('arrow-left')),
    button(s('forward'), { class: 'secondary', disabled: !view.canGoForward, 'aria-keyshortcuts': 'Alt+ArrowRight' }, () => send({ type: 'navigate', direction: 'forward' }), icon('arrow-right')),
    h('span', { class: 'badge' }, card.topicTitle), h('span', { class: `badge difficulty-${card.difficulty}` }, card.difficulty), h('span', { class: 'badge status' }, view.status));
  const toggle = button(answerShown ? s('hideAnswer') : s('showAnswer'), { class: 'secondary', 'aria-expanded': String(answerShown), 'aria-controls': 'answer' }, () => {
    answerShown = !answerShown;
    render();
  }, icon(answerShown ? 'eye-closed' : 'eye'));
  const actions = h('div', { class: 'actions' }, toggle,
    card.concepts[0] ? button(s('quizMe'), { class: 'primary' }, () => send({ type: 'quizConcept', id: card.concepts[0].id }), icon('mortar-board')) : null,
    button(s('markKnown'), { class: 'secondary' }, () => send({ type: 'markKnown', id: card.id }), icon('check')));
  const article = h('article', { class: 'reader' }, nav, h('h1', { tabindex: '-1', 'data-autofocus': true }, renderInline(card.title)), actions);
  if (answerShown) {
    const answer = renderAnswer(card, false);
    answer.id = 'answer';
    article.append(answer);
  }
  return article;
}

function wireLinks(root: HTMLElement) {
  root.querySelectorAll('a[href]').forEach((a) => {
    a.addEventListener('click', (event) => {
      event.preventDefault();
      const href = a.getAttribute('href') ?? '';
      if (href.startsWith('#q:')) send({ type: 'openQuestion', id: href.slice(3) });
      else send({ type: 'openLink', href });
    });
  });
}

// ---- keyboard -------------------------------------------------------------------------------------

document.addEventListener('keydown', (event) => {
  const target = event.target as HTMLElement;
  if (target.tagName === 'TEXTAREA' || target.tagName === 'INPUT' || event.ctrlKey || event.metaKey) return;
  const view = current;
  if (view?.kind === 'reader') {
    if (event.altKey && event.key === 'ArrowLeft') send({ type: 'navigate', direction: 'back' });
    else if (event.altKey && event.key === 'ArrowRight') send({ type: 'navigate', direction: 'forward' });
    return;
  }
  if (view?.kind !== 'quiz' || !view.card || event.altKey) return;
  const { session, card } = view;
  const onButton = target.tagName === 'BUTTON';
  if ((event.key === ' ' || event.key === 'Enter') && !onButton && !session.revealed && !card.choices) {
    event.preventDefault();
    send({ type: 'reveal' });
  } else if (/^[1-9]$/.test(event.key)) {
    const n = Number(event.key);
    if (card.choices && session.picked === undefined && n <= card.choices.length) send({ type: 'pick', index: n - 1 });
    else if (session.revealed && !card.choices && n <= 4) send({ type: 'grade', grade: (['again', 'hard', 'good', 'easy'] as const)[n - 1] });
  } else if (event.key === 'u') send({ type: 'undo' });
  else if (event.key === 's') send({ type: 'skip' });
  else if (event.key === 'Enter' && card.choices && session.picked !== undefined && !onButton) {
    send({ type: 'grade', grade: card.choices[session.picked]?.correct ? 'good' : 'again' });
  }
});

function formatDuration(ms: number): string {
  const total = Math.max(0, Math.round(ms / 1000));
  const m = Math.floor(total / 60);
  return `${m}:${String(total % 60).padStart(2, '0')}`;
}

send({ type: 'ready' });
