// The quiz webview panel: owns one session. Each message is what the learner did; the core session decides
// what it means (every grading rule lives there), the progress service records grades (log first) and returns a
// receipt whose review id the session keeps, so undo takes back exactly that review, also after a reload.
import * as vscode from 'vscode';
import * as session from '../../core/quiz/session';
import type { Card } from '../../core/quiz/cards';
import type { SessionState } from '../../core/quiz/session';
import { parseQuizMessage, type QuizMessage, type QuizView } from '../../shared/protocol';
import type { BankService } from '../shared/bankService';
import type { ProgressService } from '../progress/progressService';
import { Commands } from '../shared/commands';
import { WebviewPanelHost } from '../shared/webviewPanel';
import { bankOption, cardView } from './cardView';

export const QUIZ_VIEW_TYPE = 'tensorTutor.quiz';

export interface QuizPanelDeps {
  extensionUri: vscode.Uri;
  bank: BankService;
  progress: ProgressService;
  log: vscode.LogOutputChannel;
}

export class QuizPanel extends WebviewPanelHost<QuizMessage, QuizView> {
  private static current: QuizPanel | undefined;
  private state: SessionState;

  static get active(): QuizPanel | undefined {
    return QuizPanel.current;
  }

  /** Opens the panel (or reuses the open one) on a new session; the first card is painted from the HTML. */
  static async open(deps: QuizPanelDeps, state: SessionState): Promise<QuizPanel> {
    if (QuizPanel.current) {
      await QuizPanel.current.replace(state);
      QuizPanel.current.panel.reveal(vscode.ViewColumn.Active);
      return QuizPanel.current;
    }
    const panel = vscode.window.createWebviewPanel(QUIZ_VIEW_TYPE, vscode.l10n.t('Tensor Tutor Quiz'), vscode.ViewColumn.Active, {});
    const quiz = new QuizPanel(panel, deps, state);
    await quiz.open(vscode.l10n.t('Tensor Tutor Quiz'));
    return quiz;
  }

  /** After a window reload: the session the webview saved, checked against the bank (it is untrusted). */
  static async revive(panel: vscode.WebviewPanel, deps: QuizPanelDeps, saved: unknown): Promise<QuizPanel> {
    QuizPanel.current?.dispose();
    const bank = await deps.bank.withDecks(); // a saved session may hold deck card ids
    const known = new Set(bank.cards.byId.keys());
    const restored = session.reviveSession((saved as { session?: unknown } | undefined)?.session, known, Date.now());
    const quiz = new QuizPanel(panel, deps, restored ?? session.createSession(vscode.l10n.t('Quiz'), [], Date.now()));
    await quiz.open(vscode.l10n.t('Tensor Tutor Quiz'));
    return quiz;
  }

  private constructor(panel: vscode.WebviewPanel, private readonly deps: QuizPanelDeps, state: SessionState) {
    super(panel, deps, 'Quiz panel', parseQuizMessage);
    QuizPanel.current = this;
    this.state = state;
  }

  get sessionState(): SessionState {
    return this.state;
  }

  private async replace(state: SessionState): Promise<void> {
    this.state = state;
    await this.render();
  }

  private card(): Card | undefined {
    const id = session.currentId(this.state);
    return id ? this.deps.bank.current?.cards.get(id) : undefined;
  }

  protected async handle(message: QuizMessage): Promise<void> {
    switch (message.type) {
      case 'studyMore':
        await vscode.commands.executeCommand(Commands.startQuiz);
        return;
      case 'close':
        this.panel.dispose();
        return;
      case 'openQuestion':
        await vscode.commands.executeCommand(Commands.openQuestion, message.id);
        return;
      case 'quizConcept':
        await vscode.commands.executeCommand(Commands.quizConcept, message.id);
        return;
      case 'undo':
        return this.act({ type: 'undo' });
      default:
        break;
    }
    // The rest acts on the card on screen: a message for another card (a late double press) is dropped.
    const card = this.card();
    if (!('card' in message) || !card || message.card !== card.id) {
      this.deps.log.info(`Quiz panel: dropped "${message.type}" for ${'card' in message ? message.card : '?'} (showing ${card?.id ?? 'nothing'})`);
      return;
    }
    const reps = this.deps.progress.get(card.id)?.reps ?? 0;
    switch (message.type) {
      case 'pick': {
        const option = bankOption(card, reps, message.option);
        return option === undefined ? undefined : this.act({ type: 'pick', option });
      }
      case 'submit': {
        const options = message.options.map((o) => bankOption(card, reps, o));
        return options.some((o) => o === undefined) ? undefined : this.act({ type: 'submit', options: options as number[] });
      }
      case 'reveal':
      case 'next':
      case 'skip':
        return this.act({ type: message.type });
      case 'grade':
        return this.act({ type: 'grade', grade: message.grade });
    }
  }

  /** One learner action through the core session; persists what it asks for, then renders. */
  private async act(action: session.SessionAction): Promise<void> {
    const now = Date.now();
    const card = this.card();
    const result = session.step(this.state, action, card ? { kind: card.kind, ...(card.question.choices ? { choices: card.question.choices } : {}) } : undefined, now);
    switch (result.type) {
      case 'ignored':
        return;
      case 'update':
        this.state = result.state;
        break;
      case 'grade': {
        const receipt = await this.deps.progress.grade(result.cardId, result.grade, result.ms);
        this.state = session.graded(this.state, result.grade, receipt.rid, now);
        this.post({ type: 'announce', text: vscode.l10n.t('Graded {0}.', vscode.l10n.t(result.grade)) });
        break;
      }
      case 'undo':
        // A grade recorded in this or an earlier window: take back exactly that review, once.
        if (result.result.rid && !(await this.deps.progress.undo(result.result.id, result.result.rid))) {
          this.deps.log.warn(`Quiz panel: the review ${result.result.rid} of ${result.result.id} could not be undone (it is no longer the card's latest); the session steps back only.`);
        }
        this.state = result.state;
        break;
    }
    await this.render();
  }

  protected async view(): Promise<QuizView> {
    const bank = await this.deps.bank.get();
    const glossary = await this.deps.bank.glossaryIndex();
    const card = this.card();
    const view: QuizView = { kind: 'quiz', session: this.state, remaining: Math.max(0, this.state.queue.length - this.state.position) };
    if (card) {
      const reps = this.deps.progress.get(card.id)?.reps ?? 0;
      view.card = cardView(bank, card, { reps, revealed: this.state.revealed, ...(this.state.picked ? { picked: this.state.picked } : {}) }, (c) => glossary.byId.get(c)?.name);
      const facts = { kind: card.kind, ...(card.question.choices ? { choices: card.question.choices } : {}) };
      const earned = session.pickGrade(this.state, facts);
      if (earned) view.earned = earned;
      else view.intervals = this.deps.progress.intervals(card.id);
      const timeLeftMs = session.timeLeftMs(this.state, Date.now());
      if (timeLeftMs !== undefined) view.timeLeftMs = timeLeftMs;
    } else {
      const now = this.deps.progress.clock.now().getTime();
      const nextDue = this.deps.progress.engine.entries().map(([, c]) => Date.parse(c.due)).filter((t) => t > now).sort((a, b) => a - b)[0];
      const topicOf = (id: string) => {
        const q = bank.cards.get(id)?.question;
        return { title: q?.title ?? id, topic: bank.topicsById.get(q?.topic ?? '')?.title ?? q?.topic ?? '' };
      };
      view.summary = {
        ...session.summarise(this.state, (id) => topicOf(id).topic, Date.now()),
        dueNext: nextDue ? new Date(nextDue).toLocaleString() : '—',
      };
      const report = session.mockReport(this.state, topicOf);
      if (report) view.summary.mock = report;
    }
    return view;
  }

  override dispose(): void {
    if (QuizPanel.current === this) QuizPanel.current = undefined;
    super.dispose();
  }
}
