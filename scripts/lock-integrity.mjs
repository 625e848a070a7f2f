// Fills in `resolved` and `integrity` for every package-lock.json entry that lacks them, from the registry's own
// metadata for that exact version (versions never change). npm ci then checks every tarball against its hash.
//   node scripts/lock-integrity.mjs          (writes package-lock.json)
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
const file = join(root, 'package-lock.json');
const lock = JSON.parse(readFileSync(file, 'utf8'));
const registry = (process.env.npm_config_registry || 'https://registry.npmjs.org/').replace(/\/?$/, '/');

const missing = Object.entries(lock.packages).filter(([path, entry]) => path && !entry.link && (!entry.integrity || !entry.resolved));
const nameOf = (path, entry) => entry.name ?? path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length);
let done = 0;
let failed = 0;

async function fill([path, entry]) {
  const name = nameOf(path, entry);
  const res = await fetch(`${registry}${name.replace('/', '%2f')}/${entry.version}`);
  if (!res.ok) throw new Error(`${name}@${entry.version}: HTTP ${res.status}`);
  const { dist } = await res.json();
  if (!dist?.integrity || !dist?.tarball) throw new Error(`${name}@${entry.version}: the registry gives no integrity`);
  if (entry.integrity && entry.integrity !== dist.integrity) throw new Error(`${name}@${entry.version}: integrity differs from the registry's`);
  entry.resolved = dist.tarball;
  entry.integrity = dist.integrity;
  done++;
}

const queue = [...missing];
await Promise.all(Array.from({ length: 16 }, async () => {
  while (queue.length) {
    const item = queue.shift();
    await fill(item).catch((error) => {
      failed++;
      console.error(error.message);
    });
  }
}));
writeFileSync(file, `${JSON.stringify(lock, null, 2)}\n`);
console.log(`${done} of ${missing.length} entries completed; ${failed} failed`);
process.exit(failed ? 1 : 0);
