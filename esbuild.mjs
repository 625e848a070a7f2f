// Builds everything the extension ships, plus the test bundles:
//   dist/bank.json              the compiled question bank (validated; errors fail the build)
//   dist/search-index.json      its search index, serialised (loaded on the first search)
//   dist/extension.js           extension host bundle (Node, CommonJS)
//   dist/web/extension.js       extension host bundle for VS Code for the Web (web worker)
//   dist/webview/main.js        webview front-end (browser IIFE; its few codicons inlined as SVG)
//   dist/deckWorker.js, dist/web/deckWorker.js   user-deck compiler workers (worker_threads / Web Worker)
//   dist/optimizerWorker.js, dist/fsrs-optimizer.wasm.xz   Optimize Scheduling (one worker script for both
//                               hosts; fsrs-browser's WebAssembly, xz-compressed: 1.69 MB → 0.29 MB)
//   dist-test/…                 unit-free integration suites for the Node and web hosts (--tests)
// Flags: --production (minify, no sourcemaps), --watch, --bank-only, --check (validate the bank only), --tests
import * as esbuild from 'esbuild';
import { execFile } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const root = import.meta.dirname;
const argv = new Set(process.argv.slice(2));
const production = argv.has('--production');
const watch = argv.has('--watch');

async function compileBankStep() {
  const tool = join(root, 'dist-tools', 'compileBank.mjs');
  await esbuild.build({
    entryPoints: [join(root, 'src/build/compileBankCli.ts')],
    bundle: true, platform: 'node', format: 'esm', outfile: tool, logLevel: 'warning',
    banner: { js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);" },
  });
  const { run } = await import(`${tool}?t=${Date.now()}`);
  const code = run({ root, check: argv.has('--check'), out: join(root, 'dist', 'bank.json'), verbose: argv.has('--check'), enforceBalance: true });
  if (code !== 0) throw new Error('question bank has errors (see above)');
}

const common = {
  bundle: true,
  minify: production,
  sourcemap: production ? false : 'linked',
  sourcesContent: false,
  logLevel: 'warning',
  target: 'es2022',
  define: { 'process.env.NODE_ENV': production ? '"production"' : '"development"' },
};

const targets = [
  // Node host: the main bundle plus dist/onDemand.js (search, Anki export) required on first use.
  { ...common, entryPoints: ['src/extension.ts'], outfile: 'dist/extension.js', platform: 'node', format: 'cjs', external: ['vscode', './onDemand.js'], define: { ...common.define, TT_SPLIT_ON_DEMAND: 'true' } },
  { ...common, entryPoints: ['src/vscode/shared/onDemandModules.ts'], outfile: 'dist/onDemand.js', platform: 'node', format: 'cjs', external: ['vscode'] },
  { ...common, entryPoints: ['src/extension.ts'], outfile: 'dist/web/extension.js', platform: 'browser', define: { ...common.define, TT_SPLIT_ON_DEMAND: 'false' }, format: 'cjs', external: ['vscode', 'node:*'], mainFields: ['browser', 'module', 'main'] },
  { ...common, entryPoints: ['src/webview/main.ts'], outfile: 'dist/webview/main.js', platform: 'browser', format: 'iife', loader: { '.svg': 'text' } },
  // KaTeX apart: the page loads it with the first paint only when that paint shows math.
  { ...common, entryPoints: ['src/webview/katexEntry.ts'], outfile: 'dist/webview/katex.js', platform: 'browser', format: 'iife' },
  // One deck worker for both hosts: a classic script (a Web Worker from a blob) that a Node worker thread also runs
  // as CommonJS, where it finds its port through require('node:worker_threads').
  { ...common, entryPoints: ['src/workers/deckWorker.ts'], outfile: 'dist/deckWorker.js', platform: 'browser', format: 'iife', external: ['node:worker_threads'] },
];
// Optimize Scheduling: one script for both hosts, loaded only when the command runs. fsrs-browser's rayon helper
// (thread-pool workers, unused: we run single-threaded) is replaced by a stub that throws if ever called.
const rayonStub = {
  name: 'rayon-stub',
  setup(build) {
    build.onResolve({ filter: /wasm-bindgen-rayon-[^/]+\/src\/workerHelpers\.js$/ }, () => ({ path: 'rayon-stub', namespace: 'rayon-stub' }));
    build.onLoad({ filter: /.*/, namespace: 'rayon-stub' }, () => ({ contents: "export function startWorkers() { throw new Error('fsrs-browser thread pool: not used'); }" }));
  },
};
targets.push({ ...common, entryPoints: ['src/workers/optimizerWorker.ts'], outfile: 'dist/optimizerWorker.js', platform: 'browser', format: 'iife', external: ['node:worker_threads'], define: { ...common.define, 'import.meta.url': '""' }, plugins: [rayonStub] });

/** The optimizer's WebAssembly, xz-compressed (the VSIX's deflate gets it to 0.44 MB, xz to 0.29 MB). */
async function compressOptimizerWasm() {
  const wasm = createRequire(import.meta.url).resolve('fsrs-browser/fsrs_browser_bg.wasm');
  const compressed = await new Promise((resolve, reject) => {
    execFile('xz', ['-9e', '-T1', '--check=crc32', '-c', wasm], { encoding: 'buffer', maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`xz (XZ Utils) is needed to build the optimizer's WebAssembly (${error.message.trim()} ${stderr}). Install it: apt-get install xz-utils, brew install xz.`));
      else resolve(stdout);
    });
  });
  mkdirSync(join(root, 'dist'), { recursive: true });
  writeFileSync(join(root, 'dist', 'fsrs-optimizer.wasm.xz'), compressed);
}

const testTargets = [
  { ...common, minify: false, entryPoints: ['test/integration/index.ts'], outfile: 'dist-test/integration/node/index.js', platform: 'node', format: 'cjs', external: ['vscode'] },
  { ...common, minify: false, entryPoints: ['test/integration/index.ts'], outfile: 'dist-test/integration/web/index.js', platform: 'browser', format: 'cjs', external: ['vscode'] },
  { ...common, minify: false, entryPoints: ['test/bench/index.ts'], outfile: 'dist-test/bench/node/index.js', platform: 'node', format: 'cjs', external: ['vscode'] },
  { ...common, minify: false, entryPoints: ['test/bench/index.ts'], outfile: 'dist-test/bench/web/index.js', platform: 'browser', format: 'cjs', external: ['vscode'] },
];


try {
  const bankOnly = argv.has('--bank-only') || argv.has('--check');
  if (!watch && !bankOnly) rmSync(join(root, 'dist'), { recursive: true, force: true, maxRetries: 2 });
  await compileBankStep();
  if (bankOnly) process.exit(0);
  const all = argv.has('--tests') ? [...targets, ...testTargets] : targets;
  if (watch) {
    await compressOptimizerWasm();
    for (const options of all) await (await esbuild.context(options)).watch();
    console.log('watching for changes…');
  } else {
    await Promise.all([...all.map((options) => esbuild.build(options)), compressOptimizerWasm()]);
  }
} catch (error) {
  console.error(error.message ?? error);
  process.exit(1);
}
