// The statistics feature: the view, its command, and its restore after a window reload.
import * as vscode from 'vscode';
import type { App } from '../app';
import { Commands, type CommandTable } from '../shared/commands';
import { StatsPanel, STATS_VIEW_TYPE } from './statsPanel';

export function registerStats(app: App): { commands: CommandTable; disposables: vscode.Disposable[] } {
  const deps = { extensionUri: app.extensionUri, bank: app.bank, progress: app.progress, settings: app.settings, log: app.log };
  return {
    commands: { [Commands.showStatistics]: () => StatsPanel.show(deps) },
    disposables: [
      vscode.window.registerWebviewPanelSerializer(STATS_VIEW_TYPE, { deserializeWebviewPanel: async (panel) => void (await StatsPanel.revive(panel, deps)) }),
      { dispose: () => StatsPanel.active?.dispose() },
    ],
  };
}
