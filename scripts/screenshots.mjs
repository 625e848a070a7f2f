// README screenshots, taken in real VS Code (code-server + Chromium, like the integration tests), into
// media/screenshots/. Two tours, both driven through the log: the suite logs a marker, this script
// photographs the page and drops a marker file in the workspace, the suite sees it and goes on.
//  1. test/screenshots/suite.cjs on samples/: hover, topic browser + reader, quiz (TT-SHOT <name>);
//  2. the integration suite with `tensorTutorTest.screenshots` on: statistics, mock interview, walkthrough
//     (TT-SCREENSHOT <name>; the statistics use simulated reviews).
// Usage: node scripts/screenshots.mjs [--tour-only] (--tour-only: only the first tour, not the feature suite)
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { runInBrowser } from '../test/harness/browserHost.mjs';

const root = resolve(import.meta.dirname, '..');
const out = join(root, 'media', 'screenshots');
mkdirSync(out, { recursive: true });
execFileSync(process.execPath, ['esbuild.mjs', '--production', '--tests'], { cwd: root, stdio: 'inherit' });

async function capture(page, name) {
  await page.waitForTimeout(800); // let a theme change and the webview paint
  await page.screenshot({ path: join(out, `${name}.png`), type: 'png' });
  console.log(`  saved media/screenshots/${name}.png`);
}

const tour = await runInBrowser({
  root,
  kind: 'node',
  suitePath: join(root, 'test', 'screenshots', 'suite.cjs'),
  workspaceSource: join(root, 'samples'),
  viewport: { width: 1280, height: 760 },
  settings: { 'editor.minimap.enabled': false, 'window.commandCenter': false, 'workbench.layoutControl.enabled': false },
  onLog: async (text, { page, workspace }) => {
    const m = /^TT-SHOT ([a-z-]+)$/.exec(text);
    if (!m) return;
    try {
      await capture(page, m[1]);
    } finally {
      mkdirSync(join(workspace, '.shots'), { recursive: true });
      writeFileSync(join(workspace, '.shots', `${m[1]}.done`), '');
    }
  },
});

const features = process.argv.includes('--tour-only') ? { passed: 0, failed: 0, exitCode: 0 } : await runInBrowser({
  root,
  kind: 'node',
  suitePath: join(root, 'dist-test', 'integration', 'node', 'index.js'),
  viewport: { width: 1100, height: 700 },
  settings: { 'tensorTutorTest.screenshots': true, 'workbench.activityBar.location': 'default' },
  onLog: async (text, { page, workspace }) => {
    const m = /TT-SCREENSHOT ([\w-]+)/.exec(text);
    if (!m) return;
    try {
      await capture(page, m[1]);
    } catch (error) {
      console.error(`screenshot ${m[1]} failed: ${error.message}`);
    } finally {
      writeFileSync(join(workspace, `.screenshot-${m[1]}`), 'done');
    }
  },
});
console.log(`screenshots: tour exit ${tour.exitCode}; feature suite ${features.passed} passed, ${features.failed} failed`);
process.exit(tour.exitCode || features.exitCode);
