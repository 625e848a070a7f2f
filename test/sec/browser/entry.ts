// The webview's Markdown renderer (marked + KaTeX + DOMPurify) on its own, for the hostile-Markdown run in Chromium.
import katex from 'katex';
import { renderInline, renderMarkdown } from '../../../src/webview/markdown';

(globalThis as unknown as { ttKatex: typeof katex }).ttKatex = katex;
(window as unknown as Record<string, unknown>).tt = {
  md: (s: string) => {
    const d = document.createElement('div');
    d.append(renderMarkdown(s));
    return d.innerHTML;
  },
  inline: (s: string) => {
    const d = document.createElement('div');
    d.append(renderInline(s));
    return d.innerHTML;
  },
};
