// Every command id in one place; package.json contributes the same set (a test checks both ways).
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
} as const;

/** Commands a hover may run through its command links (the `enabledCommands` allow-list). */
export const HOVER_COMMANDS = [Commands.openQuestion, Commands.quizConcept, Commands.showInTopicBrowser] as const;

export function commandLink(command: string, args: unknown[]): string {
  return `command:${command}?${encodeURIComponent(JSON.stringify(args))}`;
}
