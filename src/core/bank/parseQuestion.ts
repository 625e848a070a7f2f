// Markdown question file → Question, with every problem reported at its file and line.
import { DIFFICULTIES, type BankDiagnostic, type Choice, type Difficulty, type Question } from './types';
import { parseYaml, splitFrontMatter } from './frontMatter';
import { KEBAB_ID, isRecord, readString, readStringList, warnUnknownKeys, type Report } from './fields';
import { checkMarkdown } from './markdownChecks';
import { parseCloze } from './cloze';

/** Files larger than this are rejected unread: bounded work per file. */
export { MAX_QUESTION_BYTES } from './limits';
import { MAX_QUESTION_BYTES } from './limits';

const MAX_FRONT_MATTER_BYTES = 16 * 1024;
const MAX_FRONT_MATTER_KEYS = 64;
const KNOWN_KEYS = ['id', 'topic', 'difficulty', 'concepts', 'covers', 'related', 'choices', 'selectAll', 'keyPoints'] as const;

export interface ParsedQuestion {
  question?: Question;
  diagnostics: BankDiagnostic[];
  /** Line of each front-matter field, for errors found later when linking the bank. */
  fieldLines?: Partial<Record<(typeof KNOWN_KEYS)[number], number>>;
}

export function parseQuestion(file: string, text: string, options: { strictHtml?: boolean } = {}): ParsedQuestion {
  const diagnostics: BankDiagnostic[] = [];
  const error = (line: number, message: string) => diagnostics.push({ file, line, message, severity: 'error' });
  const warn = (line: number, message: string) => diagnostics.push({ file, line, message, severity: 'warning' });

  if (text.length > MAX_QUESTION_BYTES) {
    error(1, `file is ${Math.round(text.length / 1024)} KB; question files are limited to ${MAX_QUESTION_BYTES / 1024} KB`);
    return { diagnostics };
  }
  if (!text.trim()) {
    error(1, 'file is empty: a question needs YAML front matter between --- lines and a "# Question" heading');
    return { diagnostics };
  }
  if (text.includes('\u0000') || text.includes('\uFFFD')) {
    error(1, 'file is not UTF-8 text (binary data or invalid bytes)');
    return { diagnostics };
  }
  const split = splitFrontMatter(text);
  if (split.frontMatter === undefined) {
    error(1, 'missing YAML front matter: the file must start with a line "---", then the fields, then "---"');
    return { diagnostics };
  }
  // Bounded before parsing: a front matter is a handful of fields, never a data file.
  if (split.frontMatter.length > MAX_FRONT_MATTER_BYTES) {
    error(split.frontMatterLine, `front matter is ${Math.round(split.frontMatter.length / 1024)} KB; it is limited to ${MAX_FRONT_MATTER_BYTES / 1024} KB`);
    return { diagnostics };
  }
  const keyLines = split.frontMatter.match(/^[A-Za-z_"'][^:\n]*:/gm)?.length ?? 0;
  if (keyLines > MAX_FRONT_MATTER_KEYS) {
    error(split.frontMatterLine, `front matter has ${keyLines} fields; a question has at most ${MAX_FRONT_MATTER_KEYS}`);
    return { diagnostics };
  }
  const fm = parseYaml(split.frontMatter, split.frontMatterLine);
  for (const e of fm.errors) error(e.line, `front matter is not valid YAML: ${e.message}`);
  if (fm.errors.length) return { diagnostics };
  if (!isRecord(fm.data)) {
    error(split.frontMatterLine, 'front matter must be a set of "key: value" fields');
    return { diagnostics };
  }
  const rec = fm.data;
  let failed = false;
  const report: Report = (path, message) => {
    failed = true;
    error(fm.lineOf(path), message);
  };
  warnUnknownKeys(rec, KNOWN_KEYS, (path, message) => warn(fm.lineOf(path), message));

  const id = readString(rec, 'id', report);
  if (id && !KEBAB_ID.test(id)) report(['id'], `id "${id}" must be kebab-case (a-z, 0-9 and single dashes)`);
  const topic = readString(rec, 'topic', report);
  const difficulty = readString(rec, 'difficulty', report);
  if (difficulty && !(DIFFICULTIES as readonly string[]).includes(difficulty)) {
    report(['difficulty'], `difficulty "${difficulty}" must be one of ${DIFFICULTIES.join(', ')}`);
  }
  const concepts = readStringList(rec, 'concepts', report);
  if (!concepts.length && rec.concepts !== undefined) report(['concepts'], 'list at least one concept id');
  const covers = readStringList(rec, 'covers', report);
  const related = readStringList(rec, 'related', report);
  const selectAll = readSelectAll(rec.selectAll, report);
  const choices = readChoices(rec.choices, selectAll, (path, message) => report(['choices', ...path], message));
  const keyPoints = rec.keyPoints === undefined ? undefined : readStringList(rec, 'keyPoints', report, 12);
  keyPoints?.forEach((point, i) => {
    for (const e of parseCloze(point).errors) report(['keyPoints', i], `key point ${i + 1}: ${e.message}`);
  });

  const bodyLines = split.body.split(/\r?\n/);
  const lead = bodyLines.findIndex((l) => l.trim());
  const headingMatch = lead >= 0 ? /^#\s+(.+?)\s*#*\s*$/.exec(bodyLines[lead].trim()) : null;
  if (!headingMatch) {
    error(split.bodyLine + Math.max(lead, 0), 'the body must start with the question as a "# " heading');
    return { diagnostics };
  }
  for (const e of parseCloze(headingMatch[1]).errors) error(split.bodyLine + lead, `question heading: ${e.message}`);
  const answerLines = bodyLines.slice(lead + 1);
  const answerFirstLine = split.bodyLine + lead + 1;
  for (const d of checkMarkdown(answerLines.join('\n'), { strictHtml: options.strictHtml ?? false })) {
    (d.severity === 'error' ? error : warn)(answerFirstLine + d.line, d.message);
    if (d.severity === 'error') failed = true;
  }
  const answer = answerLines.join('\n').trim();
  if (!answer) warn(split.bodyLine + lead, 'the question has no answer text');

  if (failed || !id || !topic || !difficulty) return { diagnostics };
  const fieldLines = Object.fromEntries(KNOWN_KEYS.map((k) => [k, fm.lineOf([k])]));
  return {
    diagnostics,
    fieldLines,
    question: {
      id,
      topic,
      difficulty: difficulty as Difficulty,
      title: headingMatch[1],
      answer,
      concepts,
      covers,
      related,
      ...(choices ? { choices } : {}),
      ...(choices && selectAll ? { selectAll: true } : {}),
      ...(keyPoints ? { keyPoints } : {}),
      source: file,
    },
  };
}

function readSelectAll(value: unknown, report: Report): boolean {
  if (value === undefined || value === null) return false;
  if (typeof value !== 'boolean') report(['selectAll'], '"selectAll" must be true or false');
  return value === true;
}

/**
 * Single-answer items (the default) have exactly one correct option; "select all that apply" items
 * (`selectAll: true`) have any non-empty set, graded as right only when the learner picks exactly that set.
 */
function readChoices(value: unknown, selectAll: boolean, report: Report): Choice[] | undefined {
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value)) {
    report([], '"choices" must be a list of { text, correct, why }');
    return undefined;
  }
  const choices: Choice[] = [];
  value.slice(0, 9).forEach((item, i) => {
    if (!isRecord(item)) return report([i], `choice ${i + 1} must have text, correct and why`);
    const text = typeof item.text === 'string' ? item.text.trim() : '';
    const why = typeof item.why === 'string' ? item.why.trim() : '';
    if (!text) return report([i], `choice ${i + 1} needs "text"`);
    if (typeof item.correct !== 'boolean') return report([i], `choice ${i + 1} needs "correct: true" or "correct: false"`);
    choices.push({ text, correct: item.correct, why });
  });
  if (value.length > 9) report([], 'at most 9 choices (number keys 1-9 pick them)');
  if (choices.length && choices.length < 2) report([], 'a multiple-choice question needs at least 2 choices');
  if (choices.length && !choices.some((c) => c.correct)) report([], 'mark at least one choice "correct: true"');
  const correct = choices.filter((c) => c.correct).length;
  if (!selectAll && correct > 1) {
    report([], `${correct} choices are marked correct in a single-answer question: keep exactly one, or add "selectAll: true" to make it a "select all that apply" question`);
  }
  if (selectAll && choices.length && correct === choices.length) report([], 'a "select all that apply" question needs at least one wrong option');
  return choices.length ? choices : undefined;
}
