// "Tensor Tutor: New Question": writes a valid question file into the workspace deck (.tensor-tutor/) and
// opens it. The template passes the deck checks as written, so the learner starts from a green file.
import * as vscode from 'vscode';
import { DIFFICULTIES } from '../../core/bank/types';
import type { BankService } from '../shared/bankService';
import { WORKSPACE_DECK_FOLDER } from './deckRoots';

export function questionTemplate(id: string, topic: string, title: string): string {
  return `---
# Required: id, topic, difficulty. Optional: concepts, covers, related, choices, keyPoints (schemas/question.schema.json)
id: ${id}
topic: ${topic}
difficulty: basic            # ${DIFFICULTIES.join(' | ')}
# concepts: [dropout]        # glossary concept ids this question explains (bundled or from glossary/*.yaml here)
# related: [weight-decay]    # other question ids (this deck first, then the bundled bank)
# keyPoints:                 # 3-6 short points a good answer contains
#   - First point
---
# ${title.replace(/\r?\n/g, ' ')}

Write the answer in Markdown: the intuition, the mechanics, a short code snippet, a pitfall.
`;
}

export function slugOf(title: string): string {
  return title.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 60).replace(/-+$/, '') || 'question';
}

/** Arguments are for tests and keybindings; without them the command asks. Resolves with the new file. */
export async function newQuestion(bank: BankService, args: { title?: unknown; topic?: unknown } = {}): Promise<vscode.Uri | undefined> {
  const t = vscode.l10n.t;
  const folders = vscode.workspace.workspaceFolders ?? [];
  if (!folders.length) {
    void vscode.window.showErrorMessage(t('Open a folder first: new questions go into its {0} folder.', WORKSPACE_DECK_FOLDER));
    return undefined;
  }
  const folder = folders.length === 1 ? folders[0] : await vscode.window.showWorkspaceFolderPick({ placeHolder: t('Which folder gets the question?') });
  if (!folder) return undefined;
  const title = typeof args.title === 'string' ? args.title : await vscode.window.showInputBox({
    title: t('Tensor Tutor: New Question'),
    prompt: t('The question, as you would ask it in an interview'),
    validateInput: (v) => (v.trim() ? undefined : t('Type the question')),
  });
  if (!title?.trim()) return undefined;
  const view = await bank.withDecks();
  let topic = typeof args.topic === 'string' ? args.topic : undefined;
  if (!topic) {
    const picked = await vscode.window.showQuickPick(view.bank.topics.map((tp) => ({ label: tp.title, description: tp.id, id: tp.id })), { title: t('Topic of the new question') });
    topic = picked?.id;
  }
  if (!topic || !view.topicsById.has(topic)) return undefined;
  const dir = vscode.Uri.joinPath(folder.uri, WORKSPACE_DECK_FOLDER);
  await vscode.workspace.fs.createDirectory(dir);
  const base = slugOf(title);
  let id = base;
  for (let n = 2; await exists(vscode.Uri.joinPath(dir, `${id}.md`)); n++) id = `${base}-${n}`;
  const uri = vscode.Uri.joinPath(dir, `${id}.md`);
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(questionTemplate(id, topic, title.trim())));
  const editor = await vscode.window.showTextDocument(uri);
  // Cursor on the answer text, ready to overwrite.
  const line = editor.document.lineCount - 2;
  editor.selection = new vscode.Selection(line, 0, line, editor.document.lineAt(line).text.length);
  return uri;
}

async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}
