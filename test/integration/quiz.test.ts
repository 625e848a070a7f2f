import * as vscode from 'vscode';
import { assert, assertEqual, test, waitFor } from './framework';
import { activated, quizSend } from './helpers';
import { choiceOrder } from '../../src/core/quiz/choices';
import { parseCloze } from '../../src/core/bank/cloze';
import type { QuizPanel } from '../../src/vscode/quiz/quizPanel';

async function rendered(panel: QuizPanel, id: string): Promise<void> {
  await waitFor(() => panel.lastRenderedId === id, `the webview to render ${id} (last: ${panel.lastRenderedId})`);
}

const current = (panel: QuizPanel) => panel.sessionState.queue[panel.sessionState.position];

test('quiz: a topic session opens and the webview paints the first card from its HTML', async () => {
  const api = await activated();
  await api.internals.exchange.resetNow();
  const started = Date.now();
  await vscode.commands.executeCommand('tensorTutor.quizTopic', 'regularization');
  const panel = await waitFor(() => api.internals.quizPanel(), 'the quiz panel');
  const first = panel.sessionState.queue[0];
  await rendered(panel, first);
  const done = Date.now();
  const t = panel.pageTiming;
  console.log(`[tt] TT-METRIC firstCardMs=${done - started}`);
  if (t) console.log(`[tt] TT-METRIC firstCardBreakdown host=${panel.bootedAt - started} webviewCreate=${Math.round(t.navigationStart - panel.bootedAt)} load=${Math.round(t.scriptStart - t.navigationStart)} paint=${Math.round(t.painted - t.scriptStart)} reply=${Math.round(done - t.painted)}`);
  assert(panel.sessionState.queue.length >= 5, 'the regularization session has cards');
  // The same command with the panel open: our part alone (session, render, webview DOM), no webview boot.
  const again = Date.now();
  await vscode.commands.executeCommand('tensorTutor.quizTopic', 'regularization');
  await waitFor(() => panel.renderCount >= 2, 'the new session to render');
  console.log(`[tt] TT-METRIC warmCardMs=${Date.now() - again}`);
});

test('quiz: flashcards reveal, grade, undo and skip through the message protocol; the log is written before the state', async () => {
  const api = await activated();
  const { bank, progress } = api.internals;
  const flash = (await bank.get()).cards.cards.find((c) => c.kind === 'flashcard' && c.question.topic === 'optimization')!;
  await api.internals.launcher.open('flashcards', [flash.id]);
  const panel = api.internals.quizPanel()!;
  await rendered(panel, flash.id);
  await quizSend(panel, { type: 'grade', grade: 'good' });
  assertEqual(panel.sessionState.position, 0, 'grading before the reveal is refused');
  await quizSend(panel, { type: 'reveal' });
  assert(panel.lastView?.card?.answer, 'revealed: the answer is in the view');
  assert(panel.lastView?.intervals?.good, 'the grade buttons show intervals');
  await quizSend(panel, { type: 'grade', grade: 'good' });
  assertEqual(panel.sessionState.position, 1, 'moved on');
  assertEqual(progress.get(flash.id)?.reps, 1, 'card state persisted');
  const events = await progress.logs.readAll();
  const review = events.find((e) => e.t === 'review' && e.id === flash.id);
  assert(review, 'the review log has the grade');
  assertEqual(panel.sessionState.results[0]?.rid, review!.rid, 'the session keeps the review id (for undo)');
  await quizSend(panel, { type: 'undo' });
  assertEqual(panel.sessionState.position, 0, 'undo went back');
  assert(!progress.get(flash.id), 'undo restored the previous (new) card state');
  assert((await progress.logs.readAll()).some((e) => e.t === 'undo' && e.target === review!.rid), 'the undo is a compensating log entry');
  await quizSend(panel, { type: 'skip' });
  assertEqual(panel.sessionState.skipped, [flash.id], 'skip recorded');
});

test('quiz: multiple-choice options are shuffled on screen; the correct one picked by its on-screen number grades Good', async () => {
  const api = await activated();
  const { bank, progress } = api.internals;
  const singles = (await bank.get()).cards.cards.filter((c) => c.kind === 'choice');
  // Where the correct option lands after the shuffle, over every single-answer card of the bank.
  const positions = new Array(9).fill(0);
  let moved = 0;
  for (const c of singles) {
    const order = choiceOrder(c.id, progress.get(c.id)?.reps ?? 0, c.question.choices!.length);
    positions[order.indexOf(c.question.choices!.findIndex((o) => o.correct))]++;
    if (order.some((original, display) => original !== display)) moved++;
  }
  console.log(`[tt] TT-METRIC correctPosition=${positions.slice(0, 5).map((n, i) => `${i + 1}:${(100 * n / singles.length).toFixed(1)}%`).join(',')} items=${singles.length} reordered=${moved}`);
  assert(positions[0] / singles.length < 0.4, `the correct option is no longer first (${positions[0]}/${singles.length})`);
  // What the webview really shows: a few cards without math (their text compares directly with the file).
  const plain = (t: string) => t.replace(/[`*_$\\{}\s]/g, '').toLowerCase().slice(0, 40);
  const sample = singles.filter((c) => c.question.choices!.every((o) => !o.text.includes('$'))).slice(0, 6);
  await api.internals.launcher.open('shuffle', sample.map((c) => c.id));
  const panel = api.internals.quizPanel()!;
  let differs = 0;
  for (const card of sample) {
    await rendered(panel, card.id);
    const onScreen = (panel.lastRenderedChoices ?? []).map(plain);
    const inFile = card.question.choices!.map((o) => plain(o.text));
    assertEqual([...onScreen].sort(), [...inFile].sort(), `the options of ${card.id} are all on screen`);
    if (onScreen.join('|') !== inFile.join('|')) differs++;
    const display = onScreen.indexOf(plain(card.question.choices!.find((o) => o.correct)!.text));
    await quizSend(panel, { type: 'pick', option: display });
    assertEqual(panel.lastView?.earned, 'good', `picking on-screen option ${display + 1} of ${card.id} earns Good`);
    await quizSend(panel, { type: 'next' });
    const last = (await progress.logs.readAll()).filter((e) => e.t === 'review' && e.id === card.id).pop();
    assertEqual(last && 'grade' in last ? last.grade : undefined, 'good', `${card.id} was graded Good`);
  }
  assert(differs >= 3, `the on-screen order differs from the file order (${differs} of ${sample.length})`);
});

test('quiz: a wrong first pick counts as Again; a second pick and a grade key change nothing', async () => {
  const api = await activated();
  const card = (await api.internals.bank.get()).cards.cards.find((c) => c.kind === 'choice' && !api.internals.progress.get(c.id))!;
  await api.internals.launcher.open('mc', [card.id]);
  const panel = api.internals.quizPanel()!;
  await rendered(panel, card.id);
  const order = choiceOrder(card.id, 0, card.question.choices!.length);
  const wrongDisplay = order.findIndex((i) => !card.question.choices![i].correct);
  await quizSend(panel, { type: 'pick', option: wrongDisplay });
  await quizSend(panel, { type: 'pick', option: order.findIndex((i) => card.question.choices![i].correct) });
  assertEqual(panel.sessionState.picked, [order[wrongDisplay]], 'only the first pick counts');
  await quizSend(panel, { type: 'grade', grade: 'easy' });
  assertEqual(panel.sessionState.position, 0, 'a grade key does not grade a multiple-choice card');
  await quizSend(panel, { type: 'next' });
  const entry = (await api.internals.progress.logs.readAll()).filter((e) => e.t === 'review' && e.id === card.id).pop();
  assertEqual(entry && 'grade' in entry ? entry.grade : undefined, 'again', 'a wrong first pick is graded Again');
});

test('quiz: "select all that apply" is Good only for exactly the right set', async () => {
  const api = await activated();
  const cards = (await api.internals.bank.get()).cards.cards.filter((c) => c.kind === 'select-all' && !api.internals.progress.get(c.id)).slice(0, 2);
  assert(cards.length === 2, 'the bank has select-all cards');
  await api.internals.launcher.open('select all', cards.map((c) => c.id));
  const panel = api.internals.quizPanel()!;
  const displayOf = (card: (typeof cards)[number], wanted: (correct: boolean) => boolean) =>
    choiceOrder(card.id, 0, card.question.choices!.length).flatMap((original, display) => (wanted(card.question.choices![original].correct) ? [display] : []));
  await rendered(panel, cards[0].id);
  await quizSend(panel, { type: 'submit', options: displayOf(cards[0], (c) => c) });
  assertEqual(panel.lastView?.earned, 'good', 'the exact set earns Good');
  assert(panel.lastView?.card?.choices?.every((c) => c.correct === c.picked), 'feedback marks every option');
  await quizSend(panel, { type: 'next' });
  await rendered(panel, cards[1].id);
  await quizSend(panel, { type: 'submit', options: displayOf(cards[1], (c) => c).slice(0, 1).concat(displayOf(cards[1], (c) => !c).slice(0, 1)) });
  assertEqual(panel.lastView?.earned, 'again', 'a wrong set earns Again');
});

test('quiz: two grade messages arriving together grade once, and the next card is not skipped', async () => {
  const api = await activated();
  const [a, b] = (await api.internals.bank.get()).cards.cards.filter((c) => c.kind === 'flashcard' && !api.internals.progress.get(c.id));
  await api.internals.launcher.open('double', [a.id, b.id]);
  const panel = api.internals.quizPanel()!;
  await rendered(panel, a.id);
  await quizSend(panel, { type: 'reveal' });
  // A double key press: both messages name the card they were shown for, and arrive before the first is handled.
  await Promise.all([panel.receive({ type: 'grade', card: a.id, grade: 'good' }), panel.receive({ type: 'grade', card: a.id, grade: 'good' })]);
  assertEqual(api.internals.progress.get(a.id)?.reps, 1, 'graded once');
  assertEqual(current(panel), b.id, 'the next card is shown, not skipped');
  assertEqual(panel.sessionState.results.map((r) => r.id), [a.id], 'one result');
});

test('quiz: a multiple-choice answer survives a window reload, and is graded once after it', async () => {
  const api = await activated();
  const card = (await api.internals.bank.get()).cards.cards.find((c) => c.kind === 'choice' && !api.internals.progress.get(c.id))!;
  const logged = (await api.internals.progress.logs.readAll()).length; // earlier tests may have graded (and undone) this card
  await api.internals.launcher.open('reload', [card.id]);
  const panel = api.internals.quizPanel()!;
  await rendered(panel, card.id);
  const correctDisplay = choiceOrder(card.id, 0, card.question.choices!.length).findIndex((i) => card.question.choices![i].correct);
  await quizSend(panel, { type: 'pick', option: correctDisplay });
  const saved = JSON.parse(JSON.stringify({ session: panel.sessionState }));
  panel.dispose();
  const fresh = vscode.window.createWebviewPanel('tensorTutor.quiz', 'Tensor Tutor Quiz', vscode.ViewColumn.Active, { enableScripts: true });
  await api.internals.serializer.deserializeWebviewPanel(fresh, saved);
  const revived = api.internals.quizPanel()!;
  assertEqual(revived.lastView?.earned, 'good', 'the pick and its grade are back after the reload');
  await quizSend(revived, { type: 'next' });
  assertEqual(api.internals.progress.get(card.id)?.reps, 1, 'graded once, as Good');
  const grades = (await api.internals.progress.logs.readAll()).slice(logged).filter((e) => e.t === 'review' && e.id === card.id).map((e) => ('grade' in e ? e.grade : ''));
  assertEqual(grades, ['good'], 'one Good in the log');
});

test('quiz: undo after a window reload takes the review back once, and statistics do not count it', async () => {
  const api = await activated();
  const { progress, bank } = api.internals;
  const [card, next] = (await bank.get()).cards.cards.filter((c) => c.kind === 'flashcard' && !progress.get(c.id));
  await api.internals.launcher.open('undo after reload', [card.id, next.id]);
  const panel = api.internals.quizPanel()!;
  await rendered(panel, card.id);
  const before = (await progress.reviews()).length;
  await quizSend(panel, { type: 'reveal' });
  await quizSend(panel, { type: 'grade', grade: 'good' });
  assertEqual((await progress.reviews()).length, before + 1, 'the review counts');
  const saved = JSON.parse(JSON.stringify({ session: panel.sessionState }));
  panel.dispose();
  await api.internals.serializer.deserializeWebviewPanel(vscode.window.createWebviewPanel('tensorTutor.quiz', 'Quiz', vscode.ViewColumn.Active, { enableScripts: true }), saved);
  const revived = api.internals.quizPanel()!;
  await quizSend(revived, { type: 'undo' });
  assert(!progress.get(card.id), 'the card is new again');
  assertEqual((await progress.reviews()).length, before, 'statistics no longer count the undone review');
  await quizSend(revived, { type: 'reveal' });
  await quizSend(revived, { type: 'grade', grade: 'good' });
  assertEqual(progress.get(card.id)?.reps, 1, 'grading it again counts one review, not two');
  await vscode.commands.executeCommand('tensorTutor.showStatistics');
  const stats = await waitFor(() => api.internals.statsPanel(), 'the statistics view');
  await waitFor(() => stats.lastView, 'statistics');
  assertEqual(stats.lastView!.stats.totals.reviews, before + 1, 'the statistics view counts the review once');
  stats.dispose();
});

test('quiz: malformed webview messages are ignored', async () => {
  const api = await activated();
  const card = (await api.internals.bank.get()).cards.cards[0];
  await api.internals.launcher.open('bad messages', [card.id]);
  const panel = api.internals.quizPanel()!;
  const before = JSON.stringify(panel.sessionState);
  for (const bad of [{ type: 'grade', card: card.id, grade: 'perfect' }, { type: 'pick', card: card.id, option: -1 }, { type: 'openLink', href: 'command:workbench.action.quit' },
    { type: 'openQuestion', id: '../../etc/passwd' }, { type: 'exec', command: 'rm' }, null, 'grade', [1], { type: '__proto__' }, { type: 'constructor' }, { type: 'markKnown', id: card.id }]) {
    const accepted = await panel.receive(bad);
    assert(!accepted, `rejected ${JSON.stringify(bad)}`);
  }
  // Well-formed, but for a card that is not on screen: dropped.
  await panel.receive({ type: 'reveal', card: 'not-the-current-card' });
  assertEqual(JSON.stringify(panel.sessionState), before, 'state unchanged');
});

test('quiz: the session survives a reload of the panel (serializer + webview state)', async () => {
  const api = await activated();
  const ids = (await api.internals.bank.get()).cards.cards.slice(0, 3).map((c) => c.id);
  await api.internals.launcher.open('survive', ids);
  const panel = api.internals.quizPanel()!;
  await quizSend(panel, { type: 'skip' });
  const saved = JSON.parse(JSON.stringify({ session: panel.sessionState }));
  const { position, queue } = panel.sessionState;
  panel.dispose();
  const fresh = vscode.window.createWebviewPanel('tensorTutor.quiz', 'Tensor Tutor Quiz', vscode.ViewColumn.Active, { enableScripts: true });
  await api.internals.serializer.deserializeWebviewPanel(fresh, saved);
  const revived = api.internals.quizPanel()!;
  assertEqual(revived.sessionState.position, position, 'position restored');
  assertEqual(revived.sessionState.queue, queue, 'queue restored');
  await rendered(revived, queue[position]);
  revived.dispose();
});

test('quiz: a cloze card shows its blank, then the deletion once revealed, and grades like a flashcard', async () => {
  const api = await activated();
  const view = await api.internals.bank.get();
  // A deletion in the heading, without math (so its text is what the page shows once revealed).
  const deletionOf = (c: (typeof view.cards.cards)[number]) => parseCloze(c.question.title).spans.find((sp) => sp.n === c.cloze && !sp.text.includes('$'))?.text;
  const card = view.cards.cards.find((c) => c.kind === 'cloze' && deletionOf(c) && !api.internals.progress.get(c.id))!;
  assert(card, 'the bank has a cloze card whose deletion sits in its heading');
  const deletion = deletionOf(card)!;
  await api.internals.launcher.open('cloze', [card.id]);
  const panel = api.internals.quizPanel()!;
  await rendered(panel, card.id);
  const shown = panel.lastRenderedHeading ?? '';
  assert(/\[[^\]]*\]/.test(shown), `the heading shows a blank: ${shown}`);
  assert(!shown.includes('{{c'), `no cloze markup on screen: ${shown}`);
  const renders = panel.renderCount;
  await quizSend(panel, { type: 'reveal' });
  await waitFor(() => panel.renderCount > renders, 'the revealed card to render');
  const revealed = panel.lastRenderedHeading ?? '';
  assert(revealed.includes(deletion.replace(/[`*_]/g, '').trim()), `the deletion "${deletion}" is shown after the reveal: ${revealed}`);
  assert(!shown.includes(deletion.replace(/[`*_]/g, '').trim()), `the deletion was hidden before the reveal: ${shown}`);
  await quizSend(panel, { type: 'grade', grade: 'good' });
  assertEqual(api.internals.progress.get(card.id)?.reps, 1, 'the cloze card has its own FSRS state');
  assertEqual(api.internals.progress.get(card.question.id), undefined, 'grading the cloze card leaves its question untouched');
});
