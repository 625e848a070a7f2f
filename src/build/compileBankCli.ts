// Build step: questions/**/* → dist/bank.json. Prints `file:line: severity: message` and fails on errors.
import { readFileSync, readdirSync, statSync, writeFileSync, mkdirSync, existsSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { compileBank, type SourceFile } from '../core/bank/compileBank';

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : [path];
  });
}

export function run(options: { root: string; check: boolean; out: string }): number {
  const bankRoot = join(options.root, 'questions');
  const files: SourceFile[] = walk(bankRoot)
    .filter((p) => /\.(md|ya?ml)$/i.test(p))
    .map((p) => ({ path: relative(bankRoot, p).split(sep).join('/'), text: readFileSync(p, 'utf8') }));
  const inventoryPath = join(options.root, '..', 'shared', 'seed-inventory.json');
  const inventoryIds = existsSync(inventoryPath)
    ? new Set<string>((JSON.parse(readFileSync(inventoryPath, 'utf8')) as { id: string }[]).map((x) => x.id))
    : undefined;
  const { bank, diagnostics } = compileBank(files, { strict: true, inventoryIds });
  for (const d of diagnostics) console.log(`questions/${d.file}:${d.line}: ${d.severity}: ${d.message}`);
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  const mc = bank.questions.filter((q) => q.choices).length;
  const apis = bank.concepts.reduce((n, c) => n + c.apis.length, 0);
  console.log(`bank: ${bank.questions.length} questions (${mc} multiple choice), ${bank.concepts.length} concepts, ${apis} API identifiers, ${bank.topics.length} topics; ${errors} error(s)`);
  if (errors) return 1;
  if (!options.check) {
    mkdirSync(join(options.root, 'dist'), { recursive: true });
    writeFileSync(options.out, JSON.stringify(bank));
  }
  return 0;
}
