// Cheap structural checks of an answer's Markdown: unclosed fences, extra headings, raw HTML.
// Line numbers are 0-based within the checked text.

export interface MarkdownProblem {
  line: number;
  message: string;
  severity: 'error' | 'warning';
}

export const MAX_LINE = 10_000;
/** Quotes and lists nested deeper than this are refused: the renderer's work grows with the depth. */
export const MAX_NESTING = 20;
const HTML_TAG = /<\/?[a-zA-Z][a-zA-Z0-9-]*(\s[^<>]*)?\/?>/;

export function checkMarkdown(text: string, options: { strictHtml: boolean }): MarkdownProblem[] {
  const problems: MarkdownProblem[] = [];
  const lines = text.split('\n');
  let fenceLine = -1;
  let fence = '';
  lines.forEach((raw, i) => {
    if (raw.length > MAX_LINE) {
      problems.push({ line: i, message: `line is ${raw.length} characters long (limit ${MAX_LINE})`, severity: 'error' });
      return;
    }
    const line = raw.trimStart();
    const marker = /^(`{3,}|~{3,})/.exec(line)?.[1];
    if (marker) {
      if (fenceLine < 0) {
        fenceLine = i;
        fence = marker;
      } else if (line.startsWith(fence) && line.trim() === line.slice(0, line.trim().length) && /^(`{3,}|~{3,})\s*$/.test(line)) {
        fenceLine = -1;
      }
      return;
    }
    if (fenceLine >= 0) return;
    const depth = nestingDepth(raw);
    if (depth > MAX_NESTING) {
      problems.push({ line: i, message: `quotes or lists are nested ${depth} levels deep here (limit ${MAX_NESTING}); flatten them`, severity: 'error' });
      return;
    }
    if (/^#\s/.test(line)) problems.push({ line: i, message: 'only the question may be a "# " heading; use "##" inside the answer', severity: 'warning' });
    const withoutCode = line.replace(/`[^`]*`/g, '');
    if (HTML_TAG.test(withoutCode)) {
      problems.push({
        line: i,
        message: 'raw HTML is not rendered (it is removed for safety); write Markdown instead',
        severity: options.strictHtml ? 'error' : 'warning',
      });
    }
  });
  if (fenceLine >= 0) problems.push({ line: fenceLine, message: 'code fence opened here is never closed', severity: 'error' });
  return problems;
}

/** Block quote markers and list markers opening a line, plus list indentation (2 spaces per level). */
export function nestingDepth(line: string): number {
  let markers = 0;
  let i = 0;
  const indent = /^ */.exec(line)![0].length;
  for (;;) {
    while (line[i] === ' ' || line[i] === '\t') i++;
    if (line[i] === '>') {
      markers++;
      i++;
      continue;
    }
    const list = /^(?:[-*+]|\d{1,9}[.)])(?=[ \t])/.exec(line.slice(i, i + 11));
    if (!list) break;
    markers++;
    i += list[0].length;
  }
  return markers ? markers + Math.floor(indent / 2) : 0;
}
