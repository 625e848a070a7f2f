// KaTeX as its own script (dist/webview/katex.js), so the page's main script stays small. Loaded with the page
// when the first view shows math, otherwise right after the first paint (src/webview/math.ts).
import katex from 'katex';

(globalThis as unknown as { ttKatex?: typeof katex }).ttKatex = katex;
document.dispatchEvent(new Event('tt-katex'));
