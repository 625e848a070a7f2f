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

/** YAML nested deeper than this (`[[[[…`) is refused before parsing: the parser recurses on it. */
export const MAX_YAML_DEPTH = 64;

/**
 * Converts a parsed YAML node to plain data with null-prototype maps (`__proto__` stays an ordinary key).
 * Duplicate keys are found here with a Set per map (yaml's own `uniqueKeys` check compares every pair).
 */
function toPlain(node: unknown, duplicates: Node[], depth = 0): unknown {
  if (depth > 20) return undefined;
  if (isMap(node)) {
    const out: Record<string, unknown> = Object.create(null);
    const seen = new Set<string>();
    for (const pair of node.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
      if (seen.has(key)) duplicates.push(pair.key as Node);
      seen.add(key);
      out[key] = toPlain(pair.value, duplicates, depth + 1);
    }
    return out;
  }
  if (isSeq(node)) return node.items.map((item) => toPlain(item, duplicates, depth + 1));
  if (isScalar(node)) return node.value;
  // Aliases (*ref) are not followed: no "billion laughs" expansion from a hostile deck.
  return null;
}

/** Deepest nesting of flow brackets, skipping quoted text: linear, and cheap enough to run before parsing. */
export function flowDepth(source: string): { depth: number; at: number } {
  let depth = 0;
  let max = 0;
  let at = 0;
  let quote = '';
  for (let i = 0; i < source.length; i++) {
    const ch = source[i];
    if (quote) {
      if (ch === quote) quote = '';
      else if (ch === '\\' && quote === '"') i++;
      continue;
    }
    if (ch === '"' || ch === "'") quote = ch;
    else if (ch === '#' && (i === 0 || /\s/.test(source[i - 1]))) {
      const end = source.indexOf('\n', i);
      i = end < 0 ? source.length : end;
    } else if (ch === '[' || ch === '{') {
      if (++depth > max) {
        max = depth;
        at = i;
      }
    } else if (ch === ']' || ch === '}') depth = Math.max(0, depth - 1);
    else if (ch === '\n') quote = '';
  }
  return { depth: max, at };
}

export function parseYaml(source: string, firstLine: number): FrontMatter {
  const lineCounter = new LineCounter();
  const nesting = flowDepth(source);
  if (nesting.depth > MAX_YAML_DEPTH) {
    const line = source.slice(0, nesting.at).split('\n').length + firstLine - 1;
    return { data: undefined, firstLine, errors: [{ line, message: `brackets are nested more than ${MAX_YAML_DEPTH} levels deep here` }], lineOf: () => firstLine };
  }
  const doc: Document = parseDocument(source, { lineCounter, uniqueKeys: false, prettyErrors: false });
  const lineAt = (offset: number) => lineCounter.linePos(offset).line + firstLine - 1;
  const yamlErrors = [...doc.errors, ...doc.warnings].map((e) => {
    const message = e.message.split('\n')[0];
    // An unclosed [ { or quote is noticed lines later; point at the line that opened it.
    const unclosed = /end with an? ([\]}])|Missing closing ("|')/.exec(message);
    const opener = unclosed ? (unclosed[1] === ']' ? '[' : unclosed[1] === '}' ? '{' : unclosed[2]) : undefined;
    const at = opener ? source.lastIndexOf(opener, Math.max(0, e.pos[0] - 1)) : -1;
    return at >= 0
      ? { line: lineAt(at), message: `${message} (the "${opener}" on this line is never closed)` }
      : { line: lineAt(e.pos[0]), message };
  });
  const duplicates: Node[] = [];
  const data = yamlErrors.length ? undefined : toPlain(doc.contents, duplicates);
  const errors = [...yamlErrors, ...duplicates.map((key) => ({ line: key.range ? lineAt(key.range[0]) : firstLine, message: `the key "${String(isScalar(key) ? key.value : key)}" appears twice in this mapping` }))];
  // Key → pair per mapping, built on first lookup: lineOf stays cheap when it is called for every key.
  const indexes = new WeakMap<object, Map<unknown, { key: unknown; value: unknown }>>();
  const pairOf = (map: { items: { key: unknown; value: unknown }[] }, key: unknown) => {
    let index = indexes.get(map);
    if (!index) {
      index = new Map();
      for (const p of map.items) if (isScalar(p.key) && !index.has(p.key.value)) index.set(p.key.value, p);
      indexes.set(map, index);
    }
    return index.get(key);
  };
  return {
    data: errors.length ? undefined : data,
    firstLine,
    errors,
    lineOf(path) {
      let node: unknown = doc.contents;
      let best = firstLine;
      for (const key of path) {
        if (!isMap(node) && !isSeq(node)) break;
        const pair = isMap(node) ? pairOf(node as never, key) : undefined;
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
