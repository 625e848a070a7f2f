// "Export Deck…": questions → a tab-separated file that Anki's importer reads (Anki ≥ 2.1.55 file headers).
// Fields are HTML. Anki renders them in its own web view, so the Markdown → HTML step here is strict:
// raw HTML in the Markdown is shown as text, links survive only for http(s), images only for https, and
// math goes to Anki's MathJax delimiters \( \) and \[ \].
import { Marked, type Tokens } from 'marked';
import type { Question } from '../bank/types';

export const ANKI_HEADER = ['#separator:tab', '#html:true', '#tags column:3'];

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

const marked = new Marked({
  gfm: true,
  async: false,
  extensions: [
    {
      name: 'blockMath',
      level: 'block',
      start: (src: string) => src.indexOf('$$'),
      tokenizer(src: string) {
        const m = /^\$\$([\s\S]{1,4000}?)\$\$(?:\n|$)/.exec(src);
        return m ? { type: 'blockMath', raw: m[0], text: m[1].trim() } : undefined;
      },
      renderer: (token) => `<p>\\[${escapeHtml(String(token.text))}\\]</p>\n`,
    },
    {
      name: 'inlineMath',
      level: 'inline',
      start: (src: string) => src.indexOf('$'),
      tokenizer(src: string) {
        const m = /^\$\$([^$]{1,4000}?)\$\$/.exec(src) ?? /^\$([^$\n]{1,400}?)\$/.exec(src);
        if (!m) return undefined;
        return { type: 'inlineMath', raw: m[0], text: m[1], display: m[0].startsWith('$$') };
      },
      renderer: (token) => (token.display ? `\\[${escapeHtml(String(token.text))}\\]` : `\\(${escapeHtml(String(token.text))}\\)`),
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
  front: string;
  back: string;
  tags: string[];
}

/** Front: the question (and the options of a multiple-choice one). Back: the answer, key points, the correct option(s). */
export function questionToNote(q: Question): AnkiNote {
  let front = `<div class="tt-question">${escapeHtml(q.title)}</div>`;
  let back = '';
  if (q.choices?.length) {
    front += `\n<ol type="A">${q.choices.map((c) => `<li>${escapeHtml(c.text)}</li>`).join('')}</ol>`;
    const correct = q.choices.map((c, i) => ({ c, letter: String.fromCharCode(65 + i) })).filter(({ c }) => c.correct);
    back += `<p><b>${correct.map(({ letter }) => letter).join(', ')}</b></p>\n<ul>${q.choices
      .map((c, i) => `<li>${String.fromCharCode(65 + i)}. ${c.correct ? '✓' : '✗'} ${escapeHtml(c.why)}</li>`)
      .join('')}</ul>\n`;
  }
  if (q.keyPoints?.length) back += `<p><b>Key points</b></p>\n<ul>${q.keyPoints.map((p) => `<li>${escapeHtml(p)}</li>`).join('')}</ul>\n`;
  back += markdownToAnkiHtml(q.answer);
  return { front, back, tags: [q.topic, ...q.concepts].map(ankiTag).filter(Boolean) };
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
  for (const n of notes) lines.push([n.front, n.back, n.tags.join(' ')].map(tsvField).join('\t'));
  return `${lines.join('\n')}\n`;
}
