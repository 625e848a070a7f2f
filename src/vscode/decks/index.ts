// The decks feature: the user decks (a source the bank reads), their problems in the Problems panel, and New
// Question. `createDecks` runs before the bank exists (the bank is built on it); `registerDecks` after.
import * as vscode from 'vscode';
import type { App } from '../app';
import { Commands, type CommandTable } from '../shared/commands';
import type { Settings } from '../shared/settings';
import type { DeckCompiler } from '../shared/bankService';
import { DeckService } from './deckService';
import { DeckProblems } from './deckProblems';
import { newQuestion } from './newQuestion';
import { createDeckCompiler } from './deckCompiler';

export type DeckCompilerHandle = DeckCompiler & vscode.Disposable & { mode(): string };

export function createDecks(app: { extensionUri: vscode.Uri; settings: Settings; log: vscode.LogOutputChannel }): { source: DeckService; compiler: DeckCompilerHandle } {
  return { source: new DeckService(app.settings, app.log), compiler: createDeckCompiler(app.extensionUri, app.log) };
}

export function registerDecks(app: App, decks: { source: DeckService; compiler: DeckCompilerHandle }): { commands: CommandTable; disposables: vscode.Disposable[]; problems: DeckProblems } {
  const problems = new DeckProblems(app.log);
  const idle = setTimeout(() => void app.bank.ensureDecks(), app.idleStartMs);
  return {
    problems,
    commands: { [Commands.newQuestion]: (title?: unknown, topic?: unknown) => newQuestion(app.bank, { title, topic }) },
    disposables: [
      decks.source,
      decks.compiler,
      problems,
      app.bank.onDidMergeDecks((merge) => {
        problems.publish(merge.diagnostics);
        if (merge.decks) app.log.info(`Decks: ${merge.questions} questions merged, ${merge.diagnostics.length} problem(s) (${merge.ms} ms)`);
      }),
      { dispose: () => clearTimeout(idle) },
    ],
  };
}
