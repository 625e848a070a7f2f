// Screenshots of the statistics view and the quiz panel in real VS Code (code-server + Chromium), dark
// and light themes, into media/screenshots/. Runs the integration suite in the Node extension host with
// a user setting that makes the suite pause at its screenshot points: the suite logs
// "TT-SCREENSHOT <name>", this script captures the page and drops a marker file in the test workspace,
// the suite sees the marker and goes on. Usage: node esbuild.mjs --tests && node scripts/screenshots.mjs
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { runInBrowser } from '../test/harness/browserHost.mjs';

const root = resolve(import.meta.dirname, '..');
const out = join(root, 'media', 'screenshots');
mkdirSync(out, { recursive: true });
const taken = [];
const result = await runInBrowser({
  root,
  kind: 'node',
  suitePath: join(root, 'dist-test', 'integration', 'node', 'index.js'),
  settings: { 'tensorTutorTest.screenshots': true, 'workbench.activityBar.location': 'default' },
  onPage: (page) => page.setViewportSize({ width: 1100, height: 700 }),
  async onLog(text, { page, workspace }) {
    const m = /TT-SCREENSHOT ([\w-]+)/.exec(text);
    if (!m) return;
    try {
      await page.waitForTimeout(800); // let the theme change and the webview paint
      const path = join(out, `${m[1]}.png`);
      await page.screenshot({ path, type: 'png' });
      taken.push(path);
    } catch (error) {
      console.error(`screenshot ${m[1]} failed: ${error.message}`);
    } finally {
      writeFileSync(join(workspace, `.screenshot-${m[1]}`), 'done');
    }
  },
});
console.log(`screenshots: ${taken.length} written to ${out}; suite ${result.passed} passed, ${result.failed} failed`);
process.exit(result.exitCode);
