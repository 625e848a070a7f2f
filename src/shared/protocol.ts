// The host ⇄ webview message protocol: discriminated unions, plus runtime guards for what the webview
// sends (it is untrusted: a compromised or buggy page must not make the host do anything unexpected).
import type { Choice } from '../core/bank/types';
import type { Grade4 } from '../core/quiz/scheduler';
import type { MockReport, SessionState, SessionSummary } from '../core/quiz/session';
import type { Stats } from '../core/quiz/stats';

export interface CardView {
  id: string;
  title: string;
  topicTitle: string;
  difficulty: string;
  /** Answer Markdown; rendered and sanitised in the webview. */
  answer: string;
  choices?: Choice[];
  keyPoints?: string[];
  concepts: { id: string; name: string }[];
  related: { id: string; title: string }[];
}

export interface QuizView {
  kind: 'quiz';
  session: SessionState;
  card?: CardView;
  intervals?: Record<Grade4, string>;
  summary?: SessionSummary & { dueNext: string; mock?: MockReport };
  remaining: number;
  /** Mock interview: time left on this question when the host rendered it (negative once over). */
  timeLeftMs?: number;
}

export interface ReaderView {
  kind: 'reader';
  card: CardView;
  canGoBack: boolean;
  canGoForward: boolean;
  status: string;
}

export interface StatsView {
  kind: 'stats';
  stats: Stats;
}

export type HostMessage =
  | { type: 'render'; view: QuizView | ReaderView | StatsView; strings: Record<string, string> }
  | { type: 'announce'; text: string };

export type WebviewMessage =
  | { type: 'ready' }
  /** Sent after the DOM shows a view: lets the host (and tests) know what the learner actually sees. */
  | { type: 'rendered'; kind: 'quiz' | 'reader' | 'summary' | 'stats'; id: string }
  | { type: 'reveal' }
  | { type: 'grade'; grade: Grade4 }
  | { type: 'pick'; index: number }
  | { type: 'undo' }
  | { type: 'skip' }
  | { type: 'studyMore' }
  | { type: 'close' }
  | { type: 'openQuestion'; id: string }
  | { type: 'quizConcept'; id: string }
  | { type: 'markKnown'; id: string }
  | { type: 'navigate'; direction: 'back' | 'forward' }
  | { type: 'openLink'; href: string };

const GRADE_SET = new Set(['again', 'hard', 'good', 'easy']);
const ID = /^[a-z0-9:._-]{1,200}$/;

/** Returns the message if it is exactly one of the known shapes, otherwise undefined. */
export function parseWebviewMessage(value: unknown): WebviewMessage | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const m = value as Record<string, unknown>;
  switch (m.type) {
    case 'ready':
    case 'reveal':
    case 'undo':
    case 'skip':
    case 'studyMore':
    case 'close':
      return { type: m.type };
    case 'rendered':
      return (m.kind === 'quiz' || m.kind === 'reader' || m.kind === 'summary' || m.kind === 'stats') && typeof m.id === 'string' && m.id.length <= 200
        ? { type: 'rendered', kind: m.kind, id: m.id }
        : undefined;
    case 'grade':
      return typeof m.grade === 'string' && GRADE_SET.has(m.grade) ? { type: 'grade', grade: m.grade as Grade4 } : undefined;
    case 'pick':
      return Number.isInteger(m.index) && (m.index as number) >= 0 && (m.index as number) < 9 ? { type: 'pick', index: m.index as number } : undefined;
    case 'openQuestion':
    case 'quizConcept':
    case 'markKnown':
      return typeof m.id === 'string' && ID.test(m.id) ? { type: m.type, id: m.id } : undefined;
    case 'navigate':
      return m.direction === 'back' || m.direction === 'forward' ? { type: 'navigate', direction: m.direction } : undefined;
    case 'openLink':
      return typeof m.href === 'string' && m.href.length < 2048 && /^https?:\/\//i.test(m.href) ? { type: 'openLink', href: m.href } : undefined;
    default:
      return undefined;
  }
}
