// The statistics view: the same webview front-end as the quiz, given a `stats` view computed by the pure
// core from the review log and the card states. Refreshes when progress changes while it is visible.
import * as vscode from 'vscode';
import { computeStats } from '../core/quiz/stats';
import { parseWebviewMessage, type HostMessage, type StatsView } from '../shared/protocol';
import type { BankService } from './bankService';
import type { ProgressService } from './progressService';
import { webviewStrings } from './cardView';
import { initPanel, webviewOptions } from './webviewHtml';

export const STATS_VIEW_TYPE = 'tensorTutor.stats';

export interface StatsPanelDeps {
  extensionUri: vscode.Uri;
  bank: BankService;
  progress: ProgressService;
  log: vscode.LogOutputChannel;
}

export class StatsPanel implements vscode.Disposable {
  private static current: StatsPanel | undefined;
  private readonly disposables: vscode.Disposable[] = [];
  private readonly rendered = new vscode.EventEmitter<void>();
  /** Fires when the webview reports that it drew the statistics. */
  readonly onDidRender = this.rendered.event;
  lastView: StatsView | undefined;
  renderCount = 0;
  private disposed = false;

  static get active(): StatsPanel | undefined {
    return StatsPanel.current;
  }

  static show(deps: StatsPanelDeps): StatsPanel {
    if (StatsPanel.current) {
      StatsPanel.current.panel.reveal(vscode.ViewColumn.Active);
      StatsPanel.current.refresh();
      return StatsPanel.current;
    }
    const panel = vscode.window.createWebviewPanel(STATS_VIEW_TYPE, vscode.l10n.t('Tensor Tutor Statistics'), vscode.ViewColumn.Active, webviewOptions(deps.extensionUri));
    return new StatsPanel(panel, deps);
  }

  /** After a window reload (WebviewPanelSerializer): the view is recomputed, nothing to restore. */
  static revive(panel: vscode.WebviewPanel, deps: StatsPanelDeps): StatsPanel {
    StatsPanel.current?.dispose();
    panel.webview.options = webviewOptions(deps.extensionUri);
    return new StatsPanel(panel, deps);
  }

  private constructor(readonly panel: vscode.WebviewPanel, private readonly deps: StatsPanelDeps) {
    StatsPanel.current = this;
    initPanel(panel, deps.extensionUri, 'Tensor Tutor Statistics');
    this.disposables.push(
      panel.onDidDispose(() => this.dispose()),
      panel.webview.onDidReceiveMessage((raw) => void this.receive(raw)),
      deps.progress.onDidChange(() => panel.visible && this.refresh()),
      panel.onDidChangeViewState((e) => e.webviewPanel.visible && this.refresh()),
    );
  }

  private async receive(raw: unknown): Promise<void> {
    const message = parseWebviewMessage(raw);
    if (!message) {
      this.deps.log.warn(`Statistics view: ignored a malformed message ${JSON.stringify(raw)?.slice(0, 200)}`);
      return;
    }
    if (message.type === 'ready') this.refresh();
    else if (message.type === 'rendered' && message.kind === 'stats') {
      this.renderCount++;
      this.rendered.fire();
    } else if (message.type === 'close') this.panel.dispose();
  }

  private refresh(): void {
    this.render().catch((error) => this.deps.log.error(`Statistics view: ${(error as Error).message}`));
  }

  async render(): Promise<void> {
    const view = await this.deps.bank.get();
    const log = await this.deps.progress.readLog();
    const now = this.deps.progress.clock.now();
    const stats = computeStats({
      entries: log.entries,
      card: (id) => this.deps.progress.store.get(id),
      questions: view.bank.questions,
      topics: view.bank.topics,
      now,
      utcOffsetMinutes: -now.getTimezoneOffset(),
    });
    if (this.disposed) return; // closed while the log was being read
    this.lastView = { kind: 'stats', stats };
    this.post({ type: 'render', view: this.lastView, strings: webviewStrings() });
  }

  private post(message: HostMessage): void {
    void this.panel.webview.postMessage(message);
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    if (StatsPanel.current === this) StatsPanel.current = undefined;
    this.rendered.dispose();
    for (const d of this.disposables.splice(0)) d.dispose();
    this.panel.dispose();
  }
}
