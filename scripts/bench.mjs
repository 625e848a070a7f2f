// `npm run bench`: measures Tensor Tutor against the targets of issue 8, prints a table and writes
// bench/RESULTS.md (with the machine it ran on).
//  - the pure core (src/core, bundled with esbuild as the extension ships it) under tinybench: hover lookup
//    against a naive one-regex-per-term baseline, glossary index build, bank load, search (scripts/benchSearch.mjs:
//    first search on the bundled bank, background indexing of bigger banks with its fallback, query latency);
//  - bundle sizes of a --production build, the VSIX from `npm run package` and its file list (`vsce ls`);
//  - activate(), bank load, hover round trip and "command → first card" inside real VS Code, read from the
//    integration suite's `TT-METRIC` log lines (node host; --web adds the web-worker host).
// Flags: --vscode (require the VS Code run) | --no-vscode (skip it; default: run when the offline VS Code is
//        installed), --web, --quick (shorter timings, for trying the script out), --no-write (print the sections
//        instead of writing RESULTS.md),
//        --only=hover,bank,search,sizes,vsix,vscode.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, freemem, loadavg, platform, release, tmpdir, totalmem, type as osType } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { pathToFileURL } from 'node:url';
import * as esbuild from 'esbuild';
import { Bench } from 'tinybench';
import { benchSearch } from './benchSearch.mjs';

const root = join(import.meta.dirname, '..');
const argv = new Set(process.argv.slice(2));
const quick = argv.has('--quick');
const codeServerMarker = join(root, '.vscode-test', 'code-server-4.100.3', '.installed');
const runVsCode = argv.has('--vscode') || (!argv.has('--no-vscode') && existsSync(codeServerMarker));
const hosts = argv.has('--web') ? ['node', 'web'] : ['node'];
// --only=hover,bank,search,sizes,vsix,vscode runs a subset (for working on one part).
const only = process.argv.find((a) => a.startsWith('--only='))?.slice(7).split(',');
const wants = (part) => !only || only.includes(part);

const TARGETS = {
  activateMs: 30,
  hoverP99Us: 50,
  firstSearchMs: 20,
  searchP95BundledMs: 1,
  searchP95At10kMs: 10,
  /** Longest the extension host is held while a ≈10k bank is indexed in the background. */
  searchBlockMs: 50,
  hostBundleKB: 120,
  vsixKB: 600,
  firstCardMs: 400,
};

const log = (...args) => console.log(...args);
const rows = []; // the target table: { metric, value, target, ok }
const sections = []; // Markdown sections for RESULTS.md

function run(cmd, args, options = {}) {
  const res = spawnSync(cmd, args, { cwd: root, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, ...options });
  if (res.status !== 0 && !options.allowFail) {
    throw new Error(`${cmd} ${args.join(' ')} failed (exit ${res.status}):\n${res.stdout}\n${res.stderr}`);
  }
  return res;
}

// ---- numbers and tables ------------------------------------------------------------------------------

const us = (ms) => `${(ms * 1000).toFixed(ms * 1000 < 10 ? 2 : 1)} µs`;
const msFmt = (ms) => (ms < 1 ? `${(ms * 1000).toFixed(0)} µs` : ms < 100 ? `${ms.toFixed(2)} ms` : `${ms.toFixed(0)} ms`);
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;

function table(header, body) {
  const line = (cells) => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...body.map(line)].join('\n');
}

function target(metric, value, shown, limit, unit) {
  const ok = value === undefined ? undefined : value < limit;
  rows.push({ metric, shown: value === undefined ? 'not measured' : shown, target: `< ${limit} ${unit}`, ok: ok === undefined ? '–' : ok ? '✅' : '❌' });
}

function stats(task) {
  const r = task.result;
  if (r.state !== 'completed') throw new Error(`${task.name}: ${r.state} ${r.error?.stack ?? ''}`);
  return { p50: r.latency.p50, p95: quantile(r.latency.samples, 0.95), p99: r.latency.p99, mean: r.latency.mean, n: r.latency.samplesCount };
}

function quantile(sorted, q) {
  if (!sorted?.length) return NaN;
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}

function bench(options) {
  return new Bench({ timestampProvider: 'hrtimeNow', retainSamples: true, throws: true, ...options });
}

// ---- the machine --------------------------------------------------------------------------------------

function machine() {
  const cpu = cpus();
  let osName = `${osType()} ${release()}`;
  try {
    const pretty = /PRETTY_NAME="([^"]+)"/.exec(readFileSync('/etc/os-release', 'utf8'))?.[1];
    if (pretty) osName = `${pretty} (${osType()} ${release()})`;
  } catch {
    /* not Linux */
  }
  const commit = run('git', ['rev-parse', '--short', 'HEAD'], { allowFail: true }).stdout.trim();
  return {
    cpu: cpu[0]?.model ?? 'unknown',
    cores: cpu.length,
    memory: `${(totalmem() / 2 ** 30).toFixed(1)} GB (${(freemem() / 2 ** 30).toFixed(1)} GB free)`,
    node: process.version,
    os: `${osName}, ${platform()}`,
    date: new Date().toISOString(),
    commit,
    load: loadavg().map((l) => l.toFixed(1)).join(' '),
  };
}

// ---- build --------------------------------------------------------------------------------------------

/** The production build plus the integration-test bundles (for the VS Code run). */
function buildProduction() {
  log('▶ node esbuild.mjs --production --tests');
  run('node', ['esbuild.mjs', '--production', '--tests']);
}

/** The core modules the bench exercises, bundled and minified the way the extension ships them. */
async function loadCore(dir) {
  const outfile = join(dir, 'core.mjs');
  await esbuild.build({
    stdin: {
      contents: [
        "export { GlossaryIndex } from './src/core/glossary/glossaryIndex';",
        "export { matchAt } from './src/core/glossary/matcher';",
        "export { proseWords } from './src/core/glossary/normalize';",
        "export { SearchIndex } from './src/core/search/searchIndex';",
        "export { FallbackIndex } from './src/core/search/fallbackIndex';",
        "export { LiveSearch } from './src/core/search/liveSearch';",
        "export { loadBank, BankView } from './src/core/bank/loadBank';",
        // Only `import type` of vscode: the per-document context (imports, docstring lines) the hover uses.
        "export { DocumentContexts, isProseLanguage } from './src/vscode/hover/documentContext';",
      ].join('\n'),
      resolveDir: root,
      loader: 'ts',
      sourcefile: 'bench-core.ts',
    },
    bundle: true,
    minify: true,
    platform: 'neutral',
    mainFields: ['module', 'main'],
    format: 'esm',
    target: 'es2022',
    outfile,
    logLevel: 'warning',
  });
  return { core: await import(pathToFileURL(outfile).href), url: pathToFileURL(outfile).href };
}

// ---- hover --------------------------------------------------------------------------------------------

function corpusFiles() {
  const dirs = [join(root, 'test', 'fixtures', 'hover-corpus'), join(root, 'samples')];
  return dirs.flatMap((dir) => readdirSync(dir).filter((f) => f.endsWith('.py')).sort().map((f) => join(dir, f)));
}

/**
 * Every hover request a reader could make on the corpus: one position per identifier or word, with the
 * context the hover provider computes (imports and docstring lines once per document; 4 lines before).
 */
function hoverCases(core) {
  const contexts = new core.DocumentContexts();
  const cases = [];
  let lines = 0;
  for (const file of corpusFiles()) {
    const text = readFileSync(file, 'utf8');
    const doc = { version: 1, languageId: 'python', getText: () => text };
    const ctx = contexts.get(doc);
    const docLines = text.split('\n');
    docLines.forEach((line, i) => {
      if (!line.trim()) return;
      lines++;
      const prose = core.isProseLanguage('python') !== ctx.flipped.has(i);
      const before = prose ? undefined : docLines.slice(Math.max(0, i - 4), i).join('\n');
      const context = { mode: prose ? 'prose' : 'code', imports: ctx.imports, before };
      for (const m of line.matchAll(/[A-Za-z_][A-Za-z0-9_]*/g)) cases.push({ line, character: m.index + Math.floor(m[0].length / 2), context });
    });
  }
  return { cases, lines, files: corpusFiles().length };
}

/** The naive approach: one regular expression per glossary term, each tested against the line. */
function naiveMatcher(concepts) {
  const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const patterns = [];
  const add = (term, concept, flags) => {
    if (term && term.length > 1) patterns.push({ re: new RegExp(`(?<![A-Za-z0-9_])${escape(term)}(?![A-Za-z0-9_])`, flags), concept });
  };
  for (const c of concepts) {
    for (const phrase of [c.name, ...c.aliases]) add(phrase, c, 'gi');
    for (const api of c.apis) {
      add(api.id, c, 'g');
      add(api.id.split('.').pop(), c, 'g');
    }
    for (const k of c.kwargs) add(k.split('@')[0], c, 'g');
    for (const s of c.strings) add(s, c, 'gi');
    for (const m of c.methods) add(m.split('.').pop(), c, 'g');
    for (const n of c.names) add(n, c, 'g');
  }
  return {
    size: patterns.length,
    matchAt(line, character) {
      let best;
      for (const p of patterns) {
        p.re.lastIndex = 0;
        for (let m = p.re.exec(line); m; m = p.re.exec(line)) {
          const end = m.index + m[0].length;
          if (m.index <= character && character <= end && (!best || end - m.index > best.end - best.start)) best = { concept: p.concept, start: m.index, end };
          if (m.index > character) break;
        }
      }
      return best;
    },
  };
}

async function benchHover(core, bank) {
  log('▶ hover lookup');
  const { cases, lines, files } = hoverCases(core);
  const index = new core.GlossaryIndex(bank.concepts);
  const naive = naiveMatcher(bank.concepts);
  let found = 0;
  let naiveFound = 0;
  for (const c of cases) {
    if (core.matchAt(index, c.line, c.character, c.context)) found++;
    if (naive.matchAt(c.line, c.character)) naiveFound++;
  }
  let i = 0;
  let j = 0;
  const b = bench({ time: quick ? 300 : 3000, warmupTime: quick ? 100 : 500 });
  b.add('core matchAt', () => {
    const c = cases[i++ % cases.length];
    core.matchAt(index, c.line, c.character, c.context);
  });
  b.add('naive regex per term', () => {
    const c = cases[j++ % cases.length];
    naive.matchAt(c.line, c.character);
  });
  b.add('glossary index build', () => new core.GlossaryIndex(bank.concepts), {});
  b.add('naive: compile regexes', () => naiveMatcher(bank.concepts));
  await b.run();
  const [coreStats, naiveStats, buildStats, naiveBuildStats] = b.tasks.map(stats);
  target('hover lookup p99 (core, per request)', coreStats.p99 * 1000, us(coreStats.p99), TARGETS.hoverP99Us, 'µs');
  sections.push(`## Hover lookup

${cases.length} hover requests (one per identifier or word) on ${lines} non-blank lines of ${files} Python files
(\`test/fixtures/hover-corpus/*.py\`, \`samples/*.py\`), cycled; one sample = one request at one position, with the
per-document context (imports, docstring lines) computed once per file as the hover provider caches it. The core
finds a concept at ${found} positions, the naive baseline (${naive.size} regexes: every name, alias, API id and last
segment, kwarg, string, method and conventional name, each tested against the line) at ${naiveFound}.

${table(['', 'p50', 'p99', 'mean', 'samples'], [
    ['core `matchAt` (GlossaryIndex maps)', us(coreStats.p50), us(coreStats.p99), us(coreStats.mean), coreStats.n],
    ['naive: one regex per term', us(naiveStats.p50), us(naiveStats.p99), us(naiveStats.mean), naiveStats.n],
    ['speed-up (p50)', `×${(naiveStats.p50 / coreStats.p50).toFixed(0)}`, `×${(naiveStats.p99 / coreStats.p99).toFixed(0)}`, '', ''],
  ])}

Index build (glossary → lookup maps, ${bank.concepts.length} concepts): ${msFmt(buildStats.p50)} p50, ${msFmt(buildStats.p99)} p99
(the naive baseline compiles its regexes in ${msFmt(naiveBuildStats.p50)}).`);
  return { coreStats, naiveStats, buildStats };
}

// ---- bank load ---------------------------------------------------------------------------------------

async function benchBankLoad(core, bytes) {
  log('▶ bank load');
  const b = bench({ time: quick ? 300 : 2000, iterations: 20 });
  b.add('decode + parse + loadBank', () => core.loadBank(new TextDecoder().decode(bytes)));
  b.add('decode + parse + loadBank + views + glossary index', () => {
    const view = new core.BankView(core.loadBank(new TextDecoder().decode(bytes)));
    return new core.GlossaryIndex(view.bank.concepts);
  });
  await b.run();
  const [parse, ready] = b.tasks.map(stats);
  sections.push(`## Bank load

\`dist/bank.json\` (${kb(bytes.length)}) → ready, in Node (what \`BankService\` does after \`workspace.fs.readFile\`):

${table(['step', 'p50', 'p99'], [
    ['bytes → text → JSON.parse → loadBank', msFmt(parse.p50), msFmt(parse.p99)],
    ['… + BankView maps + GlossaryIndex (ready for hovers)', msFmt(ready.p50), msFmt(ready.p99)],
  ])}`);
  return { parse, ready };
}

// ---- search ------------------------------------------------------------------------------------------

/** Deterministic PRNG (mulberry32), so every run indexes the same synthetic banks. */
function prng(seed) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A bank `factor` times the bundled one: the real questions, plus (factor − 1) recombined copies of each with
 * distinct ids. A copy takes its title from one question and its answer from paragraphs of two, and swaps some
 * words for new ones, so the vocabulary keeps growing like real text (Heaps' law, ~√size) instead of repeating.
 */
function syntheticBank(bank, factor) {
  if (factor === 1) return bank;
  const random = prng(factor * 7919);
  const pick = (list) => list[Math.floor(random() * list.length)];
  const words = [...new Set(bank.questions.flatMap((q) => `${q.title} ${q.answer}`.match(/[A-Za-z]{4,}/g) ?? []))];
  const fresh = new Set();
  const wanted = Math.round(words.length * (Math.sqrt(factor) - 1));
  while (fresh.size < wanted) {
    const a = pick(words);
    const b = pick(words);
    fresh.add(`${a.slice(0, Math.ceil(a.length / 2))}${b.slice(Math.floor(b.length / 2))}`.toLowerCase());
  }
  const neologisms = [...fresh];
  const perturb = (text) => text.replace(/[A-Za-z]{4,}/g, (w) => {
    const r = random();
    return r < 0.06 ? pick(neologisms) : r < 0.1 ? pick(words) : w;
  });
  const questions = [...bank.questions];
  for (let k = 1; k < factor; k++) {
    for (const q of bank.questions) {
      const other = pick(bank.questions);
      const paragraphs = [...q.answer.split('\n\n'), ...other.answer.split('\n\n')].filter(() => random() < 0.6);
      questions.push({
        ...q,
        id: `${q.id}-syn${k}`,
        title: perturb(q.title),
        answer: perturb(paragraphs.join('\n\n') || q.answer),
        concepts: [...new Set([...q.concepts, ...other.concepts.slice(0, 1)])],
        keyPoints: q.keyPoints?.map(perturb),
      });
    }
  }
  return { ...bank, questions };
}

// ---- sizes -------------------------------------------------------------------------------------------

async function bundleSizes() {
  const files = ['dist/extension.js', 'dist/web/extension.js', 'dist/onDemand.js', 'dist/bank.json', 'dist/search-index.json', ...readdirSync(join(root, 'dist/webview')).filter((f) => f.endsWith('.js')).map((f) => `dist/webview/${f}`)];
  const sizes = files.map((f) => {
    const bytes = readFileSync(join(root, f));
    return { file: f, size: bytes.length, gzip: gzipSync(bytes).length };
  });
  // What dominates the host bundle: esbuild's metafile of the same production build.
  const meta = await esbuild.build({
    entryPoints: [join(root, 'src/extension.ts')], bundle: true, minify: true, platform: 'node', format: 'cjs', external: ['vscode', './onDemand.js'],
    target: 'es2022', write: false, metafile: true, outfile: join(root, 'dist', 'extension.js'), logLevel: 'silent',
    define: { 'process.env.NODE_ENV': '"production"', TT_SPLIT_ON_DEMAND: 'true' },
  });
  const inputs = Object.values(meta.metafile.outputs)[0].inputs;
  const byPackage = new Map();
  for (const [path, { bytesInOutput }] of Object.entries(inputs)) {
    const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(path);
    const key = m ? m[1] : path.startsWith('src/core') ? 'src/core (ours)' : path.startsWith('src/') ? 'src/vscode, src/shared (ours)' : path;
    byPackage.set(key, (byPackage.get(key) ?? 0) + bytesInOutput);
  }
  const host = sizes[0];
  const web = sizes[1];
  target('host bundle (dist/extension.js, minified)', host.size / 1024, kb(host.size), TARGETS.hostBundleKB, 'KB');
  void web; // listed in the table: the web host needs one file, so it also holds what dist/onDemand.js holds for Node
  const total = [...byPackage.values()].reduce((a, b) => a + b, 0);
  sections.push(`## Bundle sizes (\`node esbuild.mjs --production\`)

${table(['file', 'minified', 'gzip'], sizes.map((s) => [`\`${s.file}\``, kb(s.size), kb(s.gzip)]))}

What the host bundle is made of (esbuild metafile, bytes in output):

${table(['input', 'bytes', 'share'], [...byPackage].sort((a, b) => b[1] - a[1]).map(([k, v]) => [k, kb(v), `${((100 * v) / total).toFixed(0)} %`]))}`);
  return { sizes, byPackage };
}

function packageVsix() {
  log('▶ npm run package');
  // Offline check: run vsce in a network namespace with no interfaces when the system allows it.
  const offline = spawnSync('unshare', ['-n', 'true']).status === 0;
  const res = offline ? run('unshare', ['-n', 'npm', 'run', 'package']) : run('npm', ['run', 'package']);
  const vsix = join(root, 'dist-package', 'tensor-tutor.vsix');
  const size = statSync(vsix).size;
  const list = run('npx', ['vsce', 'ls', '--no-dependencies']).stdout.trim().split('\n').filter(Boolean).sort();
  const sizes = list.map((f) => [`\`${f}\``, existsSync(join(root, f)) ? kb(statSync(join(root, f)).size) : '?']);
  target('VSIX (dist-package/tensor-tutor.vsix)', size / 1024, kb(size), TARGETS.vsixKB, 'KB');
  sections.push(`## VSIX (\`npm run package\`)

${kb(size)}. ${offline ? 'Packaged inside `unshare -n` (a network namespace without interfaces): vsce needs no network.' : 'Packaged without a network check (unshare not permitted here).'}
\`npx vsce ls --no-dependencies\` (${list.length} files, sizes before compression):

${table(['file', 'size'], sizes)}
${/warning/i.test(res.stderr) ? `\nvsce warnings:\n\n\`\`\`\n${res.stderr.trim().split('\n').filter((l) => /warn/i.test(l)).join('\n')}\n\`\`\`` : ''}`);
  return size;
}

// ---- real VS Code ------------------------------------------------------------------------------------

function runIntegration(host) {
  log(`▶ integration suite in real VS Code (${host} extension host)`);
  const started = Date.now();
  const res = run('node', ['test/runIntegration.mjs', '--host', host], { allowFail: true });
  const metrics = {};
  for (const m of res.stdout.matchAll(/TT-METRIC ((?:\w+=[\d.]+\s*)+)/g)) {
    for (const kv of m[1].trim().split(/\s+/)) {
      const [k, v] = kv.split('=');
      metrics[k] = Number(v);
    }
  }
  const summary = /\[(?:node|web) extension host\] (\d+) passed, (\d+) failed/.exec(res.stdout);
  if (res.status !== 0) log(res.stdout.split('\n').filter((l) => /✗|error|timeout/i.test(l)).join('\n'));
  return { host, metrics, passed: Number(summary?.[1] ?? 0), failed: Number(summary?.[2] ?? 1), seconds: (Date.now() - started) / 1000 };
}

function vscodeSection(results) {
  if (!results.length) {
    target('activate() (real VS Code, node host)', undefined, '', TARGETS.activateMs, 'ms');
    target('command → first card rendered (node host)', undefined, '', TARGETS.firstCardMs, 'ms');
    sections.push(`## In real VS Code

Not measured in this run: the offline VS Code (\`.vscode-test/code-server-4.100.3\`) is not installed, or
\`--no-vscode\` was given. Run \`npm run bench -- --vscode\` after \`node test/harness/installCodeServer.mjs\`.`);
    return;
  }
  for (const r of results) {
    target(`activate() (real VS Code, ${r.host} host)`, r.metrics.activateMs, `${r.metrics.activateMs} ms`, TARGETS.activateMs, 'ms');
    target(`command → first card rendered (${r.host} host)`, r.metrics.firstCardMs, `${r.metrics.firstCardMs} ms`, TARGETS.firstCardMs, 'ms');
  }
  const keys = [
    ['activateMs', 'activate() (wall time inside `activate`)'],
    ['bankLoadMs', 'bank load on first use (workspace.fs.readFile + parse + views)'],
    ['hoverDlMs', '`vscode.executeHoverProvider` round trip, line with a DL term (median of 21)'],
    ['hoverPlainMs', '… on a line without one (median of 21)'],
    ['firstCardMs', '`tensorTutor.quizTopic` → webview reports the first card rendered (new panel)'],
    ['warmCardMs', '… same command with the panel open (our part alone: no webview boot)'],
  ];
  sections.push(`## In real VS Code (VS Code 1.100.3 via code-server, headless Chromium)

From the integration suite's \`TT-METRIC\` lines (\`node test/runIntegration.mjs --host <host>\`), one run per host.

${table(['metric', ...results.map((r) => `${r.host} host`)], [
    ...keys.map(([k, label]) => [label, ...results.map((r) => (r.metrics[k] === undefined ? '–' : `${r.metrics[k]} ms`))]),
    ['integration suite', ...results.map((r) => `${r.passed} passed, ${r.failed} failed (${r.seconds.toFixed(0)} s)`)],
  ])}`);
}

// ---- findings ------------------------------------------------------------------------------------------

/** What the numbers mean, where a target is missed: why, and what it would take. */
function findings({ search, vscode }) {
  const notes = [];
  notes.push(`**A shared machine.** The load average was ${info.load} when this run started (${info.cores} cores): other
processes competed for the CPU, which inflates every figure here, the tails (p99) most.`);
  if (search) {
    const { first, bundledQuery, at10k } = search;
    const missed = [
      first.load.total >= TARGETS.firstSearchMs && `first search ${msFmt(first.load.total)}`,
      bundledQuery.p95 >= TARGETS.searchP95BundledMs && `bundled p95 ${msFmt(bundledQuery.p95)}`,
      at10k.query.p95 >= TARGETS.searchP95At10kMs && `p95 at ≈10k ${msFmt(at10k.query.p95)}`,
      Math.max(at10k.sync.longestSliceMs, at10k.fallbackMax || 0) >= TARGETS.searchBlockMs && `longest block at ≈10k ${msFmt(Math.max(at10k.sync.longestSliceMs, at10k.fallbackMax || 0))}`,
    ].filter(Boolean);
    notes.push(`**Search: nothing is indexed on the first search.** The build step serialises the bundled bank's index
(\`dist/search-index.json\`: the radix tree and the postings in one string, turned into Maps only where a query or an
update reaches them), so the first search reads, parses and loads it in ${msFmt(first.load.ready)} instead of rebuilding in
${msFmt(first.build.ready)}. The first query after that runs cold code (${msFmt(first.load.query)}); the quick pick warms the index up as
it opens, so the first query typed there takes ${msFmt(first.pick.query)}. User decks are diffed against the indexed documents and only added, changed or removed
documents are touched, in slices of ~10 ms between which the host runs; from 250 documents on, a title-and-concept
fallback answers queries until the full index is done (${msFmt(at10k.sync.ms)} of wall time, ${msFmt(at10k.sync.busyMs)} of
work, for ${at10k.sync.ops} documents at ≈10k).${missed.length ? ` Missed here: ${missed.join('; ')}.` : ''}`);
  }
  notes.push(`**VSIX over 600 KB.** The compressed package is the question bank (≈ 320 KB), the webview (≈ 115 KB, of which
KaTeX ≈ 77 KB: typeset math with a strict CSP), and the host code twice (the Node host's two files and the web host's
single file, ≈ 100 KB each). Without KaTeX it would be under the target; we keep it because formulas are much of the
content.`);
  const node = vscode?.find((r) => r.host === 'node');
  if (node?.metrics.firstCardMs >= TARGETS.firstCardMs) {
    notes.push(`**First card over ${TARGETS.firstCardMs} ms.** Our part is small: the same command with the quiz panel already open
renders the new card in ${node.metrics.warmCardMs} ms (node host). The rest of the ${node.metrics.firstCardMs} ms is the webview's boot
in this harness: a new iframe, the webview service worker registered again for every webview (code-server serves all
webviews from one origin, see below), the HTML, CSS and script fetched through it, then our script's \`ready\` round trip.
Desktop VS Code and vscode.dev give each webview its own origin and skip the re-registration.`);
  }
  notes.push(`**First card in the web-worker host took 31 s once: a harness artefact, with a trigger of ours (fixed).** code-server
serves every webview from one origin, the workbench's (\`webviewEndpoint\`), where VS Code gives each webview its own, so all
webviews share one service worker scope, and each new webview registers the worker again under a new URL (the log says
"Found unexpected service worker controller"). A worker cannot activate while the previous one still handles a fetch;
the webview worker answers a resource fetch only when the page that asked relays the file, or after its 30 s
\`resolveTimeout\`. Our webview loaded the codicon *font* lazily, just after the first render; when the hover test's
reader panel was hidden (the next test opens an editor) while that font request was in flight, the request was aborted
(\`net::ERR_ABORTED\`) but stayed pending in the worker, and the quiz panel opened next could not load until the 30 s
timeout: first card 28–31 s, in both hosts, depending on timing. Reproduced 3 times in 12 by opening the reader and then
the quiz 0–1.25 s apart (30.1–30.9 s against 2.0–2.8 s), and in the full suite (28.7 s, node host). Fix: the webview
draws its 11 codicons as inline SVG (\`src/webview/icons.ts\`) instead of the codicon font, so it makes no request after
its first render (and the VSIX loses \`codicon.css\` and \`codicon.ttf\`, 156 KB); the hover test also waits for the
reader to render before moving on. Real users are only exposed on code-server-style hosts that serve webviews from one
origin.`);
  sections.push(`## Findings\n\n${notes.join('\n\n')}`);
}

// ---- main --------------------------------------------------------------------------------------------

const measured = {};

const info = machine();
log(`Tensor Tutor bench — ${info.cpu}, ${info.cores} cores, Node ${info.node}, ${info.os}`);
buildProduction();
const tmp = mkdtempSync(join(tmpdir(), 'tt-bench-'));
try {
  const { core, url: coreUrl } = await loadCore(tmp);
  const bytes = new Uint8Array(readFileSync(join(root, 'dist', 'bank.json')));
  const bank = core.loadBank(new TextDecoder().decode(bytes));
  if (wants('hover')) await benchHover(core, bank);
  if (wants('bank')) await benchBankLoad(core, bytes);
  if (wants('search')) {
    const search = await benchSearch({ core, coreUrl, bank, root, quick, log, bench, stats, quantile, msFmt, us, kb, table, target, syntheticBank, targets: TARGETS });
    sections.push(search.section);
    measured.search = search;
  }
  if (wants('sizes')) await bundleSizes();
  if (wants('vsix')) packageVsix();
  const vscodeResults = [];
  if (runVsCode && wants('vscode')) {
    if (!existsSync(codeServerMarker)) throw new Error(`--vscode: the offline VS Code is not installed (${codeServerMarker} missing); run node test/harness/installCodeServer.mjs`);
    // The suite needs the test bundles next to a build of the extension: the production build above has both.
    buildProduction();
    for (const host of hosts) vscodeResults.push(runIntegration(host));
  }
  if (wants('vscode')) vscodeSection(vscodeResults);
  measured.vscode = vscodeResults;
  findings(measured);
} finally {
  rmSync(tmp, { recursive: true, force: true });
}

const flags = process.argv.slice(2).join(' ');
const targetTable = table(['metric', 'measured', 'target', ''], rows.map((r) => [r.metric, r.shown, r.target, r.ok]));
log(`\n${targetTable}\n`);
const markdown = `# Benchmark results

Produced by \`npm run bench${flags ? ` -- ${flags}` : ''}\` (\`scripts/bench.mjs\`); rerun it to refresh this file.

| machine | |
| --- | --- |
| CPU | ${info.cpu}, ${info.cores} cores |
| memory | ${info.memory} |
| Node | ${info.node} |
| OS | ${info.os} |
| date | ${info.date} |
| commit | ${info.commit} |
| load average at start (1/5/15 min) | ${info.load} |

Micro-benchmarks use tinybench (hrtime clock) on the core bundled and minified by esbuild as it ships.

## Targets (issue 8)

${targetTable}

${sections.join('\n\n')}
`;
if (argv.has('--no-write')) {
  log(sections.join('\n\n'));
} else {
  mkdirSync(join(root, 'bench'), { recursive: true });
  writeFileSync(join(root, 'bench', 'RESULTS.md'), markdown);
  log('wrote bench/RESULTS.md');
}
