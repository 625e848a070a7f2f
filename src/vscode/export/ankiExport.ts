// "Export Deck for Anki…": the bank, or one topic, as a TSV file Anki imports (Basic and Cloze notes). The scope
// and the file always come from the learner's own pickers; `exportDeckTo` is the explicit route for the tests.
import * as vscode from 'vscode';
import { onDemand } from '../shared/onDemand';
import type { BankService } from '../shared/bankService';

export async function exportDeck(bank: BankService, log: vscode.LogOutputChannel): Promise<{ uri: vscode.Uri; notes: number } | undefined> {
  const view = await bank.get();
  const all = { label: `$(library) ${vscode.l10n.t('Whole question bank')}`, description: `${view.bank.questions.length}`, topic: undefined as string | undefined };
  const picked = await vscode.window.showQuickPick(
    [all, { label: '', kind: vscode.QuickPickItemKind.Separator, topic: undefined }, ...view.bank.topics.map((t) => ({ label: t.title, description: `${view.questionsOfTopic(t.id).length}`, topic: t.id as string | undefined }))],
    { title: vscode.l10n.t('Export Deck for Anki'), placeHolder: vscode.l10n.t('Which questions?') },
  );
  if (!picked) return undefined;
  const uri = await vscode.window.showSaveDialog({
    title: vscode.l10n.t('Export Deck for Anki'),
    defaultUri: vscode.workspace.workspaceFolders?.[0] ? vscode.Uri.joinPath(vscode.workspace.workspaceFolders[0].uri, `tensor-tutor-${picked.topic ?? 'all'}.tsv`) : undefined,
    filters: { [vscode.l10n.t('Anki text file')]: ['tsv', 'txt'] },
    saveLabel: vscode.l10n.t('Export'),
  });
  return uri ? exportDeckTo(bank, log, uri, picked.topic) : undefined;
}

export async function exportDeckTo(bank: BankService, log: vscode.LogOutputChannel, uri: vscode.Uri, topicId?: string): Promise<{ uri: vscode.Uri; notes: number }> {
  const view = await bank.get();
  const questions = topicId && view.topicsById.has(topicId) ? view.questionsOfTopic(topicId) : view.bank.questions;
  const { formatAnkiTsv, questionToNotes } = await onDemand();
  const notes = questions.flatMap(questionToNotes);
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(formatAnkiTsv(notes)));
  log.info(`Exported ${notes.length} note(s) for Anki to ${uri.toString()}`);
  vscode.window.setStatusBarMessage(vscode.l10n.t('Tensor Tutor: exported {0} notes for Anki (File → Import in Anki).', notes.length), 6000);
  return { uri, notes: notes.length };
}
