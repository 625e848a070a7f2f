// Search evaluation: builds the real search index (src/core/search) on the compiled bank and measures
// how often a right question is the first hit and in the top 3, overall and per query style.
//   node scripts/eval-search.mjs [--queries FILE] [--check] [--all]
// A query may list several acceptable question ids; any one of them counts. Concept hits (the glossary
// entries the index also holds) are skipped when ranking, as the learner looks for a question.
// --check exits 1 when the top-3 hit rate is below 90%.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { compileRealBank, loadCore, pct, root } from './evalCore.mjs';

const args = process.argv.slice(2);
const option = (name) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
const file = option('--queries') ?? join(root, 'test/fixtures/search-queries.yaml');
const TARGET_TOP3 = 0.9;

const core = await loadCore();
const bank = compileRealBank(core);
const ids = new Set(bank.questions.map((q) => q.id));
const started = performance.now();
const index = new core.SearchIndex(bank);
const buildMs = performance.now() - started;
const queries = parseYaml(readFileSync(file, 'utf8')) ?? [];

const styles = new Map();
const misses = [];
let top1 = 0, top3 = 0, queryMs = 0;
for (const q of queries) {
  const unknown = q.expect.filter((id) => !ids.has(id));
  if (unknown.length) console.warn(`query ${JSON.stringify(q.query)} expects unknown question ids: ${unknown.join(', ')}`);
  const t = performance.now();
  const hits = index.search(String(q.query), { limit: 20 }).filter((h) => h.kind === 'question');
  queryMs += performance.now() - t;
  const rank = hits.findIndex((h) => q.expect.includes(h.id));
  const s = styles.get(q.style) ?? { n: 0, top1: 0, top3: 0 };
  styles.set(q.style, s);
  s.n++;
  if (rank === 0) { top1++; s.top1++; }
  if (rank >= 0 && rank < 3) { top3++; s.top3++; }
  if (rank !== 0) misses.push({ q, rank, got: hits.slice(0, 3).map((h) => h.id) });
}

const pad = (v, n) => String(v).padEnd(n);
const padl = (v, n) => String(v).padStart(n);
console.log(`\nSearch evaluation · ${file.replace(root + '/', '')} · ${queries.length} queries · ${bank.questions.length} questions, ${bank.concepts.length} concepts`);
console.log(`index build ${buildMs.toFixed(0)} ms · mean query ${(queryMs / Math.max(1, queries.length)).toFixed(2)} ms\n`);
console.log(`${pad('style', 14)}${padl('queries', 8)}${padl('top-1', 9)}${padl('top-3', 9)}`);
for (const [style, s] of [...styles].sort()) console.log(`${pad(style, 14)}${padl(s.n, 8)}${padl(pct(s.top1, s.n), 9)}${padl(pct(s.top3, s.n), 9)}`);
const rate3 = queries.length ? top3 / queries.length : 0;
console.log(`${pad('all', 14)}${padl(queries.length, 8)}${padl(pct(top1, queries.length), 9)}${padl(pct(top3, queries.length), 9)}  ${rate3 >= TARGET_TOP3 ? '✓ ≥90%' : '✗ <90%'}`);
const shown = misses.filter((m) => args.includes('--all') || m.rank < 0 || m.rank >= 3);
if (shown.length) {
  console.log(`\n${args.includes('--all') ? 'right question not first' : 'misses (right question not in the top 3; --all also lists ranks 2-3)'}:`);
  for (const m of shown) {
    console.log(`  ${pad(m.q.style, 12)} ${pad(JSON.stringify(m.q.query), 48)} want ${m.q.expect.join('|')} (rank ${m.rank < 0 ? '>20' : m.rank + 1}); got ${m.got.join(', ')}`);
  }
}
if (args.includes('--check')) {
  if (rate3 < TARGET_TOP3) { console.log('\ncheck failed: top-3 < 90%'); process.exit(1); }
  console.log('\ncheck passed');
}
