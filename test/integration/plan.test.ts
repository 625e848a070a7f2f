// The interview-date plan in real VS Code: a date set through the settings API gives the statistics view a
// readiness curve that its webview reports it drew, and **Due now** asks exactly the planned queue.
import * as vscode from 'vscode';
import { assert, assertEqual, test, waitFor } from './framework';
import { activated, clearStageForScreenshots, screenshot } from './helpers';

const localIso = (d: Date) => `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
const KEYS = ['interview.date', 'interview.scope', 'interview.topics', 'interview.minutesPerDay'];

test('interview plan: a date ahead draws the readiness curve in the statistics and gives Due now the planned queue', async () => {
  const api = await activated();
  await clearStageForScreenshots();
  const { bank } = api.internals;
  const view = await bank.get();
  const config = () => vscode.workspace.getConfiguration('tensorTutor');
  const date = localIso(new Date(Date.now() + 14 * 86_400_000));
  const topics = ['regularization', 'optimization'];
  const global = vscode.ConfigurationTarget.Global;
  await config().update('interview.date', date, global);
  await config().update('interview.scope', 'topics', global);
  await config().update('interview.topics', topics, global);
  await config().update('interview.minutesPerDay', 20, global);
  try {
    await vscode.commands.executeCommand('tensorTutor.showStatistics');
    const panel = await waitFor(() => api.internals.statsPanel(), 'the statistics panel');
    const readiness = await waitFor(() => panel.lastView?.readiness, 'the readiness curve in the view');
    const scope = view.cards.cards.filter((c) => topics.includes(c.question.topic));
    assertEqual([readiness.date, readiness.daysLeft, readiness.points.length, readiness.cards], [date, 14, 15, scope.length], 'date, days, one point a day, scope');
    assertEqual(readiness.points.at(-1)!.date, date, 'the curve ends on the interview day');
    assert(readiness.points.every((p) => p.plan >= 0 && p.plan <= 1 && p.noStudy >= 0 && p.noStudy <= 1), 'shares between 0 and 1');
    assert(readiness.points.at(-1)!.plan > readiness.points.at(-1)!.noStudy, 'studying with the plan beats no study');
    assert(readiness.atRisk.every((t) => topics.includes(t.id)), 'topics at risk come from the scope');
    assert(readiness.today.minutes <= 20, `today's plan fits 20 minutes (${readiness.today.minutes})`);
    await waitFor(() => panel.lastRenderedId === `stats:readiness:${readiness.points.length}`, `the webview to report the curve drawn (last: ${panel.lastRenderedId})`);
    await screenshot('readiness-dark', 'Default Dark Modern');
    await screenshot('readiness-light', 'Default Light Modern');

    // Turning the plan off removes the curve from the open view.
    await config().update('interview.date', undefined, global);
    await waitFor(() => panel.lastRenderedId === 'stats' && !panel.lastView?.readiness, 'the view without the curve');
    await config().update('interview.date', date, global);
    await waitFor(() => panel.lastRenderedId?.startsWith('stats:readiness:'), 'the curve back');
    const today = panel.lastView!.readiness!.today;
    panel.dispose();

    await vscode.commands.executeCommand('tensorTutor.startQuiz', 'due');
    const quiz = await waitFor(() => api.internals.quizPanel(), 'the Due now session');
    const queue = quiz.sessionState.queue;
    assertEqual(queue.length, today.reviews + today.newCards, 'Due now asks the planned number of cards');
    assert(queue.length > 0, 'something is planned for today');
    assert(queue.every((id) => topics.includes(view.cards.get(id)!.question.topic)), 'every planned card is in the scope');
    quiz.dispose();
  } finally {
    for (const key of KEYS) await config().update(key, undefined, global);
  }
});
