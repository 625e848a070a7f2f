// The append-only review log, one JSON object per line. Parsing keeps every readable line and reports
// the rest (a truncated last line after a crash, a hand-edited entry) instead of failing.
import { GRADES, type Grade4 } from './scheduler';

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

export interface ParsedReviewLog {
  entries: ReviewEntry[];
  /** 1-based numbers of the lines that are not a review entry. */
  badLines: number[];
  /** Those lines' text, to be moved aside rather than dropped. */
  bad: { line: number; text: string }[];
  /** The log with only its readable lines (what to write back after moving the rest aside). */
  goodText: string;
}

export function parseReviewLog(text: string): ParsedReviewLog {
  const entries: ReviewEntry[] = [];
  const bad: { line: number; text: string }[] = [];
  const good: string[] = [];
  text.split('\n').forEach((line, i) => {
    if (!line.trim()) return;
    try {
      const e = JSON.parse(line) as ReviewEntry;
      if (typeof e.id === 'string' && GRADES.includes(e.grade) && typeof e.reviewedAt === 'string' && !Number.isNaN(Date.parse(e.reviewedAt))) {
        entries.push(e);
        good.push(line);
        return;
      }
    } catch {
      // not JSON: falls through to bad
    }
    bad.push({ line: i + 1, text: line });
  });
  return { entries, badLines: bad.map((b) => b.line), bad, goodText: good.map((l) => `${l}\n`).join('') };
}

/** Log files are split by month so each append rewrites a small file. */
export function logFileName(date: Date): string {
  return `reviews-${date.toISOString().slice(0, 7)}.jsonl`;
}
