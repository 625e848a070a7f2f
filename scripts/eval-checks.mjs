// Training-code checks evaluation: runs the real checks (src/core/checks) over the annotated corpus in
// test/fixtures/checks-corpus/{tuned,held-out}/ and reports, per part and per check, true positives,
// missed planted mistakes and false diagnostics, then precision, recall, and false diagnostics per 2,000
// lines of the correct scripts. Every quick fix is applied and the file analysed again: the fix must
// remove its diagnostic and add none.
//   node scripts/eval-checks.mjs [--part tuned|held-out] [--file NAME] [--verbose] [--check]
// --check exits 1 when recall < 90% or false diagnostics on correct scripts > 1 per 2,000 lines (each part).
import * as esbuild from 'esbuild';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parse as parseYaml } from 'yaml';

const root = join(import.meta.dirname, '..');
const args = process.argv.slice(2);
const option = (name) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
const verbose = args.includes('--verbose');
const parts = option('--part') ? [option('--part')] : ['tuned', 'held-out'];
const only = option('--file');
const TARGET_RECALL = 0.9;
const TARGET_FALSE_PER_2000 = 1;

async function loadChecks() {
  const dir = mkdtempSync(join(tmpdir(), 'tt-eval-checks-'));
  const outfile = join(dir, 'checks.mjs');
  try {
    await esbuild.build({
      stdin: { contents: "export { analyze, CHECKS } from './src/core/checks/index';", resolveDir: root, loader: 'ts', sourcefile: 'eval-checks.ts' },
      bundle: true, platform: 'neutral', format: 'esm', outfile, logLevel: 'warning',
    });
    return await import(pathToFileURL(outfile).href);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const { analyze, CHECKS } = await loadChecks();

function offsetOf(text, pos) {
  let at = 0;
  for (let l = 0; l < pos.line; l++) at = text.indexOf('\n', at) + 1;
  return at + pos.character;
}

function applyFix(text, fix) {
  const edits = fix.edits.map((e) => ({ s: offsetOf(text, e.range.start), e: offsetOf(text, e.range.end), t: e.newText })).sort((a, b) => b.s - a.s);
  for (const e of edits) text = text.slice(0, e.s) + e.t + text.slice(e.e);
  return text;
}

const pct = (n, d) => (d ? `${((100 * n) / d).toFixed(0)}%` : '–');
const failures = [];

for (const part of parts) {
  const dir = join(root, 'test/fixtures/checks-corpus', part);
  const files = readdirSync(dir).filter((f) => f.endsWith('.py') && (!only || f.includes(only))).sort();
  const per = new Map(CHECKS.map((c) => [c.id, { tp: 0, fn: 0, fp: 0 }]));
  let correctLines = 0;
  let buggyLines = 0;
  let falseOnCorrect = 0;
  let fixes = 0;
  let fixesOk = 0;
  let correctFiles = 0;
  const notes = [];
  for (const file of files) {
    const text = readFileSync(join(dir, file), 'utf8');
    const lines = text.split('\n');
    const { expected } = parseYaml(readFileSync(join(dir, file.replace(/\.py$/, '.checks.yaml')), 'utf8'));
    for (const e of expected) {
      if (!lines[e.line - 1]?.includes(e.text)) throw new Error(`${part}/${file}:${e.line}: annotation text "${e.text}" is not on that line`);
      if (!per.has(e.check)) throw new Error(`${part}/${file}: unknown check id ${e.check}`);
    }
    const correct = expected.length === 0;
    if (correct) {
      correctLines += lines.length;
      correctFiles++;
    } else buggyLines += lines.length;
    const findings = analyze(text);
    const matched = new Set();
    for (const f of findings) {
      const hit = expected.findIndex((e, i) => !matched.has(i) && e.check === f.check && e.line === f.range.start.line + 1);
      if (hit >= 0) {
        matched.add(hit);
        per.get(f.check).tp++;
      } else {
        per.get(f.check).fp++;
        if (correct) falseOnCorrect++;
        notes.push(`  false: ${file}:${f.range.start.line + 1} ${f.check}  | ${lines[f.range.start.line].trim().slice(0, 90)}`);
      }
      if (f.fix) {
        fixes++;
        const after = analyze(applyFix(text, f.fix));
        const gone = !after.some((g) => g.check === f.check && g.message === f.message);
        const added = after.length !== findings.length - 1;
        if (gone && !added) fixesOk++;
        else notes.push(`  fix: ${file}:${f.range.start.line + 1} ${f.check} "${f.fix.title}": ${gone ? '' : 'diagnostic stays; '}${added ? `${after.length - findings.length + 1} new diagnostic(s)` : ''}`);
      }
    }
    expected.forEach((e, i) => {
      if (matched.has(i)) return;
      per.get(e.check).fn++;
      notes.push(`  missed: ${file}:${e.line} ${e.check}  | ${e.text}`);
    });
  }
  const rows = [...per].filter(([, v]) => v.tp + v.fn + v.fp > 0);
  const total = rows.reduce((a, [, v]) => ({ tp: a.tp + v.tp, fn: a.fn + v.fn, fp: a.fp + v.fp }), { tp: 0, fn: 0, fp: 0 });
  const per2000 = correctLines ? (falseOnCorrect * 2000) / correctLines : 0;
  console.log(`\n== ${part}: ${files.length} scripts (${correctFiles} correct, ${correctLines} lines; ${files.length - correctFiles} with planted mistakes, ${buggyLines} lines)`);
  console.log('check'.padEnd(32), 'TP'.padStart(3), 'FN'.padStart(3), 'FP'.padStart(3), ' precision', ' recall');
  for (const [id, v] of rows) console.log(id.padEnd(32), String(v.tp).padStart(3), String(v.fn).padStart(3), String(v.fp).padStart(3), pct(v.tp, v.tp + v.fp).padStart(10), pct(v.tp, v.tp + v.fn).padStart(7));
  console.log('all'.padEnd(32), String(total.tp).padStart(3), String(total.fn).padStart(3), String(total.fp).padStart(3), pct(total.tp, total.tp + total.fp).padStart(10), pct(total.tp, total.tp + total.fn).padStart(7));
  console.log(`recall on planted mistakes: ${total.tp}/${total.tp + total.fn} = ${pct(total.tp, total.tp + total.fn)}`);
  console.log(`false diagnostics on correct scripts: ${falseOnCorrect} in ${correctLines} lines = ${per2000.toFixed(2)} per 2,000 lines`);
  console.log(`quick fixes: ${fixesOk}/${fixes} remove their diagnostic and add none`);
  if (notes.length) console.log(notes.join('\n'));
  const recall = total.tp / Math.max(1, total.tp + total.fn);
  if (recall < TARGET_RECALL) failures.push(`${part}: recall ${pct(total.tp, total.tp + total.fn)} < ${TARGET_RECALL * 100}%`);
  if (per2000 > TARGET_FALSE_PER_2000) failures.push(`${part}: ${per2000.toFixed(2)} false diagnostics per 2,000 lines > ${TARGET_FALSE_PER_2000}`);
  if (fixesOk < fixes) failures.push(`${part}: ${fixes - fixesOk} quick fix(es) do not remove their diagnostic cleanly`);
}

if (failures.length) console.log(`\n${failures.join('\n')}`);
if (args.includes('--check') && failures.length) process.exit(1);
if (verbose) console.log('(--verbose: all notes are printed above)');
