// Typesetting TeX with KaTeX as MathML (no fonts, no inline styles: the strict CSP stays as it is), `trust: false`
// so TeX cannot produce links or HTML. KaTeX lives in its own script, which comes with the page when its first
// view shows math and is otherwise fetched the first time math is drawn (never speculatively: in code-server a
// webview closed while a request is in flight stalls the next webview for 30 s). Until it has loaded, math shows
// as readable text (θ ← θ − η∇L) in a `math-pending` span and the page repaints once it arrives.
import type katexModule from 'katex';
import { escapeHtml } from '../core/text/escape';
import { texToPlain } from '../core/text/plainMath';

type Katex = typeof katexModule;

const katex = () => (globalThis as unknown as { ttKatex?: Katex }).ttKatex;
let pending = false;
/** Spans typeset in the current render: past the cap, math shows as its TeX (an answer of 100,000 `$a$` took seconds). */
let typesetCount = 0;
const MAX_TYPESET = 1500;
let source: { url: string; onReady: () => void } | undefined;

/** Where to fetch KaTeX from, and what to do once it arrives (repaint). */
export function configureMath(url: string, onReady: () => void): void {
  source = { url, onReady };
}

/** Called at the start of each render of a piece of Markdown. */
export function resetMathBudget(): void {
  typesetCount = 0;
}

/** Whether the page shows math still waiting for KaTeX. */
export function mathPending(): boolean {
  return pending;
}

export function typeset(tex: string, displayMode: boolean): string {
  const k = katex();
  if (k && ++typesetCount > MAX_TYPESET) return `<span class="math">${escapeHtml(tex)}</span>`;
  if (!k) {
    pending = true;
    if (source) loadKatex(source.url, source.onReady);
    return `<span class="math-pending">${escapeHtml(texToPlain(tex))}</span>`;
  }
  return k.renderToString(tex, { displayMode, output: 'mathml', throwOnError: false, trust: false, strict: 'ignore', maxSize: 20, maxExpand: 200 });
}

/** Loads KaTeX (once) with this page's nonce; `onReady` runs when it is there if math was shown untypeset. */
function loadKatex(url: string, onReady: () => void): void {
  if (katex() || document.querySelector('script[data-katex]')) return;
  document.addEventListener('tt-katex', () => {
    // After the current paint: the repaint must not run inside the render that asked for KaTeX.
    if (pending) setTimeout(onReady, 0);
    pending = false;
  }, { once: true });
  const script = document.createElement('script');
  script.src = url;
  script.nonce = document.querySelector<HTMLScriptElement>('script[nonce]')?.nonce ?? '';
  script.dataset.katex = '';
  document.head.append(script);
}
