import * as vscode from 'vscode';
import { assert, assertEqual, test, waitFor } from './framework';
import { activated } from './helpers';

test('tree: topics with mastered/total counts, questions with state and difficulty', async () => {
  const api = await activated();
  const roots = await api.internals.tree.getChildren();
  const topics = roots.filter((n) => n.kind === 'topic');
  assert(topics.length >= 15, `expected >= 15 topic nodes, got ${topics.length}`);
  assert(roots[0].kind === 'upNext', 'an "Up next" node comes first');
  const item = api.internals.tree.getTreeItem(topics[0]);
  assert(/^\d+\/\d+/.test(String(item.description)), `topic description shows mastered/total: ${item.description}`);
  const questions = await api.internals.tree.getChildren(topics[0]);
  const qItem = api.internals.tree.getTreeItem(questions[0]);
  assertEqual(qItem.command?.command, 'tensorTutor.openQuestion', 'a click opens the reader');
  assert(/basic|intermediate|advanced/.test(String(qItem.description)), 'difficulty in the description');
  // A label cannot typeset math: a title with TeX shows it as readable Unicode, and cloze markup as its text.
  const optimization = topics.find((n) => n.kind === 'topic' && n.topic.id === 'optimization')!;
  const labels = (await api.internals.tree.getChildren(optimization)).map((n) => String(api.internals.tree.getTreeItem(n).label));
  const withMath = labels.filter((l) => /θ|λ|η/.test(l));
  assert(withMath.length > 0, 'some optimization titles hold math');
  assert(labels.every((l) => !l.includes('$') && !l.includes('\\') && !l.includes('{{c')), `no TeX or cloze markup in tree labels: ${labels.filter((l) => /[$\\]|\{\{c/.test(l)).join(' | ')}`);
});

test('tree: a click opens the question in the reader, which renders it', async () => {
  const api = await activated();
  const topics = (await api.internals.tree.getChildren()).filter((n) => n.kind === 'topic');
  const [question] = await api.internals.tree.getChildren(topics[1]);
  const item = api.internals.tree.getTreeItem(question);
  await vscode.commands.executeCommand(item.command!.command, ...(item.command!.arguments ?? []));
  const reader = await waitFor(() => api.internals.readerPanel(), 'the reader');
  await waitFor(() => reader.lastRenderedId === reader.currentId, `the reader webview to render (visible=${reader.panel.visible}, active=${reader.panel.active}, column=${reader.panel.viewColumn}, last=${reader.lastRenderedId}, current=${reader.currentId})`);
  assert(reader.lastView?.card.answer.markdown.length, 'the reader has the answer');
});

test('reader: links between questions and back/forward history', async () => {
  const api = await activated();
  if (!api.internals.readerPanel()) {
    const first = (await api.internals.bank.get()).bank.questions[0].id;
    await vscode.commands.executeCommand('tensorTutor.openQuestion', first);
    await waitFor(() => api.internals.readerPanel()?.lastRenderedId === first, 'a reader to start from');
  }
  const reader = api.internals.readerPanel()!;
  const from = reader.currentId!;
  const target = (await api.internals.bank.get()).bank.questions.find((q) => q.id !== from)!.id;
  await reader.receive({ type: 'openQuestion', id: target });
  assertEqual(reader.currentId, target, 'followed the link');
  await reader.receive({ type: 'navigate', direction: 'back' });
  assertEqual(reader.currentId, from, 'back');
  await reader.receive({ type: 'navigate', direction: 'forward' });
  assertEqual(reader.currentId, target, 'forward');
  await waitFor(() => reader.lastRenderedId === target, 'the webview to render the target');
});

test('reader: "Mark as known" grades the question the reader shows, whatever id a message names', async () => {
  const api = await activated();
  const reader = api.internals.readerPanel()!;
  const shown = reader.currentId!;
  const other = (await api.internals.bank.get()).bank.questions.find((q) => q.id !== shown && !api.internals.progress.get(q.id))!.id;
  const before = api.internals.progress.get(shown)?.reps ?? 0;
  await reader.receive({ type: 'markKnown', id: other });
  assertEqual(api.internals.progress.get(shown)?.reps, before + 1, 'the shown question was marked known');
  assertEqual(api.internals.progress.get(other), undefined, 'the id in the message was ignored');
  const events = await api.internals.progress.logs.readAll();
  assert(events.some((e) => e.t === 'review' && e.id === shown && e.known), 'logged as "known"');
});

test('search API: typos, identifiers and abbreviations find the right question', async () => {
  const api = await activated();
  const cases: [string, RegExp][] = [
    ['dropuot', /dropout/],
    ['adma optimizer', /adam/],
    ['BatchNorm2d', /batch/],
    ['clip_grad_norm_', /clip/],
    ['bn momentum', /batch|momentum/],
    ['lr warmup', /warm/],
  ];
  for (const [query, expected] of cases) {
    const hits = await api.search(query, { limit: 3 });
    assert(hits.some((h) => expected.test(h.id)), `search("${query}") top 3: ${hits.map((h) => h.id).join(', ')}`);
  }
  const topicOnly = await api.search('momentum', { topic: 'optimization', limit: 5 });
  assert(topicOnly.length && topicOnly.every((h) => h.topic === 'optimization'), 'topic filter');
});

test('show in topic browser reveals the concept\'s question', async () => {
  const api = await activated();
  const id = await vscode.commands.executeCommand<string>('tensorTutor.showInTopicBrowser', 'dropout');
  const concept = await api.lookup('dropout');
  assertEqual(id, concept!.questionIds[0], 'revealed the first question of the concept');
});
