// Shared by the evaluation scripts: bundles the real core modules (TypeScript) with esbuild into a temp
// .mjs, imports it, and compiles the question bank from questions/ exactly as the build does.
import * as esbuild from 'esbuild';
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { pathToFileURL } from 'node:url';

export const root = join(import.meta.dirname, '..');

const ENTRY = `
export { compileBank } from './src/core/bank/compileBank';
export { GlossaryIndex } from './src/core/glossary/glossaryIndex';
export { matchAt } from './src/core/glossary/matcher';
export { parseImports } from './src/core/glossary/imports';
export * from './src/core/glossary/documentFacts';
export { SearchIndex } from './src/core/search/searchIndex';
`;

/** The core modules, freshly bundled from src/ (so edits are picked up without a build). */
export async function loadCore() {
  const dir = mkdtempSync(join(tmpdir(), 'tt-eval-'));
  const outfile = join(dir, 'core.mjs');
  try {
    await esbuild.build({
      stdin: { contents: ENTRY, resolveDir: root, loader: 'ts', sourcefile: 'eval-entry.ts' },
      bundle: true, platform: 'node', format: 'esm', outfile, logLevel: 'warning',
      banner: { js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);" },
    });
    return await import(pathToFileURL(outfile).href);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function walk(dir) {
  return readdirSync(dir).flatMap((name) => (statSync(join(dir, name)).isDirectory() ? walk(join(dir, name)) : [join(dir, name)]));
}

/** Compiles questions/ (strict, like the build); exits when the bank has errors. */
export function compileRealBank(core) {
  const base = join(root, 'questions');
  const files = walk(base)
    .filter((p) => /\.(md|ya?ml)$/i.test(p))
    .map((p) => ({ path: relative(base, p).split(sep).join('/'), text: readFileSync(p, 'utf8') }));
  const { bank, diagnostics } = core.compileBank(files, {});
  const errors = diagnostics.filter((d) => d.severity === 'error');
  if (errors.length) {
    for (const d of errors.slice(0, 20)) console.error(`questions/${d.file}:${d.line}: ${d.message}`);
    console.error(`question bank has ${errors.length} error(s); run npm run bank:check`);
    process.exit(2);
  }
  return bank;
}

export const pct = (n, d) => (d ? `${((100 * n) / d).toFixed(1)}%` : '–');
