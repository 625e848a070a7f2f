// Escaping, one function per target. Text from a user deck is untrusted everywhere it goes.

/** For HTML text and attribute values (the Anki export, the webview's own markup). */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/**
 * For plain text placed inside Markdown we build (hovers, tooltips): every Markdown-significant character is
 * escaped, so the text can never become a link, an image, HTML, an entity or a `$(icon)`; whitespace runs
 * collapse so it cannot open a block. Keeps the piece's outer spaces.
 */
export function escapeInline(text: string): string {
  return text
    .replace(/\s+/g, ' ')
    .replace(/[\\`*_{}[\]()#+!|<>$&"~@]/g, '\\$&')
    // GFM turns bare URLs into links: break `scheme://` and `www.` so they stay text.
    .replace(/:(?=\/\/)/g, '\\:')
    .replace(/\b(www)\./gi, '$1\\.');
}

/** For text that starts a line or paragraph: also trimmed, and a leading list or heading marker is escaped. */
export function escapeMarkdown(text: string): string {
  return escapeInline(text.trim())
    .replace(/^(\d+)([.)])/, '$1\\$2')
    .replace(/^[-=]/, '\\$&');
}

/**
 * A note with `code` spans from a glossary (possibly a user deck's): everything is escaped, then only
 * well-formed single-backtick spans on the escaped text become code again. A run of two or more backticks never
 * opens anything, so no Markdown (links, images, HTML) can be smuggled through a "code span".
 */
export function escapeWithCodeSpans(text: string): string {
  const escaped = escapeInline(text);
  // In the escaped text a backtick is "\`"; a kept span is \`…\` with no backtick inside and none adjacent.
  return escaped.replace(/(?<!\\`)\\`((?:(?!\\`)[^\n])+?)\\`(?!\\`)/g, (_m, inner: string) => {
    const code = inner.replace(/\\([\\`*_{}[\]()#+!|<>$&"~@:.])/g, '$1').replace(/`/g, '');
    return code.trim() ? `\`${code}\`` : _m;
  });
}
