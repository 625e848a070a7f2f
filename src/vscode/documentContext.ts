// Per-document facts the hover needs beyond one line: the imports (what `nn` means) and which lines are
// prose (docstrings, Markdown outside code). Computed once per document version, then looked up.
import type * as vscode from 'vscode';
import { parseImports, type ImportContext } from '../core/glossary/imports';

interface Entry {
  version: number;
  imports: ImportContext;
  /** Lines whose content is prose in a code file (docstrings), or code in a prose file (fenced blocks). */
  flipped: Set<number>;
}

const MAX_SCAN_LINES = 20_000;

export class DocumentContexts {
  private readonly cache = new WeakMap<vscode.TextDocument, Entry>();

  get(document: vscode.TextDocument): Entry {
    const cached = this.cache.get(document);
    if (cached && cached.version === document.version) return cached;
    const text = document.getText();
    const prose = isProseLanguage(document.languageId);
    const entry: Entry = {
      version: document.version,
      imports: parseImports(prose ? fencedPython(text) : text),
      flipped: prose ? fencedLines(text) : docstringLines(text),
    };
    this.cache.set(document, entry);
    return entry;
  }
}

export function isProseLanguage(languageId: string): boolean {
  return languageId !== 'python';
}

function docstringLines(text: string): Set<number> {
  const lines = new Set<number>();
  let open = '';
  text.split('\n', MAX_SCAN_LINES).forEach((line, i) => {
    let rest = line;
    if (open) lines.add(i);
    for (;;) {
      const q = open || (/("""|''')/.exec(rest)?.[1] ?? '');
      const at = q ? rest.indexOf(q) : -1;
      if (at < 0) break;
      if (open) {
        open = '';
      } else {
        open = q;
        lines.add(i);
      }
      rest = rest.slice(at + 3);
    }
  });
  return lines;
}

function fencedLines(text: string): Set<number> {
  const lines = new Set<number>();
  let inFence = false;
  text.split('\n', MAX_SCAN_LINES).forEach((line, i) => {
    if (/^\s*(```|~~~)/.test(line)) inFence = !inFence;
    else if (inFence) lines.add(i);
  });
  return lines;
}

function fencedPython(text: string): string {
  const lines = text.split('\n', MAX_SCAN_LINES);
  const fenced = fencedLines(text);
  return lines.filter((_, i) => fenced.has(i)).join('\n');
}
