// The bundled bank itself: valid, complete against the seed inventory, in our own words, and correct
// where the seeds were wrong.
import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { realBank, root } from './bankFixture';
import { parseCloze } from '../../src/core/bank/cloze';
import { balanceProblems, choiceBalance } from '../../src/core/bank/choiceBalance';

const shared = join(root, '..', 'shared');
const hasShared = existsSync(join(shared, 'seed-inventory.json'));

describe('bundled bank', () => {
  const { bank, diagnostics } = realBank();
  const byId = new Map(bank.questions.map((q) => [q.id, q]));

  it('compiles without errors', () => {
    expect(diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.file}:${d.line}: ${d.message}`)).toEqual([]);
  });

  it('meets the size targets: >= 415 questions (cloze notes not counted), >= 250 multiple choice, >= 18 topics with questions', () => {
    const questions = bank.questions.filter((q) => !parseCloze(q.title).spans.length);
    expect(questions.length).toBeGreaterThanOrEqual(415);
    expect(bank.questions.filter((q) => q.choices).length).toBeGreaterThanOrEqual(250);
    expect(new Set(bank.questions.map((q) => q.topic)).size).toBeGreaterThanOrEqual(18);
    expect(bank.concepts.length).toBeGreaterThanOrEqual(150);
    expect(bank.concepts.reduce((n, c) => n + c.apis.length, 0)).toBeGreaterThanOrEqual(500);
  });

  it('multiple choice gives nothing away by option length, in the bank and in every topic', () => {
    const scopes = [bank.questions, ...bank.topics.map((t) => bank.questions.filter((q) => q.topic === t.id))];
    for (const scope of scopes) expect(balanceProblems(choiceBalance(scope)), scope[0]?.topic ?? 'bank').toEqual([]);
  });

  it('every single-answer item has exactly one correct option; select-all items at least one of each', () => {
    for (const q of bank.questions.filter((x) => x.choices)) {
      const correct = q.choices!.filter((c) => c.correct).length;
      if (q.selectAll) expect(correct > 0 && correct < q.choices!.length, q.id).toBe(true);
      else expect(correct, q.id).toBe(1);
    }
  });

  it('links every concept to a question and every question to a concept', () => {
    expect(bank.concepts.filter((c) => !c.questionIds.length).map((c) => c.id)).toEqual([]);
    expect(bank.questions.filter((q) => !q.concepts.length).map((q) => q.id)).toEqual([]);
  });

  it.runIf(hasShared)('covers every seed-inventory item', () => {
    const inventory = JSON.parse(readFileSync(join(shared, 'seed-inventory.json'), 'utf8')) as { id: string }[];
    const covered = new Set(bank.questions.flatMap((q) => [q.id, ...q.covers]));
    expect(inventory.filter((i) => !covered.has(i.id)).map((i) => i.id)).toEqual([]);
  });

  it.runIf(hasShared)('copies no passage from the seed articles', () => {
    const out = execFileSync(process.execPath, [join(shared, 'tools', 'seed-overlap.mjs'), 'questions'], { cwd: root, encoding: 'utf8' });
    expect(out.trim().split('\n').pop()).toBe('no copied passages');
  });

  it('has multiple-choice questions with a correct option and a why for each option', () => {
    for (const q of bank.questions.filter((x) => x.choices)) {
      expect(q.choices!.some((c) => c.correct), q.id).toBe(true);
      expect(q.choices!.every((c) => c.why.length > 0), q.id).toBe(true);
    }
  });

  // Spot checks: facts the seeds got wrong (seed-errata.md) must be stated correctly.
  const spot: [string, RegExp, string][] = [
    ['flatten-layer', /no (learnable |trainable )?(parameters|weights)|parameter-free/i, 'E-003-13: flatten has no parameters'],
    ['random-init-symmetry', /symmetr/i, 'E-000-17: zero init is a symmetry problem'],
    ['data-normalization', /scal/i, 'E-000-05: normalization is feature scaling'],
    ['same-vs-valid-padding', /drop|discard/i, 'E-000-31: VALID drops what does not fit'],
    ['dropout', /(eval|inference)/i, 'E-000-13: dropout is off at inference'],
    ['multiclass-classification-loss', /softmax is an activation|activation, not a loss|not a loss/i, 'E-002-10: softmax is not a loss'],
    ['backprop-vs-gradient-descent', /optimizer|gradient descent (then )?updates|update/i, 'E-000-09: backprop computes gradients, the optimizer updates'],
    ['multilayer-perceptron', /adjacent|consecutive|next layer/i, 'E-003-04: only adjacent layers are fully connected'],
    ['fourier-transform', /FFT|spectr/i, 'E-000-29: real uses of the Fourier transform'],
    ['step-decay-misconceptions', /warm-?up/i, 'E-003-15: LRs decay; warm-up only at the start'],
  ];
  for (const [id, pattern, why] of spot) {
    it(`states the corrected fact: ${why}`, () => {
      const q = byId.get(id);
      expect(q, `question ${id} exists`).toBeDefined();
      expect(q!.answer).toMatch(pattern);
    });
  }
});
