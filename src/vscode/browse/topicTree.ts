// The sidebar topic browser: "Up next", then topics → questions, with progress from ProgressService.
import * as vscode from 'vscode';
import type { Difficulty, Question, Topic } from '../../core/bank/types';
import type { CardStatus } from '../../core/quiz/scheduler';
import { clozeToPlain } from '../../core/bank/cloze';
import { plainMath } from '../../core/text/plainMath';
import { questionStatus } from '../../core/quiz/cards';
import { escapeMarkdown } from '../../core/text/escape';
import type { BankService } from '../shared/bankService';
import type { ProgressService } from '../progress/progressService';
import { Commands } from '../shared/commands';

export type TopicNode =
  | { kind: 'upNext'; question: Question; status: CardStatus }
  | { kind: 'topic'; topic: Topic }
  | { kind: 'question'; question: Question };

export interface TreeFilter {
  difficulty?: Difficulty;
  status?: CardStatus;
}

const STATUS_ICON: Record<CardStatus, [string, string]> = {
  new: ['circle-outline', 'descriptionForeground'],
  learning: ['star-half', 'charts.yellow'],
  due: ['bell-dot', 'charts.orange'],
  review: ['pass', 'charts.blue'],
  mastered: ['pass-filled', 'charts.green'],
};

export class TopicTreeProvider implements vscode.TreeDataProvider<TopicNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<TopicNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly disposables: vscode.Disposable[];
  filter: TreeFilter = {};

  constructor(private readonly bank: BankService, private readonly progress: ProgressService) {
    // Refreshing from the root keeps expansion state: nodes have stable ids.
    this.disposables = [bank.onDidChange(() => this.refresh()), progress.onDidChange(() => this.refresh())];
  }

  private status(q: Question): CardStatus {
    return questionStatus(this.bank.current?.cards.byQuestion.get(q.id), (id) => this.progress.status(id));
  }

  refresh(): void {
    this.changed.fire(undefined);
  }

  async getChildren(node?: TopicNode): Promise<TopicNode[]> {
    const view = await this.bank.get();
    if (!node) {
      const roots: TopicNode[] = [];
      const next = this.upNext(view.bank.questions);
      if (next) roots.push(next);
      for (const topic of view.bank.topics) if (this.visible(view.questionsOfTopic(topic.id)).length) roots.push({ kind: 'topic', topic });
      return roots;
    }
    if (node.kind === 'topic') return this.visible(view.questionsOfTopic(node.topic.id)).map((question) => ({ kind: 'question', question }));
    return [];
  }

  getParent(node: TopicNode): TopicNode | undefined {
    if (node.kind !== 'question') return undefined;
    const topic = this.bank.current?.topicsById.get(node.question.topic);
    return topic ? { kind: 'topic', topic } : undefined;
  }

  private visible(questions: Question[]): Question[] {
    return questions.filter((q) => (!this.filter.difficulty || q.difficulty === this.filter.difficulty) && (!this.filter.status || this.status(q) === this.filter.status));
  }

  private upNext(questions: readonly Question[]): TopicNode | undefined {
    const due = questions.find((q) => this.status(q) === 'due');
    if (due) return { kind: 'upNext', question: due, status: 'due' };
    const fresh = questions.find((q) => this.status(q) === 'new');
    return fresh ? { kind: 'upNext', question: fresh, status: 'new' } : undefined;
  }

  getTreeItem(node: TopicNode): vscode.TreeItem {
    const t = vscode.l10n.t;
    if (node.kind === 'topic') {
      const questions = this.bank.current?.questionsOfTopic(node.topic.id) ?? [];
      const mastered = questions.filter((q) => this.status(q) === 'mastered').length;
      const due = questions.filter((q) => this.status(q) === 'due').length;
      const item = new vscode.TreeItem(node.topic.title, vscode.TreeItemCollapsibleState.Collapsed);
      item.id = `topic:${node.topic.id}`;
      item.description = `${mastered}/${questions.length}${due ? ` · ${t('{0} due', due)}` : ''}`;
      item.tooltip = new vscode.MarkdownString(`**${escapeMarkdown(node.topic.title)}**\n\n${escapeMarkdown(node.topic.description)}`);
      item.contextValue = 'topic';
      item.iconPath = new vscode.ThemeIcon(due ? 'folder-active' : 'folder-library');
      return item;
    }
    const q = node.question;
    const status = node.kind === 'upNext' ? node.status : this.status(q);
    const title = plainMath(clozeToPlain(q.title)); // a tree label cannot typeset: TeX as readable Unicode
    const item = new vscode.TreeItem(node.kind === 'upNext' ? t('Up next: {0}', title) : title, vscode.TreeItemCollapsibleState.None);
    item.id = `${node.kind}:${q.id}`;
    item.description = node.kind === 'upNext' ? t(status) : `${t(q.difficulty)} · ${t(status)}`;
    const concepts = q.concepts.map((c) => escapeMarkdown(this.bank.currentGlossary?.byId.get(c)?.name ?? c)).join(', ');
    item.tooltip = new vscode.MarkdownString(`**${escapeMarkdown(title)}**\n\n${t('Concepts')}: ${concepts}\n\n${t('Difficulty')}: ${q.difficulty} · ${t('State')}: ${status}`);
    const [icon, color] = node.kind === 'upNext' ? ['arrow-right', 'charts.purple'] : STATUS_ICON[status];
    item.iconPath = new vscode.ThemeIcon(icon, new vscode.ThemeColor(color));
    item.contextValue = 'question';
    item.command = { command: Commands.openQuestion, title: t('Open Question'), arguments: [q.id] };
    item.accessibilityInformation = { label: `${title}, ${q.difficulty}, ${status}` };
    return item;
  }

  dispose(): void {
    this.changed.dispose();
    for (const d of this.disposables) d.dispose();
  }
}
