// User decks in real VS Code: live reload, a diagnostic per bad input, the hostile deck rendered inert in the
// quiz, the reader and a hover, and recovery from damaged study data. Runs last: it changes workspace files
// and settings, and puts everything back at the end of each test.
import * as vscode from 'vscode';
import { assert, assertEqual, test, waitFor } from './framework';
import { activated, EXTENSION_ID, hoverText, positionOf } from './helpers';
import { badInputs, goodInputs } from './badInputs';
import { deckSlug } from '../../src/core/bank/decks';
import { CARDS_KEY } from '../../src/core/progress/cardRecord';
import { HOVER_COMMANDS } from '../../src/vscode/shared/commands';
import { quizSend } from './helpers';

const enc = new TextEncoder();
const folder = () => vscode.workspace.workspaceFolders![0];
const inWorkspace = (...parts: string[]) => vscode.Uri.joinPath(folder().uri, ...parts);
const wsDeck = (...parts: string[]) => inWorkspace('.tensor-tutor', ...parts);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const config = () => vscode.workspace.getConfiguration('tensorTutor');

async function write(uri: vscode.Uri, content: string | Uint8Array): Promise<void> {
  await vscode.workspace.fs.writeFile(uri, typeof content === 'string' ? enc.encode(content) : content);
}

async function remove(uri: vscode.Uri): Promise<void> {
  try {
    await vscode.workspace.fs.delete(uri, { recursive: true, useTrash: false });
  } catch {
    // already gone
  }
}

function question(id: string, title: string, fields = 'topic: regularization\ndifficulty: basic\n'): string {
  return `---\nid: ${id}\n${fields}---\n# ${title}\n\nAn answer written for the integration test.\n`;
}

test('decks: package.json limits deckFolders in untrusted workspaces and contributes the New Question command', async () => {
  const pkg = vscode.extensions.getExtension(EXTENSION_ID)!.packageJSON as {
    capabilities: { untrustedWorkspaces: { supported: unknown; restrictedConfigurations?: string[]; description?: string } };
    contributes: { configuration: { properties: Record<string, { markdownDescription?: string }> }; yamlValidation: { url: string }[] };
  };
  const trust = pkg.capabilities.untrustedWorkspaces;
  assertEqual(trust.restrictedConfigurations, ['tensorTutor.deckFolders'], 'restricted settings');
  assert(trust.supported === 'limited' && trust.description, 'enabled in Restricted Mode, with a description of what is limited');
  assert(pkg.contributes.configuration.properties['tensorTutor.deckFolders']?.markdownDescription, 'deckFolders has a markdownDescription');
  for (const v of pkg.contributes.yamlValidation) await vscode.workspace.fs.stat(vscode.Uri.joinPath(vscode.extensions.getExtension(EXTENSION_ID)!.extensionUri, v.url));
});

test('decks: live reload — create, edit, rename and delete reach the tree, search, lookup and hovers', async () => {
  const api = await activated();
  const { bank, tree, progress } = api.internals;
  await bank.withDecks();
  const name = deckSlug(folder().name);
  const id = `deck:${name}:live-question`;
  const conceptId = `deck:${name}:live-concept`;
  const glossary = wsDeck('glossary', 'live.yaml');
  const first = wsDeck('live', 'live-question.md');
  const renamed = wsDeck('live', 'renamed.md');
  const times: Record<string, number> = {};
  let receipt: { rid: string } | undefined;
  try {
    let started = Date.now();
    await write(glossary, '- id: live-concept\n  name: Frobnication\n  aliases: [zyxwv frobnication]\n  definition: A made-up concept for the live-reload test.\n');
    await write(first, question('live-question', 'What is zyxwv frobnication?', 'topic: regularization\ndifficulty: basic\nconcepts: [live-concept, dropout]\n'));
    await waitFor(() => bank.current?.questionsById.has(id), 'the new deck question in the bank');
    times.create = Date.now() - started;
    const topic = (await tree.getChildren()).find((n) => n.kind === 'topic' && n.topic.id === 'regularization')!;
    assert((await tree.getChildren(topic)).some((n) => n.kind === 'question' && n.question.id === id), 'the tree lists the deck question under its bundled topic');
    assert((await api.search('zyxwv frobnication', { limit: 5 })).some((h) => h.id === id), 'search finds it');
    const concept = await api.lookup('zyxwv frobnication');
    assertEqual(concept?.id, conceptId, 'lookup finds the deck concept by its alias');
    assert(concept!.questionIds.includes(id), 'the deck concept links to the deck question');
    assert((await api.lookup('dropout'))!.questionIds.includes(id), 'a bundled concept named by a deck question links to it');
    const doc = await vscode.workspace.openTextDocument({ language: 'markdown', content: 'Today we discussed zyxwv frobnication at length.' });
    const hover = (await hoverText(doc.uri, positionOf(doc, 'zyxwv frobnication', 3))).join('\n');
    assert(/\*\*Frobnication\*\*/.test(hover) && hover.includes(encodeURIComponent(JSON.stringify([conceptId]))), `the hover explains the deck concept and links to it: ${hover.slice(0, 400)}`);

    receipt = await progress.grade(id, 'good', 1000);
    started = Date.now();
    await write(first, question('live-question', 'What is zyxwv frobnication, really?', 'topic: regularization\ndifficulty: intermediate\nconcepts: [live-concept]\n'));
    await waitFor(() => bank.current?.questionsById.get(id)?.title.endsWith('really?'), 'the edited title');
    times.edit = Date.now() - started;
    assertEqual(progress.get(id)?.reps, 1, 'progress of the unchanged id survives the edit');
    assert((await api.search('frobnication really', { limit: 3 })).some((h) => h.id === id), 'search sees the edit');

    started = Date.now();
    await vscode.workspace.fs.rename(first, renamed);
    await waitFor(() => bank.current?.questionsById.get(id)?.source === renamed.toString(), 'the renamed file');
    times.rename = Date.now() - started;
    assertEqual(progress.get(id)?.reps, 1, 'progress survives the rename (the id is in the front matter)');

    started = Date.now();
    await remove(renamed);
    await waitFor(() => !bank.current?.questionsById.has(id), 'the deleted question to leave the bank');
    times.delete = Date.now() - started;
    assert(!(await api.search('zyxwv frobnication', { limit: 10 })).some((h) => h.id === id), 'search forgets it');
    assert(!(await tree.getChildren(topic)).some((n) => n.kind === 'question' && n.question.id === id), 'the tree forgets it');
    assert(!(await api.lookup('dropout'))!.questionIds.includes(id), 'the bundled concept forgets it');
    assert(progress.get(id), 'its progress is kept (it comes back if the file does)');

    started = Date.now();
    await remove(glossary);
    await waitFor(async () => !(await api.lookup('zyxwv frobnication')), 'the deleted glossary to leave the hovers');
    times.deleteGlossary = Date.now() - started;
    console.log(`[tt] TT-METRIC deckReloadMs ${JSON.stringify(times)}`);
    // The goal is well under a second (the update itself takes tens of ms); the bound is loose because the file
    // watcher's latency on a loaded shared machine varies by seconds. The measured numbers are printed above.
    for (const [what, ms] of Object.entries(times)) assert(ms < 10_000, `${what} reached the bank in ${ms} ms`);
  } finally {
    if (receipt) await progress.undo(id, receipt.rid);
    await remove(wsDeck('live'));
    await remove(glossary);
  }
});

test('decks: New Question scaffolds a valid question in .tensor-tutor and opens it', async () => {
  const api = await activated();
  const uri = await vscode.commands.executeCommand<vscode.Uri>('tensorTutor.newQuestion', 'How does the scaffold work?', 'regularization');
  try {
    assert(uri?.toString() === wsDeck('how-does-the-scaffold-work.md').toString(), `created ${uri?.toString()}`);
    assertEqual(vscode.window.activeTextEditor?.document.uri.toString(), uri.toString(), 'the new file is open');
    const id = `deck:${deckSlug(folder().name)}:how-does-the-scaffold-work`;
    await waitFor(() => api.internals.bank.current?.questionsById.get(id)?.title === 'How does the scaffold work?', 'the scaffolded question in the bank');
    assertEqual(vscode.languages.getDiagnostics(uri).map((d) => d.message), [], 'the scaffold has no problems');
    const again = await vscode.commands.executeCommand<vscode.Uri>('tensorTutor.newQuestion', 'How does the scaffold work?', 'regularization');
    assert(again.path.endsWith('/how-does-the-scaffold-work-2.md'), 'a second one does not overwrite the first');
    await remove(again);
  } finally {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    if (uri) await remove(uri);
  }
});

test('decks: every bad input gets a diagnostic on its file and line and a log line; the rest loads', async () => {
  const api = await activated();
  const { bank } = api.internals;
  await bank.withDecks();
  const name = deckSlug(folder().name);
  const cases = badInputs();
  try {
    for (const g of goodInputs()) await write(wsDeck(g.path), g.content);
    await Promise.all(cases.map((c) => write(wsDeck(c.path), c.content)));
    const findings: string[] = [];
    for (const c of cases) {
      const uri = wsDeck(c.path);
      const diagnostic = await waitFor(() => vscode.languages.getDiagnostics(uri).find((d) => c.message.test(d.message)), `a diagnostic for ${c.what} on ${c.path}: ${vscode.languages.getDiagnostics(uri).map((d) => `${d.range.start.line + 1}: ${d.message}`).join(' | ')}`);
      assertEqual(diagnostic.range.start.line + 1, c.line, `line of the ${c.what} diagnostic`);
      assertEqual(diagnostic.severity, c.severity === 'error' ? vscode.DiagnosticSeverity.Error : vscode.DiagnosticSeverity.Warning, `severity for ${c.what}`);
      assertEqual(diagnostic.source, 'Tensor Tutor', 'diagnostic source');
      assert([...api.internals.deckProblems.loggedProblems].some((l) => l.startsWith(`${uri.toString()}:${c.line}:`)), `the output channel has a line for ${c.path}`);
      findings.push(`${c.what} → ${c.path}:${c.line} ${diagnostic.message}`);
    }
    console.log(`[tt] bad inputs:\n${findings.map((f) => `[tt]   ${f}`).join('\n')}`);
    for (const g of goodInputs()) assert(bank.current?.questionsById.has(`deck:${name}:${g.id}`), `${g.path} still loads next to the bad files`);
    assert(bank.current!.bank.questions.length > 200, 'the bundled bank is intact');
  } finally {
    await remove(wsDeck('bad'));
    await remove(wsDeck('glossary'));
    await waitFor(() => !cases.some((c) => vscode.languages.getDiagnostics(wsDeck(c.path)).length), 'diagnostics of deleted files to clear');
  }
});

test('decks: 2,000 files load in bounded time; a deck over the file cap says so on its folder', async () => {
  const api = await activated();
  const { bank, decks } = api.internals;
  const dir = inWorkspace('bench-deck');
  const count = 2000;
  const started = Date.now();
  for (let i = 0; i < count; i += 100) {
    await Promise.all(Array.from({ length: Math.min(100, count - i) }, (_, k) => {
      const n = i + k;
      return write(vscode.Uri.joinPath(dir, `t${n % 20}`, `q${n}.md`), question(`q${n}`, `Generated question number ${n}?`, 'topic: optimization\ndifficulty: basic\nconcepts: [dropout]\n'));
    }));
  }
  console.log(`[tt] wrote ${count} deck files in ${Date.now() - started} ms`);
  const saved = decks.folder.limits;
  try {
    await config().update('deckFolders', ['bench-deck'], vscode.ConfigurationTarget.Workspace); // workspace-relative
    await waitFor(() => bank.current?.questionsById.has('deck:bench-deck:q1999'), 'the 2,000-file deck', 60_000);
    const cold = decks.lastLoad!;
    const merged = new Promise<number>((resolve) => {
      const sub = bank.onDidMergeDecks((m) => (sub.dispose(), resolve(m.ms)));
    });
    const reload = Date.now();
    await decks.reloadAll(); // again, with the parse cache warm: listing, stat + read of every file, merge
    const mergeMs = await merged;
    const warm = decks.lastLoad!;
    console.log(`[tt] TT-METRIC deck2000LoadMs cold=${cold.ms} (reading) warm=${Date.now() - reload} (reading ${warm.readMs}, compile+merge ${mergeMs}, compiler ${api.internals.compilerMode()}) files=${warm.files}`);
    assertEqual(bank.current!.bank.questions.filter((q) => q.id.startsWith('deck:bench-deck:')).length, count, 'every question loaded');
    assert(cold.ms < 30_000, `2,000 files took ${cold.ms} ms`);
    const search = await api.search('Generated question number 1234', { limit: 3 });
    assert(search.some((h) => h.id === 'deck:bench-deck:q1234'), `search over the big deck: ${search.map((h) => h.id).join(', ')} (${JSON.stringify(await api.internals.search.state())})`);

    // Live reload inside the big deck: one edited file is re-read and re-parsed, the other 1,999 are not.
    const edited = Date.now();
    await write(vscode.Uri.joinPath(dir, 't7', 'q7.md'), question('q7', 'An edited question in a big deck?', 'topic: optimization\ndifficulty: basic\n'));
    await waitFor(() => bank.current?.questionsById.get('deck:bench-deck:q7')?.title === 'An edited question in a big deck?', 'the edit in the big deck', 20_000);
    console.log(`[tt] TT-METRIC deck2000EditMs=${Date.now() - edited} (update ${decks.lastLoad!.ms} ms)`);

    decks.folder.limits = { ...saved, maxFiles: 500 };
    await decks.reloadAll();
    const onFolder = await waitFor(() => {
      const messages = vscode.languages.getDiagnostics(dir).map((d) => d.message);
      return messages.some((m) => /more than 500 question and glossary files/.test(m)) ? messages : undefined;
    }, `the cap to be reported on the deck folder (${vscode.languages.getDiagnostics(dir).map((d) => d.message).join(' | ')})`);
    assert(onFolder.length, 'reported');
    await waitFor(() => bank.current!.bank.questions.filter((q) => q.id.startsWith('deck:bench-deck:')).length === 500, 'the capped deck to merge');
    assertEqual(bank.current!.bank.questions.filter((q) => q.id.startsWith('deck:bench-deck:')).length, 500, 'only the first 500 files load');
  } finally {
    decks.folder.limits = saved;
    await config().update('deckFolders', undefined, vscode.ConfigurationTarget.Workspace);
    await remove(dir);
    await waitFor(() => !bank.current?.questionsById.has('deck:bench-deck:q0'), 'the big deck to unload', 30_000);
  }
});

// The payload every hostile file carries (see test/fixtures/hostile-deck/README.md). If it ever ran in a
// webview it would post openLink https://pwned.example/<tag> and click every button on the page.
const PAYLOAD = (tag: string) =>
  `(function(t){var m={type:'openLink',href:'https://pwned.example/'+t};try{acquireVsCodeApi().postMessage(m)}catch(e){}try{window.parent.__vscode_post_message__('onmessage',{message:m})}catch(e){}try{document.querySelectorAll('button').forEach(function(b){b.click()})}catch(e){}try{document.body.setAttribute('data-pwned',t)}catch(e){}})('${tag}')`;
const HARMLESS = new Set(['ready', 'rendered']);

test('hostile deck: the payload is noticed when it runs (control), and never runs in the quiz, the reader or a hover', async () => {
  const api = await activated();
  const { bank } = api.internals;
  const hostile = vscode.Uri.joinPath(vscode.extensions.getExtension(EXTENSION_ID)!.extensionUri, 'test', 'fixtures', 'hostile-deck');
  const ids = ['deck:hostile-deck:script-injection', 'deck:hostile-deck:hostile-choices', 'deck:hostile-deck:prototype-pollution'];

  // Control: a page shaped like ours (API acquired first, buttons that post) but with no CSP and no
  // sanitiser. The payload runs there and the host sees it, so the assertions below can fail.
  const control = vscode.window.createWebviewPanel('tensorTutor.test.control', 'control', vscode.ViewColumn.Active, { enableScripts: true });
  const controlSeen: { type?: string }[] = [];
  control.webview.onDidReceiveMessage((m) => controlSeen.push(m));
  control.webview.html = `<!DOCTYPE html><html><body><button id="b">Skip</button>
<script>const api = acquireVsCodeApi(); document.getElementById('b').addEventListener('click', () => api.postMessage({ type: 'skip' }));</script>
<img src="x" onerror="${PAYLOAD('control')}"></body></html>`;
  await waitFor(() => controlSeen.length, 'the control payload to reach the host', 15_000);
  control.dispose();

  const messages: unknown[] = [];
  const seen = (m: unknown) => messages.push(m);
  try {
    await config().update('deckFolders', [hostile.path], vscode.ConfigurationTarget.Workspace); // absolute
    await waitFor(() => ids.every((id) => bank.current?.questionsById.has(id)), 'the hostile deck to load', 20_000);
    assertEqual(({} as Record<string, unknown>).polluted, undefined, 'no prototype pollution in the host');

    // Quiz: every card, answer revealed (or choice picked, which shows every "why").
    await vscode.commands.executeCommand('tensorTutor.quizTopic', 'hostile-topic');
    const panel = await waitFor(() => api.internals.quizPanel(), 'the quiz panel');
    const sub = panel.panel.webview.onDidReceiveMessage(seen);
    assertEqual([...panel.sessionState.queue].sort(), [...ids].sort(), 'the quiz holds the hostile questions');
    for (const id of [...panel.sessionState.queue]) {
      await waitFor(() => panel.lastRenderedId === id, `the quiz to render ${id}`);
      const renders = new Promise<void>((resolve) => {
        const s = panel.onDidRender((e) => e.id === id && (s.dispose(), resolve()));
      });
      const q = bank.current!.questionsById.get(id)!;
      await quizSend(panel, q.choices ? (q.selectAll ? { type: 'submit', options: [0] } : { type: 'pick', option: 0 }) : { type: 'reveal' });
      await renders;
      await sleep(700); // onerror/onload/ontoggle/autofocus would fire by now
      await quizSend(panel, { type: 'skip' });
    }
    sub.dispose();

    // Reader: title, topic, concepts and status of each hostile question.
    for (const id of ids) {
      await vscode.commands.executeCommand('tensorTutor.openQuestion', id);
      const reader = await waitFor(() => api.internals.readerPanel(), 'the reader');
      const rsub = reader.panel.webview.onDidReceiveMessage(seen);
      await waitFor(() => reader.lastRenderedId === id, `the reader to render ${id}`);
      await sleep(500);
      rsub.dispose();
    }
    const bad = messages.filter((m) => !HARMLESS.has((m as { type?: string })?.type ?? ''));
    assertEqual(bad, [], 'messages a payload would have caused');
    assert(!JSON.stringify(messages).includes('pwned'), 'no pwned.example message');
    assert(messages.length >= ids.length, `the webviews did report their renders (${messages.length} messages)`);

    // Hover on the deck concept (prose) and on its API (code): escaped text, only our command links.
    const prose = await vscode.workspace.openTextDocument({ language: 'markdown', content: 'Beware the zzhostile phrase here.' });
    const code = await vscode.workspace.openTextDocument({ language: 'python', content: 'import torch\nx = torch.hostile.Pwn(3)\n' });
    const hovers = [
      (await hoverText(prose.uri, positionOf(prose, 'zzhostile phrase', 3))).join('\n'),
      (await hoverText(code.uri, positionOf(code, 'Pwn', 1))).join('\n'),
    ];
    for (const md of hovers) {
      assert(md.includes('Evil'), `the hostile concept is explained: ${md.slice(0, 200)}`);
      assert(!/(^|[^\\])</.test(md), `no unescaped "<" (raw HTML) in the hover: ${md.slice(0, 400)}`);
      const links = [...md.matchAll(/(?<!\\)\]\(([^)\s]*)/g)].map((m) => m[1]);
      assert(links.length >= 1, 'our own links are there');
      for (const href of links) {
        assert(HOVER_COMMANDS.some((c) => href.startsWith(`command:${c}?`)), `only our command links: ${href}`);
      }
      assert(!/(^|[^\\])\$\((zap|bug|flame)\)/.test(md), 'theme-icon syntax from the deck is escaped');
      assert(!/(^|[^\\])!\[/.test(md), 'no images');
    }
    assert(hovers[1].includes('torch.hostile.Pwn'), 'the API hover shows the API id');
  } finally {
    api.internals.quizPanel()?.dispose();
    api.internals.readerPanel()?.dispose();
    await config().update('deckFolders', undefined, vscode.ConfigurationTarget.Workspace);
    await waitFor(() => !bank.current?.questionsById.has(ids[0]), 'the hostile deck to unload');
  }
});

test('state: damaged card states and review-log lines are kept aside in a dated backup; the learner is told once', async () => {
  const api = await activated();
  const { progress, globalState, storageUri } = api.internals;
  const original = globalState.get(CARDS_KEY);
  const card = { due: '2030-01-01T00:00:00.000Z', stability: 3, difficulty: 5, elapsed_days: 0, scheduled_days: 3, learning_steps: 0, reps: 2, lapses: 0, state: 2, last_review: '2019-01-02T00:00:00.000Z' };
  const goodLine = JSON.stringify({ id: 'dropout', grade: 'good', state: 2, reviewedAt: '2019-01-02T00:00:00.000Z', due: '2019-01-05T00:00:00.000Z', durationMs: 1000 });
  const logUri = vscode.Uri.joinPath(storageUri, 'reviews-2019-01.jsonl');
  const logText = `${goodLine}\n{"id":"dropout","grade":"go\nthis is not json\n${goodLine}\n`;
  try {
    await vscode.workspace.fs.createDirectory(storageUri);
    const entry = (c: unknown) => ({ card: c, at: '2019-01-02T00:00:00.000Z', rid: 'seeded' });
    await globalState.update(CARDS_KEY, { version: 2, cards: { dropout: entry(card), 'weight-decay': entry({ due: 'not a date', reps: 'many' }), 'batch-normalization': null } });
    await write(logUri, logText);

    // What a start does: read the card states (damaged ones set aside), then, off the activation path, recover.
    progress.engine.load();
    const notices = progress.recoveryNotices;
    const backup = await progress.recover();
    assert(backup, 'a backup file was written');
    assert(/\/backups\/damaged-study-data-\d{4}-\d{2}-\d{2}T[\d-]+Z\.json$/.test(backup!.path), `dated backup name: ${backup!.path}`);
    const saved = JSON.parse(new TextDecoder().decode(await vscode.workspace.fs.readFile(backup!))) as { cardStates: Record<string, Record<string, unknown>>; reviewLog: { file: string; line: number; text: string }[] };
    const setAside = Object.assign({}, ...Object.values(saved.cardStates)) as Record<string, unknown>;
    assertEqual((setAside['weight-decay'] as { card: unknown }).card, { due: 'not a date', reps: 'many' }, 'the damaged card state is in the backup');
    assert('batch-normalization' in setAside, 'the null card state is in the backup');
    assertEqual(saved.reviewLog.map((l) => [l.file, l.line, l.text]), [['reviews-2019-01.jsonl', 2, '{"id":"dropout","grade":"go'], ['reviews-2019-01.jsonl', 3, 'this is not json']], 'the damaged log lines are in the backup');
    assertEqual(progress.get('dropout'), card, 'the good card survives');
    assertEqual(progress.get('weight-decay'), undefined, 'the damaged card is no longer live');
    assertEqual(new TextDecoder().decode(await vscode.workspace.fs.readFile(logUri)), logText, 'the log file is never rewritten (append-only)');
    assertEqual(progress.recoveryNotices, notices + 1, 'the learner was told');

    // The next start finds nothing new: no second notification.
    progress.engine.load();
    assertEqual(await progress.recover(), undefined, 'nothing left to recover');
    assertEqual(progress.recoveryNotices, notices + 1, 'told once, not on every start');
  } finally {
    await globalState.update(CARDS_KEY, original);
    progress.engine.load();
    await remove(logUri);
  }
});
