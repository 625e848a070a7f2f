// Screenshots of Optimize Scheduling as a person sees it: the extension in code-server (VS Code 1.100.3) + Chromium
// in Development mode — not under the test runner, where VS Code refuses modal dialogs — with the recorded review
// log (test/fixtures/review-log) in its global storage; the command is run from the palette and its dialog answered
// with Enter. Writes media/screenshots/optimize-progress.png and optimize-dialog.png.
//   node esbuild.mjs && node scripts/screenshot-optimize.mjs
import { spawn } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { installCodeServer } from '../test/harness/installCodeServer.mjs';
import { chromium } from 'playwright-core';
const root = join(import.meta.dirname, '..');
const tmp = mkdtempSync(join(tmpdir(), 'tt-shot-'));
const userData = join(tmp, 'user-data');
const storage = join(userData, 'User', 'globalStorage', 'tensor-tutor.tensor-tutor');
mkdirSync(storage, { recursive: true });
for (const f of readdirSync(join(root, 'test/fixtures/review-log'))) if (f.endsWith('.jsonl')) cpSync(join(root, 'test/fixtures/review-log', f), join(storage, f));
writeFileSync(join(userData, 'User', 'settings.json'), JSON.stringify({ 'workbench.startupEditor': 'none', 'telemetry.telemetryLevel': 'off', 'security.workspace.trust.enabled': false, 'workbench.colorTheme': 'Default Light Modern', 'workbench.welcomePage.walkthroughs.openOnInstall': false }));
const workspace = join(tmp, 'ws');
cpSync(join(root, 'samples'), workspace, { recursive: true });
const port = 18000 + (process.pid % 1000);
const server = spawn(process.execPath, [installCodeServer(), '--auth', 'none', '--bind-addr', `127.0.0.1:${port}`, '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust', '--user-data-dir', userData, '--extensions-dir', join(tmp, 'ext'), workspace], { stdio: 'ignore', env: { ...process.env, EXTENSIONS_GALLERY: JSON.stringify({ serviceUrl: '' }) } });
const shot = (page, name) => page.screenshot({ path: `${join(root, 'media', 'screenshots', name)}.png` });
try {
  for (let i = 0; i < 100; i++) { try { await fetch(`http://127.0.0.1:${port}/healthz`); break; } catch { await new Promise((r) => setTimeout(r, 300)); } }
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
  const page = await browser.newPage({ viewport: { width: 1100, height: 700 } });
  const payload = [['extensionDevelopmentPath', `vscode-remote://127.0.0.1:${port}${root}`], ['skipWelcome', 'true']];
  await page.goto(`http://127.0.0.1:${port}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`);
  await page.waitForSelector('.monaco-workbench', { timeout: 60_000 });
  await page.waitForTimeout(6000);
  await page.keyboard.press('F1');
  await page.waitForTimeout(800);
  await page.keyboard.type('Tensor Tutor: Optimize Scheduling', { delay: 10 });
  await page.waitForTimeout(800);
  await page.keyboard.press('Enter');
  await page.waitForTimeout(5000);
  await shot(page, 'optimize-progress');
  await page.waitForSelector('.monaco-dialog-box', { timeout: 120_000 });
  await page.waitForTimeout(800);
  await shot(page, 'optimize-dialog');
  await page.keyboard.press('Enter'); // Apply New Parameters
  await page.waitForTimeout(1000);
  await browser.close();
} finally {
  server.kill('SIGTERM');
  rmSync(tmp, { recursive: true, force: true });
}
