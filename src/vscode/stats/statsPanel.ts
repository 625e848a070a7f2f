// The statistics view: the same webview front-end as the quiz, given a `stats` view computed by the pure core
// from the reviews that count (undone ones left out) and the card states. Refreshes when progress changes while
// it is visible.
import * as vscode from 'vscode';
import { computeStats } from '../../core/quiz/stats';
import { parseStatsMessage, type StatsMessage, type StatsView } from '../../shared/protocol';
import type { BankService } from '../shared/bankService';
import type { ProgressService } from '../progress/progressService';
import { Commands } from '../shared/commands';
import { Settings } from '../shared/settings';
import { InterviewPlan } from '../study/interviewPlan';
import { WebviewPanelHost } from '../shared/webviewPanel';

export const STATS_VIEW_TYPE = 'tensorTutor.stats';

export interface StatsPanelDeps {
  extensionUri: vscode.Uri;
  bank: BankService;
  progress: ProgressService;
  settings: Settings;
  log: vscode.LogOutputChannel;
}

export class StatsPanel extends WebviewPanelHost<StatsMessage, StatsView> {
  private static current: StatsPanel | undefined;

  static get active(): StatsPanel | undefined {
    return StatsPanel.current;
  }

  static async show(deps: StatsPanelDeps): Promise<StatsPanel> {
    if (StatsPanel.current) {
      StatsPanel.current.panel.reveal(vscode.ViewColumn.Active);
      await StatsPanel.current.render();
      return StatsPanel.current;
    }
    return StatsPanel.create(vscode.window.createWebviewPanel(STATS_VIEW_TYPE, vscode.l10n.t('Tensor Tutor Statistics'), vscode.ViewColumn.Active, {}), deps);
  }

  /** After a window reload (WebviewPanelSerializer): the view is recomputed, nothing to restore. */
  static revive(panel: vscode.WebviewPanel, deps: StatsPanelDeps): Promise<StatsPanel> {
    StatsPanel.current?.dispose();
    return StatsPanel.create(panel, deps);
  }

  private static async create(panel: vscode.WebviewPanel, deps: StatsPanelDeps): Promise<StatsPanel> {
    const stats = new StatsPanel(panel, deps);
    await stats.open(vscode.l10n.t('Tensor Tutor Statistics'));
    return stats;
  }

  private constructor(panel: vscode.WebviewPanel, private readonly deps: StatsPanelDeps) {
    super(panel, deps, 'Statistics view', parseStatsMessage);
    StatsPanel.current = this;
    this.disposables.push(
      deps.progress.onDidChange(() => panel.visible && void this.render()),
      panel.onDidChangeViewState((e) => e.webviewPanel.visible && void this.render()),
      vscode.workspace.onDidChangeConfiguration((e) => Settings.affectsInterview(e) && panel.visible && void this.render()),
    );
  }

  protected async handle(message: StatsMessage): Promise<void> {
    if (message.type === 'close') this.panel.dispose();
    else if (message.type === 'quizTopic') await vscode.commands.executeCommand(Commands.quizTopic, message.id);
  }

  protected async view(): Promise<StatsView> {
    const bank = await this.deps.bank.get();
    const reviews = await this.deps.progress.reviews();
    const now = this.deps.progress.clock.now();
    const stats = computeStats({
      reviews,
      card: (id) => this.deps.progress.get(id),
      cards: bank.cards.cards.map((c) => ({ id: c.id, topic: c.question.topic })),
      topics: bank.bank.topics,
      now,
      utcOffsetMinutes: -now.getTimezoneOffset(),
    });
    const readiness = await new InterviewPlan(this.deps.bank, this.deps.progress, this.deps.settings).readiness();
    return { kind: 'stats', stats, ...(readiness ? { readiness } : {}) };
  }

  override dispose(): void {
    if (StatsPanel.current === this) StatsPanel.current = undefined;
    super.dispose();
  }
}
