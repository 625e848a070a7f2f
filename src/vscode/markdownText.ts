// Plain text (question titles, concept names: possibly from a user deck) placed inside Markdown we build for
// hovers and tooltips. Every Markdown-significant character is escaped, so the text can never become a link,
// an image, HTML, an entity or a `$(icon)`; whitespace runs collapse so it cannot open a new block.
export function escapeMarkdown(text: string): string {
  return text.replace(/\s+/g, ' ').replace(/[\\`*_{}[\]()#+!|<>$&"~=-]/g, '\\$&');
}
