import { describe, expect, it } from 'vitest';
import * as session from '../../src/core/quiz/session';
import { ANKI_HEADER, ankiTag, formatAnkiTsv, markdownToAnkiHtml, questionToNotes, tsvField } from '../../src/core/export/anki';
import type { Question } from '../../src/core/bank/types';
import { realBank } from './bankFixture';

const flash: session.CardFacts = { kind: 'flashcard' };
const reveal = (s: session.SessionState) => (session.step(s, { type: 'reveal' }, flash, 0) as { state: session.SessionState }).state;
const grade = (s: session.SessionState, g: 'again' | 'hard' | 'good' | 'easy', now: number) => session.graded(s, g, undefined, now);
const skip = (s: session.SessionState, now: number) => (session.step(s, { type: 'skip' }, flash, now) as { state: session.SessionState }).state;
const undo = (s: session.SessionState, now: number) => (session.step(s, { type: 'undo' }, undefined, now) as { state: session.SessionState }).state;

describe('mock interview session (injected clock)', () => {
  const MIN = 60_000;
  const info = (id: string) => ({ title: `Q ${id}`, topic: id === 'c' ? 'T2' : 'T1' });

  it('counts down per question, never grades by itself, and reports time, grade, totals and topics', () => {
    let s = session.createMockSession('Mock', ['a', 'b', 'c', 'd'], 3 * MIN, 0);
    expect(session.timeLeftMs(s, 0)).toBe(3 * MIN);
    expect(session.timeLeftMs(s, 2 * MIN)).toBe(MIN);
    expect(session.timeLeftMs(s, 4 * MIN)).toBe(-MIN); // over time: still on the same question
    expect(session.currentId(s)).toBe('a');
    s = grade(reveal(s), 'good', 4 * MIN); // a: 4 min, over time
    expect(session.timeLeftMs(s, 4 * MIN)).toBe(3 * MIN); // the next question gets a fresh budget
    s = skip(s, 5 * MIN); // b: skipped after 1 min
    s = grade(reveal(s), 'again', 7 * MIN); // c: 2 min
    s = grade(reveal(s), 'easy', 7.5 * MIN); // d: 30 s
    expect(session.isFinished(s)).toBe(true);
    expect(session.timeLeftMs(s, 8 * MIN)).toBeUndefined();
    const report = session.mockReport(s, info)!;
    expect(report.questions.map((q) => [q.id, q.ms, q.grade, q.overTime])).toEqual([
      ['a', 4 * MIN, 'good', true],
      ['b', MIN, 'skipped', false],
      ['c', 2 * MIN, 'again', false],
      ['d', 0.5 * MIN, 'easy', false],
    ]);
    expect(report.totals).toEqual({ asked: 4, answered: 3, skipped: 1, correct: 2, correctPercent: 50, totalMs: 7.5 * MIN, averageMs: 1.875 * MIN, overTime: 1 });
    expect(report.byTopic).toEqual([
      { topic: 'T1', asked: 3, correct: 2, totalMs: 5.5 * MIN },
      { topic: 'T2', asked: 1, correct: 0, totalMs: 2 * MIN },
    ]);
  });

  it('undoing a skip forgets its time; ordinary sessions have no timer or report', () => {
    let s = session.createMockSession('Mock', ['a', 'b'], MIN, 0);
    s = skip(s, 10_000);
    expect(s.mock?.skippedMs).toEqual({ a: 10_000 });
    s = undo(s, 11_000);
    expect(s.mock?.skippedMs).toEqual({});
    const plain = session.createSession('t', ['a'], 0);
    expect(session.timeLeftMs(plain, 5)).toBeUndefined();
    expect(session.mockReport(plain, info)).toBeUndefined();
  });

  it('a reloaded mock interview keeps its mode; bad timer values are dropped', () => {
    const s = skip(session.createMockSession('Mock', ['a', 'b'], 2 * MIN, 0), 5000);
    const revived = session.reviveSession(JSON.parse(JSON.stringify(s)), new Set(['a', 'b']), 9000)!;
    expect(revived.mock).toEqual({ perQuestionMs: 2 * MIN, skippedMs: { a: 5000 } });
    const tampered = session.reviveSession({ ...s, mock: { perQuestionMs: -1, skippedMs: {} } }, new Set(['a', 'b']), 9000)!;
    expect(tampered.mock).toBeUndefined();
  });
});

const question = (over: Partial<Question> = {}): Question => ({
  id: 'q', topic: 'regularization', difficulty: 'basic', title: 'What is <dropout> & why?', answer: 'It **zeroes** units.',
  concepts: ['dropout', 'over fitting'], covers: [], related: [], source: 'x.md', ...over,
});

describe('Anki export', () => {
  it('renders Markdown to HTML and neutralises raw HTML, unsafe links and images', () => {
    const html = markdownToAnkiHtml([
      'Text <script>alert(1)</script> <img src=x onerror=alert(1)>',
      '',
      '[ok](https://example.com) [bad](javascript:alert(1)) [cmd](command:workbench.action.quit) ![i](http://x/a.png) ![j](https://x/b.png)',
      '',
      '```python',
      'x = a < b\tand "c"',
      '```',
    ].join('\n'));
    expect(html).not.toMatch(/<script|<img src=x|<[^>]*onerror|javascript:|command:|http:\/\/x/);
    expect(html).toContain('&lt;script&gt;');
    expect(html).toContain('<a href="https://example.com">ok</a>');
    expect(html).toContain('<img src="https://x/b.png" alt="j">');
    expect(html).toMatch(/<pre><code class="language-python">x = a &lt; b\tand &quot;c&quot;\n<\/code><\/pre>/);
  });

  it('turns $…$ and $$…$$ into Anki MathJax delimiters, escaped', () => {
    expect(markdownToAnkiHtml('Loss $p(y_{<t})$ here')).toBe('<p>Loss \\(p(y_{&lt;t})\\) here</p>');
    expect(markdownToAnkiHtml('$$\\sum_i x_i$$')).toBe('<p>\\[\\sum_i x_i\\]</p>');
    expect(markdownToAnkiHtml('`$x$` stays code')).toBe('<p><code>$x$</code> stays code</p>');
  });

  it('quotes fields per Anki\'s rules: tabs, newlines, quotes and a leading #', () => {
    expect(tsvField('plain <b>html</b>')).toBe('plain <b>html</b>');
    expect(tsvField('a\tb')).toBe('"a\tb"');
    expect(tsvField('line1\r\nline2')).toBe('"line1\nline2"');
    expect(tsvField('say "hi"')).toBe('"say ""hi"""');
    expect(tsvField('#not a comment')).toBe('"#not a comment"');
    expect(ankiTag(' over  fitting ')).toBe('over_fitting');
  });

  it('builds notes: front = question (+ options), back = answer HTML, tags = topic + concepts', () => {
    const [note] = questionToNotes(question());
    expect(note.type).toBe('Basic');
    expect(note.fields[0]).toBe('<div class="tt-question">What is &lt;dropout&gt; &amp; why?</div>');
    expect(note.fields[1]).toBe('<p>It <strong>zeroes</strong> units.</p>');
    expect(note.tags).toEqual(['regularization', 'dropout', 'over_fitting']);
    const [mc] = questionToNotes(question({
      choices: [{ text: 'A one', correct: false, why: 'no' }, { text: 'B $x$ two', correct: true, why: 'yes' }],
      keyPoints: ['k1'],
    }));
    expect(mc.fields[0]).toContain('<ol type="A"><li>A one</li><li>B \\(x\\) two</li></ol>');
    expect(mc.fields[1]).toMatch(/^<p><b>B<\/b><\/p>/);
    expect(mc.fields[1]).toContain('<li>k1</li>');
  });

  it('keeps cloze deletions as Anki Cloze notes (heading or key points)', () => {
    const titled = questionToNotes(question({ title: '{{c1::AdamW}} decouples weight decay from the {{c2::adaptive step::which part}}' }));
    expect(titled.map((n) => n.type)).toEqual(['Cloze']);
    expect(titled[0].fields[0]).toBe('{{c1::AdamW}} decouples weight decay from the {{c2::adaptive step::which part}}');
    const inPoints = questionToNotes(question({ keyPoints: ['Attention scales by {{c1::$\\sqrt{d_k}$}}', 'plain point'] }));
    expect(inPoints.map((n) => n.type)).toEqual(['Basic', 'Cloze']);
    expect(inPoints[0].fields[1]).toContain('<li>Attention scales by \\(\\sqrt{d_k}\\)</li>');
    expect(inPoints[1].fields[0]).toContain('<li>Attention scales by {{c1::\\(\\sqrt{d_k}\\)}}</li>');
  });

  it('formats a TSV whose every data line has exactly four fields (note type, two fields, tags) once quoting is undone', () => {
    const tsv = formatAnkiTsv([...questionToNotes(question({ answer: 'one\n\n```python\nx\t= 1\n```' })), ...questionToNotes(question({ id: 'r' }))]);
    const lines = tsv.split('\n');
    expect(lines.slice(0, 4)).toEqual(ANKI_HEADER);
    expect(tsv.endsWith('\n')).toBe(true);
    const rows = parseTsv(lines.slice(4).join('\n'));
    expect(rows).toHaveLength(2);
    for (const row of rows) expect(row).toHaveLength(4);
  });

  it('exports the whole real bank: one note per question (and per cloze set), every row well-formed', () => {
    const { bank } = realBank();
    const notes = bank.questions.flatMap(questionToNotes);
    const rows = parseTsv(formatAnkiTsv(notes).split('\n').slice(4).join('\n'));
    expect(rows).toHaveLength(notes.length);
    expect(notes.length).toBeGreaterThanOrEqual(bank.questions.length);
    for (const row of rows) {
      expect(row).toHaveLength(4);
      expect(['Basic', 'Cloze']).toContain(row[0]);
      expect(row[2]).not.toMatch(/<script|javascript:/i);
    }
  });
});

/** A minimal RFC-4180-style reader with tab separators, as Anki reads the file. */
function parseTsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let i = 0;
  let quoted = false;
  while (i < text.length) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { field += '"'; i += 2; continue; }
      if (c === '"') { quoted = false; i++; continue; }
      field += c; i++; continue;
    }
    if (c === '"' && field === '') { quoted = true; i++; continue; }
    if (c === '\t') { row.push(field); field = ''; i++; continue; }
    if (c === '\n') { row.push(field); rows.push(row); row = []; field = ''; i++; continue; }
    field += c; i++;
  }
  if (field || row.length) { row.push(field); rows.push(row); }
  return rows;
}

describe('protocol: the statistics view', () => {
  it('accepts the stats rendered report and nothing looser', async () => {
    const { parseStatsMessage } = await import('../../src/shared/protocol');
    expect(parseStatsMessage({ type: 'rendered', kind: 'stats', id: 'stats' })).toEqual({ type: 'rendered', kind: 'stats', id: 'stats' });
    expect(parseStatsMessage({ type: 'rendered', kind: 'statistics', id: 'stats' })).toBeUndefined();
    expect(parseStatsMessage({ type: 'grade', card: 'x', grade: 'good' })).toBeUndefined();
  });
});
