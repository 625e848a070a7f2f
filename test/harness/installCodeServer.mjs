// Installs the VS Code server shipped in the npm package code-server@4.100.3 into .vscode-test/,
// offline apart from the npm registry. Two workarounds (see DEVELOPERS.md):
//  - @vscode/ripgrep's postinstall downloads from GitHub; it first looks in a cache folder under
//    $TMPDIR, so we seed that cache with Debian's /usr/bin/rg packed as the expected tarball;
//  - running as root, npm needs unsafe-perm and a yes to the `npx node-gyp` prompt.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync, mkdtempSync, copyFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { tmpdir } from 'node:os';

export const CODE_SERVER_VERSION = '4.100.3';
const root = resolve(import.meta.dirname, '..', '..');
export const cacheDir = join(root, '.vscode-test', `code-server-${CODE_SERVER_VERSION}`);
export const codeServerBin = join(cacheDir, 'node_modules', 'code-server', 'out', 'node', 'entry.js');

function need(path, hint) {
  if (!existsSync(path)) throw new Error(`Missing ${path}. ${hint}`);
}

export function installCodeServer({ log = console.log } = {}) {
  const marker = join(cacheDir, '.installed');
  if (existsSync(marker) && existsSync(codeServerBin)) return codeServerBin;
  need('/usr/bin/rg', 'Install Debian\'s ripgrep: apt-get install -y ripgrep');
  const tmp = process.env.TMPDIR || tmpdir();
  const rgCache = join(tmp, 'vscode-ripgrep-cache-1.15.11');
  const tarball = join(rgCache, 'ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz');
  if (!existsSync(tarball)) {
    mkdirSync(rgCache, { recursive: true });
    const stage = mkdtempSync(join(tmp, 'rg-stage-'));
    copyFileSync('/usr/bin/rg', join(stage, 'rg'));
    execFileSync('tar', ['-czf', tarball, '-C', stage, 'rg']);
    rmSync(stage, { recursive: true, force: true });
  }
  mkdirSync(cacheDir, { recursive: true });
  writeFileSync(join(cacheDir, 'package.json'), JSON.stringify({ name: 'code-server-cache', private: true }));
  log(`Installing code-server@${CODE_SERVER_VERSION} into ${cacheDir} (one-off, a few minutes)…`);
  execFileSync('npm', ['install', '--no-audit', '--no-fund', '--no-save', `code-server@${CODE_SERVER_VERSION}`], {
    cwd: cacheDir,
    stdio: ['ignore', 'inherit', 'inherit'],
    env: { ...process.env, npm_config_unsafe_perm: 'true', npm_config_yes: 'true', npm_config_allow_scripts: undefined },
  });
  need(codeServerBin, 'code-server did not install; see the npm output above.');
  writeFileSync(marker, new Date().toISOString());
  return codeServerBin;
}

if (import.meta.url === `file://${process.argv[1]}`) installCodeServer();
