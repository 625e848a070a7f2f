// Tensor Tutor: Optimize Scheduling — fits FSRS-6 parameters to this machine's review log in a worker, with a
// cancellable progress notification; refuses below the minimum history and says what it is; shows log loss and
// RMSE before and after on the learner's own reviews and offers to apply the new parameters (the old ones are
// kept: Undo, now or later with Tensor Tutor: Undo Scheduling Optimization).
import * as vscode from 'vscode';
import { checkHistory, MIN_TRAINING_REVIEWS, type FitResult } from '../../core/study/optimizer';
import type { ParameterRecord, ParameterSet } from '../../core/study/parameters';
import { reviewHistories } from '../../core/study/trainingSet';
import type { ProgressService } from '../progress/progressService';
import type { ParameterStore } from './parameterStore';
import { runOptimizer } from './optimizerRun';

export type OptimizeOutcome =
  | { status: 'refused' | 'unsupported' | 'failed'; message: string }
  | { status: 'cancelled' }
  | { status: 'applied' | 'kept'; message: string; detail: string; result: FitResult };

/** The answer to "apply?" when a test gives it (ExtensionMode.Test only): no modal dialog is shown. */
export type Choice = 'apply' | 'keep';

export interface StudyDeps {
  extensionUri: vscode.Uri;
  progress: ProgressService;
  store: ParameterStore;
  log: vscode.LogOutputChannel;
}

const t = vscode.l10n.t;
const fmt = (n: number, digits: number) => n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const pct = (n: number) => `${fmt(n * 100, 1)}%`;
const count = (n: number) => n.toLocaleString('en-US');

export async function optimizeScheduling(deps: StudyDeps, choice?: Choice): Promise<OptimizeOutcome> {
  await deps.progress.engine.idle();
  const histories = reviewHistories(await deps.progress.logs.readAll());
  const check = checkHistory(histories);
  if (!check.ok) {
    const message = t(
      'Optimize Scheduling needs at least {0} reviews made a day or more after the card\u2019s previous review. Your log has {1} such reviews (of {2} in all). Keep studying and try again later.',
      count(MIN_TRAINING_REVIEWS), count(check.summary.trainingReviews), count(check.summary.reviews),
    );
    void vscode.window.showInformationMessage(message);
    return { status: 'refused', message };
  }
  const current = deps.progress.weights;
  const outcome = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: t('Tensor Tutor: optimizing scheduling on {0} reviews', count(check.summary.trainingReviews)), cancellable: true },
    async (progress, token) => {
      progress.report({ message: t('loading the optimizer\u2026') });
      let reported = 0;
      return runOptimizer(deps.extensionUri, { histories, current }, (p) => {
        const increment = Math.max(0, p.fraction - reported) * 100;
        reported = Math.max(reported, p.fraction);
        progress.report({ increment, message: p.label ? t('fitting: {0}', p.label) : t('fitting\u2026') });
      }, token);
    },
  );
  if (outcome.type === 'cancelled') {
    deps.log.info('Optimize Scheduling: cancelled.');
    return { status: 'cancelled' };
  }
  if (outcome.type === 'error') {
    deps.log.error(`Optimize Scheduling: the optimizer failed (${outcome.stage}): ${outcome.message}`);
    if (outcome.stage === 'load') {
      const message = t('Optimize Scheduling cannot run here: its optimizer (WebAssembly in a worker, with shared memory) could not start in this environment ({0}). It runs in VS Code desktop and in Chromium-based browsers.', outcome.message);
      void vscode.window.showWarningMessage(message);
      return { status: 'unsupported', message };
    }
    const message = t('Optimize Scheduling failed: {0}. Your scheduling parameters are unchanged.', outcome.message);
    void vscode.window.showErrorMessage(message);
    return { status: 'failed', message };
  }
  const { result } = outcome;
  deps.log.info(`Optimize Scheduling: ${outcome.optimizer}; loaded in ${outcome.loadMs.toFixed(0)} ms, fitted ${result.summary.trainingReviews} reviews (${result.summary.reviews} in ${result.summary.cards} histories) in ${result.fitMs.toFixed(0)} ms, module memory ${(outcome.memoryBytes / 2 ** 20).toFixed(1)} MiB; log loss ${result.before.logLoss.toFixed(4)} → ${result.after.logLoss.toFixed(4)}, RMSE ${result.before.rmse.toFixed(4)} → ${result.after.rmse.toFixed(4)}; parameters ${result.weights.join(', ')}`);
  const { message, detail, better } = describe(result, deps.store.read(), outcome.optimizer);
  if (!better) {
    if (!choice) void vscode.window.showInformationMessage(message, { modal: true, detail });
    return { status: 'kept', message, detail, result };
  }
  const apply = t('Apply New Parameters');
  const answer = choice ?? ((await vscode.window.showInformationMessage(message, { modal: true, detail }, apply)) === apply ? 'apply' : 'keep');
  if (answer !== 'apply') return { status: 'kept', message, detail, result };
  const set: ParameterSet = { weights: result.weights, fittedAt: new Date().toISOString(), reviews: result.summary.trainingReviews, logLoss: result.after.logLoss, rmse: result.after.rmse };
  await deps.store.apply(set);
  deps.log.info('Optimize Scheduling: the new parameters are in use; the previous ones are kept for undo.');
  const undo = t('Undo');
  void vscode.window.showInformationMessage(t('Tensor Tutor now schedules your reviews with your own parameters.'), undo).then((a) => (a === undo ? undoOptimization(deps) : undefined));
  return { status: 'applied', message, detail, result };
}

/** Tensor Tutor: Undo Scheduling Optimization — back to the parameters before the last change. */
export async function undoOptimization(deps: StudyDeps): Promise<ParameterRecord | undefined> {
  const next = await deps.store.undo();
  if (!next) {
    void vscode.window.showInformationMessage(t('Nothing to undo: Optimize Scheduling has not changed your scheduling parameters on this profile.'));
    return undefined;
  }
  deps.log.info(`Optimize Scheduling: undone; scheduling with ${next.active ? `the parameters fitted ${next.active.fittedAt}` : 'the default parameters'}.`);
  void vscode.window.showInformationMessage(next.active
    ? t('Tensor Tutor schedules with your parameters fitted on {0} again.', new Date(next.active.fittedAt).toLocaleDateString())
    : t('Tensor Tutor schedules with the default FSRS-6 parameters again.'));
  return next;
}

function describe(result: FitResult, record: ParameterRecord, optimizer: string): { message: string; detail: string; better: boolean } {
  const { before, after, summary } = result;
  const better = after.logLoss < before.logLoss;
  const change = (after.logLoss - before.logLoss) / before.logLoss;
  const figures = t('Log loss {0} \u2192 {1} ({2}), RMSE {3} \u2192 {4}.', fmt(before.logLoss, 4), fmt(after.logLoss, 4), `${change < 0 ? '\u2212' : '+'}${pct(Math.abs(change))}`, pct(before.rmse), pct(after.rmse));
  const message = better
    ? t('Parameters fitted to your reviews predict your recall better. {0}', figures)
    : t('Your current parameters already predict your recall as well as newly fitted ones. {0} Nothing changes.', figures);
  const now = record.active ? t('your parameters fitted on {0}', new Date(record.active.fittedAt).toLocaleDateString()) : t('the default FSRS-6 parameters');
  const detail = [
    t('Measured on the {0} reviews made a day or more after the card\u2019s previous review ({1} cards), comparing {2} (before) with the fitted ones (after). Lower is better for both.', count(summary.trainingReviews), count(summary.cards), now),
    t('Fitted in {0} s by {1}.', fmt(result.fitMs / 1000, 1), optimizer),
    better ? t('If you apply them, the current parameters are kept: Tensor Tutor: Undo Scheduling Optimization brings them back.') : '',
  ].filter(Boolean).join('\n\n');
  return { message, detail, better };
}
