import * as vscode from 'vscode';
import { assert, assertEqual, test } from './framework';
import { activated, EXTENSION_ID } from './helpers';

test('activates and exposes a versioned API', async () => {
  const api = await activated();
  assertEqual(api.version, 1, 'API version');
  const topics = await api.topics();
  assert(topics.length >= 15, `expected >= 15 topics, got ${topics.length}`);
  // Topics can land before their questions (b25c5ae added 14 empty ones): most topics must have questions.
  const withQuestions = topics.filter((t) => t.questionCount > 0);
  assert(withQuestions.length >= 15, `expected >= 15 topics with questions, got ${withQuestions.length}`);
});

test('every contributed command has a handler, and every menu/keybinding names a contributed command', async () => {
  await activated();
  const pkg = vscode.extensions.getExtension(EXTENSION_ID)!.packageJSON as {
    contributes: { commands: { command: string; category?: string }[]; menus: Record<string, { command: string }[]>; keybindings: { command: string; when?: string }[] };
  };
  const registered = new Set(await vscode.commands.getCommands(true));
  const contributed = new Set(pkg.contributes.commands.map((c) => c.command));
  for (const c of pkg.contributes.commands) {
    assert(registered.has(c.command), `no handler registered for ${c.command}`);
    assert(c.category, `${c.command} has no category`);
  }
  const own = [...registered].filter((id) => id.startsWith('tensorTutor.') && !id.startsWith('tensorTutor.topics'));
  for (const id of own) assert(contributed.has(id), `${id} is registered but not contributed in package.json`);
  for (const [menu, items] of Object.entries(pkg.contributes.menus)) {
    for (const item of items) assert(contributed.has(item.command), `menu ${menu} names unknown command ${item.command}`);
  }
  for (const k of pkg.contributes.keybindings) {
    assert(contributed.has(k.command), `keybinding for unknown command ${k.command}`);
    assert(k.when, `keybinding for ${k.command} has no when clause`);
  }
});

test('activation stays small: no index built, bank not parsed during activate()', async () => {
  const api = await activated();
  assert(api.internals.activationMs < 200, `activate() took ${api.internals.activationMs} ms`);
  console.log(`[tt] TT-METRIC activateMs=${api.internals.activationMs} bankLoadMs=${api.internals.bank.loadMs}`);
});
