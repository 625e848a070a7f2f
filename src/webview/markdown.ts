// Markdown → sanitised DOM. marked does not sanitise, so every piece of HTML it produces goes through
// DOMPurify before it touches the document. Math between $…$ is shown as code-styled text.
import { Marked } from 'marked';
import DOMPurify from 'dompurify';

const marked = new Marked({ gfm: true, breaks: false, async: false });

const ALLOWED_TAGS = ['p', 'br', 'strong', 'em', 'del', 'code', 'pre', 'blockquote', 'ul', 'ol', 'li', 'a', 'h2', 'h3', 'h4',
  'h5', 'h6', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'hr', 'span', 'img'];
const ALLOWED_ATTR = ['href', 'title', 'alt', 'src', 'class', 'align'];

DOMPurify.addHook('afterSanitizeAttributes', (node) => {
  if (node instanceof HTMLAnchorElement) {
    const href = node.getAttribute('href') ?? '';
    // Only web links (opened by the host) and in-page question links survive.
    if (!/^https?:\/\//i.test(href) && !/^#q:[a-z0-9:._-]+$/.test(href)) node.removeAttribute('href');
    node.setAttribute('rel', 'noopener noreferrer');
  }
  // Classes only as marked and the math pass produce them: a deck cannot borrow our UI classes to restyle the page.
  const classes = node.getAttribute('class');
  if (classes !== null) {
    const kept = classes.split(/\s+/).filter((c) => /^language-[\w-]{1,40}$/.test(c) || c === 'math');
    if (kept.length) node.setAttribute('class', kept.join(' '));
    else node.removeAttribute('class');
  }
  if (node instanceof HTMLImageElement) {
    const src = node.getAttribute('src') ?? '';
    if (!/^https:\/\//i.test(src)) node.removeAttribute('src');
    node.setAttribute('loading', 'lazy');
  }
});

export function renderMarkdown(markdown: string): DocumentFragment {
  const withMath = markdown.replace(/(^|[^\\$])\$([^$\n]{1,400})\$/g, (_m, pre: string, tex: string) => `${pre}<span class="math">${escapeHtml(tex)}</span>`);
  const html = marked.parse(withMath) as string;
  return DOMPurify.sanitize(html, { ALLOWED_TAGS, ALLOWED_ATTR, RETURN_DOM_FRAGMENT: true, ALLOW_DATA_ATTR: false });
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
