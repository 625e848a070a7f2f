// Composition root: builds the shared services, lets each feature register itself, registers every command
// through one table (with an error boundary), and returns the public API. Nothing else happens here: the bank
// loads on first use, decks and the study-data replay once the window is idle.
import * as vscode from 'vscode';
import type { App } from './vscode/app';
import { BankService } from './vscode/shared/bankService';
import { registerCommands, type CommandTable } from './vscode/shared/commands';
import { createPublicApi, type TensorTutorApi } from './vscode/shared/publicApi';
import { Settings, SettingKeys } from './vscode/shared/settings';
import { ProgressService } from './vscode/progress/progressService';
import { registerProgress } from './vscode/progress';
import { SearchService } from './vscode/browse/searchService';
import { registerBrowse } from './vscode/browse';
import { registerHover } from './vscode/hover';
import { registerQuiz } from './vscode/quiz';
import { createDecks, registerDecks } from './vscode/decks';
import { registerStats } from './vscode/stats';
import { registerExport } from './vscode/export';
import { registerOnboarding } from './vscode/onboarding';
import { registerChecks } from './vscode/checks';
import { registerOptimizer } from './vscode/optimizer';
import { registerStudy } from './vscode/study';
import { testInternals, type Internals } from './vscode/testInternals';

export interface ActivationResult extends TensorTutorApi {
  /** Only when the extension runs its own integration tests (ExtensionMode.Test). */
  readonly internals?: Internals;
}

export function activate(context: vscode.ExtensionContext): ActivationResult {
  const started = Date.now();
  const log = vscode.window.createOutputChannel('Tensor Tutor', { log: true });
  const settings = new Settings();
  const decks = createDecks({ extensionUri: context.extensionUri, settings, log });
  const bank = new BankService(context.extensionUri, log, decks);
  const progress = new ProgressService(context, settings, log);
  const search = new SearchService(bank, context.extensionUri, log);
  const app: App = { context, extensionUri: context.extensionUri, log, settings, bank, progress, search, idleStartMs: 1500 };

  const hover = registerHover(app);
  const quiz = registerQuiz(app, hover.conceptsIn);
  const browse = registerBrowse(app, (id) => vscode.commands.executeCommand('tensorTutor.lookUpTerm', id));
  const deckFeature = registerDecks(app, decks);
  const progressFeature = registerProgress(app);
  const stats = registerStats(app);
  const features: { commands: CommandTable; disposables?: vscode.Disposable[] }[] = [hover, quiz, browse, deckFeature, progressFeature, stats, registerExport(app), registerOnboarding(app), registerChecks(app), registerStudy(app), registerOptimizer(app)];

  context.subscriptions.push(
    log, bank, progress, search,
    ...features.flatMap((f) => f.disposables ?? []),
    ...registerCommands(Object.assign({}, ...features.map((f) => f.commands)) as CommandTable, log),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (Settings.affects(event, SettingKeys.desiredRetention)) progress.onSettingsChanged();
    }),
  );
  const activationMs = Date.now() - started;
  log.info(`Activated in ${activationMs} ms`);
  const api = createPublicApi(bank, search);
  if (context.extensionMode !== vscode.ExtensionMode.Test) return api;
  return { ...api, internals: testInternals({ app, decks: decks.source, deckProblems: deckFeature.problems, compilerMode: decks.compiler.mode, quiz, browse, exchange: progressFeature.exchange, activationMs }) };
}

export function deactivate(): void {}
