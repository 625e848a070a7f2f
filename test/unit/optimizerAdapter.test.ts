// The fsrs-browser optimizer adapter on the recorded review log (test/fixtures/review-log): it loads the
// WebAssembly (plain, and xz-compressed as the VSIX ships it), reports progress per epoch, returns 21 FSRS-6
// parameters that ts-fsrs accepts, and those fit the learner's reviews better than the defaults.
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { fsrs } from 'ts-fsrs';
import { parseLog } from '../../src/core/progress/log';
import { checkHistory, fitParameters, type OptimizerProgress } from '../../src/core/study/optimizer';
import { reviewHistories } from '../../src/core/study/trainingSet';
import { isWeights } from '../../src/core/study/parameters';
import { root } from './bankFixture';

const dir = join(root, 'test', 'fixtures', 'review-log');
const events = readdirSync(dir).filter((f) => f.endsWith('.jsonl')).sort().flatMap((f) => parseLog(readFileSync(join(dir, f), 'utf8'), f).events);
const histories = reviewHistories(events);
const wasm = new Uint8Array(readFileSync(createRequire(__filename).resolve('fsrs-browser/fsrs_browser_bg.wasm')));

type Adapter = typeof import('../../src/workers/fsrsBrowserOptimizer');
let adapter: Adapter;

beforeAll(async () => {
  // fsrs-browser's rayon helper (stubbed out of the shipped bundle by esbuild) expects a worker's `self`.
  (globalThis as { self?: unknown }).self ??= { addEventListener() {}, removeEventListener() {} };
  adapter = await import('../../src/workers/fsrsBrowserOptimizer');
});

describe('the recorded review log', () => {
  it('has what the fixture README says, enough for a fit', () => {
    expect(events.filter((e) => e.t === 'review')).toHaveLength(2159);
    expect(events.filter((e) => e.t === 'undo')).toHaveLength(22);
    const check = checkHistory(histories);
    expect(check).toMatchObject({ ok: true, summary: { cards: 348, reviews: 2137, trainingReviews: 1579 } });
  });
});

describe('fsrs-browser adapter', () => {
  it('fits FSRS-6 parameters on the fixture that beat the defaults, with progress per epoch', { timeout: 180_000 }, async () => {
    const optimizer = await adapter.loadFsrsBrowser(wasm);
    const progress: OptimizerProgress[] = [];
    const result = await fitParameters(histories, undefined, optimizer, (p) => progress.push(p), () => performance.now());
    expect(isWeights(result.weights)).toBe(true);
    expect(() => fsrs({ w: result.weights })).not.toThrow();
    expect(result.weights).not.toEqual([...fsrs().parameters.w].map((w) => Math.round(w * 1e4) / 1e4));
    expect(progress.map((p) => p.label)).toEqual(['epoch 1', 'epoch 2', 'epoch 3', 'epoch 4', 'epoch 5']);
    expect(progress.map((p) => p.fraction)).toEqual([0.2, 0.4, 0.6, 0.8, 1]);
    expect(result.before.count).toBe(1579);
    expect(result.after.count).toBe(1579);
    expect(result.before.logLoss).toBeCloseTo(0.5052, 3);
    expect(result.after.logLoss).toBeLessThan(result.before.logLoss - 0.01);
    expect(result.after.rmse).toBeLessThan(result.before.rmse);
    // fsrs-rs is deterministic (fixed seed): the same log gives the same parameters.
    expect(result.weights.slice(0, 4)).toEqual([0.1201, 0.6407, 2.0516, 5.5288]);
    console.log(`fixture fit: ${result.fitMs.toFixed(0)} ms; log loss ${result.before.logLoss.toFixed(4)} → ${result.after.logLoss.toFixed(4)}, RMSE ${result.before.rmse.toFixed(4)} → ${result.after.rmse.toFixed(4)}; module memory ${optimizer.memoryBytes() / 2 ** 20} MiB`);
  });

  it('loads the module xz-compressed, as the VSIX ships it', { timeout: 60_000 }, async () => {
    let compressed: Uint8Array;
    try {
      compressed = new Uint8Array(execFileSync('xz', ['-1', '-T1', '--check=crc32', '-c'], { input: wasm, maxBuffer: 16 * 2 ** 20 }));
    } catch {
      return console.warn('xz is not installed: skipped (the build needs it anyway)');
    }
    expect(compressed.length).toBeLessThan(wasm.length / 3); // (the build uses -9e: 0.29 MB)
    const restored = await adapter.wasmBytes(compressed);
    expect(Buffer.compare(restored, wasm)).toBe(0); // (toEqual on 1.7 MB is slow)
    expect(await adapter.wasmBytes(wasm)).toBe(wasm);
  });
});
