// The end-of-interview report: each question asked, in order, with its time and grade; totals; per topic.
import type { Grade4 } from './scheduler';
import type { SessionState } from './session';

export interface MockQuestionReport {
  id: string;
  title: string;
  topic: string;
  ms: number;
  grade: Grade4 | 'skipped';
  overTime: boolean;
}

export interface MockReport {
  perQuestionMs: number;
  questions: MockQuestionReport[];
  totals: { asked: number; answered: number; skipped: number; correct: number; correctPercent: number; totalMs: number; averageMs: number; overTime: number };
  byTopic: { topic: string; asked: number; correct: number; totalMs: number }[];
}

export function mockReport(s: SessionState, info: (id: string) => { title: string; topic: string }): MockReport | undefined {
  if (!s.mock) return undefined;
  const limit = s.mock.perQuestionMs;
  const graded = new Map(s.results.map((r) => [r.id, r]));
  const questions: MockQuestionReport[] = [];
  for (const id of s.queue.slice(0, s.position)) {
    const result = graded.get(id);
    const ms = result ? result.ms : (s.mock.skippedMs[id] ?? 0);
    questions.push({ id, ...info(id), ms, grade: result ? result.grade : 'skipped', overTime: ms > limit });
  }
  const byTopic = new Map<string, { topic: string; asked: number; correct: number; totalMs: number }>();
  for (const q of questions) {
    const t = byTopic.get(q.topic) ?? { topic: q.topic, asked: 0, correct: 0, totalMs: 0 };
    t.asked++;
    t.totalMs += q.ms;
    if (q.grade !== 'again' && q.grade !== 'skipped') t.correct++;
    byTopic.set(q.topic, t);
  }
  const answered = questions.filter((q) => q.grade !== 'skipped').length;
  const correct = questions.filter((q) => q.grade !== 'skipped' && q.grade !== 'again').length;
  const totalMs = questions.reduce((sum, q) => sum + q.ms, 0);
  return {
    perQuestionMs: limit,
    questions,
    totals: {
      asked: questions.length,
      answered,
      skipped: questions.length - answered,
      correct,
      correctPercent: questions.length ? Math.round((100 * correct) / questions.length) : 0,
      totalMs,
      averageMs: questions.length ? Math.round(totalMs / questions.length) : 0,
      overTime: questions.filter((q) => q.overTime).length,
    },
    byTopic: [...byTopic.values()],
  };
}
