// Facts about a whole document that the matcher needs beyond one line: its imports (what `nn` means) and which lines are
// "flipped" (docstrings in a code file are prose; fenced blocks in a prose file are code).
import { parseImports, type ImportContext } from './imports';
import { commentStart } from './stringMatch';

const MAX_SCAN_LINES = 20_000;

export interface DocumentFacts {
  imports: ImportContext;
  /** Lines whose content is prose in a code file (docstrings), or code in a prose file (fenced blocks). */
  flipped: Set<number>;
  /** The identifiers of the document's code, for names that only count next to another (`mu` with `logvar`). */
  words: Set<string>;
}

export function documentFacts(text: string, prose: boolean): DocumentFacts {
  const code = prose ? fencedPython(text) : text;
  return { imports: parseImports(code), flipped: prose ? fencedLines(text) : docstringLines(text), words: identifiers(code) };
}

/** One cell of a notebook: Python code, or anything else (Markdown, raw text), which reads as prose. */
export interface NotebookCellText {
  kind: 'code' | 'markdown';
  text: string;
}

/**
 * The facts of cell `index` of a notebook, which VS Code opens as a document of its own: its own docstring or fence
 * lines, and the imports of every code cell up to it, since a notebook runs its cells in order and an import in the
 * first cell serves them all. A later import of the same name wins, as it does at run time.
 */
export function notebookCellFacts(cells: readonly NotebookCellText[], index: number): DocumentFacts {
  const cell = cells[index];
  const prose = cell.kind !== 'code';
  const own = documentFacts(cell.text, prose);
  const earlier = cells.slice(0, index).filter((c) => c.kind === 'code').map((c) => c.text);
  if (!earlier.length) return own;
  const code = [...earlier, prose ? fencedPython(cell.text) : cell.text].join('\n');
  return { ...own, imports: parseImports(code, MAX_SCAN_LINES), words: identifiers(code) };
}

const MAX_WORDS = 20_000;

/** The identifiers of the code, not of its comments (`# unlike LayerNorm` is no LayerNorm of the file). */
function identifiers(code: string): Set<string> {
  const words = new Set<string>();
  const text = code.split('\n', MAX_SCAN_LINES).map((line) => {
    const hash = commentStart(line);
    return hash < 0 ? line : line.slice(0, hash);
  }).join('\n');
  for (const m of text.matchAll(/[A-Za-z_]\w*/g)) {
    words.add(m[0]);
    if (words.size >= MAX_WORDS) break;
  }
  return words;
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
