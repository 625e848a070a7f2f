import { describe, expect, it } from 'vitest';
import { toBankFile } from '../../src/core/bank/bankFile';
import { loadBank } from '../../src/core/bank/loadBank';
import { realBank } from './bankFixture';

describe('dist/bank.json as shipped', () => {
  it('leaves out what can be derived, and loading restores exactly the compiled bank', () => {
    const compiled = realBank().bank;
    const file = JSON.stringify(toBankFile(compiled));
    expect(file).not.toContain('"questionIds"');
    expect(file).not.toContain('"source"');
    const loaded = loadBank(file);
    expect(loaded).toEqual(JSON.parse(JSON.stringify(compiled)));
  });

  it('keeps a source path that differs from topic/id.md, and non-empty covers', () => {
    const compiled = structuredClone(realBank().bank);
    compiled.questions[0].source = 'elsewhere/file.md';
    compiled.questions[1].covers = ['seed-x'];
    const loaded = loadBank(JSON.stringify(toBankFile(compiled)));
    expect(loaded.questions[0].source).toBe('elsewhere/file.md');
    expect(loaded.questions[1].covers).toEqual(['seed-x']);
    expect(loaded.questions[2].covers).toEqual(compiled.questions[2].covers);
  });

  it("a concept's questions: full questions first (its own before those that touch it), cloze drills last", () => {
    const { bank } = realBank();
    const byId = new Map(bank.questions.map((q) => [q.id, q]));
    for (const c of bank.concepts) {
      const kinds = c.questionIds.map((id) => (byId.get(id)!.title.includes('{{c') ? 2 : byId.get(id)!.concepts[0] === c.id ? 0 : 1));
      expect(kinds, c.id).toEqual([...kinds].sort((a, b) => a - b));
    }
    const dropout = bank.concepts.find((c) => c.id === 'dropout')!;
    expect(byId.get(dropout.questionIds[0])!.title).not.toContain('{{c');
  });
});
