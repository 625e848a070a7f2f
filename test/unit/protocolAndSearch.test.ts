import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseQuizMessage, parseReaderMessage, parseStatsMessage } from '../../src/shared/protocol';
import { SearchIndex, processTerm } from '../../src/core/search/searchIndex';
import { parseQuestion } from '../../src/core/bank/parseQuestion';
import { GlossaryIndex } from '../../src/core/glossary/glossaryIndex';
import { matchAt } from '../../src/core/glossary/matcher';
import { realBank } from './bankFixture';

describe('webview protocol guards (one per panel)', () => {
  it('accepts the known shapes, tagged with the card they were shown for', () => {
    expect(parseQuizMessage({ type: 'grade', card: 'dropout', grade: 'good' })).toEqual({ type: 'grade', card: 'dropout', grade: 'good' });
    expect(parseQuizMessage({ type: 'submit', card: 'q::c1', options: [0, 2] })).toEqual({ type: 'submit', card: 'q::c1', options: [0, 2] });
    expect(parseQuizMessage({ type: 'openLink', href: 'https://pytorch.org' })).toBeDefined();
    expect(parseReaderMessage({ type: 'markKnown' })).toEqual({ type: 'markKnown' });
  });
  it('rejects command links, file paths, untagged answers, ids where none belong, and other panels\' messages', () => {
    expect(parseQuizMessage({ type: 'openLink', href: 'command:workbench.action.terminal.new' })).toBeUndefined();
    expect(parseQuizMessage({ type: 'openLink', href: 'file:///etc/passwd' })).toBeUndefined();
    expect(parseQuizMessage({ type: 'openQuestion', id: '../x' })).toBeUndefined();
    expect(parseQuizMessage({ type: 'grade', grade: 'good' })).toBeUndefined();
    expect(parseQuizMessage({ type: 'submit', card: 'q', options: [] })).toBeUndefined();
    expect(parseQuizMessage({ type: 'pick', card: 'q', option: 9 })).toBeUndefined();
    expect(parseQuizMessage({ type: 'markKnown', id: 'q' })).toBeUndefined();
    expect(parseReaderMessage({ type: 'markKnown', id: 'something-else' })).toEqual({ type: 'markKnown' }); // the id is dropped, never used
    expect(parseReaderMessage({ type: 'grade', card: 'q', grade: 'good' })).toBeUndefined();
    expect(parseStatsMessage({ type: 'openLink', href: 'https://x' })).toBeUndefined();
    expect(parseQuizMessage({ type: 'toString' })).toBeUndefined();
  });
  it('never throw and only return their own types, whatever arrives (fuzzed)', () => {
    const quiz = new Set(['ready', 'rendered', 'reveal', 'grade', 'pick', 'submit', 'next', 'undo', 'skip', 'studyMore', 'close', 'openQuestion', 'quizConcept', 'openLink']);
    const reader = new Set(['ready', 'rendered', 'openQuestion', 'quizConcept', 'openLink', 'navigate', 'markKnown']);
    const stats = new Set(['ready', 'rendered', 'close', 'quizTopic']);
    for (const [parse, known] of [[parseQuizMessage, quiz], [parseReaderMessage, reader], [parseStatsMessage, stats]] as const) {
      fc.assert(fc.property(fc.anything(), (value) => {
        const m = (parse as (v: unknown) => { type: string } | undefined)(value);
        return m === undefined || known.has(m.type);
      }), { numRuns: 1000 });
      fc.assert(fc.property(fc.record({ type: fc.constantFrom(...known), grade: fc.anything(), card: fc.anything(), option: fc.anything(), options: fc.anything(), id: fc.anything(), href: fc.string(), seq: fc.anything() }), (value) => {
        (parse as (v: unknown) => unknown)(value);
        return true;
      }), { numRuns: 1000 });
    }
  });
});

describe('parsers and matcher never throw (property-based)', () => {
  const index = new GlossaryIndex(realBank().bank.concepts);
  it('parseQuestion on arbitrary text', () => {
    fc.assert(fc.property(fc.string({ maxLength: 2000 }), (text) => {
      parseQuestion('x.md', `---\n${text}`);
      parseQuestion('x.md', text);
      return true;
    }), { numRuns: 500 });
  });
  it('matchAt on arbitrary lines and positions', () => {
    fc.assert(fc.property(fc.string({ maxLength: 300 }), fc.nat(310), fc.boolean(), (line, pos, prose) => {
      matchAt(index, line, pos, { mode: prose ? 'prose' : 'code' });
      return true;
    }), { numRuns: 3000 });
  });
});

describe('search', () => {
  const index = new SearchIndex(realBank().bank);
  const top3 = (q: string) => index.search(q, { limit: 3, kind: 'question' }).map((h) => h.id);
  it('forgives typos and transpositions', () => {
    expect(top3('dropuot').some((id) => id.includes('dropout'))).toBe(true);
    expect(top3('adma').some((id) => id.includes('adam'))).toBe(true);
  });
  it('indexes identifiers whole and split, and expands abbreviations', () => {
    expect(top3('clip_grad_norm_').some((id) => id.includes('clip'))).toBe(true);
    expect(top3('BatchNorm2d').some((id) => id.includes('batch'))).toBe(true);
    expect(top3('bn').some((id) => /batch|bn/.test(id))).toBe(true);
    expect(top3('lstm').some((id) => id.includes('lstm'))).toBe(true);
  });
  // Fixes found by `npm run eval:search` (scripts/eval-search.mjs).
  it('folds plurals and splits identifiers the same way for the index and the query', () => {
    expect(processTerm('gradients')).toEqual(['gradient']);
    expect(processTerm('BatchNorm2d')).toEqual(expect.arrayContaining(['batchnorm2d', 'batch', 'norm']));
    expect(processTerm('should')).toBeNull();
    expect(top3('why do gradients vanish in rnns').some((id) => id.includes('vanishing'))).toBe(true);
    expect(top3('query keys values')).toContain('self-attention-qkv');
  });
  it('ranks results that cover more of the query first', () => {
    expect(top3('batch norm before or after relu')).toContain('batchnorm-placement');
    expect(top3('should i use sgd or adam')).toContain('sgd-vs-adam');
  });
  it('corrects typos towards the bank words and finds questions by their concept identifiers', () => {
    expect(index.expand('batchnrom')).toContain('batchnorm');
    expect(index.expand('dropuot')).toContain('dropout');
    expect(top3('sofmax')).toContain('softmax');
    expect(top3('prenorm')).toContain('pre-norm-vs-post-norm');
  });
});
