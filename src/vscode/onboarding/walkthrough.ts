// The Get Started walkthrough's helpers: open the bundled sample as an untitled Python document (hovers
// work on it in desktop and web, and the installed extension's files are never edited), and open the
// walkthrough itself.
import * as vscode from 'vscode';

export const WALKTHROUGH_ID = 'tensor-tutor.tensor-tutor#tensorTutor.gettingStarted';
export const SAMPLE_PATH = ['samples', 'getting_started.py'] as const;

export async function openSample(extensionUri: vscode.Uri): Promise<vscode.TextEditor> {
  const bytes = await vscode.workspace.fs.readFile(vscode.Uri.joinPath(extensionUri, ...SAMPLE_PATH));
  const doc = await vscode.workspace.openTextDocument({ language: 'python', content: new TextDecoder().decode(bytes) });
  return vscode.window.showTextDocument(doc, { preview: false });
}

export function openWalkthrough(): Thenable<unknown> {
  return vscode.commands.executeCommand('workbench.action.openWalkthrough', WALKTHROUGH_ID, false);
}
