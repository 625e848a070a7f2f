// The question reader: one webview (same front-end as the quiz, read mode) with back/forward history.
import * as vscode from 'vscode';
import { parseWebviewMessage, type HostMessage, type ReaderView, type WebviewMessage } from '../shared/protocol';
import type { BankService } from './bankService';
import type { ProgressService } from './progressService';
import { cardView, webviewStrings } from './cardView';
import { initPanel, webviewOptions } from './webviewHtml';

export const READER_VIEW_TYPE = 'tensorTutor.reader';

export interface ReaderDeps {
  extensionUri: vscode.Uri;
  bank: BankService;
  progress: ProgressService;
  log: vscode.LogOutputChannel;
  quizConcept(id: string): Thenable<unknown>;
}

export class ReaderPanel implements vscode.Disposable {
  private static current: ReaderPanel | undefined;
  private history: string[] = [];
  private position = -1;
  private readonly disposables: vscode.Disposable[] = [];
  private readonly rendered = new vscode.EventEmitter<{ kind: string; id: string }>();
  readonly onDidRender = this.rendered.event;
  lastView: ReaderView | undefined;
  /** The question id the webview last reported as shown. */
  lastRenderedId: string | undefined;

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
    const reader = ReaderPanel.current ?? new ReaderPanel(
      vscode.window.createWebviewPanel(READER_VIEW_TYPE, vscode.l10n.t('Question'), { viewColumn: vscode.ViewColumn.Active, preserveFocus: false }, webviewOptions(deps.extensionUri)),
      deps,
    );
    reader.go(questionId);
    reader.panel.reveal(undefined, false);
    return reader;
  }

  private constructor(readonly panel: vscode.WebviewPanel, private readonly deps: ReaderDeps) {
    ReaderPanel.current = this;
    initPanel(panel, deps.extensionUri, 'Tensor Tutor Question');
    this.disposables.push(
      panel.onDidDispose(() => this.dispose()),
      panel.webview.onDidReceiveMessage((raw) => {
        const message = parseWebviewMessage(raw);
        if (!message) return deps.log.warn(`Reader: ignored a malformed message ${JSON.stringify(raw)?.slice(0, 200)}`);
        void this.handle(message).catch((error) => deps.log.error(`Reader: ${(error as Error).message}`));
      }),
    );
  }

  get currentId(): string | undefined {
    return this.history[this.position];
  }

  private go(id: string): void {
    if (this.history[this.position] !== id) {
      this.history = [...this.history.slice(0, this.position + 1), id];
      this.position = this.history.length - 1;
    }
    void this.render();
  }

  async handle(message: WebviewMessage): Promise<void> {
    switch (message.type) {
      case 'ready':
        return this.render();
      case 'rendered':
        this.lastRenderedId = message.id;
        this.rendered.fire({ kind: message.kind, id: message.id });
        return;
      case 'openQuestion':
        return this.go(message.id);
      case 'navigate':
        this.position = Math.min(this.history.length - 1, Math.max(0, this.position + (message.direction === 'back' ? -1 : 1)));
        return this.render();
      case 'quizConcept':
        await this.deps.quizConcept(message.id);
        return;
      case 'markKnown':
        await this.deps.progress.grade(message.id, 'easy', 0);
        return this.render();
      case 'openLink':
        await vscode.env.openExternal(vscode.Uri.parse(message.href));
        return;
      default:
        return;
    }
  }

  private async render(): Promise<void> {
    const id = this.currentId;
    const bank = await this.deps.bank.get();
    const glossary = await this.deps.bank.glossaryIndex();
    const q = id ? bank.questionsById.get(id) : undefined;
    if (!q) return;
    this.panel.title = q.title.length > 40 ? `${q.title.slice(0, 39)}…` : q.title;
    const view: ReaderView = {
      kind: 'reader',
      card: cardView(bank, q, (c) => glossary.byId.get(c)?.name),
      canGoBack: this.position > 0,
      canGoForward: this.position < this.history.length - 1,
      status: this.deps.progress.status(q.id),
    };
    this.lastView = view;
    const message: HostMessage = { type: 'render', view, strings: webviewStrings() };
    void this.panel.webview.postMessage(message);
  }

  dispose(): void {
    if (ReaderPanel.current === this) ReaderPanel.current = undefined;
    this.rendered.dispose();
    for (const d of this.disposables.splice(0)) d.dispose();
    this.panel.dispose();
  }
}
