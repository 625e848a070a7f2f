// `npm test`: type check, lint, unit tests (vitest), build, then the integration suite inside real
// VS Code (Node and web-worker extension hosts). Prints one closing line: "N passed, M failed".
import { spawnSync } from 'node:child_process';

const steps = [
  ['type check', 'npx', ['tsc', '--noEmit', '-p', '.']],
  ['type check (webview)', 'npx', ['tsc', '--noEmit', '-p', 'src/webview']],
  ['lint', 'npx', ['eslint', '--max-warnings', '0', '.']],
  ['unit tests', 'npx', ['vitest', 'run', '--reporter=default', '--reporter=json', '--outputFile=dist-test/vitest.json']],
  ['build', 'node', ['esbuild.mjs', '--tests']],
  ['integration tests', 'node', ['test/runIntegration.mjs']],
];

let passed = 0;
let failed = 0;
let broken = false;
for (const [name, cmd, args] of steps) {
  const started = Date.now();
  console.log(`\n▶ ${name}`);
  const res = spawnSync(cmd, args, { stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  process.stdout.write(res.stdout ?? '');
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (name === 'unit tests') {
    try {
      const { readFileSync } = await import('node:fs');
      const report = JSON.parse(readFileSync('dist-test/vitest.json', 'utf8'));
      passed += report.numPassedTests;
      failed += report.numFailedTests;
    } catch {
      failed += 1;
    }
  }
  if (name === 'integration tests') {
    const m = /integration: (\d+) passed, (\d+) failed/.exec(res.stdout ?? '');
    if (m) {
      passed += Number(m[1]);
      failed += Number(m[2]);
    } else if (res.status !== 0) failed += 1; // the harness itself failed: no counts, but never "0 failed"

  }
  console.log(`◀ ${name}: ${res.status === 0 ? 'ok' : `FAILED (exit ${res.status})`} in ${seconds} s`);
  if (res.status !== 0) {
    broken = true;
    if (!['unit tests', 'integration tests'].includes(name)) failed += 1;
    if (name === 'build') break;
  }
}
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(broken || failed ? 1 : 0);
