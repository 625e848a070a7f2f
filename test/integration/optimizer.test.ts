// Optimize Scheduling in real VS Code (both extension hosts): it refuses below the minimum history and says what
// the minimum is; on the recorded review log (test/fixtures/review-log) it fits in the optimizer worker and
// reports log loss and RMSE before and after; applying makes the scheduler use the new parameters, undo brings
// the previous ones back; cancelling terminates the worker.
import * as vscode from 'vscode';
import { assert, assertEqual, test } from './framework';
import { activated, EXTENSION_ID } from './helpers';
import type { OptimizeOutcome } from '../../src/vscode/optimizer';
import { runOptimizer } from '../../src/vscode/optimizer/optimizerRun';
import { PARAMETERS_KEY, readParameterRecord } from '../../src/core/study/parameters';
import { reviewHistories } from '../../src/core/study/trainingSet';
import { LOG_FILE, parseLog } from '../../src/core/progress/log';

const FIXTURE = ['test', 'fixtures', 'review-log'];

/** Runs `body` with the storage folder's review log replaced by the recorded fixture (restored afterwards). */
async function withFixtureLog(body: () => Promise<void>): Promise<void> {
  const { storageUri } = (await activated()).internals;
  const extensionUri = vscode.extensions.getExtension(EXTENSION_ID)!.extensionUri;
  const aside = vscode.Uri.joinPath(storageUri, 'study-test-aside');
  await vscode.workspace.fs.createDirectory(aside);
  const own = (await vscode.workspace.fs.readDirectory(storageUri)).filter(([n, t]) => t === vscode.FileType.File && LOG_FILE.test(n)).map(([n]) => n);
  for (const name of own) await vscode.workspace.fs.rename(vscode.Uri.joinPath(storageUri, name), vscode.Uri.joinPath(aside, name));
  const fixture = (await vscode.workspace.fs.readDirectory(vscode.Uri.joinPath(extensionUri, ...FIXTURE))).map(([n]) => n).filter((n) => LOG_FILE.test(n));
  try {
    for (const name of fixture) await vscode.workspace.fs.copy(vscode.Uri.joinPath(extensionUri, ...FIXTURE, name), vscode.Uri.joinPath(storageUri, name), { overwrite: true });
    await body();
  } finally {
    for (const name of fixture) await vscode.workspace.fs.delete(vscode.Uri.joinPath(storageUri, name));
    for (const name of own) await vscode.workspace.fs.rename(vscode.Uri.joinPath(aside, name), vscode.Uri.joinPath(storageUri, name), { overwrite: true });
    await vscode.workspace.fs.delete(aside, { recursive: true });
  }
}

test('study: Optimize Scheduling refuses a short history and states the minimum', async () => {
  const { internals } = await activated();
  const before = internals.progress.weights;
  const outcome = await vscode.commands.executeCommand<OptimizeOutcome>('tensorTutor.optimizeScheduling');
  assertEqual(outcome?.status, 'refused', 'the test profile has a few reviews only');
  assert(outcome.status === 'refused' && /at least 400 reviews made a day or more after/.test(outcome.message), `the message states the minimum: ${outcome.status === 'refused' ? outcome.message : ''}`);
  assertEqual(internals.progress.weights, before, 'nothing changed');
});

test('study: Optimize Scheduling on the recorded review log shows log loss and RMSE before and after; apply, then undo', async () => {
  const { internals } = await activated();
  const { progress, globalState } = internals;
  await globalState.update(PARAMETERS_KEY, undefined);
  progress.useWeights(undefined);
  await withFixtureLog(async () => {
    const started = Date.now();
    const outcome = await vscode.commands.executeCommand<OptimizeOutcome>('tensorTutor.optimizeScheduling', { choice: 'apply' });
    const ms = Date.now() - started;
    assert(outcome?.status === 'applied', `applied: ${JSON.stringify(outcome).slice(0, 300)}`);
    const { result, message, detail } = outcome;
    console.log(`[tt] TT-METRIC optimizeFixtureMs=${ms} fitMs=${result.fitMs.toFixed(0)}`);
    console.log(`[tt] study: ${message} | ${detail.replace(/\n+/g, ' | ')}`);
    assertEqual([result.summary.cards, result.summary.reviews, result.summary.trainingReviews], [348, 2137, 1579], 'the fixture’s histories');
    assertEqual(result.before.logLoss.toFixed(4), '0.5052', 'log loss of the default parameters on the fixture');
    assert(result.after.logLoss < result.before.logLoss - 0.01 && result.after.rmse < result.before.rmse, `the fit is better: ${JSON.stringify([result.before, result.after])}`);
    assert(message.includes(`Log loss 0.5052 \u2192 ${result.after.logLoss.toFixed(4)}`) && message.includes('RMSE 9.3% \u2192'), `the figures are shown: ${message}`);
    assert(detail.includes('1,579 reviews') && detail.includes('the default FSRS-6 parameters'), `what was measured is said: ${detail}`);

    assertEqual(progress.weights, result.weights, 'the scheduler uses the new parameters');
    const record = readParameterRecord(globalState.get(PARAMETERS_KEY));
    assertEqual([record.active?.weights, record.previous], [result.weights, null], 'stored, with the defaults kept for undo');
    const card = progress.engine.entries()[0]?.[0];
    if (card) assert(progress.intervals(card).good, 'the quiz still previews intervals with them');

    const undone = await vscode.commands.executeCommand<ReturnType<typeof readParameterRecord>>('tensorTutor.undoOptimizeScheduling');
    assertEqual(undone?.active, null, 'undo restores the defaults');
    assertEqual(progress.weights, undefined, 'the scheduler uses the defaults again');
    assertEqual(readParameterRecord(globalState.get(PARAMETERS_KEY)).previous?.weights, result.weights, 'and keeps the fitted ones (undo of the undo)');
  });
  await globalState.update(PARAMETERS_KEY, undefined);
  progress.useWeights(undefined);
});

test('study: cancelling the run terminates the optimizer worker', async () => {
  const extensionUri = vscode.extensions.getExtension(EXTENSION_ID)!.extensionUri;
  const dir = vscode.Uri.joinPath(extensionUri, ...FIXTURE);
  const names = (await vscode.workspace.fs.readDirectory(dir)).map(([n]) => n).filter((n) => LOG_FILE.test(n));
  const events = (await Promise.all(names.map(async (n) => parseLog(new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(dir, n))), n).events))).flat();
  const source = new vscode.CancellationTokenSource();
  const started = Date.now();
  let cancelledAt = 0;
  const outcome = await runOptimizer(extensionUri, { histories: reviewHistories(events), current: undefined }, () => {
    if (!cancelledAt) {
      cancelledAt = Date.now();
      source.cancel(); // after the first epoch
    }
  }, source.token);
  assertEqual(outcome.type, 'cancelled', 'the run ends as cancelled');
  assert(cancelledAt > 0 && Date.now() - cancelledAt < 1000, `it ends right away (${Date.now() - cancelledAt} ms after cancelling, ${cancelledAt - started} ms in)`);
});
