// Compiles the real bank once for the unit tests (the same code the build runs).
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { compileBank, type SourceFile } from '../../src/core/bank/compileBank';

export const root = join(__dirname, '..', '..');

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => (statSync(join(dir, name)).isDirectory() ? walk(join(dir, name)) : [join(dir, name)]));
}

export function bankFiles(): SourceFile[] {
  const base = join(root, 'questions');
  return walk(base)
    .filter((p) => /\.(md|ya?ml)$/.test(p))
    .map((p) => ({ path: relative(base, p).split(sep).join('/'), text: readFileSync(p, 'utf8') }));
}

let cached: ReturnType<typeof compileBank> | undefined;
export function realBank() {
  cached ??= compileBank(bankFiles(), {});
  return cached;
}
