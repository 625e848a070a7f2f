// Training-code checks in the editor: diagnostics with a link to the explaining question, and code
// actions (quick fix, Explain, Quiz me on this, ignore the line, don't warn about the check). Only
// listeners are registered here; the checks and their parser load on the first analysis.
import * as vscode from 'vscode';
import type { App } from '../app';
import { Commands, type CommandTable } from '../shared/commands';
import { CheckCodeActions } from './codeActions';
import { CheckDiagnostics } from './diagnostics';
import { affectsChecks, disableCheck } from './settings';

const SAMPLE = ['samples', 'checks_demo.py'] as const;

export function registerChecks(app: App): { commands: CommandTable; disposables: vscode.Disposable[] } {
  const diagnostics = new CheckDiagnostics(app.log, app.settings);
  const disposables: vscode.Disposable[] = [
    diagnostics,
    vscode.languages.registerCodeActionsProvider({ language: 'python' }, new CheckCodeActions(diagnostics), CheckCodeActions.metadata),
    vscode.workspace.onDidChangeConfiguration((e) => affectsChecks(e) && diagnostics.refreshAll()),
  ];
  diagnostics.refreshAll(); // timers only: the first analysis runs after activate() has returned
  return {
    commands: {
      [Commands.disableCheck]: (id: unknown, title: unknown) => disableCheck(app.settings, id, typeof title === 'string' ? title : undefined),
      [Commands.openChecksSample]: () => openChecksSample(app.extensionUri),
    },
    disposables,
  };
}

/** The bundled script with planted mistakes, as an untitled document (the installed file is never edited). */
async function openChecksSample(extensionUri: vscode.Uri): Promise<vscode.TextEditor> {
  const bytes = await vscode.workspace.fs.readFile(vscode.Uri.joinPath(extensionUri, ...SAMPLE));
  const doc = await vscode.workspace.openTextDocument({ language: 'python', content: new TextDecoder().decode(bytes) });
  return vscode.window.showTextDocument(doc, { preview: false });
}
