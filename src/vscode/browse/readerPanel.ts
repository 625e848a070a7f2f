// The question reader: the same webview front-end as the quiz, in read mode, with back/forward history.
// "Mark as known" grades the question the panel shows; the webview never names it.
import * as vscode from 'vscode';
import { parseReaderMessage, type ReaderMessage, type ReaderView } from '../../shared/protocol';
import type { BankService } from '../shared/bankService';
import type { ProgressService } from '../progress/progressService';
import { Commands } from '../shared/commands';
import { WebviewPanelHost } from '../shared/webviewPanel';
import { cardView } from '../quiz/cardView';
import { clozeToPlain } from '../../core/bank/cloze';

export const READER_VIEW_TYPE = 'tensorTutor.reader';

export interface ReaderDeps {
  extensionUri: vscode.Uri;
  bank: BankService;
  progress: ProgressService;
  log: vscode.LogOutputChannel;
}

export class ReaderPanel extends WebviewPanelHost<ReaderMessage, ReaderView> {
  private static current: ReaderPanel | undefined;
  private history: string[] = [];
  private position = -1;

  static get active(): ReaderPanel | undefined {
    return ReaderPanel.current;
  }

  static async show(deps: ReaderDeps, questionId: string): Promise<ReaderPanel | undefined> {
    let bank = await deps.bank.get();
    // A deck question may be asked for before the decks are merged in.
    if (!bank.questionsById.has(questionId)) bank = await deps.bank.withDecks();
    if (!bank.questionsById.has(questionId)) {
      void vscode.window.showWarningMessage(vscode.l10n.t('Tensor Tutor: no question with id "{0}".', questionId));
      return undefined;
    }
    const existing = ReaderPanel.current;
    const reader = existing ?? new ReaderPanel(vscode.window.createWebviewPanel(READER_VIEW_TYPE, vscode.l10n.t('Question'), { viewColumn: vscode.ViewColumn.Active, preserveFocus: false }, {}), deps);
    reader.push(questionId);
    if (existing) {
      await reader.render();
      reader.panel.reveal(undefined, false);
    } else {
      await reader.open(vscode.l10n.t('Tensor Tutor Question'));
    }
    return reader;
  }

  private constructor(panel: vscode.WebviewPanel, private readonly deps: ReaderDeps) {
    super(panel, deps, 'Reader', parseReaderMessage);
    ReaderPanel.current = this;
  }

  get currentId(): string | undefined {
    return this.history[this.position];
  }

  private push(id: string): void {
    if (this.history[this.position] === id) return;
    this.history = [...this.history.slice(0, this.position + 1), id];
    this.position = this.history.length - 1;
  }

  protected async handle(message: ReaderMessage): Promise<void> {
    switch (message.type) {
      case 'openQuestion':
        if (!(await this.deps.bank.withDecks()).questionsById.has(message.id)) return;
        this.push(message.id);
        return this.render();
      case 'navigate':
        this.position = Math.min(this.history.length - 1, Math.max(0, this.position + (message.direction === 'back' ? -1 : 1)));
        return this.render();
      case 'quizConcept':
        await vscode.commands.executeCommand(Commands.quizConcept, message.id);
        return;
      case 'markKnown': {
        const id = this.currentId;
        if (id && this.deps.bank.current?.questionsById.has(id)) await this.deps.progress.grade(id, 'easy', 0, { known: true });
        return this.render();
      }
      default:
        return;
    }
  }

  protected async view(): Promise<ReaderView | undefined> {
    const bank = await this.deps.bank.get();
    const glossary = await this.deps.bank.glossaryIndex();
    const id = this.currentId;
    const card = id ? bank.cards.get(id) ?? bank.cards.cards.find((c) => c.question.id === id) : undefined;
    if (!card) return undefined;
    const view = cardView(bank, { ...card, kind: card.question.choices ? card.kind : 'flashcard' }, { reps: 0, revealed: true }, (c) => glossary.byId.get(c)?.name);
    const { choices: _choices, ...rest } = view;
    return {
      kind: 'reader',
      // The reader shows a question (a cloze note's first card stands for it): its id is the question's.
      card: { ...rest, id: card.question.id, title: clozeToPlain(card.question.title), answer: view.answer! },
      canGoBack: this.position > 0,
      canGoForward: this.position < this.history.length - 1,
      status: vscode.l10n.t(this.deps.progress.status(card.id)),
    };
  }

  protected override willShow(view: ReaderView): void {
    this.panel.title = view.card.title.length > 40 ? `${view.card.title.slice(0, 39)}…` : view.card.title;
  }

  override dispose(): void {
    if (ReaderPanel.current === this) ReaderPanel.current = undefined;
    super.dispose();
  }
}
