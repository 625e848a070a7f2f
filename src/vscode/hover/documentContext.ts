// Per-document facts the hover needs beyond one line: the imports (what `nn` means) and which lines are
// prose (docstrings, Markdown outside code). Computed once per document version, then looked up.
// A notebook cell is a document of its own; its facts also count the imports of the cells before it, and are
// recomputed when any of those cells changes.
import * as vscode from 'vscode';
import { documentFacts, notebookCellFacts, type NotebookCellText } from '../../core/glossary/documentFacts';
import type { ImportContext } from '../../core/glossary/imports';

interface Entry {
  /** The document version, plus the versions of the earlier cells for a notebook cell. */
  version: string;
  imports: ImportContext;
  /** Lines whose content is prose in a code file (docstrings), or code in a prose file (fenced blocks). */
  flipped: Set<number>;
  /** Identifiers of the document's code (for names that only count next to another). */
  words: Set<string>;
}

export class DocumentContexts {
  private readonly cache = new WeakMap<vscode.TextDocument, Entry>();

  get(document: vscode.TextDocument): Entry {
    const cells = document.uri.scheme === 'vscode-notebook-cell' ? cellsUpTo(document) : undefined;
    const version = cells ? cells.map((c) => c.document.version).join(',') : String(document.version);
    const cached = this.cache.get(document);
    if (cached && cached.version === version) return cached;
    const facts = cells
      ? notebookCellFacts(cells.map(cellText), cells.length - 1)
      : documentFacts(document.getText(), isProseLanguage(document.languageId));
    const entry: Entry = { version, ...facts };
    this.cache.set(document, entry);
    return entry;
  }
}

/** The cells of the notebook holding `document`, up to and including it; undefined when it is not open. */
function cellsUpTo(document: vscode.TextDocument): vscode.NotebookCell[] | undefined {
  for (const notebook of vscode.workspace.notebookDocuments) {
    if (notebook.uri.path !== document.uri.path) continue;
    const cells = notebook.getCells();
    const at = cells.findIndex((c) => c.document === document);
    if (at >= 0) return cells.slice(0, at + 1);
  }
  return undefined;
}

function cellText(cell: vscode.NotebookCell): NotebookCellText {
  const code = cell.kind === vscode.NotebookCellKind.Code && !isProseLanguage(cell.document.languageId);
  return { kind: code ? 'code' : 'markdown', text: cell.document.getText() };
}

export function isProseLanguage(languageId: string): boolean {
  return languageId !== 'python';
}
