// Typed access to the extension's settings; the single place their names are spelled.
import * as vscode from 'vscode';
import { parseIsoDate, type Scope } from '../../core/study/scope';

const SECTION = 'tensorTutor';

/** Setting keys below `tensorTutor.` (package.json contributes the same set; a test checks both ways). */
export const SettingKeys = {
  hoverEnabled: 'hover.enabled',
  hoverLanguages: 'hover.languages',
  desiredRetention: 'desiredRetention',
  newPerDay: 'newPerDay',
  statusBarEnabled: 'statusBar.enabled',
  deckFolders: 'deckFolders',
  mockQuestions: 'mockInterview.questions',
  mockMinutes: 'mockInterview.minutesPerQuestion',
  checksEnabled: 'checks.enabled',
  checksDisabled: 'checks.disabled',
  interviewDate: 'interview.date',
  interviewScope: 'interview.scope',
  interviewTopics: 'interview.topics',
  interviewMinutes: 'interview.minutesPerDay',
} as const;

export type SettingKey = (typeof SettingKeys)[keyof typeof SettingKeys];

export class Settings {
  private get config(): vscode.WorkspaceConfiguration {
    return vscode.workspace.getConfiguration(SECTION);
  }
  /** Extra deck folders, absolute or relative to the workspace folder `scope` (ignored in untrusted workspaces). */
  deckFolders(scope?: vscode.Uri): string[] {
    const value = vscode.workspace.getConfiguration(SECTION, scope).get<unknown>(SettingKeys.deckFolders, []);
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string' && v.trim() !== '').map((v) => v.trim()) : [];
  }
  hoverEnabled(): boolean {
    return this.config.get<boolean>(SettingKeys.hoverEnabled, true);
  }
  hoverLanguages(): string[] {
    return this.config.get<string[]>(SettingKeys.hoverLanguages, ['python', 'markdown', 'plaintext']);
  }
  desiredRetention(): number {
    const r = this.config.get<number>(SettingKeys.desiredRetention, 0.9);
    return Math.min(0.99, Math.max(0.7, r));
  }
  newPerDay(): number {
    return Math.max(0, Math.floor(this.config.get<number>(SettingKeys.newPerDay, 20)));
  }
  mockQuestionCount(): number {
    return Math.min(50, Math.max(1, Math.floor(this.config.get<number>(SettingKeys.mockQuestions, 8))));
  }
  mockMinutesPerQuestion(): number {
    return Math.min(30, Math.max(0.5, this.config.get<number>(SettingKeys.mockMinutes, 3)));
  }
  /** The interview date (YYYY-MM-DD, a real calendar date), or undefined when none is set. */
  interviewDate(): string | undefined {
    return parseIsoDate(this.config.get<unknown>(SettingKeys.interviewDate, ''));
  }
  interviewScope(): Scope {
    const kind = this.config.get<unknown>(SettingKeys.interviewScope, 'all');
    const topics = this.config.get<unknown>(SettingKeys.interviewTopics, []);
    return {
      kind: kind === 'topics' || kind === 'mock' ? kind : 'all',
      topics: Array.isArray(topics) ? topics.filter((t): t is string => typeof t === 'string') : [],
    };
  }
  interviewMinutesPerDay(): number {
    const m = this.config.get<number>(SettingKeys.interviewMinutes, 30);
    return Number.isFinite(m) ? Math.min(480, Math.max(5, m)) : 30;
  }
  async setInterview(plan: { date: string | undefined; scope?: Scope; minutesPerDay?: number }): Promise<void> {
    const config = this.config;
    const target = vscode.ConfigurationTarget.Global;
    await config.update(SettingKeys.interviewDate, plan.date, target);
    if (plan.scope) {
      await config.update(SettingKeys.interviewScope, plan.scope.kind, target);
      if (plan.scope.kind === 'topics') await config.update(SettingKeys.interviewTopics, [...(plan.scope.topics ?? [])], target);
    }
    if (plan.minutesPerDay !== undefined) await config.update(SettingKeys.interviewMinutes, plan.minutesPerDay, target);
  }
  statusBarEnabled(): boolean {
    return this.config.get<boolean>(SettingKeys.statusBarEnabled, false);
  }
  /** Training-code checks: on or off, and the ids of the checks turned off (for the file `scope`). */
  checks(scope?: vscode.Uri): { enabled: boolean; disabled: string[] } {
    const config = vscode.workspace.getConfiguration(SECTION, scope);
    const disabled = config.get<unknown>(SettingKeys.checksDisabled, []);
    return {
      enabled: config.get<boolean>(SettingKeys.checksEnabled, true) !== false,
      disabled: Array.isArray(disabled) ? disabled.filter((d): d is string => typeof d === 'string') : [],
    };
  }
  /** Adds a check id to `checks.disabled`: in the workspace settings when the workspace already sets the list (it
   *  would hide a user-level change), otherwise in the user settings. False when it was already there. */
  async disableCheck(id: string): Promise<boolean> {
    const inspected = this.config.inspect<string[]>(SettingKeys.checksDisabled);
    const inWorkspace = inspected?.workspaceValue !== undefined;
    const current = (inWorkspace ? inspected?.workspaceValue : inspected?.globalValue) ?? [];
    if (current.includes(id)) return false;
    await this.config.update(SettingKeys.checksDisabled, [...current, id], inWorkspace ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global);
    return true;
  }
  static affects(event: vscode.ConfigurationChangeEvent, key: SettingKey): boolean {
    return event.affectsConfiguration(`${SECTION}.${key}`);
  }
  /** Any of the interview plan's settings. */
  static affectsInterview(event: vscode.ConfigurationChangeEvent): boolean {
    return event.affectsConfiguration(`${SECTION}.interview`);
  }
}
