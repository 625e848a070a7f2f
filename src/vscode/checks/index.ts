// Training-code checks in the editor: diagnostics with a link to the explaining question, and code
// actions (quick fix, Explain, Quiz me on this, ignore the line, don't warn about the check). Only
// listeners are registered here; the checks and their parser load on the first analysis.
import * as vscode from 'vscode';
import { CheckCodeActions } from './codeActions';
import { CheckDiagnostics } from './diagnostics';
import { affectsChecks, disableCheck, DISABLE_CHECK_COMMAND } from './settings';

export const OPEN_CHECKS_SAMPLE_COMMAND = 'tensorTutor.openChecksSample';
const SAMPLE = ['samples', 'checks_demo.py'] as const;

export interface ChecksDeps {
  extensionUri: vscode.Uri;
  log: vscode.LogOutputChannel;
}

export function registerChecks({ extensionUri, log }: ChecksDeps): vscode.Disposable {
  const diagnostics = new CheckDiagnostics(log);
  const disposables: vscode.Disposable[] = [
    diagnostics,
    vscode.languages.registerCodeActionsProvider({ language: 'python' }, new CheckCodeActions(diagnostics), CheckCodeActions.metadata),
    vscode.commands.registerCommand(DISABLE_CHECK_COMMAND, (id: unknown, title: unknown) => disableCheck(id, typeof title === 'string' ? title : undefined)),
    vscode.commands.registerCommand(OPEN_CHECKS_SAMPLE_COMMAND, () => openChecksSample(extensionUri)),
    vscode.workspace.onDidChangeConfiguration((e) => affectsChecks(e) && diagnostics.refreshAll()),
  ];
  diagnostics.refreshAll(); // timers only: the first analysis runs after activate() has returned
  return { dispose: () => disposables.forEach((d) => d.dispose()) };
}

/** The bundled script with planted mistakes, as an untitled document (the installed file is never edited). */
async function openChecksSample(extensionUri: vscode.Uri): Promise<vscode.TextEditor> {
  const bytes = await vscode.workspace.fs.readFile(vscode.Uri.joinPath(extensionUri, ...SAMPLE));
  const doc = await vscode.workspace.openTextDocument({ language: 'python', content: new TextDecoder().decode(bytes) });
  return vscode.window.showTextDocument(doc, { preview: false });
}
