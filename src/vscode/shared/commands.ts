// Every command id in one place (package.json contributes the same set; a test checks both ways), and the one
// way commands are registered: through a table whose handlers run behind an error boundary (logged, shown to
// the user once, never an unhandled rejection).
import * as vscode from 'vscode';

export const Commands = {
  startQuiz: 'tensorTutor.startQuiz',
  quizConcept: 'tensorTutor.quizConcept',
  quizTopic: 'tensorTutor.quizTopic',
  openQuestion: 'tensorTutor.openQuestion',
  showInTopicBrowser: 'tensorTutor.showInTopicBrowser',
  lookUpTerm: 'tensorTutor.lookUpTerm',
  search: 'tensorTutor.search',
  resetProgress: 'tensorTutor.resetProgress',
  filterTopics: 'tensorTutor.filterTopics',
  newQuestion: 'tensorTutor.newQuestion',
  exportProgress: 'tensorTutor.exportProgress',
  importProgress: 'tensorTutor.importProgress',
  showStatistics: 'tensorTutor.showStatistics',
  exportDeck: 'tensorTutor.exportDeck',
  openSample: 'tensorTutor.openSample',
  getStarted: 'tensorTutor.getStarted',
  disableCheck: 'tensorTutor.disableCheck',
  openChecksSample: 'tensorTutor.openChecksSample',
  setInterviewDate: 'tensorTutor.setInterviewDate',
  optimizeScheduling: 'tensorTutor.optimizeScheduling',
  undoOptimizeScheduling: 'tensorTutor.undoOptimizeScheduling',
} as const;

export type CommandId = (typeof Commands)[keyof typeof Commands];

/** Commands a hover may run through its command links (the `enabledCommands` allow-list). */
export const HOVER_COMMANDS = [Commands.openQuestion, Commands.quizConcept, Commands.showInTopicBrowser] as const;

export function commandLink(command: string, args: unknown[]): string {
  return `command:${command}?${encodeURIComponent(JSON.stringify(args))}`;
}

/** Handlers get their arguments as `unknown`: they come from menus, links and other extensions, and are checked. */
export type CommandTable = Partial<Record<CommandId, (...args: unknown[]) => unknown>>;

export function registerCommands(table: CommandTable, log: vscode.LogOutputChannel): vscode.Disposable[] {
  return Object.entries(table).map(([id, handler]) =>
    vscode.commands.registerCommand(id, async (...args: unknown[]) => {
      try {
        return await handler!(...args);
      } catch (error) {
        log.error(`${id}: ${(error as Error)?.stack ?? String(error)}`);
        void vscode.window.showErrorMessage(vscode.l10n.t('Tensor Tutor: {0} failed: {1}', id.replace('tensorTutor.', ''), (error as Error)?.message ?? String(error)));
        return undefined;
      }
    }));
}
