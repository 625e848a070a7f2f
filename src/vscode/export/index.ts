// The export feature: the bank (or a topic) as an Anki deck.
import type { App } from '../app';
import { Commands, type CommandTable } from '../shared/commands';
import { exportDeck } from './ankiExport';

export function registerExport(app: App): { commands: CommandTable } {
  return { commands: { [Commands.exportDeck]: () => exportDeck(app.bank, app.log) } };
}
