// The one rule for where TeX math sits in bank text, shared by the webview renderer, hovers (plain-text math)
// and the Anki export, so all three agree on what is math:
//   $$…$$  display math (≤ 4,000 characters, may span lines)
//   $…$    inline math: the opening $ is not followed by a space, the closing $ is not preceded by one and not
//          followed by a digit, no line break inside (≤ 400 characters). So "$5 and $10" is not math.
// A backslash-escaped \$ is never a delimiter.

export interface MathSpan {
  start: number;
  end: number;
  tex: string;
  display: boolean;
}

const DISPLAY = /^\$\$([\s\S]{1,4000}?)\$\$/;
const INLINE = /^\$(?!\s)([^$\n]{1,400}?)(?<![\s\\])\$(?!\d)/;

/** The math span starting exactly at `at`, if one does. */
export function mathAt(text: string, at = 0): MathSpan | undefined {
  if (text[at] !== '$' || (at > 0 && text[at - 1] === '\\')) return undefined;
  const rest = at ? text.slice(at) : text;
  const display = DISPLAY.exec(rest);
  if (display) return { start: at, end: at + display[0].length, tex: display[1].trim(), display: true };
  if (rest.startsWith('$$')) return undefined;
  const inline = INLINE.exec(rest);
  return inline ? { start: at, end: at + inline[0].length, tex: inline[1], display: false } : undefined;
}

/** Every math span of `text`, left to right. Text inside backtick code spans is never math. */
export function mathSpans(text: string): MathSpan[] {
  const out: MathSpan[] = [];
  let i = 0;
  while (i < text.length) {
    const ch = text[i];
    if (ch === '`') {
      const run = /^`+/.exec(text.slice(i))![0];
      const close = text.indexOf(run, i + run.length);
      i = close < 0 ? i + run.length : close + run.length;
      continue;
    }
    if (ch === '$') {
      const span = mathAt(text, i);
      if (span) {
        out.push(span);
        i = span.end;
        continue;
      }
      i += text.startsWith('$$', i) ? 2 : 1;
      continue;
    }
    i++;
  }
  return out;
}

/** Replaces each math span with `render(span)`; everything else is kept as is. */
export function replaceMath(text: string, render: (span: MathSpan) => string): string {
  let out = '';
  let at = 0;
  for (const span of mathSpans(text)) {
    out += text.slice(at, span.start) + render(span);
    at = span.end;
  }
  return out + text.slice(at);
}
