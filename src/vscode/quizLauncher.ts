// Starting a study session: the quick pick (≤ 2 steps) and the direct entry points (topic, concept).
import * as vscode from 'vscode';
import { createMockSession, createSession } from '../core/quiz/session';
import { dueQueue, mockInterviewQueue, newQueue, studyQueue, type QueueInput, type SessionKind } from '../core/quiz/queue';
import type { BankService } from './bankService';
import type { ProgressService } from './progressService';
import type { Settings } from './settings';
import type { DocumentContexts } from './documentContext';
import { findMatch } from './hoverProvider';
import { QuizPanel, type QuizPanelDeps } from './quizPanel';

export class QuizLauncher {
  constructor(
    private readonly bank: BankService,
    private readonly progress: ProgressService,
    private readonly settings: Settings,
    private readonly contexts: DocumentContexts,
    private readonly panelDeps: () => QuizPanelDeps,
  ) {}

  private async input(): Promise<QueueInput> {
    const view = await this.bank.get();
    return {
      questions: view.bank.questions,
      status: (id) => this.progress.status(id),
      dueAt: (id) => Date.parse(this.progress.store.get(id)?.due ?? '') || 0,
      newPerDay: this.settings.newPerDay(),
      random: Math.random,
    };
  }

  /** The command-palette entry: a quick pick of session kinds with counts. */
  async pick(): Promise<QuizPanel | undefined> {
    const input = await this.input();
    const view = await this.bank.get();
    const due = dueQueue(input);
    const fresh = newQueue(input);
    const inFile = await this.conceptsInActiveEditor();
    type Item = vscode.QuickPickItem & { kind2?: SessionKind };
    const items: Item[] = [
      { label: `$(history) ${vscode.l10n.t('Due now')}`, description: `${due.length}`, detail: vscode.l10n.t('Reviews that are due, then up to {0} new questions', this.settings.newPerDay()), kind2: 'due' },
      { label: `$(list-tree) ${vscode.l10n.t('By topic…')}`, description: `${view.bank.topics.length} ${vscode.l10n.t('topics')}`, kind2: 'topic' },
      { label: `$(sparkle) ${vscode.l10n.t('New questions')}`, description: `${fresh.length}`, kind2: 'new' },
      { label: '', kind: vscode.QuickPickItemKind.Separator },
      { label: `$(file-code) ${vscode.l10n.t('Concepts in this file')}`, description: inFile ? `${inFile.questions.length}` : vscode.l10n.t('no file open'), detail: inFile ? inFile.names.slice(0, 8).join(', ') : undefined, kind2: 'concepts' },
      { label: `$(person) ${vscode.l10n.t('Mock interview')}`, description: `${this.settings.mockQuestionCount()}`, detail: vscode.l10n.t('Random questions across topics, {0} min each, with a report at the end', this.settings.mockMinutesPerQuestion()), kind2: 'mock' },
      { label: `$(library) ${vscode.l10n.t('Everything')}`, description: `${view.bank.questions.length}`, kind2: 'everything' },
    ];
    const picked = await vscode.window.showQuickPick(items, { title: vscode.l10n.t('Tensor Tutor: Start Quiz'), placeHolder: vscode.l10n.t('What do you want to study?') });
    switch (picked?.kind2) {
      case 'due':
        return this.open(vscode.l10n.t('Due now'), due);
      case 'new':
        return this.open(vscode.l10n.t('New questions'), fresh);
      case 'topic': {
        const topic = await vscode.window.showQuickPick(
          view.bank.topics.map((t) => ({ label: t.title, description: `${view.questionsOfTopic(t.id).length}`, detail: t.description, id: t.id })),
          { title: vscode.l10n.t('Quiz by topic') },
        );
        return topic ? this.topic(topic.id) : undefined;
      }
      case 'concepts':
        return inFile ? this.open(vscode.l10n.t('Concepts in this file'), inFile.questions) : undefined;
      case 'mock':
        return this.mock();
      case 'everything':
        return this.open(vscode.l10n.t('Everything'), studyQueue(input, () => true));
      default:
        return undefined;
    }
  }

  async due(): Promise<QuizPanel> {
    return this.open(vscode.l10n.t('Due now'), dueQueue(await this.input()));
  }

  /** N random questions across topics, each with a visible time budget; ends with a report. */
  async mock(): Promise<QuizPanel> {
    const queue = mockInterviewQueue(await this.input(), this.settings.mockQuestionCount());
    const perQuestionMs = Math.round(this.settings.mockMinutesPerQuestion() * 60_000);
    return QuizPanel.open(this.panelDeps(), createMockSession(vscode.l10n.t('Mock interview'), queue, perQuestionMs, Date.now()));
  }

  async topic(topicId: string): Promise<QuizPanel> {
    const view = await this.bank.get();
    const title = view.topicsById.get(topicId)?.title ?? topicId;
    return this.open(title, studyQueue(await this.input(), (q) => q.topic === topicId));
  }

  async concept(conceptId: string): Promise<QuizPanel> {
    const glossary = await this.bank.glossaryIndex();
    const concept = glossary.byId.get(conceptId);
    return this.open(concept?.name ?? conceptId, studyQueue(await this.input(), (q) => q.concepts.includes(conceptId)));
  }

  open(title: string, queue: string[]): QuizPanel {
    return QuizPanel.open(this.panelDeps(), createSession(title, queue, Date.now()));
  }

  /** The concepts the hover recognises anywhere in the active editor, and their questions. */
  async conceptsInActiveEditor(): Promise<{ names: string[]; questions: string[] } | undefined> {
    const editor = vscode.window.activeTextEditor;
    if (!editor) return undefined;
    const index = await this.bank.glossaryIndex();
    const doc = editor.document;
    const found = new Map<string, string>();
    const lines = Math.min(doc.lineCount, 5000);
    for (let line = 0; line < lines; line++) {
      const text = doc.lineAt(line).text;
      const re = /[A-Za-z_][\w.]*/g;
      for (let m = re.exec(text); m; m = re.exec(text)) {
        const hit = findMatch(index, doc, new vscode.Position(line, m.index + m[0].length - 1), this.contexts);
        if (hit) found.set(hit.concept.id, hit.concept.name);
      }
    }
    const input = await this.input();
    return { names: [...found.values()], questions: studyQueue(input, (q) => q.concepts.some((c) => found.has(c))) };
  }
}
