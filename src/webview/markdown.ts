// Markdown → sanitised DOM. marked does not sanitise, so every piece of HTML it produces goes through
// DOMPurify before it touches the document. Math ($…$ inline, $$…$$ display) is typeset by KaTeX (math.ts).
import { Marked, type TokenizerAndRendererExtension } from 'marked';
import DOMPurify from 'dompurify';
import { mathAt } from '../core/text/mathSpans';
import { escapeHtml } from '../core/text/escape';
import { resetMathBudget, typeset } from './math';

// Tokenizer-level extensions, so `$` inside code spans and fences is left alone. What counts as math is the
// shared rule of core/text/mathSpans.ts (also used by hovers and the Anki export).
const blockMath: TokenizerAndRendererExtension = {
  name: 'blockMath',
  level: 'block',
  start: (src) => src.match(/^ {0,3}\$\$/m)?.index,
  tokenizer(src) {
    const indent = /^ {0,3}/.exec(src)![0].length;
    const span = mathAt(src, indent);
    const rest = span?.display ? /^[^\S\n]*(?:\n|$)/.exec(src.slice(span.end)) : null;
    return span && rest ? { type: 'blockMath', raw: src.slice(0, span.end + rest[0].length), text: span.tex } : undefined;
  },
  renderer: (token) => `<div class="math-display">${typeset(String(token.text), true)}</div>\n`,
};
const inlineMath: TokenizerAndRendererExtension = {
  name: 'inlineMath',
  level: 'inline',
  start: (src) => (src.indexOf('$') >= 0 ? src.indexOf('$') : undefined),
  tokenizer(src) {
    const span = mathAt(src, 0);
    return span ? { type: 'inlineMath', raw: src.slice(0, span.end), text: span.tex, display: span.display } : undefined;
  },
  renderer: (token) => typeset(String(token.text), Boolean(token.display)),
};

const marked = new Marked({ gfm: true, breaks: false, async: false });
marked.use({
  extensions: [blockMath, inlineMath],
  // No remote fetches from a webview (privacy, and decks are untrusted): an image becomes a link to it,
  // which the host opens in the browser only when clicked and only for http(s).
  renderer: { image: ({ href, text }) => `<a href="${escapeHtml(href)}">🖼 ${escapeHtml(text || href)}</a>` },
});

// MathML Core elements and attributes KaTeX emits; everything else is dropped by DOMPurify.
const MATHML_TAGS = ['math', 'semantics', 'annotation', 'mrow', 'mi', 'mn', 'mo', 'ms', 'mspace', 'mtext', 'mfrac', 'msqrt',
  'mroot', 'msub', 'msup', 'msubsup', 'munder', 'mover', 'munderover', 'mtable', 'mtr', 'mtd', 'mpadded', 'mphantom',
  'mstyle', 'menclose'];
const MATHML_ATTR = ['mathvariant', 'accent', 'accentunder', 'stretchy', 'fence', 'separator', 'lspace', 'rspace', 'width',
  'height', 'depth', 'displaystyle', 'scriptlevel', 'encoding', 'columnalign', 'rowspacing', 'columnspacing', 'display',
  'linethickness', 'minsize', 'maxsize', 'movablelimits', 'symmetric', 'notation', 'xmlns'];

const ALLOWED_TAGS = ['p', 'br', 'strong', 'em', 'del', 'code', 'pre', 'blockquote', 'ul', 'ol', 'li', 'a', 'h2', 'h3', 'h4',
  'h5', 'h6', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'hr', 'span', 'div', ...MATHML_TAGS];
const ALLOWED_ATTR = ['href', 'title', 'class', 'align', ...MATHML_ATTR];

/** MathML sizes as KaTeX writes them (em or ex, modest): anything else could stretch the page. */
const MATH_SIZE = /^-?(?:\d{1,2}(?:\.\d{1,4})?|\.\d{1,4})(?:em|ex)$/;

DOMPurify.addHook('afterSanitizeAttributes', (node) => {
  if (node instanceof HTMLAnchorElement) {
    const href = node.getAttribute('href') ?? '';
    // Only web links (opened by the host) and in-page question links survive.
    if (!/^https?:\/\//i.test(href) && !/^#q:[a-z0-9:._-]+$/.test(href)) node.removeAttribute('href');
    node.setAttribute('rel', 'noopener noreferrer');
  } else if (node.hasAttribute('href')) {
    node.removeAttribute('href'); // MathML elements may carry href; only <a> links anywhere
  }
  for (const size of ['width', 'height', 'depth', 'lspace', 'rspace', 'minsize', 'maxsize']) {
    const value = node.getAttribute(size);
    if (value !== null && !MATH_SIZE.test(value.trim())) node.removeAttribute(size);
  }
  // Classes only as marked and the math pass produce them: a deck cannot borrow our UI classes to restyle the page.
  const classes = node.getAttribute('class');
  if (classes !== null) {
    const kept = classes.split(/\s+/).filter((c) => /^language-[\w-]{1,40}$/.test(c) || c === 'math' || c === 'math-display' || c === 'math-pending' || c === 'katex');
    if (kept.length) node.setAttribute('class', kept.join(' '));
    else node.removeAttribute('class');
  }
});

export function renderMarkdown(markdown: string): DocumentFragment {
  resetMathBudget();
  const html = marked.parse(markdown) as string;
  return DOMPurify.sanitize(html, { ALLOWED_TAGS, ALLOWED_ATTR, RETURN_DOM_FRAGMENT: true, ALLOW_DATA_ATTR: false });
}

// Titles, choices and key points: inline Markdown only (code spans, emphasis, math), never links or blocks.
const INLINE_TAGS = ['code', 'em', 'strong', 'del', 'span', ...MATHML_TAGS];

export function renderInline(text: string): DocumentFragment {
  resetMathBudget();
  const html = marked.parseInline(text) as string;
  return DOMPurify.sanitize(html, { ALLOWED_TAGS: INLINE_TAGS, ALLOWED_ATTR: ['class', ...MATHML_ATTR], RETURN_DOM_FRAGMENT: true, ALLOW_DATA_ATTR: false });
}

