import * as vscode from 'vscode';
import { assert, assertEqual, test, waitFor } from './framework';
import { activated, clearStageForScreenshots, EXTENSION_ID, hoverText, positionOf, screenshot, workspaceFile } from './helpers';
import type { StoredCard } from '../../src/core/quiz/scheduler';
import { quizSend } from './helpers';
import { choiceOrder } from '../../src/core/quiz/choices';

const read = async (uri: vscode.Uri) => new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));

test('progress: export → reset → import round trip through the commands; a malformed file changes nothing', async () => {
  const api = await activated();
  const { progress, bank, exchange } = api.internals;
  await bank.get();
  const ids = (await bank.get()).bank.questions.slice(0, 3).map((q) => q.id);
  for (const id of ids) await progress.grade(id, 'good', 1500);
  const before = new Map(progress.engine.entries());
  assert(before.size >= 3, 'there is progress to export');

  // The commands take no target: a link or another extension cannot pick the file or skip the question.
  const ignored = workspaceFile('chosen-by-a-caller.json');
  const fromLink = vscode.commands.executeCommand('tensorTutor.exportProgress', ignored);
  await new Promise((r) => setTimeout(r, 500));
  await vscode.commands.executeCommand('workbench.action.closeQuickOpen'); // the save dialog (simple dialog in code-server)
  await fromLink;
  assert(!(await vscode.workspace.fs.stat(ignored).then(() => true, () => false)), 'an argument cannot choose the export file');

  const target = workspaceFile('progress-export.json');
  const written = await exchange.exportTo(target);
  assertEqual(written?.toString(), target.toString(), 'exported to the given URI');
  const file = JSON.parse(await read(target)) as { format: string; version: number; cards: Record<string, StoredCard> };
  assertEqual([file.format, file.version], ['tensor-tutor-progress', 1], 'format tag and version');
  assertEqual(Object.keys(file.cards).length, before.size, 'every card state exported');

  const backup = await exchange.resetNow();
  assertEqual(progress.engine.entries().length, 0, 'reset cleared the card states');
  assert(backup, 'reset returned its backup');
  assertEqual(Object.keys(JSON.parse(await read(backup)).cards).length, before.size, 'the backup holds the cards');

  const outcome = await exchange.importFrom(target);
  assertEqual([outcome?.added, outcome?.updated, outcome?.keptLocal, outcome?.unknown], [before.size, 0, 0, 0], 'import counts');
  assert(outcome?.backup, 'a backup was written before the import');
  for (const [id, card] of before) assertEqual(progress.get(id), card, `card ${id} restored`);
  const again = await exchange.importFrom(target);
  assertEqual([again?.added, again?.keptLocal], [0, before.size], 'importing twice changes nothing');

  const bad = workspaceFile('progress-bad.json');
  const good = JSON.parse(await read(target));
  good.cards[ids[0]] = { due: 'not a date' };
  good.cards['extra-card'] = before.get(ids[1]);
  await vscode.workspace.fs.writeFile(bad, new TextEncoder().encode(JSON.stringify(good)));
  const refused = await exchange.importFrom(bad);
  assertEqual(refused, undefined, 'a malformed file is refused');
  assert(!progress.get('extra-card'), 'nothing from the malformed file was applied');
  assertEqual(progress.engine.entries().length, before.size, 'progress unchanged');
  await vscode.workspace.fs.writeFile(bad, new TextEncoder().encode('{"format": "tensor-tutor-progress", "version": 1, "cards": {'));
  assertEqual(await exchange.importFrom(bad), undefined, 'truncated JSON is refused');
});

test('statistics: the view renders mastery per topic, the heatmap, the streak and retention', async () => {
  const api = await activated();
  await clearStageForScreenshots();
  if (vscode.workspace.getConfiguration('tensorTutorTest').get<boolean>('screenshots')) await simulateHistory();
  await vscode.commands.executeCommand('tensorTutor.showStatistics');
  const panel = await waitFor(() => api.internals.statsPanel(), 'the statistics panel');
  await waitFor(() => panel.renderCount > 0, 'the statistics webview to report it rendered');
  const stats = panel.lastView!.stats;
  assert(stats.topics.length >= 15, `mastery rows for every topic (${stats.topics.length})`);
  assert(stats.heatmap.counts.length > 17 * 7 && stats.heatmap.counts.length <= 18 * 7, `about four months of days (${stats.heatmap.counts.length})`);
  assert(stats.heatmap.counts.at(-1)! >= 3, `today's reviews are on the heatmap (${stats.heatmap.counts.at(-1)})`);
  assertEqual(stats.streak.reviewedToday, true, 'reviewed today');
  assert(stats.streak.current >= 1, 'a streak of at least one day');
  assert(stats.totals.studied >= 3, 'studied cards counted');
  await screenshot('stats-dark', 'Default Dark Modern');
  await screenshot('stats-light', 'Default Light Modern');
  // Grading again refreshes the open view.
  const rendered = panel.renderCount;
  await api.internals.progress.grade((await api.internals.bank.get()).bank.questions[0].id, 'again', 1000);
  await waitFor(() => panel.renderCount > rendered, 'the view to refresh after a grade');
  assert(panel.lastView!.stats.retention.reviews >= 1, 'a review of a studied card counts toward retention');
  panel.dispose();
});

test('mock interview: N random questions across topics, a countdown per question, a report at the end', async () => {
  const api = await activated();
  await clearStageForScreenshots();
  const config = vscode.workspace.getConfiguration('tensorTutor');
  await config.update('mockInterview.questions', 4, vscode.ConfigurationTarget.Global);
  try {
    await vscode.commands.executeCommand('tensorTutor.startQuiz', 'mock');
    const panel = await waitFor(() => api.internals.quizPanel(), 'the quiz panel');
    const { queue, mock } = panel.sessionState;
    assertEqual(queue.length, 4, 'the configured number of questions');
    assertEqual(mock?.perQuestionMs, 3 * 60_000, 'three minutes per question by default');
    const bankView = (await api.internals.bank.get());
    assert(new Set(queue.map((id) => bankView.cards.get(id)!.question.topic)).size >= 3, 'questions span topics');
    await waitFor(() => panel.lastRenderedId === queue[0], 'the first question to render').catch((error: Error) => {
      throw new Error(`${error.message} (visible=${panel.panel.visible}, active=${panel.panel.active}, last=${panel.lastRenderedId})`);
    });
    const left = panel.lastView!.timeLeftMs!;
    assert(left > 170_000 && left <= 180_000, `the countdown starts near 3:00 (${left} ms)`);
    await screenshot('mock-dark', 'Default Dark Modern');
    await screenshot('mock-light', 'Default Light Modern');

    await quizSend(panel, { type: 'skip' });
    for (let i = 1; i < queue.length; i++) {
      const card = bankView.cards.get(queue[i])!;
      const choices = card.question.choices;
      const order = choices ? choiceOrder(card.id, api.internals.progress.get(card.id)?.reps ?? 0, choices.length) : [];
      if (card.kind === 'choice') await quizSend(panel, { type: 'pick', option: order.findIndex((o) => choices![o].correct) });
      else if (card.kind === 'select-all') await quizSend(panel, { type: 'submit', options: order.flatMap((o, d) => (choices![o].correct ? [d] : [])) });
      else await quizSend(panel, { type: 'reveal' });
      await quizSend(panel, card.kind === 'choice' || card.kind === 'select-all' ? { type: 'next' } : { type: 'grade', grade: 'good' });
    }
    await waitFor(() => panel.lastRenderedId === 'summary', 'the report to render');
    const report = panel.lastView!.summary!.mock!;
    assertEqual(report.questions.map((q) => q.id), queue, 'every question in the report, in order');
    assertEqual(report.questions.map((q) => q.grade), ['skipped', 'good', 'good', 'good'], 'grades (a correct pick counts as Good)');
    assertEqual([report.totals.asked, report.totals.answered, report.totals.skipped, report.totals.correct], [4, 3, 1, 3], 'totals');
    assert(report.byTopic.length >= 3, 'per-topic rows');
    assert(report.questions.every((q) => q.ms >= 0 && q.ms < 60_000 && q.title.length > 0), 'time taken per question');
    panel.dispose();
  } finally {
    await config.update('mockInterview.questions', undefined, vscode.ConfigurationTarget.Global);
  }
});

test('Anki export: a TSV with Anki headers, HTML fields and topic/concept tags, for a topic or the whole bank', async () => {
  const api = await activated();
  const view = await api.internals.bank.get();
  const target = workspaceFile('regularization.tsv');
  const result = await api.internals.exportDeckTo(target, 'regularization');
  // A question whose heading is a cloze note exports as a Cloze note only; every other question as one Basic note.
  const expected = view.questionsOfTopic('regularization').filter((q) => !q.title.includes('{{c'));
  assert(expected.length < view.questionsOfTopic('regularization').length, 'the topic has cloze notes too');
  const text = await read(target);
  const lines = text.split('\n');
  assertEqual(lines.slice(0, 4), ['#separator:tab', '#html:true', '#notetype column:1', '#tags column:4'], 'header lines');
  const records = parseTsv(lines.slice(4).join('\n'));
  assertEqual(records.length, result.notes, 'records');
  const basic = records.filter((r) => r[0] === 'Basic');
  assertEqual(basic.length, expected.length, 'one Basic note per question of the topic (cloze notes apart)');
  for (const [i, record] of basic.entries()) {
    assertEqual(record.length, 4, `record ${i} has note type, front, back, tags`);
    const q = expected[i];
    assert(record[1].startsWith('<div class="tt-question">') && record[1].includes(q.title.split(/[$`<>&"']/)[0].slice(0, 20)), `front of ${q.id} is its question`);
    assert(/<p>|<pre>|<ul>/.test(record[2]), `back of ${q.id} is HTML`);
    assertEqual(record[3].split(' '), ['regularization', ...q.concepts], `tags of ${q.id}`);
  }
  assert(records.every((r) => r[0] === 'Basic' || (r[0] === 'Cloze' && /\{\{c\d+::/.test(r[1]))), 'other notes are Cloze notes with their deletions');
  const all = await api.internals.exportDeckTo(workspaceFile('all.tsv'));
  assert(all.notes >= view.bank.questions.length, 'the whole bank');
});

test('walkthrough: contributed with 5 steps; Get Started, Open Sample File and the checks sample work', async () => {
  const api = await activated();
  await clearStageForScreenshots();
  const pkg = vscode.extensions.getExtension(EXTENSION_ID)!.packageJSON as { contributes: { walkthroughs: { id: string; steps: { id: string; completionEvents: string[] }[] }[] } };
  const [walkthrough] = pkg.contributes.walkthroughs;
  assertEqual(walkthrough.id, 'tensorTutor.gettingStarted', 'walkthrough id');
  assertEqual(walkthrough.steps.map((s) => s.id), ['hover', 'checks', 'quiz', 'topics', 'ownQuestion'], 'steps');
  const labels = () => vscode.window.tabGroups.all.flatMap((g) => g.tabs.map((t) => t.label));
  const before = labels();
  await vscode.commands.executeCommand('tensorTutor.getStarted');
  await screenshot('walkthrough-light', 'Default Light Modern');
  // The walkthrough opens in the Welcome editor. Its tab label is not a reliable witness of which walkthrough
  // it shows (it can lag behind the selection; scripts/screenshots.mjs captures the page itself).
  const label = await waitFor(() => labels().find((l) => !before.includes(l) && /^(Walkthrough|Welcome)/.test(l)), 'the walkthrough editor to open').catch((error: Error) => {
    throw new Error(`${error.message} (tabs before: ${before.join(' | ')}; now: ${labels().join(' | ')})`);
  });
  console.log(`[tt] Get Started opened the tab "${label}"`);
  await vscode.commands.executeCommand('workbench.action.closeActiveEditor');

  const editor = await vscode.commands.executeCommand<vscode.TextEditor>('tensorTutor.openSample');
  const doc = editor.document;
  assertEqual([doc.languageId, doc.uri.scheme], ['python', 'untitled'], 'the sample opens as an untitled Python document');
  await api.internals.bank.glossaryIndex();
  const hovers = await hoverText(doc.uri, positionOf(doc, 'nn.Dropout(', 5));
  assert(hovers.some((h) => /Dropout/.test(h)), `the sample hovers: ${hovers.join(' | ').slice(0, 200)}`);
  await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');

  const checks = await vscode.commands.executeCommand<vscode.TextEditor>('tensorTutor.openChecksSample');
  const found = () => vscode.languages.getDiagnostics(checks.document.uri).filter((d) => d.source === 'Tensor Tutor').map((d) => (typeof d.code === 'object' ? d.code.value : d.code));
  await waitFor(() => found().length === 4, `the checks sample's four diagnostics (got ${found().join(', ')})`, 15_000);
  await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
});

/** Screenshots only: three months of plausible reviews, graded through the real service with a moved clock. */
async function simulateHistory(): Promise<void> {
  const api = await activated();
  const { progress, bank } = api.internals;
  const questions = (await bank.get()).bank.questions;
  const clock = progress.clock as { now: () => Date };
  const realNow = clock.now;
  let seed = 7;
  const random = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
  try {
    for (let daysAgo = 95; daysAgo >= 1; daysAgo--) {
      if (random() < 0.25) continue;
      const reviews = 1 + Math.floor(random() * 14);
      for (let i = 0; i < reviews; i++) {
        const when = new Date(Date.now() - daysAgo * 86_400_000 + i * 60_000);
        clock.now = () => when;
        // Cards with no state yet: a review in the past never overrides a more recent one.
        const q = questions[Math.floor(random() * Math.min(questions.length, 120))];
        if (progress.get(q.id) && Date.parse(progress.get(q.id)!.last_review ?? '') > when.getTime()) continue;
        await progress.grade(q.id, random() < 0.15 ? 'again' : random() < 0.8 ? 'good' : 'easy', 20_000);
      }
    }
  } finally {
    clock.now = realNow;
  }
}

/** Reads Anki's quoted-TSV records (fields with tabs, newlines or quotes are quoted, quotes doubled). */
function parseTsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"' && field === '') quoted = true;
    else if (c === '\t') {
      row.push(field);
      field = '';
    } else if (c === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field || row.length) rows.push([...row, field]);
  return rows;
}
