// What the integration tests reach inside the extension, and the explicit routes they use where users go
// through dialogs (export and import targets, a confirmed reset). Handed out only in ExtensionMode.Test.
import type * as vscode from 'vscode';
import type { App } from './app';
import type { BankService } from './shared/bankService';
import type { ProgressService } from './progress/progressService';
import type { ProgressCommands } from './progress/progressCommands';
import type { SearchService } from './browse/searchService';
import type { TopicTreeProvider, TopicNode } from './browse/topicTree';
import { ReaderPanel } from './browse/readerPanel';
import { QuizPanel } from './quiz/quizPanel';
import type { QuizLauncher } from './quiz/quizLauncher';
import { StatsPanel } from './stats/statsPanel';
import type { DeckService } from './decks/deckService';
import type { DeckProblems } from './decks/deckProblems';
import { exportDeckTo } from './export/ankiExport';

export interface Internals {
  bank: BankService;
  progress: ProgressService;
  search: SearchService;
  decks: DeckService;
  deckProblems: DeckProblems;
  compilerMode(): string;
  tree: TopicTreeProvider;
  treeView: vscode.TreeView<TopicNode>;
  launcher: QuizLauncher;
  exchange: ProgressCommands;
  exportDeckTo(uri: vscode.Uri, topic?: string): Promise<{ uri: vscode.Uri; notes: number }>;
  activationMs: number;
  quizPanel(): QuizPanel | undefined;
  readerPanel(): ReaderPanel | undefined;
  statsPanel(): StatsPanel | undefined;
  serializer: vscode.WebviewPanelSerializer;
  /** Where study data lives, to seed damaged data in the recovery tests. */
  globalState: vscode.Memento;
  storageUri: vscode.Uri;
}

export function testInternals(parts: {
  app: App;
  decks: DeckService;
  deckProblems: DeckProblems;
  compilerMode: () => string;
  quiz: { launcher: QuizLauncher; serializer: vscode.WebviewPanelSerializer };
  browse: { tree: TopicTreeProvider; treeView: vscode.TreeView<TopicNode> };
  exchange: ProgressCommands;
  activationMs: number;
}): Internals {
  const { app } = parts;
  return {
    bank: app.bank,
    progress: app.progress,
    search: app.search,
    decks: parts.decks,
    deckProblems: parts.deckProblems,
    compilerMode: parts.compilerMode,
    tree: parts.browse.tree,
    treeView: parts.browse.treeView,
    launcher: parts.quiz.launcher,
    exchange: parts.exchange,
    exportDeckTo: (uri, topic) => exportDeckTo(app.bank, app.log, uri, topic),
    activationMs: parts.activationMs,
    quizPanel: () => QuizPanel.active,
    readerPanel: () => ReaderPanel.active,
    statsPanel: () => StatsPanel.active,
    serializer: parts.quiz.serializer,
    globalState: app.context.globalState,
    storageUri: app.context.globalStorageUri,
  };
}
