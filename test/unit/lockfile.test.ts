import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

describe('package-lock.json', () => {
  it('pins every package to a registry tarball and its integrity hash (npm ci refuses a tarball that differs)', () => {
    const lock = JSON.parse(readFileSync(join(__dirname, '..', '..', 'package-lock.json'), 'utf8')) as { packages: Record<string, { link?: boolean; resolved?: string; integrity?: string }> };
    const entries = Object.entries(lock.packages).filter(([path, entry]) => path && !entry.link);
    expect(entries.length).toBeGreaterThan(100);
    const unpinned = entries.filter(([, e]) => !e.integrity || !/^sha(512|1)-/.test(e.integrity) || !e.resolved?.startsWith('https://')).map(([path]) => path);
    expect(unpinned, 'run node scripts/lock-integrity.mjs').toEqual([]);
  });
});
