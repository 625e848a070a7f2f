// Building blocks for quick fixes, as offset edits on the analysed source.
import type { Arg, Expr } from './python/ast';
import type { CallExpr, Facts } from './facts';
import type { Report } from './types';

type Edit = NonNullable<Report['fix']>['edits'][number];

export function kwarg(call: CallExpr, name: string): Arg | undefined {
  return call.args.find((a) => a.name === name);
}

export function positional(call: CallExpr, index: number): Expr | undefined {
  const args = call.args.filter((a) => !a.name && !a.star);
  return args[index]?.value;
}

/** `f(a, b)` → `f(a, b, name=value)`; handles an empty list and a trailing comma. */
export function addKwarg(facts: Facts, call: CallExpr, text: string): Edit {
  if (!call.args.length) return { s: call.rp, e: call.rp, text };
  const lastEnd = call.args[call.args.length - 1].e;
  const between = facts.source.slice(lastEnd, call.rp);
  if (between.includes(',')) {
    // f(a, b,) or a multi-line call with a trailing comma: add on the same pattern.
    const comma = lastEnd + between.indexOf(',') + 1;
    const newline = between.indexOf('\n');
    if (newline >= 0) {
      const indent = /^[ \t]*/.exec(facts.source.slice(lineStart(facts.source, call.args[call.args.length - 1].s)))?.[0] ?? '';
      return { s: comma, e: comma, text: `\n${indent}${text},` };
    }
    return { s: comma, e: comma, text: ` ${text}` };
  }
  return { s: lastEnd, e: lastEnd, text: `, ${text}` };
}

/** Sets `name=value` on a call: replaces the existing value or adds the keyword. */
export function setKwarg(facts: Facts, call: CallExpr, name: string, value: string): Edit {
  const existing = kwarg(call, name);
  if (existing) return { s: existing.value.s, e: existing.value.e, text: value };
  return addKwarg(facts, call, `${name}=${value}`);
}

export function lineStart(src: string, offset: number): number {
  return src.lastIndexOf('\n', offset - 1) + 1;
}

export function indentAt(src: string, offset: number): string {
  const start = lineStart(src, offset);
  return /^[ \t]*/.exec(src.slice(start, offset))?.[0] ?? '';
}

/** Inserts a line with `text` before the line holding `offset`, at that line's indentation. */
export function insertLineBefore(src: string, offset: number, text: string): Edit {
  const start = lineStart(src, offset);
  return { s: start, e: start, text: `${indentAt(src, offset)}${text}\n` };
}

/** The file's indentation unit (4 spaces unless the file says otherwise). */
export function indentUnit(src: string): string {
  const m = /\n([ \t]+)\S/.exec(src);
  if (!m) return '    ';
  return m[1].startsWith('\t') ? '\t' : m[1].length === 2 ? '  ' : '    ';
}

/**
 * Wraps the lines of [s, end) in a `with` block: a header line at the first line's indentation and one
 * more indentation unit on every non-blank line. Undefined when a multi-line string lies inside (its
 * content would change).
 */
export function wrapLines(facts: Facts, s: number, end: number, header: string): Edit[] | undefined {
  const src = facts.source;
  if (facts.parsed.tokens.multilineStrings.some((m) => m.e > s && m.s < end)) return undefined;
  const unit = indentUnit(src);
  const first = lineStart(src, s);
  const edits: Edit[] = [{ s: first, e: first, text: `${indentAt(src, s)}${header}\n` }];
  for (let at = first; at < end; ) {
    const nl = src.indexOf('\n', at);
    const lineEnd = nl < 0 ? src.length : nl;
    if (src.slice(at, lineEnd).trim()) edits.push({ s: at, e: at, text: unit });
    at = lineEnd + 1;
  }
  // The header goes in the same place as the first line's indentation edit: merge them.
  const [head, firstIndent, ...rest] = edits;
  return firstIndent && firstIndent.s === head.s ? [{ s: head.s, e: head.e, text: head.text + firstIndent.text }, ...rest] : edits;
}

/** Removes the whole line holding `offset` (with its newline). */
export function deleteLine(src: string, offset: number): Edit {
  const start = lineStart(src, offset);
  const nl = src.indexOf('\n', offset);
  return { s: start, e: nl < 0 ? src.length : nl + 1, text: '' };
}

/** The source line holding `offset`, without its newline. */
export function lineText(src: string, offset: number): string {
  const start = lineStart(src, offset);
  const nl = src.indexOf('\n', offset);
  return src.slice(start, nl < 0 ? src.length : nl);
}
