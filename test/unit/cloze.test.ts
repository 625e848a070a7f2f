import { describe, expect, it } from 'vitest';
import { clozeCardText, clozeNumbers, clozeToPlain, parseCloze } from '../../src/core/bank/cloze';
import { parseQuestion } from '../../src/core/bank/parseQuestion';

describe('cloze syntax', () => {
  it('splits text into deletions with numbers and hints', () => {
    const p = parseCloze('{{c1::AdamW}} decouples weight decay from the {{c2::adaptive step::Adam part}}.');
    expect(p.errors).toEqual([]);
    expect(p.spans.map((s) => [s.n, s.text, s.hint])).toEqual([[1, 'AdamW', undefined], [2, 'adaptive step', 'Adam part']]);
    expect(clozeToPlain('{{c1::AdamW}} decouples')).toBe('AdamW decouples');
  });

  it('hides one deletion per card and shows the others', () => {
    const text = '{{c1::AdamW}} decouples weight decay from the {{c2::adaptive step::what}}';
    expect(clozeCardText(text, 1, false)).toBe('[…] decouples weight decay from the adaptive step');
    expect(clozeCardText(text, 2, false)).toBe('AdamW decouples weight decay from the [what]');
    expect(clozeCardText(text, 2, true, (s) => `**${s}**`)).toBe('AdamW decouples weight decay from the **adaptive step**');
  });

  it('keeps math inside a deletion whole, even with braces and colons', () => {
    const p = parseCloze('Attention divides by {{c1::$\\sqrt{d_{k}}$}} and uses {{c2::$a::b$}}.');
    expect(p.errors).toEqual([]);
    expect(p.spans.map((s) => s.text)).toEqual(['$\\sqrt{d_{k}}$', '$a::b$']);
  });

  it('refuses deletions inside math, nested, unclosed or empty ones', () => {
    expect(parseCloze('$x = {{c1::y}}$').errors[0].message).toMatch(/inside math/);
    expect(parseCloze('{{c1::a {{c2::b}} }}').errors[0].message).toMatch(/nested/);
    expect(parseCloze('{{c1::never closed').errors[0].message).toMatch(/never closed/);
    expect(parseCloze('{{c1::  }}').errors[0].message).toMatch(/hides nothing/);
    expect(parseCloze('{{c0::x}}').errors[0].message).toMatch(/c1 to c20/);
  });

  it('numbers the cards of a question across its title and key points', () => {
    expect(clozeNumbers(['{{c2::b}} and {{c1::a}}', 'then {{c2::again}}', 'no cloze'])).toEqual([1, 2]);
  });
});

const mc = (choices: string, extra = '') => `---
id: sample
topic: regularization
difficulty: basic
concepts: [dropout]
${extra}choices:
${choices}
---
# Which of these are true?

An answer.
`;
const option = (text: string, correct: boolean) => `  - text: ${text}\n    correct: ${correct}\n    why: because`;

describe('multiple-choice kinds', () => {
  it('a single-answer question with two correct options is an error on the choices line', () => {
    const { question, diagnostics } = parseQuestion('x.md', mc([option('A', true), option('B', true), option('C', false)].join('\n')));
    expect(question).toBeUndefined();
    expect(diagnostics[0]).toMatchObject({ line: 6, severity: 'error' });
    expect(diagnostics[0].message).toMatch(/selectAll: true/);
  });

  it('selectAll: true makes a "select all that apply" question', () => {
    const { question, diagnostics } = parseQuestion('x.md', mc([option('A', true), option('B', true), option('C', false)].join('\n'), 'selectAll: true\n'));
    expect(diagnostics).toEqual([]);
    expect(question?.selectAll).toBe(true);
  });

  it('a select-all question needs a wrong option; selectAll must be a boolean', () => {
    expect(parseQuestion('x.md', mc([option('A', true), option('B', true)].join('\n'), 'selectAll: true\n')).diagnostics[0].message).toMatch(/at least one wrong/);
    expect(parseQuestion('x.md', mc([option('A', true), option('B', false)].join('\n'), 'selectAll: yes please\n')).diagnostics[0].message).toMatch(/true or false/);
  });

  it('reports a broken cloze in the heading and in a key point, at their lines', () => {
    const text = mc([option('A', true), option('B', false)].join('\n'), 'keyPoints:\n  - fine\n  - "{{c1::open"\n').replace('# Which of these are true?', '# {{c1::x');
    const errors = parseQuestion('x.md', text).diagnostics.filter((d) => d.severity === 'error');
    expect(errors.map((d) => [d.line, /never closed/.test(d.message)])).toEqual([[8, true], [17, true]]); // key point on line 8, heading on line 17
  });
});
