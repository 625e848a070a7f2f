// Cloze deletions, in Anki's syntax: `{{c1::AdamW}} decouples weight decay` or `{{c2::text::hint}}`.
// Each distinct number cN in a question's title and key points becomes its own card. Math may sit inside a
// deletion (`{{c1::$\sqrt{d_k}$}}`), a deletion may not sit inside math, and deletions do not nest.

export interface ClozeSpan {
  n: number;
  text: string;
  hint?: string;
  /** [start, end) of the whole `{{cN::…}}` in the source text. */
  start: number;
  end: number;
}

export type ClozePart = { kind: 'text'; text: string } | { kind: 'cloze'; span: ClozeSpan };

export interface ParsedCloze {
  parts: ClozePart[];
  spans: ClozeSpan[];
  /** Problems as [offset, message]; the text is then treated as plain. */
  errors: { offset: number; message: string }[];
}

const OPEN = /\{\{c(\d{1,3})::/g;
export const MAX_CLOZE = 20;

/** Offsets of `$…$` / `$$…$$` spans, so a `}}` or `::` inside math does not end a deletion. */
function mathEnd(text: string, at: number): number {
  const display = text.startsWith('$$', at);
  const close = text.indexOf(display ? '$$' : '$', at + (display ? 2 : 1));
  return close < 0 ? -1 : close + (display ? 2 : 1);
}

export function parseCloze(text: string): ParsedCloze {
  const spans: ClozeSpan[] = [];
  const errors: ParsedCloze['errors'] = [];
  if (!text.includes('{{c')) return { parts: [{ kind: 'text', text }], spans, errors };
  // Where math starts and ends outside deletions: a `{{c` inside it is an error.
  let i = 0;
  while (i < text.length) {
    OPEN.lastIndex = i;
    const open = OPEN.exec(text);
    const dollar = text.indexOf('$', i);
    if (!open) break;
    if (dollar >= 0 && dollar < open.index) {
      const end = mathEnd(text, dollar);
      if (end < 0 || end > open.index) {
        errors.push({ offset: open.index, message: 'a cloze deletion cannot sit inside math; wrap the whole $…$ span in it instead' });
        return { parts: [{ kind: 'text', text }], spans: [], errors };
      }
      i = end;
      continue;
    }
    const n = Number(open[1]);
    const bodyStart = open.index + open[0].length;
    let j = bodyStart;
    let hintAt = -1;
    let end = -1;
    while (j < text.length) {
      if (text[j] === '$') {
        const m = mathEnd(text, j);
        if (m < 0) break;
        j = m;
        continue;
      }
      if (text.startsWith('{{c', j) && /^\{\{c\d/.test(text.slice(j, j + 4))) {
        errors.push({ offset: j, message: 'cloze deletions cannot be nested' });
        return { parts: [{ kind: 'text', text }], spans: [], errors };
      }
      if (text.startsWith('::', j) && hintAt < 0) {
        hintAt = j;
        j += 2;
        continue;
      }
      if (text.startsWith('}}', j)) {
        end = j;
        break;
      }
      j++;
    }
    if (end < 0) {
      errors.push({ offset: open.index, message: `cloze {{c${n}:: is never closed with }}` });
      return { parts: [{ kind: 'text', text }], spans: [], errors };
    }
    const body = text.slice(bodyStart, hintAt >= 0 ? hintAt : end).trim();
    const hint = hintAt >= 0 ? text.slice(hintAt + 2, end).trim() : undefined;
    if (n < 1 || n > MAX_CLOZE) errors.push({ offset: open.index, message: `cloze numbers run from c1 to c${MAX_CLOZE} (found c${n})` });
    if (!body) errors.push({ offset: open.index, message: `cloze c${n} hides nothing: write the hidden text after "::"` });
    spans.push({ n, text: body, ...(hint ? { hint } : {}), start: open.index, end: end + 2 });
    i = end + 2;
  }
  if (errors.length) return { parts: [{ kind: 'text', text }], spans: [], errors };
  const parts: ClozePart[] = [];
  let at = 0;
  for (const span of spans) {
    if (span.start > at) parts.push({ kind: 'text', text: text.slice(at, span.start) });
    parts.push({ kind: 'cloze', span });
    at = span.end;
  }
  if (at < text.length) parts.push({ kind: 'text', text: text.slice(at) });
  return { parts, spans, errors };
}

/** The text with every deletion shown (what the tree, search and reader display). */
export function clozeToPlain(text: string): string {
  const parsed = parseCloze(text);
  return parsed.parts.map((p) => (p.kind === 'text' ? p.text : p.span.text)).join('');
}

/**
 * The text as the card for deletion `n` shows it: that deletion hidden (`[…]`, or `[hint]`), every other
 * deletion shown. `reveal` shows the hidden one too, marked so the renderer can highlight it.
 */
export function clozeCardText(text: string, n: number, reveal: boolean, mark: (shown: string) => string = (s) => s): string {
  const parsed = parseCloze(text);
  return parsed.parts.map((p) => {
    if (p.kind === 'text') return p.text;
    if (p.span.n !== n) return p.span.text;
    return reveal ? mark(p.span.text) : `[${p.span.hint ?? '…'}]`;
  }).join('');
}

/** Distinct deletion numbers across several texts (a question's title and key points), ascending. */
export function clozeNumbers(texts: readonly string[]): number[] {
  const numbers = new Set<number>();
  for (const t of texts) for (const s of parseCloze(t).spans) numbers.add(s.n);
  return [...numbers].sort((a, b) => a - b);
}
