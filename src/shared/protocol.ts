// The host ⇄ webview message protocol: discriminated unions per panel, plus runtime guards for what a webview
// sends (it is untrusted: a compromised or buggy page must not make the host do anything unexpected). Messages
// carry only what the learner did; ids the host already knows (the card shown, the question read) are never
// taken from a message. A card-bound action names the card it was shown for, only so the host can drop it
// when it arrives late (a double key press).
import type { CardKind } from '../core/quiz/cards';
import type { Grade4 } from '../core/quiz/scheduler';
import type { MockReport, SessionState, SessionSummary } from '../core/quiz/session';
import type { Stats } from '../core/quiz/stats';
import type { Readiness } from '../core/study/readiness';

export interface ChoiceView {
  text: string;
  /** Known once the card is answered. */
  correct?: boolean;
  picked?: boolean;
  why?: string;
}

export interface CardView {
  id: string;
  kind: CardKind;
  /** The question, or for a cloze card its text with the deletion hidden (or, revealed, marked). */
  title: string;
  topicTitle: string;
  difficulty: string;
  /** Options in the order shown (shuffled per card and review). */
  choices?: ChoiceView[];
  /** The learner can type an answer and tick key points afterwards. */
  selfCheck: boolean;
  /** Sent once the card is answered or revealed. */
  answer?: { markdown: string; keyPoints: string[]; concepts: { id: string; name: string }[]; related: { id: string; title: string }[] };
}

export interface QuizView {
  kind: 'quiz';
  /** The session as the webview saves it for a window reload (the host validates it on the way back). */
  session: SessionState;
  card?: CardView;
  intervals?: Record<Grade4, string>;
  /** The grade a multiple-choice answer earned (shown on the Continue button). */
  earned?: Grade4;
  summary?: SessionSummary & { dueNext: string; mock?: MockReport };
  remaining: number;
  /** Mock interview: time left on this question when the host rendered it (negative once over). */
  timeLeftMs?: number;
}

export interface ReaderView {
  kind: 'reader';
  card: CardView & { answer: NonNullable<CardView['answer']> };
  canGoBack: boolean;
  canGoForward: boolean;
  status: string;
}

export interface StatsView {
  kind: 'stats';
  stats: Stats;
  /** With an interview date ahead: the readiness curve and the topics at risk. */
  readiness?: Readiness;
}

export type View = QuizView | ReaderView | StatsView;

/** `seq` numbers the views a panel sends, so a webview shown again can say which one it still has. */
export type HostMessage = { type: 'render'; view: View; seq: number } | { type: 'announce'; text: string };

/** What the HTML carries, so the first paint needs no round trip. */
export interface BootData {
  strings: Record<string, string>;
  view?: View;
  seq: number;
  /** The KaTeX script, loaded when the page first draws math. */
  katexUrl: string;
}

/**
 * What the page shows: for a multiple-choice card also its option texts in screen order (tests check the shuffle),
 * and on the first paint when the page's clock marks were taken (epoch ms: navigation start, script start, painted),
 * for the first-card breakdown in the benchmark.
 */
type Rendered = { type: 'rendered'; kind: 'quiz' | 'reader' | 'summary' | 'stats'; id: string; choices?: string[]; heading?: string; timing?: PageTiming; mathPending?: boolean };
export interface PageTiming {
  navigationStart: number;
  scriptStart: number;
  painted: number;
}
type Ready = { type: 'ready'; seq?: number };
type Common = Ready | Rendered | { type: 'openLink'; href: string } | { type: 'openQuestion'; id: string } | { type: 'quizConcept'; id: string };

export type QuizMessage =
  | Common
  | { type: 'reveal'; card: string }
  | { type: 'pick'; card: string; option: number }
  | { type: 'submit'; card: string; options: number[] }
  | { type: 'grade'; card: string; grade: Grade4 }
  | { type: 'next'; card: string }
  | { type: 'skip'; card: string }
  | { type: 'undo' }
  | { type: 'studyMore' }
  | { type: 'close' };

export type ReaderMessage = Common | { type: 'navigate'; direction: 'back' | 'forward' } | { type: 'markKnown' };

export type StatsMessage = Ready | Rendered | { type: 'close' } | { type: 'quizTopic'; id: string };

export type WebviewMessage = QuizMessage | ReaderMessage | StatsMessage;

const GRADES = new Set(['again', 'hard', 'good', 'easy']);
const ID = /^[a-z0-9:._-]{1,200}$/;
const option = (v: unknown): v is number => Number.isInteger(v) && (v as number) >= 0 && (v as number) < 9;
const record = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const cardTag = (m: Record<string, unknown>) => (typeof m.card === 'string' && ID.test(m.card) ? m.card : undefined);

function common(m: Record<string, unknown>): Common | undefined {
  switch (m.type) {
    case 'ready':
      return Number.isInteger(m.seq) && (m.seq as number) >= 0 ? { type: 'ready', seq: m.seq as number } : { type: 'ready' };
    case 'rendered':
      return rendered(m);
    case 'openLink':
      return typeof m.href === 'string' && m.href.length < 2048 && /^https?:\/\/[^\s]+$/i.test(m.href) ? { type: 'openLink', href: m.href } : undefined;
    case 'openQuestion':
    case 'quizConcept':
      return typeof m.id === 'string' && ID.test(m.id) ? { type: m.type, id: m.id } : undefined;
    default:
      return undefined;
  }
}

function rendered(m: Record<string, unknown>): Rendered | undefined {
  if (!(m.kind === 'quiz' || m.kind === 'reader' || m.kind === 'summary' || m.kind === 'stats') || typeof m.id !== 'string' || m.id.length > 200) return undefined;
  const choices = Array.isArray(m.choices) && m.choices.length <= 9 && m.choices.every((c) => typeof c === 'string' && c.length <= 1000) ? { choices: [...m.choices] as string[] } : {};
  const t = m.timing as Record<string, unknown> | undefined;
  const timing = t && typeof t === 'object' && ['navigationStart', 'scriptStart', 'painted'].every((k) => Number.isFinite(t[k]))
    ? { timing: { navigationStart: t.navigationStart as number, scriptStart: t.scriptStart as number, painted: t.painted as number } }
    : {};
  const heading = typeof m.heading === 'string' && m.heading.length <= 500 ? { heading: m.heading } : {};
  return { type: 'rendered', kind: m.kind, id: m.id, ...choices, ...heading, ...timing, ...(m.mathPending === true ? { mathPending: true } : {}) };
}

/** Returns the message if it is exactly one of the quiz panel's shapes, otherwise undefined. */
export function parseQuizMessage(value: unknown): QuizMessage | undefined {
  if (!record(value)) return undefined;
  const card = cardTag(value);
  switch (value.type) {
    case 'reveal':
    case 'next':
    case 'skip':
      return card ? { type: value.type, card } : undefined;
    case 'pick':
      return card && option(value.option) ? { type: 'pick', card, option: value.option } : undefined;
    case 'submit':
      return card && Array.isArray(value.options) && value.options.length > 0 && value.options.length <= 9 && value.options.every(option)
        ? { type: 'submit', card, options: [...value.options] as number[] }
        : undefined;
    case 'grade':
      return card && typeof value.grade === 'string' && GRADES.has(value.grade) ? { type: 'grade', card, grade: value.grade as Grade4 } : undefined;
    case 'undo':
    case 'studyMore':
    case 'close':
      return { type: value.type };
    default:
      return common(value);
  }
}

export function parseReaderMessage(value: unknown): ReaderMessage | undefined {
  if (!record(value)) return undefined;
  if (value.type === 'navigate') return value.direction === 'back' || value.direction === 'forward' ? { type: 'navigate', direction: value.direction } : undefined;
  if (value.type === 'markKnown') return { type: 'markKnown' };
  return common(value);
}

export function parseStatsMessage(value: unknown): StatsMessage | undefined {
  if (!record(value)) return undefined;
  if (value.type === 'close') return { type: 'close' };
  if (value.type === 'quizTopic') return typeof value.id === 'string' && ID.test(value.id) ? { type: 'quizTopic', id: value.id } : undefined;
  const c = common(value);
  return c?.type === 'ready' || c?.type === 'rendered' ? c : undefined;
}
