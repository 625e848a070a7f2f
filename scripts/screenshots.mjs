// Takes the README screenshots in real VS Code (code-server + Chromium, like the integration tests):
// builds, opens samples/ with the extension, and photographs what test/screenshots/suite.cjs sets up.
// Usage: node scripts/screenshots.mjs   → media/screenshots/*.png
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { runInBrowser } from '../test/harness/browserHost.mjs';

const root = resolve(import.meta.dirname, '..');
const out = join(root, 'media', 'screenshots');
mkdirSync(out, { recursive: true });
execFileSync(process.execPath, ['esbuild.mjs', '--production'], { cwd: root, stdio: 'inherit' });

const result = await runInBrowser({
  root,
  kind: 'node',
  suitePath: join(root, 'test', 'screenshots', 'suite.cjs'),
  workspaceSource: join(root, 'samples'),
  viewport: { width: 1280, height: 760 },
  settings: { 'editor.minimap.enabled': false, 'window.commandCenter': false, 'workbench.layoutControl.enabled': false },
  onLog: async (text, { page, workspace }) => {
    const m = /^TT-SHOT ([a-z-]+)$/.exec(text);
    if (!m) return;
    await page.screenshot({ path: join(out, `${m[1]}.png`) });
    mkdirSync(join(workspace, '.shots'), { recursive: true });
    writeFileSync(join(workspace, '.shots', `${m[1]}.done`), '');
    console.log(`  saved media/screenshots/${m[1]}.png`);
  },
});
console.log(`screenshots: exit ${result.exitCode}`);
process.exit(result.exitCode);
