// The optimizer feature: Optimize Scheduling (FSRS-6 parameters fitted to the learner's own review log, in a worker)
// and its undo. The parameters live in globalState, synced; a change that arrives through Settings Sync is picked
// up when the window gets focus. The commands' code loads on first use (onDemand), the optimizer itself (worker
// script and WebAssembly) only when a fit starts.
import * as vscode from 'vscode';
import { Commands, type CommandTable } from '../shared/commands';
import type { App } from '../app';
import { onDemand } from '../shared/onDemand';
import type { Choice, OptimizeOutcome, StudyDeps } from './optimizeCommand';
import { ParameterStore } from './parameterStore';

export type { OptimizeOutcome } from './optimizeCommand';

export function registerOptimizer(app: Pick<App, 'context' | 'extensionUri' | 'progress' | 'log'>): { commands: CommandTable; disposables: vscode.Disposable[] } {
  const store = new ParameterStore(app.context.globalState, app.progress);
  const deps: StudyDeps = { extensionUri: app.extensionUri, progress: app.progress, store, log: app.log };
  // Tests answer "apply?" through the command's argument instead of the modal dialog (never outside tests).
  const testChoice = (arg: unknown): Choice | undefined => {
    const choice = (arg as { choice?: unknown } | undefined)?.choice;
    return app.context.extensionMode === vscode.ExtensionMode.Test && (choice === 'apply' || choice === 'keep') ? choice : undefined;
  };
  // One fit at a time: a second call while one runs says so and waits for the same outcome.
  let running: Promise<OptimizeOutcome> | undefined;
  const optimize = async (arg: unknown): Promise<OptimizeOutcome> => {
    if (running) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Optimize Scheduling is already running.'));
      return running;
    }
    running = onDemand().then((m) => m.optimizeScheduling(deps, testChoice(arg)));
    try {
      return await running;
    } finally {
      running = undefined;
    }
  };
  return {
    commands: {
      [Commands.optimizeScheduling]: optimize,
      [Commands.undoOptimizeScheduling]: async () => (await onDemand()).undoOptimization(deps),
    },
    disposables: [
      vscode.window.onDidChangeWindowState((state) => {
        if (state.focused && store.sync()) app.log.info('Optimize Scheduling: scheduling parameters changed through Settings Sync; now in use.');
      }),
    ],
  };
}
