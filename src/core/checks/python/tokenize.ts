// A Python tokenizer for the training-code checks: names, numbers, strings, operators, logical-line
// NEWLINEs and INDENT/DEDENT, like CPython's `tokenize`, but it never throws. Unterminated strings end at
// the line (or, for triple quotes, the file) end, stray dedents are absorbed, unknown characters become
// one-character operators. Comments are not tokens; they are collected with their line for directives.

export const Tok = { Name: 1, Number: 2, String: 3, Op: 4, Newline: 5, Indent: 6, Dedent: 7, End: 8 } as const;
export type TokKind = (typeof Tok)[keyof typeof Tok];

export interface Comment {
  readonly line: number;
  readonly s: number;
  readonly text: string;
}

/** Tokens as parallel typed arrays: no object per token (a 5,000-line file has ~60,000, and objects that
 * live through the whole parse cost garbage-collection time). */
export interface Tokens {
  readonly count: number;
  readonly kind: Uint8Array;
  readonly start: Int32Array;
  readonly end: Int32Array;
  /** Names and operators: their text; other tokens: ''. */
  readonly value: string[];
  readonly comments: Comment[];
  /** Offsets where each line starts (line i starts at lineStarts[i]). */
  readonly lineStarts: number[];
  /** Start offsets of strings that span several lines (a re-indenting fix must not touch them). */
  readonly multilineStrings: { s: number; e: number }[];
}

const THREE = new Set(['**=', '//=', '>>=', '<<=', '...', '!==']);
const TWO = new Set(['**', '//', '==', '!=', '<=', '>=', '->', '+=', '-=', '*=', '/=', '%=', '&=', '|=', '^=', '@=', ':=', '<<', '>>']);

const isNameStart = (c: number) => (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95 || c > 127;
const isNameChar = (c: number) => isNameStart(c) || (c >= 48 && c <= 57);
const isDigit = (c: number) => c >= 48 && c <= 57;
const STRING_PREFIX = /^(?:[rRbBuUfF]|[rR][bBfF]|[bBfF][rR])$/;

export function tokenize(src: string): Tokens {
  let cap = 1024;
  let kind = new Uint8Array(cap);
  let start = new Int32Array(cap);
  let end = new Int32Array(cap);
  const value: string[] = [];
  let count = 0;
  const comments: Comment[] = [];
  const names = new Map<string, string>();
  const lineStarts = [0];
  const multilineStrings: { s: number; e: number }[] = [];
  const indents = [0];
  const n = src.length;
  let i = 0;
  let depth = 0; // bracket nesting: newlines inside brackets do not end a logical line
  let atLineStart = true;
  let lineHasTokens = false;

  const newlineAt = (at: number) => lineStarts.push(at + 1);
  const push = (k: TokKind, s: number, e: number, v = '') => {
    if (count === cap) {
      cap *= 2;
      const grow = <T extends Uint8Array | Int32Array>(a: T, b: T): T => (b.set(a), b);
      kind = grow(kind, new Uint8Array(cap));
      start = grow(start, new Int32Array(cap));
      end = grow(end, new Int32Array(cap));
    }
    kind[count] = k;
    start[count] = s;
    end[count] = e;
    value[count] = v;
    count++;
    if (k !== Tok.Newline && k !== Tok.Indent && k !== Tok.Dedent) lineHasTokens = true;
  };

  while (i < n) {
    if (atLineStart && depth === 0) {
      // Measure indentation; blank and comment-only lines do not change it.
      let col = 0;
      let j = i;
      for (; j < n; j++) {
        const c = src.charCodeAt(j);
        if (c === 32) col++;
        else if (c === 9) col = (Math.floor(col / 8) + 1) * 8;
        else if (c === 12) col = 0;
        else break;
      }
      const c = src.charCodeAt(j);
      if (j >= n) {
        i = j;
        break;
      }
      if (c === 10 || c === 13 || c === 35 /* # */ || (c === 92 && src.charCodeAt(j + 1) === 10)) {
        i = j; // handled below as whitespace/comment/newline; stays "at line start"
      } else {
        atLineStart = false;
        if (col > indents[indents.length - 1]) {
          indents.push(col);
          push(Tok.Indent, j, j);
        } else {
          while (col < indents[indents.length - 1]) {
            indents.pop();
            push(Tok.Dedent, j, j);
          }
          // A dedent to a column never used before: treat it as its own level (tolerant).
          if (col > indents[indents.length - 1]) indents.push(col);
        }
        i = j;
      }
    }
    const c = src.charCodeAt(i);
    if (c === 32 || c === 9 || c === 12) {
      i++;
      continue;
    }
    if (c === 13 && src.charCodeAt(i + 1) === 10) {
      i++;
      continue;
    }
    if (c === 10 || c === 13) {
      newlineAt(i);
      if (depth === 0 && lineHasTokens) push(Tok.Newline, i, i + 1);
      if (depth === 0) {
        atLineStart = true;
        lineHasTokens = false;
      }
      i++;
      continue;
    }
    if (c === 35) {
      let j = i;
      while (j < n && src.charCodeAt(j) !== 10 && src.charCodeAt(j) !== 13) j++;
      comments.push({ line: lineStarts.length - 1, s: i, text: src.slice(i, j) });
      i = j;
      continue;
    }
    if (c === 92 /* \ */ && (src.charCodeAt(i + 1) === 10 || (src.charCodeAt(i + 1) === 13 && src.charCodeAt(i + 2) === 10))) {
      i += src.charCodeAt(i + 1) === 13 ? 2 : 1;
      newlineAt(i);
      i++;
      continue;
    }
    if (isNameStart(c)) {
      let j = i + 1;
      while (j < n && isNameChar(src.charCodeAt(j))) j++;
      const q = src.charCodeAt(j);
      if ((q === 34 || q === 39) && j - i <= 2 && STRING_PREFIX.test(src.slice(i, j))) {
        i = readString(i, j);
        continue;
      }
      // Interned: a file repeats a few thousand names tens of thousands of times; one string per name keeps
      // the retained heap (and garbage-collection time) small.
      const name = src.slice(i, j);
      let known = names.get(name);
      if (known === undefined) names.set(name, (known = name));
      push(Tok.Name, i, j, known);
      i = j;
      continue;
    }
    if (isDigit(c) || (c === 46 && isDigit(src.charCodeAt(i + 1)))) {
      let j = i + 1;
      while (j < n) {
        const d = src.charCodeAt(j);
        if (isNameChar(d) || d === 46) j++;
        else if ((d === 43 || d === 45) && (src.charCodeAt(j - 1) | 32) === 101 && !/^0[xX]/.test(src.slice(i, j))) j++; // 1e-3
        else break;
      }
      push(Tok.Number, i, j);
      i = j;
      continue;
    }
    if (c === 34 || c === 39) {
      i = readString(i, i);
      continue;
    }
    // Multi-character operators all continue with one of = * / < > - . : (checked first: slicing is slower).
    const next = src.charCodeAt(i + 1);
    let op = src[i];
    if (next === 61 || next === 42 || next === 47 || next === 60 || next === 62 || next === 45 || next === 46 || next === 58) {
      const three = src.slice(i, i + 3);
      const two = src.slice(i, i + 2);
      if (THREE.has(three)) op = three;
      else if (TWO.has(two)) op = two;
    }
    if (op === '(' || op === '[' || op === '{') depth++;
    else if ((op === ')' || op === ']' || op === '}') && depth > 0) depth--;
    push(Tok.Op, i, i + op.length, op);
    i += op.length;
  }
  if (lineHasTokens) push(Tok.Newline, n, n);
  while (indents.length > 1) {
    indents.pop();
    push(Tok.Dedent, n, n);
  }
  push(Tok.End, n, n);
  return { count, kind, start, end, value, comments, lineStarts, multilineStrings };

  /** Reads a string starting at `start` whose quote is at `q`; returns the offset after it. */
  function readString(start: number, q: number): number {
    const quote = src.charCodeAt(q);
    const triple = src.charCodeAt(q + 1) === quote && src.charCodeAt(q + 2) === quote;
    let j = triple ? q + 3 : q + 1;
    let multiline = false;
    for (;;) {
      if (j >= n) break;
      const d = src.charCodeAt(j);
      if (d === 92) {
        if (src.charCodeAt(j + 1) === 10) {
          newlineAt(j + 1);
          multiline = true;
        }
        j += 2;
        continue;
      }
      if (d === 10) {
        if (!triple) break; // unterminated: ends at the line end
        newlineAt(j);
        multiline = true;
        j++;
        continue;
      }
      if (d === quote) {
        if (!triple) {
          j++;
          break;
        }
        if (src.charCodeAt(j + 1) === quote && src.charCodeAt(j + 2) === quote) {
          j += 3;
          break;
        }
      }
      j++;
    }
    const e = Math.min(j, n);
    if (multiline) multilineStrings.push({ s: start, e });
    push(Tok.String, start, e);
    return e;
  }
}

/** 0-based line of an offset (binary search over line starts). */
export function lineOf(lineStarts: readonly number[], offset: number): number {
  let lo = 0;
  let hi = lineStarts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (lineStarts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}
