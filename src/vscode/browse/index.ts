// The browse feature: the topic tree, the question reader, search, and the commands that lead into them.
import * as vscode from 'vscode';
import type { App } from '../app';
import { Commands, type CommandTable } from '../shared/commands';
import { DIFFICULTIES } from '../../core/bank/types';
import { ReaderPanel } from './readerPanel';
import { TopicTreeProvider, type TopicNode } from './topicTree';

export function registerBrowse(app: App, lookUpConcept: (id: string) => Thenable<unknown>): { commands: CommandTable; disposables: vscode.Disposable[]; tree: TopicTreeProvider; treeView: vscode.TreeView<TopicNode> } {
  const tree = new TopicTreeProvider(app.bank, app.progress);
  const treeView = vscode.window.createTreeView('tensorTutor.topics', { treeDataProvider: tree, showCollapseAll: true });
  const readerDeps = { extensionUri: app.extensionUri, bank: app.bank, progress: app.progress, log: app.log };
  const t = vscode.l10n.t;
  return {
    tree,
    treeView,
    disposables: [tree, treeView, { dispose: () => ReaderPanel.active?.dispose() }],
    commands: {
      [Commands.openQuestion]: (id?: unknown) => (typeof id === 'string' ? ReaderPanel.show(readerDeps, id) : undefined),
      [Commands.showInTopicBrowser]: async (id?: unknown) => {
        if (typeof id !== 'string') return vscode.commands.executeCommand('tensorTutor.topics.focus');
        const view = await app.bank.get();
        const glossary = await app.bank.glossaryIndex();
        // Hovers pass a concept id; the tree and the reader pass question ids.
        const question = view.questionsById.get(glossary.byId.get(id)?.questionIds[0] ?? '') ?? view.questionsById.get(id);
        if (!question) return vscode.commands.executeCommand('tensorTutor.topics.focus');
        await treeView.reveal({ kind: 'question', question }, { select: true, focus: true, expand: true });
        return question.id;
      },
      [Commands.search]: (query?: unknown) =>
        app.search.showQuickPick((hit) => (hit.kind === 'concept' ? lookUpConcept(hit.id.replace(/^concept:/, '')) : ReaderPanel.show(readerDeps, hit.id)), typeof query === 'string' ? query : ''),
      [Commands.filterTopics]: async () => {
        const items = [
          { label: t('Show all'), filter: {} },
          ...DIFFICULTIES.map((difficulty) => ({ label: `$(dashboard) ${t(difficulty)}`, description: t('difficulty'), filter: { difficulty } })),
          ...(['new', 'learning', 'due', 'review', 'mastered'] as const).map((status) => ({ label: `$(circle-filled) ${t(status)}`, description: t('state'), filter: { status } })),
        ];
        const picked = await vscode.window.showQuickPick(items, { title: t('Filter topics') });
        if (!picked) return;
        tree.filter = picked.filter;
        treeView.description = Object.keys(picked.filter).length ? picked.label.replace(/\$\([^)]*\)\s*/, '') : undefined;
        tree.refresh();
      },
    },
  };
}
