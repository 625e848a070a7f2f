// The append-only review log, one JSON object per line. Parsing keeps every readable line and reports
// the rest (a truncated last line after a crash, a hand-edited entry) instead of failing.
import type { Grade4 } from './scheduler';

export interface ReviewEntry {
  id: string;
  grade: Grade4;
  /** Card state after the review (ts-fsrs State: 0 new, 1 learning, 2 review, 3 relearning). */
  state: number;
  reviewedAt: string;
  due: string;
  durationMs: number;
  /** Card state before the review (0 = new); absent in entries written by older versions. */
  previousState?: number;
}

export function serializeReview(entry: ReviewEntry): string {
  return `${JSON.stringify(entry)}\n`;
}

export function parseReviewLog(text: string): { entries: ReviewEntry[]; badLines: number[] } {
  const entries: ReviewEntry[] = [];
  const badLines: number[] = [];
  text.split('\n').forEach((line, i) => {
    if (!line.trim()) return;
    try {
      const e = JSON.parse(line) as ReviewEntry;
      if (typeof e.id === 'string' && typeof e.grade === 'string' && typeof e.reviewedAt === 'string') entries.push(e);
      else badLines.push(i + 1);
    } catch {
      badLines.push(i + 1);
    }
  });
  return { entries, badLines };
}

/** Log files are split by month so each append rewrites a small file. */
export function logFileName(date: Date): string {
  return `reviews-${date.toISOString().slice(0, 7)}.jsonl`;
}
