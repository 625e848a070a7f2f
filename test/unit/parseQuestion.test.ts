import { describe, expect, it } from 'vitest';
import { parseQuestion } from '../../src/core/bank/parseQuestion';
import { compileBank } from '../../src/core/bank/compileBank';

const good = `---
id: sample
topic: regularization
difficulty: basic
concepts: [dropout]
choices:
  - text: A
    correct: true
    why: because
  - text: B
    correct: false
    why: no
---
# What is it?

An answer.
`;

describe('parseQuestion', () => {
  it('parses a valid question', () => {
    const { question, diagnostics } = parseQuestion('regularization/sample.md', good);
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(question?.title).toBe('What is it?');
    expect(question?.answer).toBe('An answer.');
    expect(question?.choices?.[0].correct).toBe(true);
  });

  it('reports the line of a bad field', () => {
    const text = good.replace('difficulty: basic', 'difficulty: impossible');
    const { question, diagnostics } = parseQuestion('x.md', text);
    expect(question).toBeUndefined();
    expect(diagnostics[0]).toMatchObject({ line: 4, severity: 'error' });
    expect(diagnostics[0].message).toMatch(/difficulty "impossible"/);
  });

  it('reports malformed YAML at its line', () => {
    const text = good.replace('concepts: [dropout]', 'concepts: [dropout');
    const { diagnostics } = parseQuestion('x.md', text);
    expect(diagnostics[0].severity).toBe('error');
    expect(diagnostics[0].message).toMatch(/not valid YAML/);
    expect(diagnostics[0].line).toBeGreaterThanOrEqual(5);
  });

  it('reports a missing heading, an unclosed fence, empty and binary files', () => {
    expect(parseQuestion('x.md', good.replace('# What is it?', 'What is it?')).diagnostics[0].message).toMatch(/heading/);
    const fence = parseQuestion('x.md', `${good}\n\`\`\`python\nprint(1)\n`);
    expect(fence.diagnostics.find((d) => /never closed/.test(d.message))?.line).toBe(18); // good has 17 lines (last one empty), the fence opens on 18
    expect(parseQuestion('x.md', '').diagnostics[0].message).toMatch(/empty/);
    expect(parseQuestion('x.md', 'abc\u0000def').diagnostics[0].message).toMatch(/not UTF-8/);
  });

  it('treats __proto__ in front matter as an ordinary (unknown) key', () => {
    const text = good.replace('id: sample', 'id: sample\n__proto__:\n  polluted: true');
    const { question } = parseQuestion('x.md', text);
    expect(question?.id).toBe('sample');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('compileBank', () => {
  it('fails on dangling references, duplicate ids and unknown topics, with file and line', () => {
    const topics = { path: 'topics.yaml', text: '- id: regularization\n  title: Regularization\n' };
    const glossary = { path: 'glossary/regularization.yaml', text: '- id: dropout\n  name: Dropout\n  definition: Zeroes activations.\n' };
    const a = { path: 'regularization/sample.md', text: good.replace('concepts: [dropout]', 'concepts: [dropout, nope]\nrelated: [ghost]') };
    const b = { path: 'other/sample.md', text: good.replace('topic: regularization', 'topic: other') };
    const { diagnostics, bank } = compileBank([topics, glossary, a, b], {});
    const messages = diagnostics.map((d) => `${d.file}:${d.line}: ${d.message}`);
    expect(messages.some((m) => /regularization\/sample.md:5: unknown concept "nope"/.test(m))).toBe(true);
    expect(messages.some((m) => /related question "ghost" not found/.test(m))).toBe(true);
    expect(messages.some((m) => /already used/.test(m))).toBe(true);
    expect(bank.questions).toHaveLength(1);
  });
});
