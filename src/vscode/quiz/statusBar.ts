// Opt-in status bar item: "$(mortar-board) N due"; click starts the due quiz.
import * as vscode from 'vscode';
import type { ProgressService } from '../progress/progressService';
import type { BankService } from '../shared/bankService';
import { Settings, SettingKeys } from '../shared/settings';
import { Commands } from '../shared/commands';

export class StatusBar implements vscode.Disposable {
  private item: vscode.StatusBarItem | undefined;
  private readonly disposables: vscode.Disposable[];

  constructor(private readonly progress: ProgressService, private readonly bank: BankService, private readonly settings: Settings) {
    this.disposables = [
      progress.onDidChange(() => this.update()),
      bank.onDidChange(() => this.update()),
      vscode.workspace.onDidChangeConfiguration((e) => Settings.affects(e, SettingKeys.statusBarEnabled) && this.update()),
    ];
    if (settings.statusBarEnabled()) void bank.get().then(() => this.update());
  }

  private update(): void {
    if (!this.settings.statusBarEnabled()) {
      this.item?.dispose();
      this.item = undefined;
      return;
    }
    const view = this.bank.current;
    if (!view) return void this.bank.get();
    const due = view.cards.cards.filter((c) => this.progress.status(c.id) === 'due').length;
    this.item ??= vscode.window.createStatusBarItem('tensorTutor.due', vscode.StatusBarAlignment.Right, 100);
    this.item.name = 'Tensor Tutor';
    this.item.text = `$(mortar-board) ${vscode.l10n.t('{0} due', due)}`;
    this.item.tooltip = vscode.l10n.t('Tensor Tutor: start the due quiz');
    this.item.command = { command: Commands.startQuiz, title: 'Start quiz', arguments: ['due'] };
    this.item.show();
  }

  dispose(): void {
    this.item?.dispose();
    for (const d of this.disposables) d.dispose();
  }
}
