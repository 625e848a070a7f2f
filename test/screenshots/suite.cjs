// Screenshot tour, run as `extensionTestsPath` by scripts/screenshots.mjs inside real VS Code.
// Each `shot(name)` asks the driver (through the log) to photograph the page and waits for its marker file.
const vscode = require('vscode');

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function shot(name) {
  const folder = vscode.workspace.workspaceFolders[0].uri;
  const marker = vscode.Uri.joinPath(folder, '.shots', `${name}.done`);
  console.log(`TT-SHOT ${name}`);
  for (let i = 0; i < 200; i++) {
    try {
      await vscode.workspace.fs.stat(marker);
      return;
    } catch {
      await sleep(100);
    }
  }
  throw new Error(`no screenshot taken for ${name}`);
}

async function theme(name) {
  await vscode.workspace.getConfiguration('workbench').update('colorTheme', name, vscode.ConfigurationTarget.Global);
  await sleep(800);
}

exports.run = async function run() {
  const ext = vscode.extensions.getExtension('tensor-tutor.tensor-tutor');
  const api = await ext.activate();
  const { internals } = api;
  await theme('Default Dark Modern');

  // Some history so the tree and hover show states.
  const view = await internals.bank.get();
  const ids = view.bank.questions.filter((_, i) => i % 3 === 0).slice(0, 45).map((q) => q.id);
  const grades = ['good', 'easy', 'hard', 'good', 'again'];
  for (const [i, id] of ids.entries()) await internals.progress.grade(id, grades[i % grades.length], 20000);

  // 1. Hover on AdamW in a real training script.
  const folder = vscode.workspace.workspaceFolders[0].uri;
  const doc = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(folder, 'gpt_train.py'));
  const editor = await vscode.window.showTextDocument(doc);
  const at = doc.getText().indexOf('optim.AdamW') + 'optim.Ad'.length;
  const pos = doc.positionAt(at);
  editor.selection = new vscode.Selection(pos, pos);
  editor.revealRange(new vscode.Range(pos.translate(-12), pos.translate(12)), vscode.TextEditorRevealType.InCenter);
  await vscode.commands.executeCommand('workbench.view.explorer');
  await sleep(1500);
  await vscode.commands.executeCommand('editor.action.showHover');
  await sleep(1500);
  await shot('hover-dark');

  // 2. The topic tree, with one topic expanded via "Show in topic browser", and a question in the reader.
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  await vscode.commands.executeCommand('workbench.view.extension.tensorTutor');
  await sleep(800);
  const adamw = view.bank.questions.find((q) => /adamw/i.test(q.id)) ?? view.bank.questions[0];
  await vscode.commands.executeCommand('tensorTutor.showInTopicBrowser', adamw.id);
  await vscode.commands.executeCommand('tensorTutor.openQuestion', adamw.id);
  await sleep(2500);
  await shot('browse-dark');
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');

  // 3. The quiz panel: a multiple-choice card, its feedback after a pick, a flashcard, a "select all that apply"
  // card (check boxes, Submit) and a cloze card with its blank.
  const cards = view.cards.cards;
  const rendered = async (id) => {
    for (let i = 0; i < 100 && internals.quizPanel()?.lastRenderedId !== id; i++) await sleep(100);
    await sleep(1000);
  };
  // Messages name the card they were sent for (the protocol refuses any other).
  const send = (message) => {
    const p = internals.quizPanel();
    return p.receive({ card: p.sessionState.queue[p.sessionState.position], ...message });
  };
  await vscode.commands.executeCommand('tensorTutor.startQuiz', 'due');
  let panel = internals.quizPanel();
  for (let i = 0; i < 50 && !panel?.lastRenderedId; i++) { await sleep(100); panel = internals.quizPanel(); }
  const first = cards.find((c) => c.id === panel.lastRenderedId);
  if (first?.kind !== 'choice') {
    const choice = cards.find((c) => c.kind === 'choice' && /backprop/.test(c.id)) ?? cards.find((c) => c.kind === 'choice');
    await internals.launcher.open('Due now', [choice.id]);
  }
  await rendered(internals.quizPanel().lastRenderedId);
  await shot('quiz-dark');
  await send({ type: 'pick', option: 1 });
  await sleep(1200);
  await shot('quiz-answer-dark');
  await theme('Default Light Modern');
  await sleep(800);
  await shot('quiz-answer-light');
  const flash = cards.find((c) => c.kind === 'flashcard' && c.question.keyPoints?.length && /dropout/.test(c.id)) ?? cards.find((c) => c.kind === 'flashcard');
  await internals.launcher.open('Regularization', [flash.id]);
  await rendered(flash.id);
  await shot('quiz-flashcard-light');
  const selectAll = cards.find((c) => c.kind === 'select-all' && /prun|quantiz/.test(c.id)) ?? cards.find((c) => c.kind === 'select-all');
  await theme('Default Dark Modern');
  await internals.launcher.open('select all', [selectAll.id]);
  await rendered(selectAll.id);
  await shot('quiz-select-all-dark');
  const cloze = cards.find((c) => c.kind === 'cloze' && /adamw|dropout/.test(c.id)) ?? cards.find((c) => c.kind === 'cloze');
  await theme('Default Light Modern');
  await internals.launcher.open('cloze', [cloze.id]);
  await rendered(cloze.id);
  await shot('quiz-cloze-light');

  // 4. Training-code checks: squiggles, the Problems panel and the light-bulb menu on a planted mistake.
  await theme('Default Dark Modern');
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  const demo = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(folder, 'checks_demo.py'));
  let demoEditor = await vscode.window.showTextDocument(demo);
  const ours = () => vscode.languages.getDiagnostics(demo.uri).filter((d) => d.source === 'Tensor Tutor');
  for (let i = 0; i < 150 && ours().length < 4; i++) await sleep(100);
  await vscode.commands.executeCommand('workbench.actions.view.problems');
  await sleep(500);
  demoEditor = await vscode.window.showTextDocument(demo);
  const fixAt = demo.positionAt(demo.getText().indexOf('F.softmax(') + 3);
  demoEditor.selection = new vscode.Selection(fixAt, fixAt);
  demoEditor.revealRange(new vscode.Range(fixAt.translate(-8), fixAt.translate(4)), vscode.TextEditorRevealType.InCenter);
  await sleep(1000);
  await vscode.commands.executeCommand('editor.action.quickFix');
  await sleep(1500);
  await shot('checks-dark');
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
};
