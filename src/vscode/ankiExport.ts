// "Export Deck…": the bank, or one topic, as a TSV file for Anki. Arguments (automation, tests): an
// optional target URI and an optional topic id; without them the learner picks the scope and the file.
import * as vscode from 'vscode';
import { onDemand } from './onDemand';
import type { BankService } from './bankService';

export async function exportDeck(bank: BankService, log: vscode.LogOutputChannel, target?: unknown, topicArg?: unknown): Promise<{ uri: vscode.Uri; notes: number } | undefined> {
  const view = await bank.get();
  let topicId: string | undefined = typeof topicArg === 'string' && view.topicsById.has(topicArg) ? topicArg : undefined;
  const targetUri = target instanceof vscode.Uri ? target : undefined;
  if (!targetUri && !topicId) {
    const all = { label: `$(library) ${vscode.l10n.t('Whole question bank')}`, description: `${view.bank.questions.length}`, topic: undefined as string | undefined };
    const picked = await vscode.window.showQuickPick(
      [all, { label: '', kind: vscode.QuickPickItemKind.Separator, topic: undefined }, ...view.bank.topics.map((t) => ({ label: t.title, description: `${view.questionsOfTopic(t.id).length}`, topic: t.id as string | undefined }))],
      { title: vscode.l10n.t('Export Deck for Anki'), placeHolder: vscode.l10n.t('Which questions?') },
    );
    if (!picked) return undefined;
    topicId = picked.topic;
  }
  const questions = topicId ? view.questionsOfTopic(topicId) : view.bank.questions;
  const uri = targetUri ?? (await vscode.window.showSaveDialog({
    title: vscode.l10n.t('Export Deck for Anki'),
    defaultUri: vscode.workspace.workspaceFolders?.[0] ? vscode.Uri.joinPath(vscode.workspace.workspaceFolders[0].uri, `tensor-tutor-${topicId ?? 'all'}.tsv`) : undefined,
    filters: { [vscode.l10n.t('Anki text file')]: ['tsv', 'txt'] },
    saveLabel: vscode.l10n.t('Export'),
  }));
  if (!uri) return undefined;
  const { formatAnkiTsv, questionToNote } = await onDemand();
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(formatAnkiTsv(questions.map(questionToNote))));
  log.info(`Exported ${questions.length} note(s) for Anki to ${uri.toString()}`);
  vscode.window.setStatusBarMessage(vscode.l10n.t('Tensor Tutor: exported {0} notes for Anki (File → Import in Anki).', questions.length), 6000);
  return { uri, notes: questions.length };
}
