// Runs the integration suite inside a real VS Code extension host.
//  - TENSOR_TUTOR_VSCODE=/path/to/code (or an online machine): @vscode/test-electron with desktop VS Code.
//  - otherwise: the VS Code server from code-server@4.100.3, opened in Debian's Chromium via playwright-core,
//    once with the Node extension host and once with the web-worker host (browser bundle).
// Usage: node test/runIntegration.mjs [--host node|web|both] [--suite integration|bench] [--keep]
//        [--filter TEXT] (only tests whose name contains TEXT) [--shuffle [SEED]] (random order, printed for replay)
import { existsSync } from 'node:fs';
import { resolve, join } from 'node:path';
import { runInBrowser } from './harness/browserHost.mjs';

const root = resolve(import.meta.dirname, '..');
const args = process.argv.slice(2);
const hostArg = args.includes('--host') ? args[args.indexOf('--host') + 1] : 'both';
const suite = args.includes('--suite') ? args[args.indexOf('--suite') + 1] : 'integration';
const filter = args.includes('--filter') ? args[args.indexOf('--filter') + 1] : undefined;
const seedArg = args.includes('--shuffle') ? args[args.indexOf('--shuffle') + 1] : undefined;
const shuffleSeed = args.includes('--shuffle') ? (/^\d+$/.test(seedArg ?? '') ? Number(seedArg) : Math.floor(Math.random() * 2 ** 31)) : undefined;
if (shuffleSeed !== undefined) console.log(`test order shuffled with seed ${shuffleSeed} (replay: --shuffle ${shuffleSeed})`);
const floorGap = args.includes('--floor-gap') ? Number(args[args.indexOf('--floor-gap') + 1]) : undefined;
const testSettings = { ...(floorGap ? { 'tensorTutorTest.floorGapMs': floorGap } : {}), ...(filter ? { 'tensorTutorTest.filter': filter } : {}), ...(shuffleSeed !== undefined ? { 'tensorTutorTest.shuffleSeed': shuffleSeed } : {}) };

const suites = {
  node: join(root, 'dist-test', suite, 'node', 'index.js'),
  web: join(root, 'dist-test', suite, 'web', 'index.js'),
};
for (const path of Object.values(suites)) {
  if (!existsSync(path)) {
    console.error(`Missing ${path}: run "node esbuild.mjs --tests" first (npm test does).`);
    process.exit(2);
  }
}

async function runDesktop(vscodeExecutablePath) {
  const { runTests } = await import('@vscode/test-electron');
  const workspace = join(root, 'test', 'fixtures', 'workspace');
  await runTests({
    vscodeExecutablePath,
    extensionDevelopmentPath: root,
    extensionTestsPath: suites.node,
    launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust'],
  });
  return { passed: Number(process.env.TT_LAST_PASSED ?? 0), failed: 0 };
}

let total = { passed: 0, failed: 0 };
let exitCode = 0;
const desktop = process.env.TENSOR_TUTOR_VSCODE;
if (desktop) {
  try {
    await runDesktop(desktop);
    console.log('desktop VS Code: suite passed');
  } catch (error) {
    console.error('desktop VS Code: suite failed', error);
    exitCode = 1;
  }
} else {
  const hosts = hostArg === 'both' ? ['node', 'web'] : [hostArg];
  for (const kind of hosts) {
    const result = await runInBrowser({ root, kind, suitePath: suites[kind], keep: args.includes('--keep'), settings: testSettings });
    total.passed += result.passed;
    total.failed += result.failed;
    if (result.exitCode !== 0) exitCode = 1;
    console.log(`[${kind} extension host] ${result.passed} passed, ${result.failed} failed (exit ${result.exitCode}, ${(result.ms / 1000).toFixed(1)} s)`);
  }
}
console.log(`integration: ${total.passed} passed, ${total.failed} failed`);
process.exit(exitCode);
