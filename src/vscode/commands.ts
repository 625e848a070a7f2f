// Registers every command; each handler is a thin call into a feature object.
import * as vscode from 'vscode';
import type { BankService } from './bankService';
import type { ProgressService } from './progressService';
import type { SearchService } from './searchService';
import type { DocumentContexts } from './documentContext';
import type { QuizLauncher } from './quizLauncher';
import type { TopicNode, TopicTreeProvider } from './topicTree';
import { ReaderPanel, type ReaderDeps } from './readerPanel';
import { lookUpTerm } from './lookupCommand';
import { newQuestion } from './newQuestion';
import { Commands } from './commandIds';
import { DIFFICULTIES } from '../core/bank/types';

export interface CommandDeps {
  context: vscode.ExtensionContext;
  bank: BankService;
  progress: ProgressService;
  search: SearchService;
  contexts: DocumentContexts;
  launcher: QuizLauncher;
  tree: TopicTreeProvider;
  treeView: vscode.TreeView<TopicNode>;
  log: vscode.LogOutputChannel;
}

export function registerCommands(d: CommandDeps): vscode.Disposable[] {
  const readerDeps: ReaderDeps = {
    extensionUri: d.context.extensionUri,
    bank: d.bank,
    progress: d.progress,
    log: d.log,
    quizConcept: (id) => d.launcher.concept(id),
  };
  // Command arguments come from menus, links and other extensions: typed unknown and checked per command.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- registerCommand's own signature
  const register = (id: string, handler: (...args: any[]) => unknown) => vscode.commands.registerCommand(id, handler);
  return [
    register(Commands.startQuiz, (kind?: unknown) => (kind === 'due' ? d.launcher.due() : kind === 'mock' ? d.launcher.mock() : d.launcher.pick())),
    register(Commands.quizConcept, (id: unknown) => (typeof id === 'string' ? d.launcher.concept(id) : d.launcher.pick())),
    register(Commands.quizTopic, (node: unknown) => {
      const topicId = typeof node === 'string' ? node : (node as TopicNode | undefined)?.kind === 'topic' ? (node as Extract<TopicNode, { kind: 'topic' }>).topic.id : undefined;
      return topicId ? d.launcher.topic(topicId) : d.launcher.pick();
    }),
    register(Commands.openQuestion, (id: unknown) => (typeof id === 'string' ? ReaderPanel.show(readerDeps, id) : undefined)),
    register(Commands.showInTopicBrowser, async (id: unknown) => {
      if (typeof id !== 'string') return vscode.commands.executeCommand('tensorTutor.topics.focus');
      const view = await d.bank.get();
      const glossary = await d.bank.glossaryIndex();
      // Hovers pass a concept id; the tree and the reader pass question ids.
      const question = view.questionsById.get(glossary.byId.get(id)?.questionIds[0] ?? '') ?? view.questionsById.get(id);
      if (!question) return vscode.commands.executeCommand('tensorTutor.topics.focus');
      await d.treeView.reveal({ kind: 'question', question }, { select: true, focus: true, expand: true });
      return question.id;
    }),
    register(Commands.lookUpTerm, (term?: unknown) => lookUpTerm(d.bank, d.contexts, typeof term === 'string' ? term : undefined)),
    register(Commands.search, (query?: unknown) =>
      d.search.showQuickPick((hit) =>
        hit.kind === 'concept' ? lookUpTerm(d.bank, d.contexts, hit.id.replace(/^concept:/, '')) : ReaderPanel.show(readerDeps, hit.id),
      typeof query === 'string' ? query : ''),
    ),
    register(Commands.filterTopics, async () => {
      const t = vscode.l10n.t;
      const items = [
        { label: t('Show all'), filter: {} },
        ...DIFFICULTIES.map((difficulty) => ({ label: `$(dashboard) ${t(difficulty)}`, description: t('difficulty'), filter: { difficulty } })),
        ...(['new', 'learning', 'due', 'review', 'mastered'] as const).map((status) => ({ label: `$(circle-filled) ${t(status)}`, description: t('state'), filter: { status } })),
      ];
      const picked = await vscode.window.showQuickPick(items, { title: t('Filter topics') });
      if (!picked) return;
      d.tree.filter = picked.filter;
      d.treeView.description = picked.filter && Object.keys(picked.filter).length ? picked.label.replace(/\$\([^)]*\)\s*/, '') : undefined;
      d.tree.refresh();
    }),
    register(Commands.newQuestion, (title?: unknown, topic?: unknown) => newQuestion(d.bank, { title, topic })),
  ];
}
