// Times Optimize Scheduling's optimizer (the shipped dist/optimizerWorker.js + dist/fsrs-optimizer.wasm.xz) on
// simulated review logs of 1,000 and 10,000 reviews, in a worker_threads Worker (the Node host's way) and in a
// Web Worker made from a blob in headless Chromium (the web host's way). Prints a Markdown table.
//   node esbuild.mjs --production && node scripts/bench-optimizer.mjs [--runs=3] [--sizes=1000,10000] [--no-browser] [--dump=DIR]
// The logs come from bench/learnerSimulator.ts over the real bank; for 10,000 reviews the bank's cards are used
// several times over (as distinct cards), since 418 cards do not make 10,000 reviews in a few months.
import { createServer } from 'node:http';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { compileRealBank, root } from './evalCore.mjs';
import { loadSimulator } from './make-review-fixture.mjs';

const arg = (name, fallback) => process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3) ?? fallback;
const runs = Number(arg('runs', '3'));
const sizes = arg('sizes', '1000,10000').split(',').map(Number);
const dump = arg('dump', '');
const workerFile = join(root, 'dist', 'optimizerWorker.js');
const wasmFile = join(root, 'dist', 'fsrs-optimizer.wasm.xz');
if (!existsSync(workerFile) || !existsSync(wasmFile)) throw new Error('build first: node esbuild.mjs --production');
const wasm = readFileSync(wasmFile);

const sim = await loadSimulator();
const bank = compileRealBank(sim);
const base = new sim.CardIndex(bank.questions).cards;

async function historiesOf(reviews) {
  const copies = Math.ceil(reviews / 1000);
  const cards = Array.from({ length: copies }, (_, k) => base.map((c) => ({ ...c, id: k ? `${c.id}~${k}` : c.id }))).flat();
  const result = await sim.simulate({ cards, days: 2000, start: new Date('2025-01-06T00:00:00Z'), seed: 7 + reviews, newPerDay: 10 * copies, maxReviews: reviews });
  return { histories: sim.reviewHistories(result.events), logged: result.reviews };
}

function inNodeWorker(histories) {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const w = new Worker(workerFile);
    let rss = process.memoryUsage().rss;
    const baseRss = rss;
    const sampler = setInterval(() => (rss = Math.max(rss, process.memoryUsage().rss)), 20);
    let loadMs = 0;
    w.on('message', (m) => {
      if (m.type === 'loaded') loadMs = m.ms;
      if (m.type === 'error') reject(new Error(m.message));
      if (m.type !== 'done') return;
      clearInterval(sampler);
      void w.terminate();
      resolve({ loadMs, fitMs: m.result.fitMs, totalMs: performance.now() - started, wasmMiB: m.memoryBytes / 2 ** 20, rssMiB: (rss - baseRss) / 2 ** 20, before: m.result.before, after: m.result.after, summary: m.result.summary });
    });
    w.on('error', reject);
    w.postMessage({ type: 'fit', wasm: new Uint8Array(wasm), histories, current: null });
  });
}

async function browser() {
  const { chromium } = await import('playwright-core');
  const executablePath = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find(existsSync);
  if (!executablePath) return undefined;
  const script = readFileSync(workerFile);
  const server = createServer((req, res) => {
    if (req.url === '/worker.js') return res.writeHead(200, { 'content-type': 'text/javascript' }).end(script);
    if (req.url === '/optimizer.wasm.xz') return res.writeHead(200, { 'content-type': 'application/octet-stream' }).end(wasm);
    res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>bench</title>'); // no cross-origin isolation, like the web host
  }).listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  const instance = await chromium.launch({ executablePath, args: ['--no-sandbox', '--disable-gpu'] });
  const page = await instance.newPage();
  await page.goto(`http://127.0.0.1:${server.address().port}/`);
  return {
    run: (histories) => page.evaluate(async (h) => {
      const source = await (await fetch('/worker.js')).text();
      const bytes = new Uint8Array(await (await fetch('/optimizer.wasm.xz')).arrayBuffer());
      const url = URL.createObjectURL(new Blob([source], { type: 'text/javascript' }));
      const started = performance.now();
      const w = new Worker(url);
      return new Promise((resolve, reject) => {
        let loadMs = 0;
        w.onmessage = ({ data: m }) => {
          if (m.type === 'loaded') loadMs = m.ms;
          if (m.type === 'error') reject(new Error(m.message));
          if (m.type !== 'done') return;
          w.terminate();
          resolve({ loadMs, fitMs: m.result.fitMs, totalMs: performance.now() - started, wasmMiB: m.memoryBytes / 2 ** 20, crossOriginIsolated: globalThis.crossOriginIsolated });
        };
        w.postMessage({ type: 'fit', wasm: bytes, histories: h, current: null }, [bytes.buffer]);
      });
    }, histories),
    close: async () => (await instance.close(), server.close()),
  };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const chrome = process.argv.includes('--no-browser') ? undefined : await browser();
const rows = [];
for (const size of sizes) {
  const { histories, logged } = await historiesOf(size);
  if (dump) {
    mkdirSync(dump, { recursive: true });
    writeFileSync(join(dump, `histories-${size}.json`), JSON.stringify(histories));
  }
  const node = [];
  const web = [];
  for (let i = 0; i < runs; i++) {
    node.push(await inNodeWorker(histories));
    if (chrome) web.push(await chrome.run(histories));
  }
  const n = node[0];
  rows.push(`| ${size.toLocaleString('en-US')} (${n.summary.trainingReviews.toLocaleString('en-US')} a day or more apart, ${n.summary.cards} cards) | ${median(node.map((r) => r.fitMs)).toFixed(0)} ms (load ${median(node.map((r) => r.loadMs)).toFixed(0)} ms) | ${chrome ? `${median(web.map((r) => r.fitMs)).toFixed(0)} ms (load ${median(web.map((r) => r.loadMs)).toFixed(0)} ms)` : '–'} | ${n.wasmMiB.toFixed(1)} MiB WASM, +${median(node.map((r) => r.rssMiB)).toFixed(0)} MiB RSS | ${n.before.logLoss.toFixed(4)} → ${n.after.logLoss.toFixed(4)} | ${(n.before.rmse * 100).toFixed(1)}% → ${(n.after.rmse * 100).toFixed(1)}% |`);
  console.error(`${size}: logged ${logged}; node ${node.map((r) => r.fitMs.toFixed(0)).join(', ')} ms; chromium ${web.map((r) => r.fitMs.toFixed(0)).join(', ')} ms`);
}
await chrome?.close();
console.log(`Machine: ${cpus().length} × ${cpus()[0]?.model}, load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}; Node ${process.version}; median of ${runs} runs.\n`);
console.log('| reviews | fit, Node worker_threads | fit, Chromium Web Worker | memory (Node) | log loss (defaults → fitted) | RMSE (bins) |');
console.log('| --- | --- | --- | --- | --- | --- |');
for (const r of rows) console.log(r);
