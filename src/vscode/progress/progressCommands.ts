// Export, import and reset of progress. The commands take no arguments: the file always comes from the
// learner's own dialog and a reset always from their own modal answer, so no link or other extension can pick a
// target file or skip the question (CVE-2022-41034-style command links). `exportTo`/`importFrom`/`resetNow` are
// the explicit route for the integration tests, reachable only through the test-mode internals.
import * as vscode from 'vscode';
import { MAX_PROGRESS_FILE_BYTES, mergeProgress, parseProgressFile, serializeProgressFile } from '../../core/progress/exchange';
import type { ProgressService } from './progressService';

export interface ImportOutcome {
  added: number;
  updated: number;
  keptLocal: number;
  unknown: number;
  backup?: vscode.Uri;
}

const JSON_FILTER = { JSON: ['json'] };

function dated(prefix: string, now: Date): string {
  return `${prefix}-${now.toISOString().slice(0, 19).replace(/[:T]/g, '-')}.json`;
}

function inWorkspace(name?: string): vscode.Uri | undefined {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  return folder && name ? vscode.Uri.joinPath(folder, name) : folder;
}

export class ProgressCommands {
  constructor(
    private readonly progress: ProgressService,
    private readonly globalStorage: vscode.Uri,
    private readonly log: vscode.LogOutputChannel,
    /** Card ids this bank knows (bundled or from a deck), so an import cannot fill storage with made-up ids. */
    private readonly isKnownId: () => Promise<(id: string) => boolean>,
  ) {}

  async export(): Promise<vscode.Uri | undefined> {
    const uri = await vscode.window.showSaveDialog({
      title: vscode.l10n.t('Export Tensor Tutor Progress'),
      defaultUri: inWorkspace(`tensor-tutor-progress-${this.progress.clock.now().toISOString().slice(0, 10)}.json`),
      filters: JSON_FILTER,
      saveLabel: vscode.l10n.t('Export'),
    });
    return uri ? this.exportTo(uri) : undefined;
  }

  async exportTo(uri: vscode.Uri): Promise<vscode.Uri> {
    const cards = this.progress.engine.entries();
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(serializeProgressFile(cards, this.progress.clock.now())));
    this.log.info(`Exported ${cards.length} card state(s) to ${uri.toString()}`);
    vscode.window.setStatusBarMessage(vscode.l10n.t('Tensor Tutor: exported progress of {0} cards.', cards.length), 5000);
    return uri;
  }

  async import(): Promise<ImportOutcome | undefined> {
    const picked = await vscode.window.showOpenDialog({
      title: vscode.l10n.t('Import Tensor Tutor Progress'),
      defaultUri: inWorkspace(),
      filters: JSON_FILTER,
      canSelectMany: false,
      openLabel: vscode.l10n.t('Import'),
    });
    if (!picked?.[0]) return undefined;
    const outcome = await this.importFrom(picked[0]);
    if (outcome?.backup) void this.offerUndo(outcome.backup, vscode.l10n.t('Imported progress: {0} added, {1} updated, {2} unchanged (yours were as recent or newer).', outcome.added, outcome.updated, outcome.keptLocal));
    return outcome;
  }

  /** Merges a progress file (newest review wins per card), after a backup. A bad file changes nothing and says why. */
  async importFrom(uri: vscode.Uri): Promise<ImportOutcome | undefined> {
    const name = uri.path.split('/').pop() ?? uri.toString();
    let text: string;
    try {
      const stat = await vscode.workspace.fs.stat(uri);
      if (stat.size > MAX_PROGRESS_FILE_BYTES) return this.importFailed(name, vscode.l10n.t('the file is larger than {0} MB', MAX_PROGRESS_FILE_BYTES / 1048576));
      text = new TextDecoder('utf-8', { fatal: true }).decode(await vscode.workspace.fs.readFile(uri));
    } catch (error) {
      return this.importFailed(name, (error as Error).message);
    }
    const parsed = parseProgressFile(text, this.progress.clock.now(), await this.isKnownId());
    if (!parsed.ok) return this.importFailed(name, parsed.error);
    const merge = mergeProgress((id) => this.progress.get(id), parsed.cards);
    const outcome: ImportOutcome = { added: merge.added, updated: merge.updated, keptLocal: merge.keptLocal, unknown: parsed.unknownIds.length };
    if (merge.changes.size) {
      const backup = await this.backup('progress-before-import');
      if (!backup) return this.importFailed(name, vscode.l10n.t('the backup of your current progress could not be written'));
      outcome.backup = backup;
      await this.progress.setCards(merge.changes);
    }
    if (outcome.unknown) this.log.warn(`Import of ${name}: ${outcome.unknown} card id(s) unknown to this bank were not imported (${parsed.unknownIds.slice(0, 5).join(', ')}…)`);
    this.log.info(`Imported ${name}: ${JSON.stringify({ ...outcome, backup: outcome.backup?.toString() })}`);
    return outcome;
  }

  private importFailed(name: string, reason: string): undefined {
    this.log.warn(`Import of ${name} refused: ${reason}`);
    void vscode.window.showErrorMessage(vscode.l10n.t('Could not import {0}: {1}. Your progress was not changed.', name, reason));
    return undefined;
  }

  async reset(): Promise<vscode.Uri | undefined> {
    const reset = vscode.l10n.t('Reset');
    const answer = await vscode.window.showWarningMessage(
      vscode.l10n.t('Reset all Tensor Tutor progress?'),
      { modal: true, detail: vscode.l10n.t('Every card becomes new again. A backup is saved first and the review log is kept.') },
      reset,
    );
    if (answer !== reset) return undefined;
    const backup = await this.resetNow();
    if (backup) void this.offerUndo(backup, vscode.l10n.t('Tensor Tutor progress was reset.'));
    return backup;
  }

  /** Clears every card state after writing a backup; nothing happens if the backup cannot be written. */
  async resetNow(): Promise<vscode.Uri | undefined> {
    const backup = await this.backup('progress-before-reset');
    if (!backup) {
      void vscode.window.showErrorMessage(vscode.l10n.t('Progress was not reset: the backup could not be written.'));
      return undefined;
    }
    await this.progress.reset();
    this.log.info(`Progress reset; backup at ${backup.toString()}`);
    return backup;
  }

  private async backup(prefix: string): Promise<vscode.Uri | undefined> {
    const folder = vscode.Uri.joinPath(this.globalStorage, 'backups');
    const uri = vscode.Uri.joinPath(folder, dated(prefix, this.progress.clock.now()));
    try {
      await vscode.workspace.fs.createDirectory(folder);
      await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(serializeProgressFile(this.progress.engine.entries(), this.progress.clock.now())));
      return uri;
    } catch (error) {
      this.log.error(`Could not write the backup ${uri.toString()}: ${(error as Error).message}`);
      return undefined;
    }
  }

  /** "Undo" restores the backup taken just before: the states it holds, and new cards for the rest. */
  private async offerUndo(backup: vscode.Uri, message: string): Promise<void> {
    const undo = vscode.l10n.t('Undo');
    if ((await vscode.window.showInformationMessage(message, undo)) !== undo) return;
    const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(backup));
    const parsed = parseProgressFile(text, this.progress.clock.now());
    if (!parsed.ok) return void vscode.window.showErrorMessage(vscode.l10n.t('The backup could not be read: {0}', parsed.error));
    await this.progress.reset();
    await this.progress.setCards(parsed.cards);
  }
}
