// Export, import and reset of progress. Each command takes an optional target URI (automation, tests)
// and otherwise asks through a file dialog. Import validates the whole file before it changes anything;
// reset asks in a modal and writes a backup first.
import * as vscode from 'vscode';
import { mergeProgress, parseProgressFile, serializeProgressFile } from '../core/quiz/progressFile';
import type { ProgressService } from './progressService';

export interface ImportOutcome {
  added: number;
  updated: number;
  keptLocal: number;
}

const JSON_FILTER = { JSON: ['json'] };

function dated(prefix: string, now: Date): string {
  return `${prefix}-${now.toISOString().slice(0, 19).replace(/[:T]/g, '-')}.json`;
}

function defaultFolder(): vscode.Uri | undefined {
  return vscode.workspace.workspaceFolders?.[0]?.uri;
}

function withName(name: string): vscode.Uri | undefined {
  const folder = defaultFolder();
  return folder ? vscode.Uri.joinPath(folder, name) : undefined;
}

export class ProgressCommands {
  constructor(private readonly progress: ProgressService, private readonly globalStorage: vscode.Uri, private readonly log: vscode.LogOutputChannel) {}

  /** Writes every card state to `target` (or where the learner chooses). Returns the file written. */
  async export(target?: vscode.Uri): Promise<vscode.Uri | undefined> {
    const now = this.progress.clock.now();
    const uri = target ?? (await vscode.window.showSaveDialog({
      title: vscode.l10n.t('Export Tensor Tutor Progress'),
      defaultUri: withName(`tensor-tutor-progress-${now.toISOString().slice(0, 10)}.json`),
      filters: JSON_FILTER,
      saveLabel: vscode.l10n.t('Export'),
    }));
    if (!uri) return undefined;
    const cards = this.progress.store.entries();
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(serializeProgressFile(cards, now)));
    this.log.info(`Exported ${cards.length} card state(s) to ${uri.toString()}`);
    // A confirmation, not a notification: nothing to act on.
    vscode.window.setStatusBarMessage(vscode.l10n.t('Tensor Tutor: exported progress of {0} questions.', cards.length), 5000);
    return uri;
  }

  /** Merges a progress file (newest review wins per card). A bad file changes nothing and says why. */
  async import(source?: vscode.Uri): Promise<ImportOutcome | undefined> {
    const uri = source ?? (await vscode.window.showOpenDialog({
      title: vscode.l10n.t('Import Tensor Tutor Progress'),
      defaultUri: defaultFolder(),
      filters: JSON_FILTER,
      canSelectMany: false,
      openLabel: vscode.l10n.t('Import'),
    }))?.[0];
    if (!uri) return undefined;
    const name = uri.path.split('/').pop() ?? uri.toString();
    let text: string;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(await vscode.workspace.fs.readFile(uri));
    } catch (error) {
      return this.importFailed(name, (error as Error).message);
    }
    const parsed = parseProgressFile(text);
    if (!parsed.ok) return this.importFailed(name, parsed.error);
    const merge = mergeProgress((id) => this.progress.store.get(id), parsed.cards);
    if (merge.changes.size) await this.progress.importCards(merge.changes);
    const outcome = { added: merge.added, updated: merge.updated, keptLocal: merge.keptLocal };
    this.log.info(`Imported ${name}: ${JSON.stringify(outcome)}`);
    void vscode.window.showInformationMessage(
      vscode.l10n.t('Imported progress from {0}: {1} added, {2} updated, {3} unchanged (yours were as recent or newer).', name, outcome.added, outcome.updated, outcome.keptLocal),
    );
    return outcome;
  }

  private importFailed(name: string, reason: string): undefined {
    this.log.warn(`Import of ${name} refused: ${reason}`);
    void vscode.window.showErrorMessage(vscode.l10n.t('Could not import {0}: {1}. Your progress was not changed.', name, reason));
    return undefined;
  }

  /**
   * Clears all card states after a modal confirmation (skipped only when called with `{ confirmed: true }`),
   * writing a backup into the extension's storage first. Returns the backup's URI.
   */
  async reset(options?: unknown): Promise<vscode.Uri | undefined> {
    const confirmed = typeof options === 'object' && options !== null && (options as { confirmed?: unknown }).confirmed === true;
    if (!confirmed) {
      const reset = vscode.l10n.t('Reset');
      const answer = await vscode.window.showWarningMessage(
        vscode.l10n.t('Reset all Tensor Tutor progress?'),
        { modal: true, detail: vscode.l10n.t('Every question becomes new again. A backup is saved first and the review log is kept.') },
        reset,
      );
      if (answer !== reset) return undefined;
    }
    const now = this.progress.clock.now();
    const folder = vscode.Uri.joinPath(this.globalStorage, 'backups');
    const backup = vscode.Uri.joinPath(folder, dated('progress-before-reset', now));
    try {
      await vscode.workspace.fs.createDirectory(folder);
      await vscode.workspace.fs.writeFile(backup, new TextEncoder().encode(serializeProgressFile(this.progress.store.entries(), now)));
    } catch (error) {
      this.log.error(`Reset cancelled, the backup could not be written: ${(error as Error).message}`);
      void vscode.window.showErrorMessage(vscode.l10n.t('Progress was not reset: the backup could not be written ({0}).', (error as Error).message));
      return undefined;
    }
    await this.progress.reset();
    this.log.info(`Progress reset; backup at ${backup.toString()}`);
    if (!confirmed) void this.offerUndo(backup);
    return backup;
  }

  private async offerUndo(backup: vscode.Uri): Promise<void> {
    const undo = vscode.l10n.t('Undo');
    const choice = await vscode.window.showInformationMessage(vscode.l10n.t('Tensor Tutor progress was reset.'), undo);
    if (choice === undo) await this.import(backup);
  }
}
