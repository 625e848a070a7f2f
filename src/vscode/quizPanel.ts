// The quiz webview panel: owns one session, applies the learner's (validated) intents, persists each
// grade before rendering the next card, and survives window reloads through a WebviewPanelSerializer.
import * as vscode from 'vscode';
import * as session from '../core/quiz/session';
import type { SessionState } from '../core/quiz/session';
import type { StoredCard } from '../core/quiz/scheduler';
import { parseWebviewMessage, type HostMessage, type QuizView, type WebviewMessage } from '../shared/protocol';
import type { BankService } from './bankService';
import type { ProgressService } from './progressService';
import { cardView, webviewStrings } from './cardView';
import { initPanel, webviewOptions } from './webviewHtml';

export const QUIZ_VIEW_TYPE = 'tensorTutor.quiz';

export interface QuizPanelDeps {
  extensionUri: vscode.Uri;
  bank: BankService;
  progress: ProgressService;
  log: vscode.LogOutputChannel;
  openQuestion(id: string): Thenable<unknown>;
  studyMore(): Thenable<unknown>;
}

export class QuizPanel implements vscode.Disposable {
  private static current: QuizPanel | undefined;
  private state: SessionState;
  /** Card states before each grade of this session, for undo. */
  private readonly undoStack: { id: string; previous: StoredCard | undefined }[] = [];
  private readonly disposables: vscode.Disposable[] = [];
  private readonly rendered = new vscode.EventEmitter<{ kind: string; id: string }>();
  /** Fires when the webview reports what it shows (tests and the first-card benchmark use it). */
  readonly onDidRender = this.rendered.event;
  lastView: QuizView | undefined;
  /** The card id the webview last reported as shown. */
  lastRenderedId: string | undefined;

  static get active(): QuizPanel | undefined {
    return QuizPanel.current;
  }

  static open(deps: QuizPanelDeps, state: SessionState): QuizPanel {
    if (QuizPanel.current) {
      QuizPanel.current.replace(state);
      QuizPanel.current.panel.reveal(vscode.ViewColumn.Active);
      return QuizPanel.current;
    }
    const panel = vscode.window.createWebviewPanel(QUIZ_VIEW_TYPE, vscode.l10n.t('Tensor Tutor Quiz'), vscode.ViewColumn.Active, webviewOptions(deps.extensionUri));
    return new QuizPanel(panel, deps, state);
  }

  static revive(panel: vscode.WebviewPanel, deps: QuizPanelDeps, saved: unknown): QuizPanel {
    QuizPanel.current?.dispose();
    panel.webview.options = webviewOptions(deps.extensionUri);
    const known = new Set(deps.bank.current?.questionsById.keys() ?? []);
    const restored = session.reviveSession((saved as { session?: unknown } | undefined)?.session, known, Date.now());
    return new QuizPanel(panel, deps, restored ?? session.createSession(vscode.l10n.t('Quiz'), [], Date.now()));
  }

  private constructor(readonly panel: vscode.WebviewPanel, private readonly deps: QuizPanelDeps, state: SessionState) {
    QuizPanel.current = this;
    this.state = state;
    initPanel(panel, deps.extensionUri, 'Tensor Tutor Quiz');
    this.disposables.push(
      panel.onDidDispose(() => this.dispose()),
      panel.webview.onDidReceiveMessage((raw) => void this.receive(raw)),
    );
  }

  /** Entry point for everything the webview posts: validated, then applied. Unknown shapes are logged and dropped. */
  async receive(raw: unknown): Promise<boolean> {
    const message = parseWebviewMessage(raw);
    if (!message) {
      this.deps.log.warn(`Quiz panel: ignored a malformed message ${JSON.stringify(raw)?.slice(0, 200)}`);
      return false;
    }
    await this.handle(message).catch((error) => this.deps.log.error(`Quiz panel: ${(error as Error).message}`));
    return true;
  }

  get sessionState(): SessionState {
    return this.state;
  }

  private replace(state: SessionState): void {
    this.state = state;
    this.undoStack.length = 0;
    void this.render();
  }

  /** Applies one validated message. Public so tests can drive the same path the webview uses. */
  async handle(message: WebviewMessage): Promise<void> {
    const now = Date.now();
    const id = session.currentId(this.state);
    switch (message.type) {
      case 'ready':
        break; // (re)render: a revived webview asks for its view this way
      case 'rendered':
        this.lastRenderedId = message.id;
        this.rendered.fire({ kind: message.kind, id: message.id });
        return;
      case 'reveal':
        this.state = session.reveal(this.state);
        break;
      case 'pick': {
        const q = id ? this.deps.bank.current?.questionsById.get(id) : undefined;
        const choice = q?.choices?.[message.index];
        if (!q || !choice) return;
        const { state, grade } = session.pick(this.state, message.index, choice.correct);
        this.state = state;
        if (grade) this.pendingPickGrade = grade === 'good' ? 'good' : 'again';
        break;
      }
      case 'grade':
        if (!id || (!this.state.revealed && this.state.picked === undefined)) return;
        await this.applyGrade(id, message.grade, now);
        break;
      case 'undo': {
        const { state, reverted } = session.undo(this.state, now);
        if (reverted) {
          const entry = this.undoStack.pop();
          if (entry) await this.deps.progress.restore(entry.id, entry.previous);
        }
        this.state = state;
        break;
      }
      case 'skip':
        this.state = session.skip(this.state, now);
        break;
      case 'studyMore':
        await this.deps.studyMore();
        return;
      case 'close':
        this.panel.dispose();
        return;
      case 'openQuestion':
        await this.deps.openQuestion(message.id);
        return;
      case 'openLink':
        await vscode.env.openExternal(vscode.Uri.parse(message.href));
        return;
      default:
        return;
    }
    await this.render();
  }

  /** The grade a multiple-choice pick implies; applied when the learner moves on. */
  private pendingPickGrade: 'good' | 'again' | undefined;

  private async applyGrade(id: string, grade: 'again' | 'hard' | 'good' | 'easy', now: number): Promise<void> {
    const chosen = this.pendingPickGrade ?? grade;
    this.pendingPickGrade = undefined;
    this.undoStack.push({ id, previous: this.deps.progress.store.get(id) });
    await this.deps.progress.grade(id, chosen, now - this.state.cardShownAt);
    this.state = session.grade(this.state, chosen, now);
    this.post({ type: 'announce', text: `${chosen}` });
  }

  private async render(): Promise<void> {
    const bank = await this.deps.bank.get();
    const glossary = await this.deps.bank.glossaryIndex();
    const id = session.currentId(this.state);
    const q = id ? bank.questionsById.get(id) : undefined;
    const view: QuizView = { kind: 'quiz', session: this.state, remaining: Math.max(0, this.state.queue.length - this.state.position) };
    if (q) {
      view.card = cardView(bank, q, (c) => glossary.byId.get(c)?.name);
      view.intervals = this.deps.progress.intervals(q.id);
      const timeLeftMs = session.timeLeftMs(this.state, Date.now());
      if (timeLeftMs !== undefined) view.timeLeftMs = timeLeftMs;
    } else {
      const now = this.deps.progress.clock.now().getTime();
      const nextDue = this.deps.progress.store.entries().map(([, c]) => Date.parse(c.due)).filter((t) => t > now).sort((a, b) => a - b)[0];
      view.summary = {
        ...session.summarise(this.state, (qid) => bank.topicsById.get(bank.questionsById.get(qid)?.topic ?? '')?.title ?? '', Date.now()),
        dueNext: nextDue ? new Date(nextDue).toLocaleString() : '—',
      };
      const report = session.mockReport(this.state, (qid) => {
        const question = bank.questionsById.get(qid);
        return { title: question?.title ?? qid, topic: bank.topicsById.get(question?.topic ?? '')?.title ?? question?.topic ?? '' };
      });
      if (report) view.summary.mock = report;
    }
    this.lastView = view;
    this.post({ type: 'render', view, strings: webviewStrings() });
  }

  private post(message: HostMessage): void {
    void this.panel.webview.postMessage(message);
  }

  dispose(): void {
    if (QuizPanel.current === this) QuizPanel.current = undefined;
    this.rendered.dispose();
    for (const d of this.disposables.splice(0)) d.dispose();
    this.panel.dispose();
  }
}
