// Writes test/fixtures/review-log/: a review log recorded by using the quiz for 75 simulated days (see the
// fixture's README and bench/learnerSimulator.ts). The extension's own code writes every line; the learner is
// simulated, with a fixed seed, so running this again gives the same files for the same bank and code.
//   node scripts/make-review-fixture.mjs [--days=75] [--seed=20260105] [--out=test/fixtures/review-log]
import * as esbuild from 'esbuild';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { compileRealBank, root } from './evalCore.mjs';

const arg = (name, fallback) => process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3) ?? fallback;

/** The simulator and the core it drives, bundled from src/ and bench/. */
export async function loadSimulator() {
  const dir = mkdtempSync(join(tmpdir(), 'tt-sim-'));
  const outfile = join(dir, 'sim.mjs');
  try {
    await esbuild.build({
      stdin: {
        contents: `export { simulate, LEARNER_WEIGHTS } from './bench/learnerSimulator';
export { CardIndex } from './src/core/quiz/cards';
export { compileBank } from './src/core/bank/compileBank';
export { reviewHistories, summarise } from './src/core/study/trainingSet';
export { evaluateParameters } from './src/core/study/metrics';
export { parseLog } from './src/core/progress/log';`,
        resolveDir: root, loader: 'ts', sourcefile: 'sim-entry.ts',
      },
      bundle: true, platform: 'node', format: 'esm', outfile, logLevel: 'warning',
      banner: { js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);" },
    });
    return await import(pathToFileURL(outfile).href);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const sim = await loadSimulator();
  const bank = compileRealBank(sim);
  const cards = new sim.CardIndex(bank.questions).cards;
  const days = Number(arg('days', '75'));
  const result = await sim.simulate({ cards, days, start: new Date('2026-01-05T00:00:00Z'), seed: Number(arg('seed', '20260105')), utcOffsetHours: 1 });
  const out = join(root, arg('out', 'test/fixtures/review-log'));
  mkdirSync(out, { recursive: true });
  for (const f of readdirSync(out)) if (f.endsWith('.jsonl')) rmSync(join(out, f));
  for (const [name, text] of result.files) writeFileSync(join(out, name), text);
  const histories = sim.reviewHistories(result.events);
  const summary = sim.summarise(histories);
  console.log(`${cards.length} cards, ${days} days: ${result.reviews} reviews logged (${result.undos} undone), ${result.skips} skips, ${result.files.size} files`);
  console.log(`histories: ${summary.cards}, reviews in them: ${summary.reviews}, a day or more after the previous: ${summary.trainingReviews}`);
  console.log('default parameters:', sim.evaluateParameters(histories));
  console.log('the learner\u2019s own (hidden) parameters:', sim.evaluateParameters(histories, sim.LEARNER_WEIGHTS));
}
