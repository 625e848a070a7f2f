// The quiz feature: sessions (launcher), the quiz panel and its restore after a reload, the status bar item.
import * as vscode from 'vscode';
import type { App } from '../app';
import { Commands, type CommandTable } from '../shared/commands';
import { QuizLauncher, type ConceptScanner } from './quizLauncher';
import { QuizPanel, QUIZ_VIEW_TYPE, type QuizPanelDeps } from './quizPanel';
import { StatusBar } from './statusBar';

export function registerQuiz(app: App, conceptsIn: ConceptScanner): { commands: CommandTable; disposables: vscode.Disposable[]; launcher: QuizLauncher; serializer: vscode.WebviewPanelSerializer } {
  const deps: QuizPanelDeps = { extensionUri: app.extensionUri, bank: app.bank, progress: app.progress, log: app.log };
  const launcher = new QuizLauncher(app.bank, app.progress, app.settings, deps, conceptsIn);
  const serializer: vscode.WebviewPanelSerializer = {
    async deserializeWebviewPanel(panel, state) {
      await QuizPanel.revive(panel, deps, state);
    },
  };
  return {
    launcher,
    serializer,
    commands: {
      [Commands.startQuiz]: (kind?: unknown) => (kind === 'due' ? launcher.due() : kind === 'mock' ? launcher.mock() : launcher.pick()),
      [Commands.quizConcept]: (id?: unknown) => (typeof id === 'string' ? launcher.concept(id) : launcher.pick()),
      [Commands.quizTopic]: (node?: unknown) => {
        const topicId = typeof node === 'string' ? node : topicOfNode(node);
        return topicId ? launcher.topic(topicId) : launcher.pick();
      },
    },
    disposables: [new StatusBar(app.progress, app.bank, app.settings), vscode.window.registerWebviewPanelSerializer(QUIZ_VIEW_TYPE, serializer), { dispose: () => QuizPanel.active?.dispose() }],
  };
}

/** A tree row passes itself: `{ kind: 'topic', topic: { id } }`. */
function topicOfNode(node: unknown): string | undefined {
  const n = node as { kind?: unknown; topic?: { id?: unknown } } | undefined;
  return n?.kind === 'topic' && typeof n.topic?.id === 'string' ? n.topic.id : undefined;
}
