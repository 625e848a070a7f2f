// Facts about a whole document that the matcher needs beyond one line: its imports (what `nn` means) and
// which lines are "flipped" (docstrings in a code file are prose; fenced blocks in a prose file are code).
import { parseImports, type ImportContext } from './imports';

const MAX_SCAN_LINES = 20_000;

export function documentFacts(text: string, prose: boolean): { imports: ImportContext; flipped: Set<number> } {
  return {
    imports: parseImports(prose ? fencedPython(text) : text),
    flipped: prose ? fencedLines(text) : docstringLines(text),
  };
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
