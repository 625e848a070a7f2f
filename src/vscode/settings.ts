// Typed access to the extension's settings; the single place their names are spelled.
import * as vscode from 'vscode';

const SECTION = 'tensorTutor';

export class Settings {
  private get config(): vscode.WorkspaceConfiguration {
    return vscode.workspace.getConfiguration(SECTION);
  }
  /** Extra deck folders, absolute or relative to the workspace folder `scope` (ignored in untrusted workspaces). */
  deckFolders(scope?: vscode.Uri): string[] {
    const value = vscode.workspace.getConfiguration(SECTION, scope).get<unknown>('deckFolders', []);
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string' && v.trim() !== '').map((v) => v.trim()) : [];
  }
  hoverEnabled(): boolean {
    return this.config.get<boolean>('hover.enabled', true);
  }
  hoverLanguages(): string[] {
    return this.config.get<string[]>('hover.languages', ['python', 'markdown', 'plaintext']);
  }
  desiredRetention(): number {
    const r = this.config.get<number>('desiredRetention', 0.9);
    return Math.min(0.99, Math.max(0.7, r));
  }
  newPerDay(): number {
    return Math.max(0, Math.floor(this.config.get<number>('newPerDay', 20)));
  }
  mockQuestionCount(): number {
    return Math.min(50, Math.max(1, Math.floor(this.config.get<number>('mockInterview.questions', 8))));
  }
  mockMinutesPerQuestion(): number {
    return Math.min(30, Math.max(0.5, this.config.get<number>('mockInterview.minutesPerQuestion', 3)));
  }
  statusBarEnabled(): boolean {
    return this.config.get<boolean>('statusBar.enabled', false);
  }
  static affects(event: vscode.ConfigurationChangeEvent, key: string): boolean {
    return event.affectsConfiguration(`${SECTION}.${key}`);
  }
}
