// Security review 5.x / D8 as regression tests: the hover path under load through the adapter code (findMatch +
// DocumentContexts) with a fake document, and "Concepts in this file" on long lines.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { findMatch } from '../../src/vscode/hover/hoverProvider';
import { DocumentContexts } from '../../src/vscode/hover/documentContext';
import { conceptsInDocument } from '../../src/vscode/hover/conceptScan';
import { GlossaryIndex } from '../../src/core/glossary/glossaryIndex';
import { realBank, root } from '../unit/bankFixture';

const index = new GlossaryIndex(realBank().bank.concepts);

function doc(text: string, languageId = 'python', version = 1) {
  const lines = text.split('\n');
  return {
    languageId, version, lineCount: lines.length, uri: vscode.Uri.file('/x.py'),
    getText: () => text,
    lineAt: (i: number | { line: number }) => ({ text: lines[typeof i === 'number' ? i : i.line] }),
  } as unknown as import('vscode').TextDocument;
}
const ms = (fn: () => unknown) => {
  const t = performance.now();
  fn();
  return Math.round((performance.now() - t) * 10) / 10;
};

describe('hover under load', () => {
  const sample = readFileSync(join(root, 'test/fixtures/hover-corpus/gpt_train.py'), 'utf8').split('\n');
  const big = Array.from({ length: 50_000 }, (_, i) => sample[i % sample.length]).join('\n');

  it('50,000-line Python file: document facts once per version, then each hover is fast', () => {
    const contexts = new DocumentContexts();
    const d = doc(big);
    const lineNo = big.split('\n').findIndex((l, i) => i > 40_000 && l.includes('AdamW'));
    const col = d.lineAt(lineNo).text.indexOf('AdamW') + 2;
    const first = ms(() => findMatch(index, d, new vscode.Position(lineNo, col) as never, contexts));
    const next = ms(() => findMatch(index, d, new vscode.Position(lineNo, col) as never, contexts));
    expect(findMatch(index, d, new vscode.Position(lineNo, col) as never, contexts)?.concept.id).toBe('adamw');
    expect(first).toBeLessThan(500);
    expect(next).toBeLessThan(20);
  });

  it('1 MB single line (Python and plain text): no hover, no time', () => {
    const line = 'x = ' + Array.from({ length: 120_000 }, (_, i) => `w${i}`).join(',');
    const contexts = new DocumentContexts();
    expect(ms(() => findMatch(index, doc(line), new vscode.Position(0, 500_000) as never, contexts))).toBeLessThan(200);
    expect(ms(() => findMatch(index, doc(line, 'plaintext'), new vscode.Position(0, 500_000) as never, contexts))).toBeLessThan(200);
  });

  it('FIXED (5.3): a short line under four 1 MB lines: the lines before are cut, the keyword hover stays fast and right', () => {
    const long = 'params = (' + 'a,'.repeat(500_000);
    const text = [long, long, long, long, 'opt = AdamW(params, lr=3e-4)'].join('\n');
    const d = doc(text);
    const contexts = new DocumentContexts();
    const col = d.lineAt(4).text.indexOf('lr=') + 1;
    findMatch(index, d, new vscode.Position(4, col) as never, contexts); // warm the document facts
    const times = Array.from({ length: 5 }, () => ms(() => findMatch(index, d, new vscode.Position(4, col) as never, contexts)));
    console.log(`kwarg hover under four 1 MB lines: ${times.join(', ')} ms (review: 57-123 ms)`);
    expect(Math.max(...times)).toBeLessThan(20);
    expect(findMatch(index, d, new vscode.Position(4, col) as never, contexts)?.concept.id).toBe('learning-rate');
  });

  it('FIXED (5.4): "Concepts in this file" skips long lines and is bounded: 6 lines of 150 KB take milliseconds', async () => {
    const normal = Array.from({ length: 5000 }, (_, i) => sample[i % sample.length]).join('\n');
    let t = performance.now();
    const found = await conceptsInDocument(index, doc(normal), new DocumentContexts());
    const normalMs = Math.round(performance.now() - t);
    const long = 'x = [' + Array.from({ length: 20_000 }, (_, i) => `w${i}`).join(', ') + ']';
    t = performance.now();
    await conceptsInDocument(index, doc(Array.from({ length: 6 }, () => long).join('\n')), new DocumentContexts());
    const longMs = Math.round(performance.now() - t);
    console.log(`concepts in file: 5,000 normal lines ${normalMs} ms (${found.size} concepts), 6 x 150 KB lines ${longMs} ms (review: minutes)`);
    expect(found.size).toBeGreaterThan(20);
    expect(longMs).toBeLessThan(100);
    expect(normalMs).toBeLessThan(10_000);
  });
});
