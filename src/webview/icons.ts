// The few codicons the webview shows, inlined as SVG (source files of @vscode/codicons, CC-BY-4.0, loaded as
// text by esbuild). Not the codicon font: a font is fetched lazily after the first render, and a webview hidden
// while that request is in flight stalls the next webview for 30 s in code-server (see bench/RESULTS.md). Inline
// icons also save two requests per webview and ~156 KB of the VSIX.
import arrowLeft from '@vscode/codicons/src/icons/arrow-left.svg';
import arrowRight from '@vscode/codicons/src/icons/arrow-right.svg';
import check from '@vscode/codicons/src/icons/check.svg';
import close from '@vscode/codicons/src/icons/close.svg';
import debugStepOver from '@vscode/codicons/src/icons/debug-step-over.svg';
import discard from '@vscode/codicons/src/icons/discard.svg';
import error from '@vscode/codicons/src/icons/error.svg';
import eye from '@vscode/codicons/src/icons/eye.svg';
import eyeClosed from '@vscode/codicons/src/icons/eye-closed.svg';
import mortarBoard from '@vscode/codicons/src/icons/mortar-board.svg';
import passFilled from '@vscode/codicons/src/icons/pass-filled.svg';
import watch from '@vscode/codicons/src/icons/watch.svg';

const SOURCES = {
  'arrow-left': arrowLeft,
  'arrow-right': arrowRight,
  check,
  close,
  'debug-step-over': debugStepOver,
  discard,
  error,
  eye,
  'eye-closed': eyeClosed,
  'mortar-board': mortarBoard,
  'pass-filled': passFilled,
  watch,
} as const;

export type IconName = keyof typeof SOURCES;

const SVG_NS = 'http://www.w3.org/2000/svg';

/** A 16×16 icon in the current text colour, built with DOM calls from the path data (no innerHTML). */
export function iconSvg(name: IconName): SVGSVGElement {
  const svg = document.createElementNS(SVG_NS, 'svg');
  svg.setAttribute('viewBox', '0 0 16 16');
  svg.setAttribute('width', '16');
  svg.setAttribute('height', '16');
  svg.setAttribute('fill', 'currentColor');
  for (const m of SOURCES[name].matchAll(/\sd="([^"]+)"/g)) {
    const path = document.createElementNS(SVG_NS, 'path');
    path.setAttribute('d', m[1]);
    svg.append(path);
  }
  return svg;
}
