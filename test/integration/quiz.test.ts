import * as vscode from 'vscode';
import { assert, assertEqual, test, waitFor } from './framework';
import { activated } from './helpers';

test('quiz: a topic session opens, the webview renders the first card', async () => {
  const api = await activated();
  await api.internals.progress.reset();
  const started = Date.now();
  await vscode.commands.executeCommand('tensorTutor.quizTopic', 'regularization');
  const panel = await waitFor(() => api.internals.quizPanel(), 'the quiz panel');
  const first = panel.sessionState.queue[0];
  await new Promise<void>((resolve) => {
    const sub = panel.onDidRender((e) => {
      if (e.kind === 'quiz' && e.id === first) {
        sub.dispose();
        resolve();
      }
    });
  });
  console.log(`[tt] TT-METRIC firstCardMs=${Date.now() - started}`);
  assert(panel.sessionState.queue.length >= 5, 'the regularization session has questions');
  // The same command with the panel already open: our part alone (session, render, webview DOM), no webview boot.
  let renderedAgain = false;
  const sub = panel.onDidRender((e) => (renderedAgain ||= e.kind === 'quiz'));
  const again = Date.now();
  await vscode.commands.executeCommand('tensorTutor.quizTopic', 'regularization');
  await waitFor(() => renderedAgain, 'the new session to render').finally(() => sub.dispose());
  console.log(`[tt] TT-METRIC warmCardMs=${Date.now() - again}`);
});

test('quiz: reveal, grade, undo and skip through the message protocol; grades are persisted', async () => {
  const api = await activated();
  const panel = api.internals.quizPanel()!;
  const flashcardIndex = panel.sessionState.queue.findIndex((id) => !api.internals.bank.current!.questionsById.get(id)!.choices);
  for (let i = 0; i < flashcardIndex; i++) await panel.handle({ type: 'skip' });
  const id = panel.sessionState.queue[panel.sessionState.position];
  await panel.handle({ type: 'grade', grade: 'good' });
  assertEqual(panel.sessionState.position, flashcardIndex, 'grading before the reveal is refused');
  await panel.handle({ type: 'reveal' });
  assert(panel.sessionState.revealed, 'revealed');
  assert(panel.lastView?.intervals?.good, 'the grade buttons show intervals');
  await panel.handle({ type: 'grade', grade: 'good' });
  assertEqual(panel.sessionState.position, flashcardIndex + 1, 'moved to the next card');
  const stored = api.internals.progress.store.get(id);
  assert(stored && stored.reps === 1, `card state persisted for ${id}`);
  const log = await api.internals.progress.readLog();
  assert(log.entries.some((e) => e.id === id && e.grade === 'good'), 'the review log has the grade');
  await panel.handle({ type: 'undo' });
  assertEqual(panel.sessionState.position, flashcardIndex, 'undo went back');
  assert(!api.internals.progress.store.get(id), 'undo restored the previous (new) card state');
  await panel.handle({ type: 'skip' });
  assertEqual(panel.sessionState.skipped.includes(id), true, 'skip recorded');
});

test('quiz: multiple choice — a wrong first pick counts as Again', async () => {
  const api = await activated();
  const bank = api.internals.bank.current!;
  const mc = bank.bank.questions.find((q) => q.choices && q.choices.some((c) => !c.correct))!;
  await vscode.commands.executeCommand('tensorTutor.quizConcept', mc.concepts[0]);
  const panel = api.internals.quizPanel()!;
  while (panel.sessionState.queue[panel.sessionState.position] !== mc.id) await panel.handle({ type: 'skip' });
  const wrong = mc.choices!.findIndex((c) => !c.correct);
  await panel.handle({ type: 'pick', index: wrong });
  assertEqual(panel.sessionState.picked, wrong, 'pick recorded');
  await panel.handle({ type: 'pick', index: mc.choices!.findIndex((c) => c.correct) });
  assertEqual(panel.sessionState.picked, wrong, 'only the first pick counts');
  await panel.handle({ type: 'grade', grade: 'easy' });
  const log = await api.internals.progress.readLog();
  const entry = log.entries.filter((e) => e.id === mc.id).pop();
  assertEqual(entry?.grade, 'again', 'a wrong first pick is graded Again whatever was pressed');
});

test('quiz: malformed webview messages are ignored', async () => {
  const api = await activated();
  const panel = api.internals.quizPanel()!;
  const before = JSON.stringify(panel.sessionState);
  // The same entry point the webview's postMessage reaches.
  for (const bad of [{ type: 'grade', grade: 'perfect' }, { type: 'pick', index: -1 }, { type: 'openLink', href: 'command:workbench.action.quit' },
    { type: 'openQuestion', id: '../../etc/passwd' }, { type: 'exec', command: 'rm' }, null, 'grade', [1], { type: '__proto__' }, { type: 'constructor' }]) {
    const accepted = await panel.receive(bad);
    assert(!accepted, `rejected ${JSON.stringify(bad)}`);
  }
  assertEqual(JSON.stringify(panel.sessionState), before, 'state unchanged');
});

test('quiz: the session survives a reload of the panel (serializer + webview state)', async () => {
  const api = await activated();
  const panel = api.internals.quizPanel()!;
  await panel.handle({ type: 'skip' });
  const saved = JSON.parse(JSON.stringify({ session: panel.sessionState }));
  const { position, queue } = panel.sessionState;
  panel.dispose();
  // What VS Code does after a reload: a panel of our view type is handed to the registered serializer
  // with the state the webview saved through setState.
  const fresh = vscode.window.createWebviewPanel('tensorTutor.quiz', 'Tensor Tutor Quiz', vscode.ViewColumn.Active, { enableScripts: true });
  await api.internals.serializer.deserializeWebviewPanel(fresh, saved);
  const revived = api.internals.quizPanel()!;
  assertEqual(revived.sessionState.position, position, 'position restored');
  assertEqual(revived.sessionState.queue, queue, 'queue restored');
  const current = queue[position];
  await waitFor(() => revived.lastRenderedId === current, `the revived webview to render ${current}`);
  revived.dispose();
});
