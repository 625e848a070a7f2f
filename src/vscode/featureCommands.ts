// Commands of the study tools: progress export/import/reset, statistics, Anki export, Get Started.
// Each accepts optional arguments (a target URI, a topic id) so automation and tests need no dialogs.
import * as vscode from 'vscode';
import { Commands } from './commandIds';
import { ProgressCommands } from './progressCommands';
import { StatsPanel, type StatsPanelDeps } from './statsPanel';
import { exportDeck } from './ankiExport';
import { openSample, openWalkthrough } from './walkthrough';

export function registerFeatureCommands(context: vscode.ExtensionContext, deps: StatsPanelDeps): vscode.Disposable[] {
  const progress = new ProgressCommands(deps.progress, context.globalStorageUri, deps.log);
  const uriArg = (value: unknown) => (value instanceof vscode.Uri ? value : undefined);
  return [
    vscode.commands.registerCommand(Commands.exportProgress, (target?: unknown) => progress.export(uriArg(target))),
    vscode.commands.registerCommand(Commands.importProgress, (source?: unknown) => progress.import(uriArg(source))),
    vscode.commands.registerCommand(Commands.resetProgress, (options?: unknown) => progress.reset(options)),
    vscode.commands.registerCommand(Commands.showStatistics, () => StatsPanel.show(deps)),
    vscode.commands.registerCommand(Commands.exportDeck, (target?: unknown, topic?: unknown) => exportDeck(deps.bank, deps.log, target, topic)),
    vscode.commands.registerCommand(Commands.openSample, () => openSample(context.extensionUri)),
    vscode.commands.registerCommand(Commands.getStarted, () => openWalkthrough()),
  ];
}
