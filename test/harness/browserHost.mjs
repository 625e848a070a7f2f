// Starts the VS Code server of code-server on 127.0.0.1, opens it in headless Debian Chromium and runs
// the integration suite through VS Code's `payload` URL (extensionDevelopmentPath / extensionTestsPath).
// The suite reports `TT-RESULT {"passed":n,"failed":m}` through the log; the exit code arrives through
// window.codeAutomationExit. Everything started here is killed on the way out.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, cpSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { installCodeServer } from './installCodeServer.mjs';

const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const TIMEOUT_MS = Number(process.env.TT_INTEGRATION_TIMEOUT_MS || 8 * 60_000);

function freePort() {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolvePort(port));
    });
  });
}

async function waitForHttp(url, child, ms = 60_000) {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`code-server exited early with code ${child.exitCode}`);
    try {
      const res = await fetch(url);
      if (res.ok || res.status === 302) return;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`code-server did not answer on ${url} within ${ms / 1000} s`);
}

/**
 * onPage(page, { port, workspace }) runs once the workbench page is open; onLog(text, { page, workspace })
 * sees every line the suite logs (the screenshot script uses both); settings are added to the user settings;
 * workspaceSource replaces the test workspace and viewport the window size.
 */
export async function runInBrowser({ root, kind, suitePath, keep = false, onPage, onLog, settings = {}, workspaceSource, viewport }) {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`Chromium not found at ${CHROMIUM}. Install Debian's chromium (apt-get install -y chromium) or set CHROMIUM_PATH.`);
  }
  const entry = installCodeServer();
  const { chromium } = await import('playwright-core');
  const started = Date.now();
  const tmp = mkdtempSync(join(tmpdir(), `tt-${kind}-`));
  const userData = join(tmp, 'user-data');
  const extensionsDir = join(tmp, 'extensions');
  const workspace = join(tmp, 'workspace');
  cpSync(workspaceSource ?? join(root, 'test', 'fixtures', 'workspace'), workspace, { recursive: true });
  mkdirSync(join(userData, 'User'), { recursive: true });
  // Quieter workbench: no welcome page, no telemetry, no update checks.
  writeFileSync(join(userData, 'User', 'settings.json'), JSON.stringify({
    'workbench.startupEditor': 'none',
    'telemetry.telemetryLevel': 'off',
    'update.mode': 'none',
    'extensions.autoUpdate': false,
    'workbench.tips.enabled': false,
    'security.workspace.trust.enabled': false,
    // Our walkthrough must not open by itself over the editors the tests look at.
    'workbench.welcomePage.walkthroughs.openOnInstall': false,
    ...settings,
  }));
  const port = await freePort();
  const server = spawn(process.execPath, [entry, '--auth', 'none', '--bind-addr', `127.0.0.1:${port}`, '--disable-telemetry',
    '--disable-update-check', '--disable-workspace-trust', '--user-data-dir', userData, '--extensions-dir', extensionsDir, workspace], {
    stdio: ['ignore', 'pipe', 'pipe'],
    // No extension gallery: nothing on this machine may reach out to a marketplace.
    env: { ...process.env, VSCODE_PROXY_URI: '', EXTENSIONS_GALLERY: JSON.stringify({ serviceUrl: '' }) },
  });
  let serverLog = '';
  server.stdout.on('data', (d) => (serverLog += d));
  server.stderr.on('data', (d) => (serverLog += d));
  let browser;
  let passed = 0;
  let failed = 0;
  let exitCode = 1;
  let page;
  try {
    await waitForHttp(`http://127.0.0.1:${port}/healthz`, server);
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
        '--disable-sync', '--no-first-run', '--disable-quic'],
    });
    const context = await browser.newContext({ viewport: viewport ?? { width: 1400, height: 900 } });
    const done = new Promise((resolveExit) => {
      context.exposeFunction('codeAutomationExit', (code) => resolveExit(Number(code)));
    });
    await context.exposeFunction('codeAutomationLog', async (type, args) => {
      const text = (Array.isArray(args) ? args : [args]).map((a) => (typeof a === 'string' ? a : JSON.stringify(a))).join(' ');
      const m = /TT-RESULT (\{.*\})/.exec(text);
      if (m) {
        const r = JSON.parse(m[1]);
        passed = r.passed;
        failed = r.failed;
      }
      if (/^\[(Extension Host|tt)\]|TT-|✓|✗|Error/.test(text) || type === 'error') console.log(`  ${text}`);
      if (onLog && page) await onLog(text, { page, workspace });
    });
    const remote = (p) => `vscode-remote://127.0.0.1:${port}${p}`;
    const payload = [
      ['extensionDevelopmentPath', remote(root)],
      ['extensionTestsPath', remote(suitePath)],
      ['skipWelcome', 'true'],
      ...(kind === 'web' ? [['extensionDevelopmentKind', 'web']] : []),
    ];
    page = await context.newPage();
    const url = `http://127.0.0.1:${port}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
    await page.goto(url);
    if (onPage) await onPage(page, { port, workspace });
    const timeout = new Promise((r) => setTimeout(() => r('timeout'), TIMEOUT_MS));
    const result = await Promise.race([done, timeout]);
    if (result === 'timeout') {
      console.error(`  ${kind}: no exit from the suite within ${TIMEOUT_MS / 1000} s`);
      await page.screenshot({ path: join(root, '.vscode-test', `timeout-${kind}.png`) }).catch(() => {});
      failed = Math.max(failed, 1);
    } else exitCode = result;
  } catch (error) {
    console.error(`  ${kind}: harness error: ${error.message}`);
    if (serverLog) console.error(serverLog.split('\n').slice(-20).join('\n'));
  } finally {
    await browser?.close().catch(() => {});
    server.kill('SIGTERM');
    await new Promise((r) => (server.exitCode !== null ? r() : server.once('exit', r)));
    if (!keep) rmSync(tmp, { recursive: true, force: true });
  }
  if (exitCode !== 0 && failed === 0) failed = 1;
  return { passed, failed, exitCode, ms: Date.now() - started };
}
