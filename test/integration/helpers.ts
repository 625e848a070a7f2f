// Shared helpers for the integration tests: the activated extension's API and fixture documents.
import * as vscode from 'vscode';
import { afterEach, waitFor } from './framework';
import type { ActivationResult } from '../../src/extension';
import type { Internals } from '../../src/vscode/testInternals';
import type { QuizPanel } from '../../src/vscode/quiz/quizPanel';
import type { QuizMessage } from '../../src/shared/protocol';

export const EXTENSION_ID = 'tensor-tutor.tensor-tutor';

/** The activated extension with its test-only internals (present because the tests run in ExtensionMode.Test). */
export async function activated(): Promise<ActivationResult & { internals: Internals }> {
  const ext = vscode.extensions.getExtension<ActivationResult>(EXTENSION_ID);
  if (!ext) throw new Error(`extension ${EXTENSION_ID} is not installed in this host`);
  const api = ext.isActive ? ext.exports : await ext.activate();
  if (!api.internals) throw new Error('no internals: the extension is not running in ExtensionMode.Test');
  return api as ActivationResult & { internals: Internals };
}

type Untagged<M> = M extends { card: string } ? Omit<M, 'card'> & { card?: string } : M;

/** Posts a message into the quiz panel exactly as its webview would (validated, queued), tagged with the card on screen. */
export async function quizSend(panel: QuizPanel, message: Untagged<QuizMessage>): Promise<boolean> {
  const card = panel.sessionState.queue[panel.sessionState.position];
  const tagged = 'card' in message || ['reveal', 'pick', 'submit', 'grade', 'next', 'skip'].includes(message.type) ? { card, ...message } : message;
  return panel.receive(tagged);
}

export function workspaceFile(name: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('the test workspace is not open');
  return vscode.Uri.joinPath(folder.uri, name);
}

/** The plain text of every hover at a position, as rendered Markdown source. */
export async function hoverText(uri: vscode.Uri, position: vscode.Position): Promise<string[]> {
  const hovers = (await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, position)) ?? [];
  return hovers.map((h) => h.contents.map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : '')).join('\n'));
}

/** Position of the n-th occurrence (0-based) of `needle` in the document, offset into it by `into` chars. */
export function positionOf(doc: vscode.TextDocument, needle: string, into = 1, occurrence = 0): vscode.Position {
  const text = doc.getText();
  let at = -1;
  for (let i = 0; i <= occurrence; i++) at = text.indexOf(needle, at + 1);
  if (at < 0) throw new Error(`"${needle}" not found in ${doc.uri.toString()}`);
  return doc.positionAt(at + into);
}

/**
 * Before a screenshot scene (only when scripts/screenshots.mjs runs the suite): earlier tests' editors, untitled
 * buffers included (reverted, never saved), are closed so that no test leftover shows in the picture.
 */
export async function clearStageForScreenshots(): Promise<void> {
  if (!vscode.workspace.getConfiguration('tensorTutorTest').get<boolean>('screenshots')) return;
  for (const doc of vscode.workspace.textDocuments.filter((d) => d.isUntitled && d.isDirty)) {
    await vscode.window.showTextDocument(doc);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  }
  for (const notebook of vscode.workspace.notebookDocuments.filter((n) => n.isUntitled && n.isDirty)) {
    await vscode.window.showNotebookDocument(notebook);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  }
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  await vscode.commands.executeCommand('workbench.action.closePanel');
}

/**
 * A screenshot point for scripts/screenshots.mjs: when its user setting is on, switch to the theme, log
 * the request and wait until the script has captured the page (it drops a marker file in the workspace).
 * A no-op in ordinary test runs.
 */
export async function screenshot(name: string, theme: 'Default Dark Modern' | 'Default Light Modern'): Promise<void> {
  if (!vscode.workspace.getConfiguration('tensorTutorTest').get<boolean>('screenshots')) return;
  await vscode.workspace.getConfiguration('workbench').update('colorTheme', theme, vscode.ConfigurationTarget.Global);
  await vscode.commands.executeCommand('notifications.clearAll');
  console.log(`[tt] TT-SCREENSHOT ${name}`);
  const marker = workspaceFile(`.screenshot-${name}`);
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    try {
      await vscode.workspace.fs.stat(marker);
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

// A webview hidden while its page still loads (or fetches KaTeX) stalls the next webview for 30 s in code-server, so
// no test ends with a visible panel that has not painted: the next test may hide it.
afterEach(async () => {
  const ext = vscode.extensions.getExtension<ActivationResult>(EXTENSION_ID);
  const internals = ext?.isActive ? ext.exports.internals : undefined;
  if (!internals) return;
  await waitFor(() => [internals.quizPanel(), internals.readerPanel(), internals.statsPanel()].every((p) => !p || p.settled), 'the visible Tensor Tutor panels to finish painting', 30_000);
});
