// Per-document facts the hover needs beyond one line: the imports (what `nn` means) and which lines are
// prose (docstrings, Markdown outside code). Computed once per document version, then looked up.
import type * as vscode from 'vscode';
import { documentFacts } from '../../core/glossary/documentFacts';
import type { ImportContext } from '../../core/glossary/imports';

interface Entry {
  version: number;
  imports: ImportContext;
  /** Lines whose content is prose in a code file (docstrings), or code in a prose file (fenced blocks). */
  flipped: Set<number>;
}

export class DocumentContexts {
  private readonly cache = new WeakMap<vscode.TextDocument, Entry>();

  get(document: vscode.TextDocument): Entry {
    const cached = this.cache.get(document);
    if (cached && cached.version === document.version) return cached;
    const text = document.getText();
    const prose = isProseLanguage(document.languageId);
    const entry: Entry = { version: document.version, ...documentFacts(text, prose) };
    this.cache.set(document, entry);
    return entry;
  }
}

export function isProseLanguage(languageId: string): boolean {
  return languageId !== 'python';
}
