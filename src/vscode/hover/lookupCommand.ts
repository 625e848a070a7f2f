// "Tensor Tutor: Look Up Term": explains the selection or the term at the cursor, even with hovers off.
import * as vscode from 'vscode';
import type { BankService } from '../shared/bankService';
import type { DocumentContexts } from './documentContext';
import { findMatch } from './hoverProvider';
import { Commands } from '../shared/commands';
import type { Concept } from '../../core/bank/types';

export async function lookUpTerm(bank: BankService, contexts: DocumentContexts, term?: string): Promise<Concept | undefined> {
  const index = await bank.glossaryIndex();
  const editor = vscode.window.activeTextEditor;
  let concept: Concept | undefined;
  if (typeof term === 'string') concept = index.lookupTerm(term);
  else if (editor) {
    const selection = editor.document.getText(editor.selection).trim();
    concept = selection ? index.lookupTerm(selection) : findMatch(index, editor.document, editor.selection.active, contexts)?.concept;
    if (!concept && !selection) {
      const word = editor.document.getWordRangeAtPosition(editor.selection.active, /[\w.]+/);
      if (word) concept = index.lookupTerm(editor.document.getText(word));
    }
  }
  if (!concept) {
    const picked = await vscode.window.showQuickPick(
      [...index.byId.values()].map((c) => ({ label: c.name, description: c.aliases.slice(0, 3).join(', '), detail: c.definition, concept: c })),
      { title: vscode.l10n.t('Tensor Tutor: Look Up Term'), placeHolder: vscode.l10n.t('No deep-learning term at the cursor; pick a concept'), matchOnDescription: true },
    );
    concept = picked?.concept;
  }
  if (concept) void showConcept(concept);
  return concept;
}

async function showConcept(concept: Concept): Promise<void> {
  const actions = concept.questionIds.length ? [vscode.l10n.t('Open Question'), vscode.l10n.t('Quiz Me')] : [];
  const choice = await vscode.window.showInformationMessage(`${concept.name}: ${concept.definition}`, ...actions);
  if (choice === actions[0]) await vscode.commands.executeCommand(Commands.openQuestion, concept.questionIds[0]);
  else if (choice === actions[1]) await vscode.commands.executeCommand(Commands.quizConcept, concept.id);
}
