// Finds the deep-learning concept at a position of one line. O(length of the line): a handful of
// regex scans of the line and Map lookups in the precomputed GlossaryIndex.
import type { ApiEntry, Concept } from '../bank/types';
import { DEFAULT_ALIASES, canonicalName, type ImportContext } from './imports';
import { GlossaryIndex, ORDINARY_NAMES, type PhraseNode } from './glossaryIndex';
import { identifierParts, proseWords } from './normalize';

export type MatchKind = 'api' | 'kwarg' | 'string' | 'method' | 'name' | 'part' | 'prose';

export interface TermMatch {
  concept: Concept;
  kind: MatchKind;
  /** The API hovered, when an identifier resolved to one. */
  api?: ApiEntry;
  /** The text the match covers, as [start, end) offsets in the line. */
  start: number;
  end: number;
  /** For a keyword argument matched in a call context, the call it belongs to. */
  callee?: string;
}

export interface LineContext {
  /** `code`: Python source; `prose`: comments, docstrings, Markdown, plain text. */
  mode: 'code' | 'prose';
  imports?: ImportContext;
  /** Up to a few previous lines, for calls whose arguments span lines. */
  before?: string;
}

const IDENT = /[A-Za-z0-9_]/;
const EMPTY_IMPORTS: ImportContext = { aliases: new Map(), frameworks: ['pytorch', 'tensorflow', 'jax'] };
const MAX_LINE = 2000;

export function matchAt(index: GlossaryIndex, line: string, character: number, context: LineContext): TermMatch | undefined {
  if (line.length > MAX_LINE || character < 0 || character > line.length) return undefined;
  if (context.mode === 'prose') return matchProse(index, line, character, 0, line.length);
  const comment = commentStart(line);
  if (comment >= 0 && character >= comment) return matchProse(index, line, character, comment + 1, line.length);
  const str = stringAt(line, character);
  if (str) return matchString(index, line, str, character);
  return matchCode(index, line, character, context);
}

// ---- code -----------------------------------------------------------------------------------------

function matchCode(index: GlossaryIndex, line: string, character: number, context: LineContext): TermMatch | undefined {
  let start = character;
  let end = character;
  while (start > 0 && IDENT.test(line[start - 1])) start--;
  while (end < line.length && IDENT.test(line[end])) end++;
  if (start === end || /^[0-9]/.test(line[start])) return undefined;
  const word = line.slice(start, end);
  const imports = context.imports ?? EMPTY_IMPORTS;

  // The dotted chain: segments to the left joined by '.', and to the right when we hover a module prefix.
  let chainStart = start;
  while (chainStart > 1 && line[chainStart - 1] === '.' && IDENT.test(line[chainStart - 2])) {
    let s = chainStart - 1;
    while (s > 0 && IDENT.test(line[s - 1])) s--;
    chainStart = s;
  }
  let chainEnd = end;
  const left = line.slice(chainStart, end).split('.');
  const rootQualified = imports.aliases.get(left[0]) ?? DEFAULT_ALIASES.get(left[0]);
  if (rootQualified) {
    while (line[chainEnd] === '.' && IDENT.test(line[chainEnd + 1] ?? '')) {
      let e = chainEnd + 1;
      while (e < line.length && IDENT.test(line[e])) e++;
      chainEnd = e;
    }
  }
  const after = line.slice(chainEnd).trimStart();
  const isCall = after.startsWith('(');
  const isKwarg = /^=(?!=)/.test(after) && insideCall(line, start, context.before);
  const segments = line.slice(chainStart, chainEnd).split('.');

  if (isKwarg && segments.length === 1) return matchKwarg(index, line, start, end, word, context);

  if (rootQualified && segments.length > 1) {
    const qualified = canonicalName([rootQualified, ...segments.slice(1)].join('.'));
    const hit = index.apis.get(qualified) ?? resolveWithinFramework(index, qualified, segments[segments.length - 1]);
    if (hit) return { concept: hit.concept, api: hit.api, kind: 'api', start: chainStart, end: chainEnd };
    if (word === segments[0]) return undefined; // hovering `torch` in an unknown `torch.foo`
  }
  if (segments.length === 1) {
    const imported = imports.aliases.get(word);
    if (imported) {
      const hit = index.apis.get(imported);
      if (hit) return { concept: hit.concept, api: hit.api, kind: 'api', start, end };
    }
  }
  if (segments.length > 1 && word === segments[segments.length - 1] && start > chainStart) {
    // `receiver.method(...)`: a method call with a deep-learning meaning.
    if (isCall) {
      const receiver = segments[segments.length - 2].toLowerCase();
      const specific = index.receiverMethods.get(word)?.find((r) => receiver.includes(r.receiver));
      if (specific) return { concept: specific.concept, kind: 'method', start: chainStart, end };
      const generic = index.methods.get(word);
      if (generic) return { concept: generic, kind: 'method', start, end };
    }
  }
  if (ORDINARY_NAMES.has(word)) return undefined;
  const name = index.names.get(word);
  if (name) return { concept: name, kind: 'name', start, end };
  // Bare API names: class-like (`AdamW`, `BatchNorm2d`) or distinctive function names (`clip_grad_norm_`).
  if (/^[A-Z]/.test(word) || (word.includes('_') && word.length > 6) || (isCall && segments.length === 1)) {
    const hit = index.pickBare(word, imports.frameworks);
    if (hit && (isCall || /^[A-Z]/.test(word) || word.includes('_'))) return { concept: hit.concept, api: hit.api, kind: 'api', start, end };
  }
  return matchParts(index, word, start, end);
}

function resolveWithinFramework(index: GlossaryIndex, qualified: string, last: string) {
  // `torch.nn.modules.dropout.Dropout` or `tf.keras.layers.experimental.X`: same framework, same last name.
  const root = qualified.split('.')[0];
  return index.bare.get(last)?.find((h) => h.api.id.split('.')[0] === root && qualified.startsWith(h.api.id.split('.').slice(0, 2).join('.')));
}

function matchParts(index: GlossaryIndex, word: string, start: number, end: number): TermMatch | undefined {
  if (!word.includes('_') && !/[a-z][A-Z]/.test(word)) return undefined;
  for (const part of identifierParts(word)) {
    if (ORDINARY_NAMES.has(part)) continue;
    const concept = index.names.get(part) ?? index.kwargs.get(part) ?? index.parts.get(part);
    if (concept) return { concept, kind: 'part', start, end };
  }
  return undefined;
}

function matchKwarg(index: GlossaryIndex, line: string, start: number, end: number, word: string, context: LineContext): TermMatch | undefined {
  const callee = enclosingCallee(line, start, context.before);
  const contextual = index.contextualKwargs.get(word);
  if (contextual && callee) {
    const hit = contextual.find((c) => callee.includes(c.callee));
    if (hit) return { concept: hit.concept, kind: 'kwarg', start, end, callee };
  }
  const concept = index.kwargs.get(word);
  return concept ? { concept, kind: 'kwarg', start, end, ...(callee ? { callee } : {}) } : undefined;
}

/** True when `pos` sits inside an unclosed `(` on this line or the lines just before. */
function insideCall(line: string, pos: number, before = ''): boolean {
  return enclosingCallee(line, pos, before) !== undefined || depthAt(before + '\n' + line.slice(0, pos)) > 0;
}

function depthAt(text: string): number {
  let depth = 0;
  for (const ch of text) {
    if (ch === '(') depth++;
    else if (ch === ')') depth = Math.max(0, depth - 1);
  }
  return depth;
}

/** Name of the call whose parentheses enclose `pos` (`nn.BatchNorm2d` in `nn.BatchNorm2d(64, momentum=…`). */
export function enclosingCallee(line: string, pos: number, before = ''): string | undefined {
  const text = `${before}\n${line.slice(0, pos)}`;
  let depth = 0;
  for (let i = text.length - 1; i >= 0; i--) {
    const ch = text[i];
    if (ch === ')') depth++;
    else if (ch === '(') {
      if (depth === 0) {
        const m = /([A-Za-z_][\w.]*)\s*$/.exec(text.slice(Math.max(0, i - 200), i));
        return m?.[1] ?? '';
      }
      depth--;
    }
  }
  return undefined;
}

// ---- strings and comments -------------------------------------------------------------------------

function commentStart(line: string): number {
  let quote = '';
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quote) {
      if (ch === '\\') i++;
      else if (ch === quote) quote = '';
    } else if (ch === '"' || ch === "'") quote = ch;
    else if (ch === '#') return i;
  }
  return -1;
}

interface StringSpan {
  start: number;
  end: number;
  value: string;
}

function stringAt(line: string, pos: number): StringSpan | undefined {
  let quote = '';
  let open = -1;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quote) {
      if (ch === '\\') i++;
      else if (ch === quote) {
        if (pos > open && pos <= i) return { start: open + 1, end: i, value: line.slice(open + 1, i) };
        quote = '';
      }
    } else if (ch === '"' || ch === "'") {
      quote = ch;
      open = i;
    } else if (ch === '#') return undefined;
  }
  return quote && pos > open ? { start: open + 1, end: line.length, value: line.slice(open + 1) } : undefined;
}

function matchString(index: GlossaryIndex, line: string, str: StringSpan, character: number): TermMatch | undefined {
  const concept = index.strings.get(str.value.trim().toLowerCase());
  const opener = line.slice(0, str.start - 1).trimEnd();
  if (concept && /[=(,[:]$/.test(opener)) return { concept, kind: 'string', start: str.start, end: str.end };
  // Any other string is prose (a message, a docstring line).
  return matchProse(index, line, character, str.start, str.end);
}

// ---- prose ----------------------------------------------------------------------------------------

function matchProse(index: GlossaryIndex, line: string, character: number, from: number, to: number): TermMatch | undefined {
  const segment = line.slice(from, to);
  // Inline code in prose (`nn.Dropout` in Markdown, a docstring or a comment) is code.
  const code = /`([^`]+)`/g;
  for (let m = code.exec(segment); m; m = code.exec(segment)) {
    const s = from + m.index + 1;
    if (character >= s && character <= s + m[1].length) {
      return matchCode(index, line.slice(0, s + m[1].length), character, { mode: 'code' });
    }
  }
  const words = proseWords(segment);
  let best: TermMatch | undefined;
  for (let i = 0; i < words.length; i++) {
    if (from + words[i].start > character) break;
    let node: PhraseNode | undefined = index.phrases;
    for (let j = i; j < words.length && node; j++) {
      node = node.next.get(words[j].word);
      if (!node) break;
      const start = from + words[i].start;
      const end = from + words[j].end;
      if (node.concept && character >= start && character <= end && (!best || end - start > best.end - best.start)) {
        best = { concept: node.concept, kind: 'prose', start, end };
      }
    }
  }
  return best;
}
