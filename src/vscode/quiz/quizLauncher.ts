// Starting a study session: the quick pick (≤ 2 steps) and the direct entry points (topic, concept, due, mock).
import * as vscode from 'vscode';
import { createMockSession, createSession } from '../../core/quiz/session';
import { dueQueue, mockInterviewQueue, newQueue, studyQueue, type QueueInput, type SessionKind } from '../../core/quiz/queue';
import type { BankService } from '../shared/bankService';
import type { ProgressService } from '../progress/progressService';
import type { Settings } from '../shared/settings';
import { QuizPanel, type QuizPanelDeps } from './quizPanel';
import { InterviewPlan } from '../study/interviewPlan';

/** Finds the concepts the hover recognises in a document (the hover feature provides it). */
export type ConceptScanner = (document: vscode.TextDocument) => Promise<Map<string, string>>;

export class QuizLauncher {
  constructor(
    private readonly bank: BankService,
    private readonly progress: ProgressService,
    private readonly settings: Settings,
    private readonly panelDeps: QuizPanelDeps,
    private readonly conceptsIn: ConceptScanner,
  ) {}

  private async input(): Promise<QueueInput> {
    const view = await this.bank.get();
    return {
      cards: view.cards.cards,
      status: (id) => this.progress.status(id),
      dueAt: (id) => Date.parse(this.progress.get(id)?.due ?? '') || 0,
      newPerDay: this.settings.newPerDay(),
      random: Math.random,
    };
  }

  /** The command-palette entry: a quick pick of session kinds with counts. */
  async pick(): Promise<QuizPanel | undefined> {
    const input = await this.input();
    const view = await this.bank.get();
    const planned = await this.plan().today();
    const due = planned?.queue ?? dueQueue(input);
    const fresh = newQueue(input);
    const editor = vscode.window.activeTextEditor;
    type Item = vscode.QuickPickItem & { kind2?: SessionKind };
    const t = vscode.l10n.t;
    const items: Item[] = [
      { label: `$(history) ${t('Due now')}`, description: `${due.length}`, detail: planned ? t('Planned for your interview on {0}: {1} reviews, {2} new cards', planned.date, planned.reviews, planned.newCards) : t('Reviews that are due, then up to {0} new cards', this.settings.newPerDay()), kind2: 'due' },
      { label: `$(list-tree) ${t('By topic…')}`, description: `${view.bank.topics.length} ${t('topics')}`, kind2: 'topic' },
      { label: `$(sparkle) ${t('New cards')}`, description: `${fresh.length}`, kind2: 'new' },
      { label: '', kind: vscode.QuickPickItemKind.Separator },
      // Counted only when picked: scanning a large file must not slow down opening this list.
      { label: `$(file-code) ${t('Concepts in this file')}`, description: editor ? vscode.workspace.asRelativePath(editor.document.uri) : t('no file open'), kind2: 'concepts' },
      { label: `$(person) ${t('Mock interview')}`, description: `${this.settings.mockQuestionCount()}`, detail: t('Random questions across topics, {0} min each, with a report at the end', this.settings.mockMinutesPerQuestion()), kind2: 'mock' },
      { label: `$(library) ${t('Everything')}`, description: `${view.cards.cards.length}`, kind2: 'everything' },
    ];
    const picked = await vscode.window.showQuickPick(items, { title: t('Tensor Tutor: Start Quiz'), placeHolder: t('What do you want to study?') });
    switch (picked?.kind2) {
      case 'due':
        return this.open(t('Due now'), due);
      case 'new':
        return this.open(t('New cards'), fresh);
      case 'topic': {
        const topic = await vscode.window.showQuickPick(
          view.bank.topics.map((tp) => ({ label: tp.title, description: `${view.questionsOfTopic(tp.id).length}`, detail: tp.description, id: tp.id })),
          { title: t('Quiz by topic') },
        );
        return topic ? this.topic(topic.id) : undefined;
      }
      case 'concepts':
        return editor ? this.conceptsOfFile(editor.document) : undefined;
      case 'mock':
        return this.mock();
      case 'everything':
        return this.open(t('Everything'), studyQueue(input, () => true));
      default:
        return undefined;
    }
  }

  /** With an interview date ahead, the planner's queue for today; otherwise due reviews, then new cards. */
  async due(): Promise<QuizPanel> {
    const planned = await this.plan().today();
    if (planned && !planned.queue.length) void vscode.window.showInformationMessage(vscode.l10n.t("Nothing left in today's interview plan: today's minutes are used, or no card of the scope gains from a review now. By topic… and Everything still work."));
    return this.open(vscode.l10n.t('Due now'), planned?.queue ?? dueQueue(await this.input()));
  }

  private plan(): InterviewPlan {
    return new InterviewPlan(this.bank, this.progress, this.settings);
  }

  /** N random questions across topics, each with a visible time budget; ends with a report. */
  async mock(): Promise<QuizPanel> {
    const queue = mockInterviewQueue(await this.input(), this.settings.mockQuestionCount());
    const perQuestionMs = Math.round(this.settings.mockMinutesPerQuestion() * 60_000);
    return QuizPanel.open(this.panelDeps, createMockSession(vscode.l10n.t('Mock interview'), queue, perQuestionMs, Date.now()));
  }

  async topic(topicId: string): Promise<QuizPanel> {
    const view = await this.bank.get();
    return this.open(view.topicsById.get(topicId)?.title ?? topicId, studyQueue(await this.input(), (q) => q.topic === topicId));
  }

  async concept(conceptId: string): Promise<QuizPanel> {
    const glossary = await this.bank.glossaryIndex();
    return this.open(glossary.byId.get(conceptId)?.name ?? conceptId, studyQueue(await this.input(), (q) => q.concepts.includes(conceptId)));
  }

  async conceptsOfFile(document: vscode.TextDocument): Promise<QuizPanel | undefined> {
    const found = await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: vscode.l10n.t('Finding concepts in this file…') }, () => this.conceptsIn(document));
    if (!found.size) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Tensor Tutor found no deep-learning concepts in this file.'));
      return undefined;
    }
    return this.open(vscode.l10n.t('Concepts in this file'), studyQueue(await this.input(), (q) => q.concepts.some((c) => found.has(c))));
  }

  open(title: string, queue: string[]): Promise<QuizPanel> {
    return QuizPanel.open(this.panelDeps, createSession(title, queue, Date.now()));
  }
}
