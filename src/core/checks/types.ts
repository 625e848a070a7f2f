// What a check is and what it reports. Positions are 0-based lines and UTF-16 columns, like VS Code's.
import type { Facts } from './facts';

export type Severity = 'information' | 'warning';

export interface Position {
  line: number;
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

export interface TextEdit {
  range: Range;
  newText: string;
}

export interface Fix {
  /** The code action's title ("Add model.eval() before the loop"). */
  title: string;
  edits: TextEdit[];
}

export interface Finding {
  check: string;
  severity: Severity;
  message: string;
  range: Range;
  /** The glossary concept and the bank question that explain the pitfall. */
  conceptId: string;
  questionId: string;
  fix?: Fix;
}

/** What a check reports: offsets into the source; the runner turns them into positions. */
export interface Report {
  s: number;
  e: number;
  message: string;
  /** Overrides the check's default severity (e.g. `log_softmax` before cross-entropy is only redundant). */
  severity?: Severity;
  fix?: { title: string; edits: { s: number; e: number; text: string }[] };
}

export interface Check {
  readonly id: string;
  /** A short name for menus and docs ("validation loop without model.eval()"). */
  readonly title: string;
  readonly severity: Severity;
  readonly conceptId: string;
  readonly questionId: string;
  run(facts: Facts, report: (r: Report) => void): void;
}
