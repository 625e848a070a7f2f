// Plain text (question titles, concept names and definitions: possibly from a user deck) placed inside
// Markdown we build for hovers and tooltips. Markdown-significant characters are escaped, so the text can never
// become a link, an image, HTML, an entity or a `$(icon)`; whitespace runs collapse so it cannot open a block.
export function escapeMarkdown(text: string): string {
  return text
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/[\\`*_{}[\]()#+!|<>$&"~]/g, '\\$&')
    .replace(/^(\d+)([.)])/, '$1\\$2')
    .replace(/^[-=]/, '\\$&');
}
