// Plain text (question titles, concept names and definitions: possibly from a user deck) placed inside
// Markdown we build for hovers and tooltips. Markdown-significant characters are escaped, so the text can never
// become a link, an image, HTML, an entity or a `$(icon)`; whitespace runs collapse so it cannot open a block.

/** For a piece of a line: escapes, collapses whitespace, keeps the piece's outer spaces. */
export function escapeInline(text: string): string {
  return text.replace(/\s+/g, ' ').replace(/[\\`*_{}[\]()#+!|<>$&"~]/g, '\\$&');
}

/** For text that starts a line or paragraph: also trimmed, and a leading list or heading marker is escaped. */
export function escapeMarkdown(text: string): string {
  return escapeInline(text.trim())
    .replace(/^(\d+)([.)])/, '$1\\$2')
    .replace(/^[-=]/, '\\$&');
}
