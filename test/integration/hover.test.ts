import * as vscode from 'vscode';
import { assert, test, waitFor } from './framework';
import { activated, hoverText, positionOf, workspaceFile } from './helpers';

async function open(name: string): Promise<vscode.TextDocument> {
  const doc = await vscode.workspace.openTextDocument(workspaceFile(name));
  await vscode.window.showTextDocument(doc);
  return doc;
}

async function expectHover(doc: vscode.TextDocument, needle: string, expected: RegExp, into = 1, occurrence = 0) {
  const texts = await hoverText(doc.uri, positionOf(doc, needle, into, occurrence));
  const joined = texts.join('\n---\n');
  assert(expected.test(joined), `hover on "${needle}" should match ${expected}; got: ${joined.slice(0, 300) || '(no hover)'}`);
  return joined;
}

async function expectNoHover(doc: vscode.TextDocument, needle: string, into = 1, occurrence = 0) {
  const texts = await hoverText(doc.uri, positionOf(doc, needle, into, occurrence));
  assert(texts.every((t) => !t.includes('tensorTutor.')), `expected no Tensor Tutor hover on "${needle}", got: ${texts.join(' | ').slice(0, 300)}`);
}

test('hover explains qualified PyTorch APIs, resolving import aliases', async () => {
  await activated();
  const doc = await open('train_torch.py');
  const text = await expectHover(doc, 'nn.Dropout', /\*\*Dropout\*\*/, 5);
  assert(text.includes('torch.nn.Dropout'), 'the API id is shown');
  assert(/command:tensorTutor\.quizConcept/.test(text), 'a "Quiz me on this" command link is present');
  await expectHover(doc, 'torch.optim.AdamW', /AdamW/i, 14);
  // The API note keeps the spaces around its code spans (escaping must not trim pieces of a line).
  await expectHover(doc, 'torch.optim.AdamW', /`weight_decay=1e-2` by default; the decay is multiplied by `lr`/, 14);
  await expectHover(doc, 'clip_grad_norm_', /clip/i, 3);
  await expectHover(doc, 'F.relu', /ReLU/i, 3);
  await expectHover(doc, 'CosineAnnealingLR(optimizer', /cosine/i, 2);
});

test('hover explains keyword arguments, in context', async () => {
  const doc = await vscode.workspace.openTextDocument(workspaceFile('train_torch.py'));
  await expectHover(doc, 'weight_decay=', /weight decay/i, 2);
  await expectHover(doc, 'label_smoothing=', /label smoothing/i, 2);
  const bnMomentum = await expectHover(doc, 'momentum=0.1', /batch norm/i, 2);
  assert(!/heavy-ball|velocity/i.test(bnMomentum.split('---')[0]), 'BatchNorm momentum is not the optimizer momentum');
});

test('hover explains method calls and conventional names, not ordinary names', async () => {
  const doc = await vscode.workspace.openTextDocument(workspaceFile('train_torch.py'));
  await expectHover(doc, 'loss.backward', /backprop|autograd|gradient/i, 7);
  await expectHover(doc, 'optimizer.zero_grad', /zero/i, 12);
  await expectHover(doc, 'scheduler.step()', /schedul|learning.rate/i, 11);
  await expectHover(doc, 'model.train()', /train/i, 7);
  await expectHover(doc, 'learning_rate = ', /learning rate/i, 2);
  await expectNoHover(doc, 'import os', 8);
  await expectNoHover(doc, 'for step in', 5);
  await expectNoHover(doc, 'print(', 2);
  await expectNoHover(doc, 'self.fc', 1);
});

test('hover works in comments (prose), Keras and Flax files', async () => {
  const torchDoc = await vscode.workspace.openTextDocument(workspaceFile('train_torch.py'));
  await expectHover(torchDoc, '# label smoothing keeps', /label smoothing/i, 4);
  const keras = await vscode.workspace.openTextDocument(workspaceFile('train_keras.py'));
  await expectHover(keras, 'layers.Dropout', /tf\.keras\.layers\.Dropout/, 8);
  await expectHover(keras, 'layers.LayerNormalization', /layer norm/i, 9);
  await expectHover(keras, '"relu"', /ReLU/i, 2);
  await expectHover(keras, 'optimizer="adam"', /Adam/, 12);
  const flax = await vscode.workspace.openTextDocument(workspaceFile('train_flax.py'));
  await expectHover(flax, 'nn.Dropout', /flax\.linen\.Dropout/, 4);
  await expectHover(flax, 'optax.adamw', /AdamW/i, 7);
});

test('hover works in Markdown prose and inline code', async () => {
  const doc = await vscode.workspace.openTextDocument(workspaceFile('notes.md'));
  await expectHover(doc, 'Batch normalization', /batch norm/i, 3);
  await expectHover(doc, 'vanishing gradient', /vanishing/i, 12);
  await expectHover(doc, '`nn.Dropout`', /Dropout/, 5);
  await expectNoHover(doc, 'Study notes', 3);
});

test('hover works in a Jupyter notebook cell', async () => {
  const data = new vscode.NotebookData([
    new vscode.NotebookCellData(vscode.NotebookCellKind.Code, 'import torch.nn as nn\nlayer = nn.LayerNorm(512)\n', 'python'),
  ]);
  const notebook = await vscode.workspace.openNotebookDocument('jupyter-notebook', data);
  const cell = notebook.cellAt(0).document;
  const texts = await hoverText(cell.uri, positionOf(cell, 'nn.LayerNorm', 5));
  assert(texts.some((t) => /layer norm/i.test(t)), `notebook cell hover: ${texts.join(' | ') || '(none)'}`);
});

test('hover in a later notebook cell uses the imports of the first cell (.ipynb)', async () => {
  await activated();
  const notebook = await vscode.workspace.openNotebookDocument(workspaceFile('flax_notebook.ipynb'));
  const model = notebook.getCells().find((c) => c.document.getText().includes('nn.Dense'))!.document;
  assert(model.uri.scheme === 'vscode-notebook-cell', `a cell document, got ${model.uri.scheme}`);
  const texts = (await hoverText(model.uri, positionOf(model, 'nn.Dense', 4))).join('\n');
  // `import flax.linen as nn` sits in another cell: without it `nn` would be read as torch.nn, which has no Dense.
  assert(/flax\.linen\.Dense/.test(texts), `hover on nn.Dense in a later cell: ${texts.slice(0, 300) || '(none)'}`);
  const markdown = notebook.getCells().find((c) => c.kind === vscode.NotebookCellKind.Markup)!.document;
  assert(!/^\s*(import|from)\s/m.test(markdown.getText()), 'the fixture keeps its imports out of Markdown cells');
  assert(!/^\s*(import|from)\s/m.test(model.getText()), 'the hovered cell imports nothing itself');
});

test('hover in notebook cells follows edits to an earlier cell', async () => {
  const data = new vscode.NotebookData([
    new vscode.NotebookCellData(vscode.NotebookCellKind.Code, 'import flax.linen as nn\n', 'python'),
    new vscode.NotebookCellData(vscode.NotebookCellKind.Code, 'y = nn.Dense(4)(x)\n', 'python'),
  ]);
  const notebook = await vscode.workspace.openNotebookDocument('jupyter-notebook', data);
  const first = notebook.cellAt(0).document;
  const later = notebook.cellAt(1).document;
  const before = (await hoverText(later.uri, positionOf(later, 'Dense', 1))).join('\n');
  assert(/flax\.linen\.Dense/.test(before), `Flax import in cell 1: ${before.slice(0, 200) || '(none)'}`);
  const edit = new vscode.WorkspaceEdit();
  edit.replace(first.uri, first.lineAt(0).range, 'import torch.nn as nn');
  assert(await vscode.workspace.applyEdit(edit), 'the first cell was edited');
  await waitFor(async () => (await hoverText(later.uri, positionOf(later, 'Dense', 1))).every((t) => !t.includes('flax.linen.Dense')),
    'the later cell to drop the Flax reading once the import says torch.nn');
});

test('Look Up Term resolves identifiers and phrases', async () => {
  const concept = await vscode.commands.executeCommand<{ id: string }>('tensorTutor.lookUpTerm', 'torch.nn.BatchNorm2d');
  assert(concept?.id === 'batch-normalization', `lookUpTerm(torch.nn.BatchNorm2d) → ${concept?.id}`);
  const api = await activated();
  const viaApi = await api.lookup('label smoothing');
  assert(viaApi?.id === 'label-smoothing', `api.lookup("label smoothing") → ${viaApi?.id}`);
  assert((viaApi?.questionIds.length ?? 0) > 0, 'the concept links to questions');
});

test('hover command links run: "Related questions" opens the reader', async () => {
  const api = await activated();
  const concept = await api.lookup('dropout');
  await vscode.commands.executeCommand('tensorTutor.openQuestion', concept!.questionIds[0]);
  const reader = api.internals.readerPanel();
  assert(reader?.currentId === concept!.questionIds[0], 'the reader shows the question');
  // Also lets the webview finish loading: a webview hidden mid-load by the next test's panel stalls that panel
  // for 30 s in code-server (see bench/RESULTS.md, "first card in the web host").
  await waitFor(() => reader.lastRenderedId === concept!.questionIds[0], 'the reader webview to render');
});

test('hover round trip through vscode.executeHoverProvider (TT-METRIC)', async () => {
  await activated();
  const doc = await open('train_torch.py');
  const median = async (position: vscode.Position) => {
    const times: number[] = [];
    for (let i = 0; i < 21; i++) {
      const started = performance.now();
      await vscode.commands.executeCommand('vscode.executeHoverProvider', doc.uri, position);
      times.push(performance.now() - started);
    }
    return times.sort((a, b) => a - b)[10];
  };
  const term = positionOf(doc, 'nn.Dropout', 5);
  const plain = positionOf(doc, 'import os', 8);
  assert((await hoverText(doc.uri, term)).some((t) => t.includes('Dropout')), 'the DL line has a hover');
  const termMs = await median(term);
  const plainMs = await median(plain);
  console.log(`[tt] TT-METRIC hoverDlMs=${termMs.toFixed(2)} hoverPlainMs=${plainMs.toFixed(2)}`);
});
