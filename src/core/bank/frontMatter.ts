// Splits a Markdown file into YAML front matter and body, and parses the YAML with line tracking,
// so every validation error can point at the right line of the original file.
import { LineCounter, parseDocument, isMap, isSeq, isScalar, type Document, type Node } from 'yaml';

export interface FrontMatter {
  /** Plain data (no prototype tricks: maps become null-prototype objects). */
  data: unknown;
  /** 1-based line of the first YAML line in the file. */
  firstLine: number;
  /** Line of a top-level key (or of the front matter start when absent). */
  lineOf(path: (string | number)[]): number;
  errors: { line: number; message: string }[];
}

export interface SplitFile {
  frontMatter?: string;
  /** 1-based line where the front matter text begins. */
  frontMatterLine: number;
  body: string;
  /** 1-based line where the body begins. */
  bodyLine: number;
}

const FENCE = /^---\s*$/;

export function splitFrontMatter(text: string): SplitFile {
  const lines = text.split(/\r?\n/);
  if (!FENCE.test(lines[0] ?? '')) return { frontMatterLine: 1, body: text, bodyLine: 1 };
  for (let i = 1; i < lines.length; i++) {
    if (FENCE.test(lines[i])) {
      return {
        frontMatter: lines.slice(1, i).join('\n'),
        frontMatterLine: 2,
        body: lines.slice(i + 1).join('\n'),
        bodyLine: i + 2,
      };
    }
  }
  return { frontMatterLine: 2, body: '', bodyLine: lines.length + 1, frontMatter: undefined };
}

/** Converts a parsed YAML node to plain data with null-prototype maps (`__proto__` stays an ordinary key). */
function toPlain(node: unknown, depth = 0): unknown {
  if (depth > 20) return undefined;
  if (isMap(node)) {
    const out: Record<string, unknown> = Object.create(null);
    for (const pair of node.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
      out[key] = toPlain(pair.value, depth + 1);
    }
    return out;
  }
  if (isSeq(node)) return node.items.map((item) => toPlain(item, depth + 1));
  if (isScalar(node)) return node.value;
  // Aliases (*ref) are not followed: no "billion laughs" expansion from a hostile deck.
  return null;
}

export function parseYaml(source: string, firstLine: number): FrontMatter {
  const lineCounter = new LineCounter();
  const doc: Document = parseDocument(source, { lineCounter, uniqueKeys: true, prettyErrors: false });
  const lineAt = (offset: number) => lineCounter.linePos(offset).line + firstLine - 1;
  const errors = [...doc.errors, ...doc.warnings].map((e) => {
    const message = e.message.split('\n')[0];
    // An unclosed [ { or quote is noticed lines later; point at the line that opened it.
    const unclosed = /end with an? ([\]}])|Missing closing ("|')/.exec(message);
    const opener = unclosed ? (unclosed[1] === ']' ? '[' : unclosed[1] === '}' ? '{' : unclosed[2]) : undefined;
    const at = opener ? source.lastIndexOf(opener, Math.max(0, e.pos[0] - 1)) : -1;
    return at >= 0
      ? { line: lineAt(at), message: `${message} (the "${opener}" on this line is never closed)` }
      : { line: lineAt(e.pos[0]), message };
  });
  return {
    data: errors.length ? undefined : toPlain(doc.contents),
    firstLine,
    errors,
    lineOf(path) {
      let node: unknown = doc.contents;
      let best = firstLine;
      for (const key of path) {
        if (!isMap(node) && !isSeq(node)) break;
        const pair = isMap(node) ? node.items.find((p) => isScalar(p.key) && p.key.value === key) : undefined;
        const next = isMap(node) ? pair?.value : (node as { items: unknown[] }).items[key as number];
        const anchor = (pair?.key ?? next) as Node | undefined;
        if (!anchor?.range) break;
        best = lineAt(anchor.range[0]);
        node = next;
      }
      return best;
    },
  };
}
