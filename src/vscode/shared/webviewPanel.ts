// One base for every Tensor Tutor webview panel (quiz, reader, statistics): options that expose only the
// extension's dist/ and media/ folders, a strict CSP with a per-load nonce, the first view and the UI strings
// embedded in the HTML (first paint without a round trip; strings sent once), messages checked by the panel's
// own parser and handled one at a time, and a `rendered` event for tests and benchmarks.
import * as vscode from 'vscode';
import type { BootData, HostMessage, PageTiming, View } from '../../shared/protocol';
import { escapeHtml } from '../../core/text/escape';
import { viewHasMath } from '../../shared/viewMath';
import { SerialQueue } from '../../core/text/serialQueue';
import { webviewStrings } from './strings';

export function webviewOptions(extensionUri: vscode.Uri): vscode.WebviewOptions & vscode.WebviewPanelOptions {
  return {
    enableScripts: true,
    enableCommandUris: false,
    localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist'), vscode.Uri.joinPath(extensionUri, 'media')],
  };
}

export function nonce(): string {
  const bytes = new Uint8Array(18);
  globalThis.crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

export function webviewHtml(webview: vscode.Webview, extensionUri: vscode.Uri, title: string, boot: Omit<BootData, 'katexUrl'>): string {
  const asset = (...path: string[]) => webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, ...path)).toString();
  const katexUrl = asset('dist', 'webview', 'katex.js');
  const n = nonce();
  // KaTeX (about two thirds of the page's script) comes with the page only when its first view shows math. Loading it
  // after the first paint instead was measured no faster here, and leaves a request in flight right after the paint:
  // in code-server a webview hidden with a request in flight stalls the next webview for 30 s (see math.ts).
  const katexTag = viewHasMath(boot.view) ? `<script nonce="${n}" src="${katexUrl}"></script>\n` : '';
  const csp = [
    "default-src 'none'",
    `script-src 'nonce-${n}'`,
    `style-src ${webview.cspSource}`,
    `img-src ${webview.cspSource}`,
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<meta name="tt-boot" content="${escapeHtml(JSON.stringify({ ...boot, katexUrl }))}">
<link rel="stylesheet" href="${asset('media', 'webview.css')}">
<title>${escapeHtml(title)}</title>
</head>
<body>
<main id="app" aria-live="off"></main>
<div id="announcer" class="visually-hidden" role="status" aria-live="polite"></div>
${katexTag}<script nonce="${n}" src="${asset('dist', 'webview', 'main.js')}"></script>
</body>
</html>`;
}

export interface PanelDeps {
  extensionUri: vscode.Uri;
  log: vscode.LogOutputChannel;
}

export abstract class WebviewPanelHost<M extends { type: string }, V extends View> implements vscode.Disposable {
  protected readonly disposables: vscode.Disposable[] = [];
  private readonly queue: SerialQueue;
  private readonly renderedEmitter = new vscode.EventEmitter<{ kind: string; id: string }>();
  /** Fires when the webview reports what it shows (tests and the first-card benchmark use it). */
  readonly onDidRender = this.renderedEmitter.event;
  /** What the webview last reported as shown (and, for multiple choice, its options in screen order). */
  lastRenderedId: string | undefined;
  lastRenderedChoices: string[] | undefined;
  lastRenderedHeading: string | undefined;
  /** Whether the page last reported math still waiting for KaTeX, and when it last reported none waiting. */
  lastRenderedMathPending = false;
  mathReadyAt = 0;
  /** When the page was set and what the page measured on its first paint (the first-card benchmark). */
  bootedAt = 0;
  pageTiming: PageTiming | undefined;
  renderCount = 0;
  /** The view last sent to the page. */
  lastView: V | undefined;
  protected disposed = false;

  protected constructor(
    readonly panel: vscode.WebviewPanel,
    protected readonly base: PanelDeps,
    private readonly name: string,
    private readonly parse: (raw: unknown) => M | undefined,
  ) {
    this.queue = new SerialQueue((error) => base.log.error(`${name}: ${(error as Error)?.stack ?? error}`));
    panel.webview.options = webviewOptions(base.extensionUri);
    panel.iconPath = vscode.Uri.joinPath(base.extensionUri, 'media', 'activity.svg');
    this.disposables.push(
      panel.onDidDispose(() => this.dispose()),
      panel.webview.onDidReceiveMessage((raw) => void this.receive(raw)),
    );
  }

  /** Number of the last view sent (in the HTML or a render message). */
  private seq = 0;

  /** Sets the page, with `view` painted before any message is exchanged. */
  protected boot(title: string, view?: View): void {
    this.bootedAt = Date.now();
    this.panel.webview.html = webviewHtml(this.panel.webview, this.base.extensionUri, title, { strings: webviewStrings(), ...(view ? { view } : {}), seq: ++this.seq });
  }

  /** Sets the page with the current view painted in it. */
  protected async open(title: string): Promise<void> {
    this.lastView = await this.view();
    if (this.lastView) this.willShow(this.lastView);
    this.boot(title, this.lastView);
  }

  /** Computes the current view and sends it (also when the webview was reloaded and holds an older one). */
  protected async render(): Promise<void> {
    const view = await this.view();
    if (!view || this.disposed) return; // nothing to show, or closed while the view was being computed
    this.lastView = view;
    this.willShow(view);
    this.post({ type: 'render', view, seq: ++this.seq });
  }

  /** What the panel shows now; undefined when there is nothing to show. */
  protected abstract view(): Promise<V | undefined>;

  /** Hook before a view is sent (e.g. to retitle the panel). */
  protected willShow(_view: V): void {}

  /** Everything the webview posts: validated, then handled strictly one message at a time. */
  receive(raw: unknown): Promise<boolean> {
    const message = this.parse(raw);
    if (!message) {
      this.base.log.warn(`${this.name}: ignored a malformed message ${JSON.stringify(raw)?.slice(0, 200)}`);
      return Promise.resolve(false);
    }
    return this.queue.run(async () => {
      if (this.disposed) return true;
      if (message.type === 'ready') {
        // A webview shown again repaints from its saved state; only a stale one needs the view again.
        if ((message as { seq?: number }).seq !== this.seq) await this.render();
        return true;
      }
      if (message.type === 'rendered') {
        const r = message as unknown as { kind: string; id: string; choices?: string[]; heading?: string; timing?: PageTiming; mathPending?: boolean };
        this.lastRenderedId = r.id;
        this.lastRenderedChoices = r.choices;
        this.lastRenderedHeading = r.heading;
        this.lastRenderedMathPending = r.mathPending === true;
        if (!this.lastRenderedMathPending) this.mathReadyAt = Date.now();
        if (r.timing) this.pageTiming = r.timing;
        this.renderCount++;
        this.renderedEmitter.fire({ kind: r.kind, id: r.id });
        return true;
      }
      if (message.type === 'openLink') {
        // Only http(s) reaches the browser (the parser checked it); the learner clicked it.
        await vscode.env.openExternal(vscode.Uri.parse((message as unknown as { href: string }).href));
        return true;
      }
      await this.handle(message);
      return true;
    });
  }

  /** Runs after every message handled so far (tests). */
  idle(): Promise<void> {
    return this.queue.idle();
  }

  protected abstract handle(message: M): Promise<void>;

  protected post(message: HostMessage): void {
    if (!this.disposed) void this.panel.webview.postMessage(message);
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.renderedEmitter.dispose();
    for (const d of this.disposables.splice(0)) d.dispose();
    this.panel.dispose();
  }
}
