// Security review 4.9 / D10 and 5.5 as regression tests: a command cannot be given a target file by its caller
// (the Anki TSV over a shell rc file), and Look Up Term on a 1 MB selection stays bounded.
import { afterEach, beforeEach, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, existsSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { messages } from './vscodeMock';
import { exportDeck } from '../../src/vscode/export/ankiExport';
import { formatAnkiTsv, questionToNotes } from '../../src/core/export/anki';
import { GlossaryIndex } from '../../src/core/glossary/glossaryIndex';
import { BankView } from '../../src/core/bank/loadBank';
import { realBank } from '../unit/bankFixture';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'tt-anki-'));
  messages.length = 0;
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

it('FIXED (4.9): Export Deck takes no target from its caller: an rc file passed as an argument is never written', async () => {
  const rc = vscode.Uri.file(join(dir, 'bashrc'));
  const view = new BankView(realBank().bank);
  const bank = { get: async () => view } as never;
  const log = { info() {} } as never;
  await (exportDeck as unknown as (...a: unknown[]) => Promise<unknown>)(bank, log, rc, 'regularization');
  expect(existsSync(rc.path)).toBe(false);
  expect(messages.some((m) => m.kind === 'quickPick')).toBe(true); // the learner is asked instead
});

it('the TSV itself still holds the deck title as data (so only the learner\'s own save dialog may pick where it goes)', () => {
  const marker = join(dir, 'ran');
  const tsv = formatAnkiTsv(questionToNotes({ id: 'deck:d:x', topic: 'evil-topic', difficulty: 'basic', title: `Why $(touch ${marker})?`, answer: 'A.', concepts: [], covers: [], related: [], source: 'x' }));
  expect(tsv).toContain('$(touch');
  const rc = join(dir, 'bashrc');
  execFileSync('bash', ['-c', 'true'], { stdio: 'ignore' });
  expect(existsSync(marker)).toBe(false);
  void rc;
});

it('Look Up Term on a 1 MB selection is bounded', () => {
  const index = new GlossaryIndex(realBank().bank.concepts);
  const t = performance.now();
  index.lookupTerm('learning rate '.repeat(75_000));
  const ms = Math.round(performance.now() - t);
  console.log(`lookupTerm(1 MB selection): ${ms} ms`);
  expect(ms).toBeLessThan(1000);
});
