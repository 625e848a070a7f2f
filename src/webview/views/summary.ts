// The end of a session: counts and per-topic results, or for a mock interview its report (each question's time
// and grade, totals, per-topic rows).
import type { QuizView } from '../../shared/protocol';
import { button, h } from '../dom';
import { renderInline } from '../markdown';
import { formatDuration, type Ui } from '../ui';

export function renderSummary(ui: Ui, view: QuizView): HTMLElement {
  const sum = view.summary;
  const actions = () => h('footer', { class: 'actions' }, button(ui.s('studyMore'), { class: 'primary' }, () => ui.send({ type: 'studyMore' })), button(ui.s('close'), { class: 'secondary' }, () => ui.send({ type: 'close' })));
  if (!sum || !view.session.queue.length) return h('section', { class: 'summary' }, h('h1', { tabindex: '-1', 'data-autofocus': true }, ui.s('empty')), actions());
  if (sum.mock) return renderMockReport(ui, sum.mock, actions());
  const table = h('table', { class: 'by-topic' }, h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, ui.s('topic')), h('th', { scope: 'col' }, ui.s('reviewed')), h('th', { scope: 'col' }, ui.s('correctPercent')))));
  const tbody = h('tbody');
  for (const t of sum.byTopic) tbody.append(h('tr', {}, h('td', {}, t.topic), h('td', {}, String(t.reviewed)), h('td', {}, `${Math.round((100 * t.correct) / Math.max(1, t.reviewed))}%`)));
  table.append(tbody);
  return h('section', { class: 'summary' },
    h('h1', { tabindex: '-1', 'data-autofocus': true }, ui.s('summary')),
    h('dl', { class: 'stats' },
      h('dt', {}, ui.s('reviewed')), h('dd', {}, String(sum.reviewed)),
      h('dt', {}, ui.s('correctPercent')), h('dd', {}, `${sum.correctPercent}%`),
      h('dt', {}, ui.s('time')), h('dd', {}, formatDuration(sum.elapsedMs)),
      h('dt', {}, ui.s('dueNext')), h('dd', {}, sum.dueNext)),
    table,
    actions());
}

function renderMockReport(ui: Ui, report: NonNullable<NonNullable<QuizView['summary']>['mock']>, actions: HTMLElement): HTMLElement {
  const t = report.totals;
  const gradeLabel = (g: string) => (g === 'skipped' ? ui.s('skipped') : ui.s(g));
  const questions = h('table', { class: 'mock-questions' },
    h('caption', { class: 'visually-hidden' }, ui.s('mockReport')),
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, '#'), h('th', { scope: 'col' }, ui.s('question')), h('th', { scope: 'col' }, ui.s('topic')), h('th', { scope: 'col' }, ui.s('time')), h('th', { scope: 'col' }, ui.s('grade')))));
  const qBody = h('tbody');
  report.questions.forEach((q, i) => {
    qBody.append(h('tr', { class: `grade-row-${q.grade}`, 'data-id': q.id },
      h('td', {}, String(i + 1)), h('td', {}, renderInline(q.title)), h('td', {}, q.topic),
      h('td', { class: q.overTime ? 'over' : '' }, formatDuration(q.ms), q.overTime ? h('span', { class: 'visually-hidden' }, ` (${ui.s('overBudget', formatDuration(report.perQuestionMs))})`) : null),
      h('td', {}, gradeLabel(q.grade))));
  });
  questions.append(qBody);
  const topics = h('table', { class: 'by-topic' }, h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, ui.s('topic')), h('th', { scope: 'col' }, ui.s('asked')), h('th', { scope: 'col' }, ui.s('correctPercent')), h('th', { scope: 'col' }, ui.s('time')))));
  const tBody = h('tbody');
  for (const topic of report.byTopic) {
    tBody.append(h('tr', {}, h('td', {}, topic.topic), h('td', {}, String(topic.asked)), h('td', {}, `${Math.round((100 * topic.correct) / Math.max(1, topic.asked))}%`), h('td', {}, formatDuration(topic.totalMs))));
  }
  topics.append(tBody);
  return h('section', { class: 'summary mock-report' },
    h('h1', { tabindex: '-1', 'data-autofocus': true }, ui.s('mockReport')),
    h('dl', { class: 'stats' },
      h('dt', {}, ui.s('asked')), h('dd', {}, String(t.asked)),
      h('dt', {}, ui.s('correctPercent')), h('dd', {}, `${t.correct}/${t.asked} (${t.correctPercent}%)`),
      h('dt', {}, ui.s('skipped')), h('dd', {}, String(t.skipped)),
      h('dt', {}, ui.s('time')), h('dd', {}, formatDuration(t.totalMs)),
      h('dt', {}, ui.s('averageTime')), h('dd', {}, formatDuration(t.averageMs)),
      h('dt', {}, ui.s('overBudget', formatDuration(report.perQuestionMs))), h('dd', {}, String(t.overTime))),
    questions,
    h('h2', {}, ui.s('byTopic')),
    topics,
    actions);
}
