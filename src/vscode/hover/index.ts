// The hover feature: the hover provider (re-registered when the languages setting changes), Look Up Term, and
// the concept scan other features use ("Concepts in this file").
import * as vscode from 'vscode';
import type { App } from '../app';
import { Commands, type CommandTable } from '../shared/commands';
import { Settings, SettingKeys } from '../shared/settings';
import { DocumentContexts } from './documentContext';
import { DlHoverProvider } from './hoverProvider';
import { lookUpTerm } from './lookupCommand';
import { conceptsInDocument } from './conceptScan';

export function registerHover(app: App): { commands: CommandTable; disposables: vscode.Disposable[]; conceptsIn(document: vscode.TextDocument): Promise<Map<string, string>> } {
  const contexts = new DocumentContexts();
  const provider = new DlHoverProvider(app.bank, contexts, app.settings, {
    statusOf: (concept) => {
      const statuses = concept.questionIds.map((id) => app.progress.status(id));
      if (!statuses.length || statuses.every((s) => s === 'new')) return undefined;
      if (statuses.includes('due')) return vscode.l10n.t('due');
      return statuses.every((s) => s === 'mastered') ? vscode.l10n.t('mastered') : vscode.l10n.t('learning');
    },
  });
  const register = () => {
    const selector = app.settings.hoverLanguages().flatMap((language) => ['file', 'untitled', 'vscode-notebook-cell', 'vscode-vfs'].map((scheme) => ({ language, scheme })));
    return vscode.languages.registerHoverProvider(selector, provider);
  };
  let registration = register();
  return {
    commands: { [Commands.lookUpTerm]: (term?: unknown) => lookUpTerm(app.bank, contexts, typeof term === 'string' ? term : undefined) },
    disposables: [
      { dispose: () => registration.dispose() },
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (!Settings.affects(event, SettingKeys.hoverLanguages)) return;
        registration.dispose();
        registration = register();
      }),
    ],
    conceptsIn: async (document) => conceptsInDocument(await app.bank.glossaryIndex(), document, contexts),
  };
}
