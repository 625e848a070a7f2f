// Training-code checks in real VS Code (Node and web-worker hosts): diagnostics, the quick fix, Explain,
// the code link, notebook cells, the settings and the ignore comment.
import * as vscode from 'vscode';
import { assert, assertEqual, test, waitFor } from './framework';
import { activated, screenshot, workspaceFile } from './helpers';

const SOURCE = 'Tensor Tutor';
const ours = (uri: vscode.Uri) => vscode.languages.getDiagnostics(uri).filter((d) => d.source === SOURCE);
const codeOf = (d: vscode.Diagnostic) => (typeof d.code === 'object' ? String(d.code.value) : String(d.code));
const summary = (uri: vscode.Uri) => ours(uri).map((d) => `${d.range.start.line + 1}:${codeOf(d)}`).sort();

async function codeActions(uri: vscode.Uri, diagnostic: vscode.Diagnostic): Promise<vscode.CodeAction[]> {
  const actions = await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[]>('vscode.executeCodeActionProvider', uri, diagnostic.range, vscode.CodeActionKind.QuickFix.value);
  return (actions ?? []).filter((a): a is vscode.CodeAction => 'kind' in a || 'edit' in a);
}

/** An untitled copy of a workspace fixture: edits never touch the fixture, and nothing needs saving. */
async function untitledCopy(name: string): Promise<vscode.TextDocument> {
  const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(workspaceFile(name)));
  const doc = await vscode.workspace.openTextDocument({ language: 'python', content: text });
  await vscode.window.showTextDocument(doc, { preview: false });
  return doc;
}

async function closeWithoutSaving(): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
}

const THREE = ['16:softmax-before-cross-entropy', '21:eval-mode-missing', '24:torch-load-weights-only'];

test('checks: a script with three planted mistakes shows exactly those three diagnostics', async () => {
  await activated();
  const doc = await vscode.workspace.openTextDocument(workspaceFile('checks_three.py'));
  await vscode.window.showTextDocument(doc);
  await waitFor(() => ours(doc.uri).length >= 3, `three diagnostics (got ${summary(doc.uri).join(', ')})`, 15_000);
  assertEqual(summary(doc.uri), THREE, 'diagnostics');
  const softmax = ours(doc.uri).find((d) => codeOf(d) === 'softmax-before-cross-entropy')!;
  assertEqual(softmax.severity, vscode.DiagnosticSeverity.Warning, 'severity');
  const load = ours(doc.uri).find((d) => codeOf(d) === 'torch-load-weights-only')!;
  assertEqual(load.severity, vscode.DiagnosticSeverity.Information, 'severity of torch-load-weights-only');
  // The code links to the explaining question in the reader.
  const target = typeof softmax.code === 'object' ? softmax.code.target : undefined;
  assert(target?.scheme === 'command' && target.path === 'tensorTutor.openQuestion', `code target ${target?.toString()}`);
  assertEqual(JSON.parse(decodeURIComponent(target.query)), ['crossentropyloss-logits'], 'code target arguments');
});

test('checks: the quick fix applies and its diagnostic goes away', async () => {
  const doc = await untitledCopy('checks_three.py');
  await waitFor(() => ours(doc.uri).length === 3, `diagnostics on the copy (got ${summary(doc.uri).join(', ')})`, 15_000);
  const softmax = ours(doc.uri).find((d) => codeOf(d) === 'softmax-before-cross-entropy')!;
  const actions = await codeActions(doc.uri, softmax);
  const titles = actions.map((a) => a.title);
  const fix = actions.find((a) => a.isPreferred && a.edit);
  assert(fix, `a preferred quick fix among: ${titles.join(' | ')}`);
  assert(fix.kind?.value === 'quickfix', `fix kind ${fix.kind?.value}`);
  for (const expected of [/^Explain: /, /^Quiz me on this$/, /^Don't warn about this check/, /^Ignore softmax-before-cross-entropy on this line$/]) {
    assert(titles.some((t) => expected.test(t)), `an action matching ${expected} among: ${titles.join(' | ')}`);
  }
  assert(await vscode.workspace.applyEdit(fix.edit!), 'the edit applies');
  assert(doc.lineAt(15).text.includes('loss = criterion(model(x), y)'), `fixed line: ${doc.lineAt(15).text}`);
  await waitFor(() => !ours(doc.uri).some((d) => codeOf(d) === 'softmax-before-cross-entropy'), 'the diagnostic to go away');
  assertEqual(summary(doc.uri), THREE.slice(1), 'the other diagnostics stay');
  // A second fix: model.eval() inserted before the validation loop (the file restores .train() itself).
  const evalDiagnostic = ours(doc.uri).find((d) => codeOf(d) === 'eval-mode-missing')!;
  const evalFix = (await codeActions(doc.uri, evalDiagnostic)).find((a) => a.isPreferred && a.edit)!;
  await vscode.workspace.applyEdit(evalFix.edit!);
  assertEqual(doc.lineAt(20).text.trim(), 'model.eval()', 'inserted line');
  await waitFor(() => summary(doc.uri).length === 1, `one diagnostic left (got ${summary(doc.uri).join(', ')})`);
  await screenshot('checks-after-fix', 'Default Dark Modern');
  await closeWithoutSaving();
});

test('checks: "Explain" opens the question that explains the check', async () => {
  const api = await activated();
  const doc = await vscode.workspace.openTextDocument(workspaceFile('checks_three.py'));
  await vscode.window.showTextDocument(doc);
  await waitFor(() => ours(doc.uri).length === 3, 'diagnostics');
  for (const [check, question] of [['eval-mode-missing', 'train-vs-eval-mode'], ['torch-load-weights-only', 'torch-load-weights-only']]) {
    const diagnostic = ours(doc.uri).find((d) => codeOf(d) === check)!;
    const explain = (await codeActions(doc.uri, diagnostic)).find((a) => a.title.startsWith('Explain: '));
    assert(explain?.command, `an Explain action for ${check}`);
    assertEqual(explain.command.command, 'tensorTutor.openQuestion', 'Explain runs openQuestion');
    await vscode.commands.executeCommand(explain.command.command, ...(explain.command.arguments ?? []));
    const reader = await waitFor(() => api.internals.readerPanel(), 'the reader');
    assertEqual(reader.currentId, question, `Explain on ${check} opens`);
    await waitFor(() => reader.lastRenderedId === question, 'the reader webview to render');
  }
  const quiz = (await codeActions(doc.uri, ours(doc.uri).find((d) => codeOf(d) === 'softmax-before-cross-entropy')!)).find((a) => a.title === 'Quiz me on this');
  assertEqual(quiz?.command?.command, 'tensorTutor.quizConcept', 'Quiz me runs quizConcept');
  assertEqual(quiz?.command?.arguments, ['cross-entropy'], 'on the check\'s concept');
});

test('checks: notebook cells are analysed together, diagnostics land on the right cell', async () => {
  const data = new vscode.NotebookData([
    new vscode.NotebookCellData(vscode.NotebookCellKind.Code, 'import torch\nfrom torch.utils.data import DataLoader\n', 'python'),
    new vscode.NotebookCellData(vscode.NotebookCellKind.Markup, '# Data', 'markdown'),
    new vscode.NotebookCellData(vscode.NotebookCellKind.Code, '%matplotlib inline\nval_loader = DataLoader(val_set, batch_size=64, shuffle=True)\n', 'python'),
  ]);
  const notebook = await vscode.workspace.openNotebookDocument('jupyter-notebook', data);
  await vscode.window.showNotebookDocument(notebook);
  const cell = notebook.cellAt(2).document;
  await waitFor(() => ours(cell.uri).length > 0, 'a diagnostic in the third cell', 15_000);
  assertEqual(summary(cell.uri), ['2:shuffle-validation'], 'cell diagnostics');
  assertEqual(ours(notebook.cellAt(0).document.uri), [], 'nothing on the first cell');
  await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
});

test('checks: settings and the ignore comment silence diagnostics', async () => {
  const doc = await untitledCopy('checks_three.py');
  await waitFor(() => ours(doc.uri).length === 3, 'diagnostics');
  const config = vscode.workspace.getConfiguration('tensorTutor.checks');
  try {
    await vscode.commands.executeCommand('tensorTutor.disableCheck', 'torch-load-weights-only', 'torch.load without weights_only=True');
    await waitFor(() => ours(doc.uri).length === 2, `torch-load-weights-only disabled (got ${summary(doc.uri).join(', ')})`);
    await config.update('enabled', false, vscode.ConfigurationTarget.Global);
    await waitFor(() => ours(doc.uri).length === 0, 'every check off');
  } finally {
    await config.update('enabled', undefined, vscode.ConfigurationTarget.Global);
    await config.update('disabled', undefined, vscode.ConfigurationTarget.Global);
  }
  await waitFor(() => ours(doc.uri).length === 3, 'diagnostics back');
  const evalDiagnostic = ours(doc.uri).find((d) => codeOf(d) === 'eval-mode-missing')!;
  const ignore = (await codeActions(doc.uri, evalDiagnostic)).find((a) => a.title.startsWith('Ignore '))!;
  await vscode.workspace.applyEdit(ignore.edit!);
  assert(doc.lineAt(20).text.endsWith('# tensor-tutor: ignore[eval-mode-missing]'), doc.lineAt(20).text);
  await waitFor(() => ours(doc.uri).length === 2, 'the ignored line is silent');
  await closeWithoutSaving();
});
