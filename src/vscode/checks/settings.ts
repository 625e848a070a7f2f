// The checks' two settings, and the command that adds a check to `tensorTutor.checks.disabled`.
import * as vscode from 'vscode';

export const CHECKS_SOURCE = 'Tensor Tutor';
export const DISABLE_CHECK_COMMAND = 'tensorTutor.disableCheck';

export interface CheckSettings {
  enabled: boolean;
  disabled: string[];
}

export function checkSettings(scope?: vscode.Uri): CheckSettings {
  const config = vscode.workspace.getConfiguration('tensorTutor.checks', scope);
  const disabled = config.get<unknown>('disabled', []);
  return {
    enabled: config.get<boolean>('enabled', true) !== false,
    disabled: Array.isArray(disabled) ? disabled.filter((d): d is string => typeof d === 'string') : [],
  };
}

export const affectsChecks = (e: vscode.ConfigurationChangeEvent) => e.affectsConfiguration('tensorTutor.checks');

/**
 * Adds a check id to `tensorTutor.checks.disabled`: in the workspace settings when the workspace already sets
 * the list (it would hide a user-level change), otherwise in the user settings.
 */
export async function disableCheck(id: unknown, title?: string): Promise<void> {
  if (typeof id !== 'string' || !/^[a-z0-9-]+$/.test(id)) return;
  const config = vscode.workspace.getConfiguration('tensorTutor.checks');
  const inspected = config.inspect<string[]>('disabled');
  const inWorkspace = inspected?.workspaceValue !== undefined;
  const current = (inWorkspace ? inspected?.workspaceValue : inspected?.globalValue) ?? [];
  if (current.includes(id)) return;
  await config.update('disabled', [...current, id], inWorkspace ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global);
  void vscode.window.showInformationMessage(
    vscode.l10n.t('Tensor Tutor will no longer report "{0}". Remove {1} from the setting tensorTutor.checks.disabled to turn it back on.', title ?? id, id),
  );
}
