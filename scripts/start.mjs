// `npm start`: builds, then opens VS Code with Tensor Tutor loaded on the samples/ workspace.
// Desktop `code` when it is on PATH; otherwise the browser-served VS Code (code-server) on 127.0.0.1.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { installCodeServer } from '../test/harness/installCodeServer.mjs';

const root = resolve(import.meta.dirname, '..');
const samples = join(root, 'samples');
if (spawnSync('node', ['esbuild.mjs'], { cwd: root, stdio: 'inherit' }).status !== 0) process.exit(1);

const hasCode = spawnSync('sh', ['-c', 'command -v code'], { encoding: 'utf8' }).status === 0;
if (hasCode && !process.env.TT_BROWSER) {
  spawn('code', ['--extensionDevelopmentPath', root, samples], { stdio: 'inherit', detached: true }).unref();
  console.log('Opened desktop VS Code with Tensor Tutor (extension development host).');
} else {
  const entry = installCodeServer();
  const port = Number(process.env.PORT || 8712);
  const tmp = mkdtempSync(join(tmpdir(), 'tt-start-'));
  const server = spawn(process.execPath, [entry, '--auth', 'none', '--bind-addr', `127.0.0.1:${port}`, '--disable-telemetry',
    '--disable-update-check', '--disable-workspace-trust', '--user-data-dir', join(tmp, 'user'), '--extensions-dir', join(tmp, 'ext'), samples], {
    stdio: 'inherit',
    env: { ...process.env, EXTENSIONS_GALLERY: JSON.stringify({ serviceUrl: '' }) },
  });
  const payload = [['extensionDevelopmentPath', `vscode-remote://127.0.0.1:${port}${root}`], ['skipWelcome', 'true']];
  const url = `http://127.0.0.1:${port}/?folder=${encodeURIComponent(samples)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
  console.log(`\nTensor Tutor is running in VS Code (browser) at:\n\n  ${url}\n\nOpen that URL in a browser on this machine. Ctrl+C stops the server.\n`);
  process.on('SIGINT', () => server.kill('SIGTERM'));
  server.on('exit', (code) => process.exit(code ?? 0));
}
