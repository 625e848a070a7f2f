// The page's one piece of state and the services every view uses: what the host last sent, the UI strings,
// the learner's local, not-yet-sent input (ticked key points, boxes of a select-all card, the reader's answer
// toggle), sending intents, and screen-reader announcements.
import type { BootData, View, WebviewMessage } from '../shared/protocol';

interface VsCodeApi {
  postMessage(message: WebviewMessage): void;
  getState(): unknown;
  setState(state: unknown): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

/** Saved with setState: a webview shown again repaints from it; the quiz session also survives a window reload. */
export interface SavedState {
  view?: View;
  seq: number;
  session?: unknown;
}

export interface LocalInput {
  /** The card or question these belong to: they reset when it changes. */
  key: string;
  ticks: Set<number>;
  selected: Set<number>;
  answerShown: boolean;
}

export class Ui {
  private readonly api = acquireVsCodeApi();
  readonly app = document.getElementById('app')!;
  private readonly announcer = document.getElementById('announcer')!;
  strings: Record<string, string> = {};
  /** Where KaTeX's script is, to load it after the first paint. */
  katexUrl = '';
  view: View | undefined;
  seq = 0;
  /** When the view arrived: the mock-interview countdown runs from the host's figure at that moment. */
  receivedAt = 0;
  local: LocalInput = { key: '', ticks: new Set(), selected: new Set(), answerShown: false };
  /** Set after an answer was sent, until the next view: a second key press must not send it again. */
  waiting = false;
  /** Screen-reader announcements already made for a question's timer. */
  readonly announced = new Set<string>();

  constructor() {
    const boot = JSON.parse(document.querySelector<HTMLMetaElement>('meta[name="tt-boot"]')?.content ?? '{}') as BootData;
    const saved = this.api.getState() as SavedState | undefined;
    this.strings = boot.strings ?? {};
    this.katexUrl = boot.katexUrl ?? '';
    // The saved state is newer than the HTML when the webview is shown again without being recreated.
    const initial = saved?.view && (saved.seq ?? 0) >= (boot.seq ?? 0) ? saved : boot;
    if (initial.view) this.accept(initial.view, initial.seq ?? 0);
  }

  accept(view: View, seq: number): void {
    const key = keyOf(view);
    if (key !== this.local.key) this.local = { key, ticks: new Set(), selected: new Set(), answerShown: false };
    this.view = view;
    this.seq = seq;
    this.receivedAt = Date.now();
    this.waiting = false;
    this.api.setState({ view, seq, ...(view.kind === 'quiz' ? { session: view.session } : {}) } satisfies SavedState);
  }

  send(message: WebviewMessage): void {
    this.api.postMessage(message);
  }

  /** An answer or grade for the card on screen: sent once, then ignored until the host's next view. */
  answer(message: WebviewMessage): void {
    if (this.waiting) return;
    this.waiting = true;
    this.api.postMessage(message);
  }

  s(key: string, ...args: (string | number)[]): string {
    return (this.strings[key] ?? key).replace(/\{(\d)\}/g, (_, i: string) => String(args[Number(i)]));
  }

  announce(text: string): void {
    this.announcer.textContent = '';
    requestAnimationFrame(() => (this.announcer.textContent = text));
  }
}

export function keyOf(view: View): string {
  if (view.kind === 'stats') return 'stats';
  return view.kind === 'reader' ? `reader:${view.card.id}` : `quiz:${view.session.startedAt}:${view.card?.id ?? 'summary'}`;
}

export function formatDuration(ms: number): string {
  const total = Math.max(0, Math.round(ms / 1000));
  const m = Math.floor(total / 60);
  return `${m}:${String(total % 60).padStart(2, '0')}`;
}
