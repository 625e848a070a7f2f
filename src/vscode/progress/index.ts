// The progress feature: study data (ProgressService), its export/import/reset commands, and the background
// replay and recovery that start once the window is idle.
import * as vscode from 'vscode';
import { Commands, type CommandTable } from '../shared/commands';
import type { App } from '../app';
import { ProgressCommands } from './progressCommands';

export function registerProgress(app: App): { commands: CommandTable; disposables: vscode.Disposable[]; exchange: ProgressCommands } {
  const exchange = new ProgressCommands(app.progress, app.context.globalStorageUri, app.log, async () => {
    const view = await app.bank.withDecks();
    return (id) => view.cards.byId.has(id) || id.startsWith('deck:');
  });
  const idle = setTimeout(() => void app.progress.replay().then(() => app.progress.recover()), app.idleStartMs);
  return {
    exchange,
    commands: {
      [Commands.exportProgress]: () => exchange.export(),
      [Commands.importProgress]: () => exchange.import(),
      [Commands.resetProgress]: () => exchange.reset(),
    },
    disposables: [{ dispose: () => clearTimeout(idle) }],
  };
}
