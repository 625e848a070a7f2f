// Hover evaluation: runs the real matcher (src/core/glossary) over an annotated corpus and reports recall
// per kind (and per class, when annotations carry one), wrong concepts and hovers on non-DL tokens.
//   node scripts/eval-hover.mjs [--corpus DIR] [--check] [--all] [--file NAME]
// Corpora: test/fixtures/hover-corpus/ (default) and the held-out test/fixtures/hover-heldout/.
// Sources: NAME.py, NAME.md (prose with fenced code) or NAME.ipynb. A notebook is scored cell by cell, as the
// editor sees it: each cell is its own document (Markdown cells are prose); its import facts come from
// the core's notebookCellFacts (imports of earlier cells count) when the core has it, else from the cell alone.
// Annotation lines in a notebook count over the cell sources joined with '\n'.
// Positives: every annotation with a concept, probed at the token's last identifier segment.
// `concept: none` annotations are DL tokens without a concept: out of recall, listed apart.
// Negatives: every other identifier-like word of the file (Python keywords excepted), probed in its middle.
// --check exits 1 when a gated kind misses its recall target, the false-hover rate > 1% or the precision of shown
// hovers (right / right + wrong concept + false) < 97%: api/kwarg/name
// >= 95% on the corpus; api/kwarg/string >= 95% and name >= 90% on a corpus whose annotations have classes.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { compileRealBank, loadCore, pct, root } from './evalCore.mjs';

const args = process.argv.slice(2);
const flag = (name) => args.includes(name);
const option = (name) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
const corpus = option('--corpus') ?? join(root, 'test/fixtures/hover-corpus');
const only = option('--file');
const listLimit = flag('--all') ? Infinity : 30;
const TARGET_FALSE = 0.01;
const TARGET_PRECISION = 0.97;
const KINDS = ['api', 'kwarg', 'string', 'method', 'name', 'prose'];
/** Recall targets per kind: the corpus, and a held-out corpus (annotations with `class`). */
const GATES = { corpus: { api: 0.95, kwarg: 0.95, name: 0.95 }, heldout: { api: 0.95, kwarg: 0.95, string: 0.95, name: 0.9 } };
const PY_KEYWORDS = new Set(('False None True and as assert async await break class continue def del elif else except finally for from ' +
  'global if import in is lambda nonlocal not or pass raise return try while with yield match case').split(' '));

const core = await loadCore();
const bank = compileRealBank(core);
const index = new core.GlossaryIndex(bank.concepts);

/** code | string | comment at `pos` of a code line (same quoting rules as the matcher). */
function regionAt(line, pos) {
  let quote = '';
  for (let i = 0; i < pos; i++) {
    const ch = line[i];
    if (quote) {
      if (ch === '\\') i++;
      else if (ch === quote) quote = '';
    } else if (ch === '"' || ch === "'") quote = ch;
    else if (ch === '#') return 'comment';
  }
  return quote ? 'string' : 'code';
}

function tokenPositions(line, token) {
  const escaped = token.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return [...line.matchAll(new RegExp(`(?<![A-Za-z0-9_])${escaped}(?![A-Za-z0-9_])`, 'g'))].map((m) => m.index);
}

/** Middle of the last identifier segment of `token` found at `pos`. */
function probeOffset(token, pos) {
  const segs = [...token.matchAll(/[A-Za-z0-9_]+/g)];
  const last = segs[segs.length - 1];
  return pos + last.index + Math.floor(last[0].length / 2);
}

/** Every matchAt call, replayed after the evaluation to time the lookup warm (as the hover provider runs it). */
const calls = [];

function probe(lines, lineNo, character, ctx) {
  const line = lines[lineNo];
  const prose = ctx.prose !== ctx.flipped.has(lineNo);
  const before = prose ? undefined : lines.slice(Math.max(0, lineNo - 4), lineNo).join('\n');
  const context = { mode: prose ? 'prose' : 'code', imports: ctx.imports, before, words: ctx.words };
  calls.push([line, character, context]);
  return core.matchAt(index, line, character, context);
}

const files = readdirSync(corpus).filter((f) => f.endsWith('.expect.yaml')).sort()
  .filter((f) => !only || f.startsWith(only));
const stats = Object.fromEntries(KINDS.map((k) => [k, { total: 0, hit: 0, wrong: 0 }]));
/** class → kind → stats, for corpora whose annotations name a class. */
const byClass = new Map();
const perFile = [];
const misses = [];
const noneHovers = [];
let noneTotal = 0;
const negatives = { total: 0, code: 0, string: 0, comment: 0, docstring: 0 };
const falseHovers = [];
const conceptIds = new Set(bank.concepts.map((c) => c.id));
const unknown = [];
/** Matcher path (TermMatch.kind) → right / wrong / false hovers, to see which path earns its keep. */
const via = new Map();

/**
 * The documents of a source file as the editor sees them: one for a .py or .md file, one per cell for a
 * notebook. Each has its lines, the offset of its first line in the file's line numbering, and its facts.
 */
function documentsOf(sourceName, text) {
  if (!sourceName.endsWith('.ipynb')) {
    const isPython = sourceName.endsWith('.py');
    return [{ lines: text.split('\n'), offset: 0, prose: !isPython, ...core.documentFacts(text, !isPython) }];
  }
  const nb = JSON.parse(text);
  const cells = nb.cells.map((c) => ({ kind: c.cell_type === 'code' ? 'code' : 'markdown', text: [].concat(c.source).join('') }));
  const docs = [];
  let offset = 0;
  cells.forEach((cell, i) => {
    const prose = cell.kind !== 'code';
    const facts = core.notebookCellFacts ? core.notebookCellFacts(cells, i) : core.documentFacts(cell.text, prose);
    const lines = cell.text.split('\n');
    docs.push({ lines, offset, prose, ...facts });
    offset += lines.length;
  });
  return docs;
}

for (const expectFile of files) {
  const name = expectFile.replace(/\.expect\.yaml$/, '');
  const sourceName = ['.py', '.md', '.txt', '.ipynb'].map((e) => name + e).find((f) => existsSync(join(corpus, f)));
  if (!sourceName) { console.error(`no source for ${expectFile}`); process.exit(2); }
  const docs = documentsOf(sourceName, readFileSync(join(corpus, sourceName), 'utf8'));
  /** File line number (0-based) → [document, line in it]. */
  const lineAt = [];
  for (const doc of docs) doc.lines.forEach((_, i) => lineAt.push([doc, i]));
  const annotations = parseYaml(readFileSync(join(corpus, expectFile), 'utf8')) ?? [];
  const covered = lineAt.map(() => []);
  const fileStats = { name: sourceName, total: 0, hit: 0, negatives: 0, false: 0 };

  for (const a of annotations) {
    const lineNo = a.line - 1;
    const [doc, local] = lineAt[lineNo] ?? [undefined, -1];
    const positions = doc ? tokenPositions(doc.lines[local], String(a.token)) : [];
    const pos = positions[(a.occurrence ?? 1) - 1];
    const where = `${sourceName}:${a.line}`;
    if (pos === undefined) { console.error(`${where}: token ${JSON.stringify(a.token)} not found`); process.exit(2); }
    covered[lineNo].push([pos, pos + String(a.token).length]);
    const m = probe(doc.lines, local, probeOffset(String(a.token), pos), doc);
    if (a.concept === 'none') {
      noneTotal++;
      if (m) noneHovers.push({ where, token: a.token, got: m.concept.id, kind: a.kind });
      continue;
    }
    if (!conceptIds.has(a.concept)) unknown.push(`${where} ${a.token} → ${a.concept}`);
    const s = stats[a.kind] ?? (stats[a.kind] = { total: 0, hit: 0, wrong: 0 });
    const classStats = a.class ? (byClass.get(a.class) ?? byClass.set(a.class, new Map()).get(a.class)) : undefined;
    const cs = classStats ? (classStats.get(a.kind) ?? classStats.set(a.kind, { total: 0, hit: 0, wrong: 0 }).get(a.kind)) : undefined;
    s.total++;
    if (cs) cs.total++;
    fileStats.total++;
    if (m) via.set(`${m.kind}:${m?.concept.id === a.concept ? 'right' : 'wrong'}`, (via.get(`${m.kind}:${m?.concept.id === a.concept ? 'right' : 'wrong'}`) ?? 0) + 1);
    if (m?.concept.id === a.concept) { s.hit++; fileStats.hit++; if (cs) cs.hit++; }
    else {
      if (m) { s.wrong++; if (cs) cs.wrong++; }
      misses.push({ where, kind: a.kind, cls: a.class, token: a.token, expected: a.concept, got: m ? `${m.concept.id} (${m.kind})` : '—' });
    }
  }

  lineAt.forEach(([doc, local], lineNo) => {
    const line = doc.lines[local];
    const docstring = doc.flipped.has(local) !== doc.prose;
    for (const w of line.matchAll(/[A-Za-z_][A-Za-z0-9_]*/g)) {
      const start = w.index;
      const end = start + w[0].length;
      if (start > 0 && /[0-9]/.test(line[start - 1])) continue; // exponent of 1e-3, hex digits
      if (PY_KEYWORDS.has(w[0])) continue;
      if (covered[lineNo].some(([s, e]) => start < e && end > s)) continue;
      const region = docstring ? 'docstring' : regionAt(line, start);
      negatives.total++;
      negatives[region]++;
      fileStats.negatives++;
      const m = probe(doc.lines, local, start + Math.floor(w[0].length / 2), doc);
      if (m) {
        via.set(`${m.kind}:false`, (via.get(`${m.kind}:false`) ?? 0) + 1);
        fileStats.false++;
        falseHovers.push({ where: `${sourceName}:${lineNo + 1}`, word: w[0], region, got: `${m.concept.id} (${m.kind})`, text: line.trim() });
      }
    }
  });
  perFile.push(fileStats);
}

// ---- report ----------------------------------------------------------------------------------------
const pad = (s, n) => String(s).padEnd(n);
const padl = (s, n) => String(s).padStart(n);
console.log(`\nHover evaluation · corpus ${corpus.replace(root + '/', '')} · ${files.length} files · ${bank.concepts.length} concepts\n`);
console.log(`${pad('kind', 10)}${padl('tokens', 8)}${padl('right', 8)}${padl('wrong', 8)}${padl('silent', 8)}${padl('recall', 9)}`);
const gates = byClass.size ? GATES.heldout : GATES.corpus;
const gateMark = (kind, s) => {
  const target = gates[kind];
  if (target === undefined) return '';
  return s.hit / s.total >= target ? `  ✓ ≥${target * 100}%` : `  ✗ <${target * 100}%`;
};
let total = 0, hit = 0, wrong = 0;
for (const [kind, s] of Object.entries(stats)) {
  if (!s.total) continue;
  total += s.total; hit += s.hit; wrong += s.wrong;
  const gate = gateMark(kind, s);
  console.log(`${pad(kind, 10)}${padl(s.total, 8)}${padl(s.hit, 8)}${padl(s.wrong, 8)}${padl(s.total - s.hit - s.wrong, 8)}${padl(pct(s.hit, s.total), 9)}${gate}`);
}
console.log(`${pad('all', 10)}${padl(total, 8)}${padl(hit, 8)}${padl(wrong, 8)}${padl(total - hit - wrong, 8)}${padl(pct(hit, total), 9)}`);
if (byClass.size) {
  console.log(`\nrecall per class (right/tokens):`);
  console.log(`${pad('class', 11)}${KINDS.map((k) => padl(k, 14)).join('')}${padl('all', 16)}`);
  for (const [cls, kinds] of [...byClass.entries()].sort()) {
    let ct = 0, ch = 0;
    const cells = KINDS.map((k) => {
      const c = kinds.get(k);
      if (!c) return padl('–', 14);
      ct += c.total; ch += c.hit;
      return padl(`${c.hit}/${c.total} ${pct(c.hit, c.total)}`, 14);
    });
    console.log(`${pad(cls, 11)}${cells.join('')}${padl(`${ch}/${ct} ${pct(ch, ct)}`, 16)}`);
  }
}
const falseRate = negatives.total ? falseHovers.length / negatives.total : 0;
console.log(`\nwrong-concept rate: ${pct(wrong, hit + wrong)} of hovers on annotated tokens (${wrong}/${hit + wrong})`);
console.log(`false hovers on non-DL tokens: ${falseHovers.length}/${negatives.total} = ${pct(falseHovers.length, negatives.total)} ${falseRate <= TARGET_FALSE ? '✓ ≤1%' : '✗ >1%'}`);
const shown = hit + wrong + falseHovers.length;
const precision = shown ? hit / shown : 1;
console.log(`precision of shown hovers (right / right + wrong + false): ${hit}/${shown} = ${pct(hit, shown)} ${precision >= TARGET_PRECISION ? '✓ ≥97%' : '✗ <97%'}`);
const byRegion = ['code', 'string', 'comment', 'docstring'].map((r) => `${r} ${falseHovers.filter((f) => f.region === r).length}/${negatives[r]}`);
console.log(`  by region: ${byRegion.join(' · ')}`);
console.log(`hovers on \`concept: none\` DL tokens (not scored): ${noneHovers.length}/${noneTotal}`);

const paths = [...new Set([...via.keys()].map((k) => k.split(':')[0]))].sort();
console.log(`matcher paths (right/wrong/false): ${paths.map((p) => `${p} ${via.get(`${p}:right`) ?? 0}/${via.get(`${p}:wrong`) ?? 0}/${via.get(`${p}:false`) ?? 0}`).join(' · ')}`);
const latencies = [];
for (let round = 0; round < 3; round++) {
  for (const [line, character, context] of calls) {
    const t = performance.now();
    core.matchAt(index, line, character, context);
    if (round === 2) latencies.push((performance.now() - t) * 1000);
  }
}
const sorted = latencies.sort((a, b) => a - b);
const quantile = (q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]?.toFixed(1);
console.log(`matchAt latency, warm, over ${sorted.length} probes: median ${quantile(0.5)} µs, p99 ${quantile(0.99)} µs`);
console.log(`\nper file:`);
for (const f of perFile) console.log(`  ${pad(f.name, 28)} recall ${padl(pct(f.hit, f.total), 6)} (${f.hit}/${f.total})  false hovers ${f.false}/${f.negatives}`);

if (misses.length) {
  console.log(`\nmisses (${misses.length}${misses.length > listLimit ? `, first ${listLimit}; --all for every one` : ''}):`);
  for (const m of misses.slice(0, listLimit)) console.log(`  ${pad(m.where, 28)} ${pad(m.kind, 7)}${m.cls ? ` ${pad(m.cls, 10)}` : ''} ${pad(JSON.stringify(m.token), 30)} want ${pad(m.expected, 26)} got ${m.got}`);
}
if (falseHovers.length) {
  console.log(`\nfalse hovers (${falseHovers.length}${falseHovers.length > listLimit ? `, first ${listLimit}` : ''}):`);
  for (const f of falseHovers.slice(0, listLimit)) console.log(`  ${pad(f.where, 28)} ${pad(f.region, 9)} ${pad(f.word, 18)} → ${pad(f.got, 30)} ${f.text.slice(0, 70)}`);
}
if (noneHovers.length && flag('--all')) {
  console.log(`\nhovers on concept: none tokens:`);
  for (const n of noneHovers) console.log(`  ${pad(n.where, 28)} ${pad(n.kind, 7)} ${pad(JSON.stringify(n.token), 30)} got ${n.got}`);
}
if (unknown.length) console.log(`\nannotations naming unknown concepts:\n  ${unknown.join('\n  ')}`);

if (flag('--check')) {
  const failing = Object.keys(gates).filter((k) => stats[k]?.total && stats[k].hit / stats[k].total < gates[k]);
  const imprecise = precision < TARGET_PRECISION;
  if (failing.length || falseRate > TARGET_FALSE || imprecise) {
    console.log(`\ncheck failed: ${[...failing.map((k) => `${k} recall < ${gates[k] * 100}%`), ...(falseRate > TARGET_FALSE ? ['false hovers > 1%'] : []), ...(imprecise ? ['precision < 97%'] : [])].join(', ')}`);
    process.exit(1);
  }
  console.log('\ncheck passed');
}
