// Measures loading a user deck of N question files (default 2,000) with the same core code the extension runs:
// stat + read + strict UTF-8 decode of every file, then compileDecks against the real bundled bank, cold and
// after a one-file edit (parse cache warm). The real-VS-Code number is printed by the integration test
// "decks: 2,000 files…" as TT-METRIC deck2000LoadMs.
// Usage: node scripts/measure-decks.mjs [files=2000] [runs=5]
import * as esbuild from 'esbuild';
import { mkdtempSync, mkdirSync, writeFileSync, rmSync, readFileSync } from 'node:fs';
import { stat, readFile, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';

const root = join(import.meta.dirname, '..');
const count = Number(process.argv[2] ?? 2000);
const runs = Number(process.argv[3] ?? 5);

const tool = join(root, 'dist-tools', 'measureDecks.mjs');
await esbuild.build({
  stdin: { contents: "export * from './src/core/bank/decks'; export { loadBank } from './src/core/bank/loadBank';", resolveDir: root, loader: 'ts' },
  bundle: true, platform: 'node', format: 'esm', outfile: tool, logLevel: 'warning',
  banner: { js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);" },
});
const { compileDecks, readDeckFile, deckFileKind } = await import(tool);
const { loadBank } = await import(tool);
const base = loadBank(readFileSync(join(root, 'dist', 'bank.json'), 'utf8'));

const dir = mkdtempSync(join(tmpdir(), 'tt-deck-'));
for (let i = 0; i < count; i++) {
  mkdirSync(join(dir, `t${i % 20}`), { recursive: true });
  writeFileSync(join(dir, `t${i % 20}`, `q${i}.md`), `---\nid: q${i}\ntopic: optimization\ndifficulty: basic\nconcepts: [dropout]\nrelated: [q${(i + 1) % count}]\n---\n# Generated question number ${i}?\n\n${'A sentence of answer text with `code` and $x^2$ math. '.repeat(12)}\n`);
}

async function walk(d) {
  const out = [];
  for (const e of await readdir(d, { withFileTypes: true })) out.push(...(e.isDirectory() ? await walk(join(d, e.name)) : [join(d, e.name)]));
  return out;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const read = [];
const cold = [];
const warm = [];
for (let r = 0; r < runs; r++) {
  let t = performance.now();
  const paths = await walk(dir);
  const files = [];
  for (const p of paths) {
    const path = relative(dir, p).split(sep).join('/');
    const kind = deckFileKind(path);
    await stat(p);
    const res = readDeckFile(p, kind, await readFile(p));
    if (res.text !== undefined) files.push({ path, file: p, text: res.text });
  }
  read.push(performance.now() - t);
  const cache = new Map();
  t = performance.now();
  const result = compileDecks(base, [{ name: 'bench', files }], cache);
  cold.push(performance.now() - t);
  if (result.questionCount !== count) throw new Error(`expected ${count} questions, got ${result.questionCount}`);
  files[0] = { ...files[0], text: files[0].text.replace('Generated', 'Edited') };
  t = performance.now();
  compileDecks(base, [{ name: 'bench', files }], cache);
  warm.push(performance.now() - t);
}
rmSync(dir, { recursive: true, force: true });
const f = (xs) => `${median(xs).toFixed(0)} ms (min ${Math.min(...xs).toFixed(0)})`;
console.log(`deck of ${count} files, median of ${runs} runs on Node ${process.version}:`);
console.log(`  list + stat + read + decode: ${f(read)}`);
console.log(`  compile (parse + link + merge), cold: ${f(cold)}`);
console.log(`  compile after a one-file edit (parse cache warm): ${f(warm)}`);
