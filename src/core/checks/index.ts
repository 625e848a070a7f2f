// The check registry and the runner: parse once, build the shared facts, run every enabled check, drop
// what `# tensor-tutor: ignore[...]` silences, and turn offsets into line/column ranges.
import { Facts } from './facts';
import { parsePython } from './python/parse';
import { lineOf } from './python/tokenize';
import { evalModeMissing, noGradMissing, trainModeNotRestored } from './rules/mode';
import { adamLrTooHigh, adamWeightDecay, schedulerBeforeOptimizer, zeroGradMissing } from './rules/optimizer';
import { sigmoidBeforeBceWithLogits, softmaxBeforeCrossEntropy } from './rules/activations';
import { kerasFromLogits, lossAccumulatedTensor } from './rules/losses';
import { convBiasBeforeBatchNorm, dropoutHighP, functionalDropoutTraining, lstmBatchFirst } from './rules/layers';
import { normalizationLeakage, setEpochMissing, shuffleValidation, torchLoadWeightsOnly, trainNoShuffle } from './rules/data';
import type { Check, Finding, Position, Report } from './types';

export type { Check, Finding, Fix, Position, Range, Severity, TextEdit } from './types';

export const CHECKS: readonly Check[] = [
  evalModeMissing,
  noGradMissing,
  trainModeNotRestored,
  zeroGradMissing,
  schedulerBeforeOptimizer,
  softmaxBeforeCrossEntropy,
  sigmoidBeforeBceWithLogits,
  lossAccumulatedTensor,
  adamWeightDecay,
  adamLrTooHigh,
  dropoutHighP,
  functionalDropoutTraining,
  convBiasBeforeBatchNorm,
  lstmBatchFirst,
  shuffleValidation,
  trainNoShuffle,
  setEpochMissing,
  torchLoadWeightsOnly,
  kerasFromLogits,
  normalizationLeakage,
];

export const checkById = (id: string): Check | undefined => CHECKS.find((c) => c.id === id);

/** Files larger than this are not analysed (a generated or data file, not a training script). */
export const MAX_SOURCE_CHARS = 2_000_000;

export interface AnalyzeOptions {
  /** Check ids to skip. */
  disabled?: ReadonlySet<string> | readonly string[];
}

const IGNORE = /#\s*tensor-tutor:\s*ignore(?:\[([^\]]*)\])?/;

/** Blanks IPython magics and shell escapes (`%matplotlib inline`, `!pip install`) so a cell still parses. */
export function blankMagics(source: string): string {
  return /^[ \t]*[%!]/m.test(source) ? source.replace(/^([ \t]*)([%!].*)$/gm, (_, indent: string, rest: string) => indent + ' '.repeat(rest.length)) : source;
}

export function analyze(source: string, options: AnalyzeOptions = {}): Finding[] {
  if (source.length > MAX_SOURCE_CHARS) return [];
  const text = blankMagics(source);
  const facts = new Facts(parsePython(text));
  const disabled = new Set(options.disabled ?? []);
  const { lineStarts, comments } = facts.parsed.tokens;
  const ignored = new Map<number, Set<string> | 'all'>();
  for (const c of comments) {
    const m = IGNORE.exec(c.text);
    if (m) ignored.set(c.line, m[1] === undefined ? 'all' : new Set(m[1].split(',').map((id) => id.trim()).filter(Boolean)));
  }
  const position = (offset: number): Position => {
    const line = lineOf(lineStarts, offset);
    return { line, character: offset - lineStarts[line] };
  };
  const findings: Finding[] = [];
  for (const check of CHECKS) {
    if (disabled.has(check.id)) continue;
    check.run(facts, (r: Report) => {
      const start = position(r.s);
      const silenced = ignored.get(start.line);
      if (silenced === 'all' || silenced?.has(check.id)) return;
      findings.push({
        check: check.id,
        severity: r.severity ?? check.severity,
        message: r.message,
        range: { start, end: position(Math.max(r.s, r.e)) },
        conceptId: check.conceptId,
        questionId: check.questionId,
        fix: r.fix && { title: r.fix.title, edits: r.fix.edits.map((e) => ({ range: { start: position(e.s), end: position(e.e) }, newText: e.text })) },
      });
    });
  }
  return findings.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
}

/**
 * A notebook: its code cells are analysed as one script (a model built in one cell and evaluated in
 * another), and each finding is mapped back to its cell. Findings whose edits span cells lose their fix.
 */
export function analyzeCells(cells: readonly string[], options: AnalyzeOptions = {}): { cell: number; finding: Finding }[] {
  const starts: number[] = [];
  let line = 0;
  for (const cell of cells) {
    starts.push(line);
    line += cell.split('\n').length;
  }
  const cellOf = (l: number) => {
    let i = starts.length - 1;
    while (i > 0 && starts[i] > l) i--;
    return i;
  };
  const shift = (p: Position, by: number): Position => ({ line: p.line - by, character: p.character });
  return analyze(cells.join('\n'), options).map((f) => {
    const cell = cellOf(f.range.start.line);
    const by = starts[cell];
    const inCell = (p: Position) => cellOf(p.line) === cell;
    const fix = f.fix && f.fix.edits.every((e) => inCell(e.range.start) && inCell(e.range.end))
      ? { title: f.fix.title, edits: f.fix.edits.map((e) => ({ newText: e.newText, range: { start: shift(e.range.start, by), end: shift(e.range.end, by) } })) }
      : undefined;
    const end = inCell(f.range.end) ? shift(f.range.end, by) : { line: f.range.start.line - by, character: f.range.start.character + 1 };
    return { cell, finding: { ...f, range: { start: shift(f.range.start, by), end }, fix } };
  });
}
