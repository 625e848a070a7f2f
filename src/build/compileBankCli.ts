// Build step: questions/**/* → dist/bank.json, and its search index → dist/search-index.json (loaded on the first
// search instead of indexing the bank then). Prints `file:line: severity: message` and fails on errors.
import { readFileSync, readdirSync, statSync, writeFileSync, mkdirSync, existsSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { compileBank, type SourceFile } from '../core/bank/compileBank';
import { balanceProblems, choiceBalance } from '../core/bank/choiceBalance';
import { clozeNumbers } from '../core/bank/cloze';
import { toBankFile } from '../core/bank/bankFile';
import { loadBank } from '../core/bank/loadBank';
import { SearchIndex } from '../core/search/searchIndex';

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : [path];
  });
}

export function run(options: { root: string; check: boolean; out: string; verbose?: boolean; enforceBalance?: boolean }): number {
  const bankRoot = join(options.root, 'questions');
  const files: SourceFile[] = walk(bankRoot)
    .filter((p) => /\.(md|ya?ml)$/i.test(p))
    .map((p) => ({ path: relative(bankRoot, p).split(sep).join('/'), text: readFileSync(p, 'utf8') }));
  const inventoryPath = join(options.root, '..', 'shared', 'seed-inventory.json');
  const inventoryIds = existsSync(inventoryPath)
    ? new Set<string>((JSON.parse(readFileSync(inventoryPath, 'utf8')) as { id: string }[]).map((x) => x.id))
    : undefined;
  const { bank, diagnostics } = compileBank(files, { inventoryIds });
  for (const d of diagnostics) console.log(`questions/${d.file}:${d.line}: ${d.severity}: ${d.message}`);
  let errors = diagnostics.filter((d) => d.severity === 'error').length;
  const mc = bank.questions.filter((q) => q.choices).length;
  const selectAll = bank.questions.filter((q) => q.selectAll).length;
  const clozeCards = bank.questions.reduce((n, q) => n + clozeNumbers([q.title, ...(q.keyPoints ?? [])]).length, 0);
  const apis = bank.concepts.reduce((n, c) => n + c.apis.length, 0);
  // Whether option length gives multiple-choice answers away: for the bank and per topic.
  const pct = (x: number) => `${Math.round(100 * x)}%`.padStart(4);
  const rows: string[] = [];
  for (const scope of [{ id: 'bank', questions: bank.questions }, ...bank.topics.map((t) => ({ id: t.id, questions: bank.questions.filter((q) => q.topic === t.id) }))]) {
    const b = choiceBalance(scope.questions);
    const problems = balanceProblems(b);
    const mcCount = scope.questions.filter((q) => q.choices).length;
    rows.push(`  ${scope.id.padEnd(26)} ${String(scope.questions.length).padStart(4)} questions ${String(mcCount).padStart(4)} MC  correct-longest ${pct(b.longestShare)}  length ratio ${b.lengthRatio.toFixed(2)}${problems.length ? '  ✗' : ''}`);
    if (problems.length && options.enforceBalance) {
      errors++;
      console.log(`questions/${scope.id === 'bank' ? 'topics.yaml' : `${scope.id}/`}:1: error: multiple choice in ${scope.id}: ${problems.join('; ')}`);
    }
  }
  console.log(`bank: ${bank.questions.length} questions (${mc} multiple choice, ${selectAll} of them select-all), ${clozeCards} cloze cards, ${bank.concepts.length} concepts, ${apis} API identifiers, ${bank.topics.length} topics; ${errors} error(s)`);
  if (options.verbose) console.log(`multiple-choice balance (limits: correct-longest ≤ 35%, length ratio 0.85–1.2):\n${rows.join('\n')}`);
  if (errors) return 1;
  if (!options.check) {
    mkdirSync(join(options.root, 'dist'), { recursive: true });
    const json = JSON.stringify(toBankFile(bank));
    writeFileSync(options.out, json);
    // Indexed from the bank as the extension loads it (the same JSON), so the runtime finds the same documents.
    const started = performance.now();
    const index = JSON.stringify(new SearchIndex(loadBank(json)));
    writeFileSync(join(dirname(options.out), 'search-index.json'), index);
    console.log(`search index: ${(index.length / 1024).toFixed(0)} KB (${Math.round(performance.now() - started)} ms)`);
  }
  return 0;
}
