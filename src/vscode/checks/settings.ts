// The checks' diagnostic source, and the "don't warn about this check" command (the settings themselves are read
// through the shared Settings).
import * as vscode from 'vscode';
import { Settings, SettingKeys } from '../shared/settings';

export const CHECKS_SOURCE = 'Tensor Tutor';

export async function disableCheck(settings: Settings, id: unknown, title?: string): Promise<void> {
  if (typeof id !== 'string' || !/^[a-z0-9-]+$/.test(id)) return;
  if (!(await settings.disableCheck(id))) return;
  void vscode.window.showInformationMessage(
    vscode.l10n.t('Tensor Tutor will no longer report "{0}". Remove {1} from the setting tensorTutor.checks.disabled to turn it back on.', title ?? id, id),
  );
}

export const affectsChecks = (e: vscode.ConfigurationChangeEvent) => Settings.affects(e, SettingKeys.checksEnabled) || Settings.affects(e, SettingKeys.checksDisabled);
