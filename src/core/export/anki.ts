// "Export Deck…": questions → a tab-separated file that Anki's importer reads (Anki ≥ 2.1.55 file headers), as
// Basic notes (question → answer) and Cloze notes (Anki's own {{c1::…}} syntax, which ours follows). Fields are
// HTML. Anki renders them in its own web view, so the Markdown → HTML step here is strict: raw HTML in the
// Markdown is shown as text, links survive only for http(s), images only for https, and math (the shared rule
// of mathSpans.ts) goes to Anki's MathJax delimiters \( \) and \[ \].
import { Marked, type Tokens } from 'marked';
import type { Question } from '../bank/types';
import { clozeNumbers, clozeToPlain, parseCloze } from '../bank/cloze';
import { escapeHtml } from '../text/escape';
import { mathAt, replaceMath, type MathSpan } from '../text/mathSpans';

export { escapeHtml };

export const ANKI_HEADER = ['#separator:tab', '#html:true', '#notetype column:1', '#tags column:4'];

const mathjax = (span: Pick<MathSpan, 'tex' | 'display'>) => (span.display ? `\\[${escapeHtml(span.tex)}\\]` : `\\(${escapeHtml(span.tex)}\\)`);

const marked = new Marked({
  gfm: true,
  async: false,
  extensions: [
    {
      name: 'blockMath',
      level: 'block',
      start: (src: string) => src.indexOf('$$'),
      tokenizer(src: string) {
        const span = mathAt(src, 0);
        return span?.display && /^[^\S\n]*(?:\n|$)/.test(src.slice(span.end)) ? { type: 'blockMath', raw: src.slice(0, span.end), text: span.tex } : undefined;
      },
      renderer: (token) => `<p>${mathjax({ tex: String(token.text), display: true })}</p>\n`,
    },
    {
      name: 'inlineMath',
      level: 'inline',
      start: (src: string) => src.indexOf('$'),
      tokenizer(src: string) {
        const span = mathAt(src, 0);
        return span ? { type: 'inlineMath', raw: src.slice(0, span.end), text: span.tex, display: span.display } : undefined;
      },
      renderer: (token) => mathjax({ tex: String(token.text), display: Boolean(token.display) }),
    },
  ],
  renderer: {
    // Raw HTML in a question is data, not markup.
    html: (token: Tokens.HTML | Tokens.Tag) => escapeHtml(token.text),
    link(this: { parser: { parseInline(tokens: Tokens.Generic[]): string } }, token: Tokens.Link) {
      const text = this.parser.parseInline(token.tokens);
      if (!/^https?:\/\//i.test(token.href)) return text;
      const title = token.title ? ` title="${escapeHtml(token.title)}"` : '';
      return `<a href="${escapeHtml(token.href)}"${title}>${text}</a>`;
    },
    image(token: Tokens.Image) {
      if (!/^https:\/\//i.test(token.href)) return escapeHtml(token.text);
      return `<img src="${escapeHtml(token.href)}" alt="${escapeHtml(token.text)}">`;
    },
  },
});

/** Markdown → HTML that is safe to hand to Anki. */
export function markdownToAnkiHtml(markdown: string): string {
  return (marked.parse(markdown) as string).trim();
}

export interface AnkiNote {
  /** Anki's stock note types: Basic (Front, Back) and Cloze (Text, Back Extra). */
  type: 'Basic' | 'Cloze';
  fields: [string, string];
  tags: string[];
}

/** One line of bank text (a title, an option, a key point) as Anki HTML: escaped, math for MathJax. */
function inlineHtml(text: string): string {
  return replaceMath(escapeHtml(text), mathjax);
}

/**
 * A question's notes: Basic for the question (with its options and the correct one(s) on the back), and one
 * Cloze note holding its deletions, if it has any (in the heading, or in key points listed under it).
 */
export function questionToNotes(q: Question): AnkiNote[] {
  const tags = [q.topic, ...q.concepts].map(ankiTag).filter(Boolean);
  const answer = markdownToAnkiHtml(q.answer);
  const notes: AnkiNote[] = [];
  const titleIsCloze = parseCloze(q.title).spans.length > 0;
  if (!titleIsCloze) {
    let front = `<div class="tt-question">${inlineHtml(q.title)}</div>`;
    let back = '';
    if (q.choices?.length) {
      front += `\n<ol type="A">${q.choices.map((c) => `<li>${inlineHtml(c.text)}</li>`).join('')}</ol>`;
      if (q.selectAll) front += '\n<p><i>Select all that apply.</i></p>';
      const correct = q.choices.map((c, i) => ({ c, letter: String.fromCharCode(65 + i) })).filter(({ c }) => c.correct);
      back += `<p><b>${correct.map(({ letter }) => letter).join(', ')}</b></p>\n<ul>${q.choices
        .map((c, i) => `<li>${String.fromCharCode(65 + i)}. ${c.correct ? '✓' : '✗'} ${inlineHtml(c.why)}</li>`)
        .join('')}</ul>\n`;
    }
    if (q.keyPoints?.length) back += `<p><b>Key points</b></p>\n<ul>${q.keyPoints.map((p) => `<li>${inlineHtml(clozeToPlain(p))}</li>`).join('')}</ul>\n`;
    notes.push({ type: 'Basic', fields: [front, back + answer], tags });
  }
  if (clozeNumbers([q.title, ...(q.keyPoints ?? [])]).length) {
    const text = titleIsCloze
      ? inlineHtml(q.title)
      : `<div class="tt-question">${inlineHtml(q.title)}</div>\n<ul>${(q.keyPoints ?? []).map((p) => `<li>${inlineHtml(p)}</li>`).join('')}</ul>`;
    notes.push({ type: 'Cloze', fields: [text, titleIsCloze ? answer : ''], tags });
  }
  return notes;
}

/** Anki tags are separated by spaces; keep each one a single token. */
export function ankiTag(text: string): string {
  return text.trim().replace(/\s+/g, '_').replace(/["\t]/g, '');
}

/**
 * One TSV field. Anki's importer reads quoted fields like CSV: a field holding a tab, a newline or a double
 * quote is wrapped in quotes with inner quotes doubled; so is one starting with `#`, which would otherwise
 * read as a comment line.
 */
export function tsvField(value: string): string {
  const text = value.replace(/\r\n?/g, '\n');
  return /[\t\n"]|^#/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function formatAnkiTsv(notes: readonly AnkiNote[]): string {
  const lines = [...ANKI_HEADER];
  for (const n of notes) lines.push([n.type, ...n.fields, n.tags.join(' ')].map(tsvField).join('\t'));
  return `${lines.join('\n')}\n`;
}
