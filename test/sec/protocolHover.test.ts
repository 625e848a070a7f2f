// Security review 1.4 and 2.x / D5 as regression tests: the webview message guards with hostile messages, and
// hover Markdown built from deck glossary text (rendered with `marked`, as VS Code renders hovers).
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Marked } from 'marked';
import { parseQuizMessage, parseReaderMessage } from '../../src/shared/protocol';
import { renderHover } from '../../src/vscode/hover/hoverProvider';
import { escapeMarkdown, escapeInline, escapeWithCodeSpans } from '../../src/core/text/escape';
import { parseGlossary } from '../../src/core/bank/parseGlossary';
import { GlossaryIndex } from '../../src/core/glossary/glossaryIndex';
import { matchAt } from '../../src/core/glossary/matcher';
import type { Concept } from '../../src/core/bank/types';

const md = new Marked({ gfm: true });
const html = (s: string) => md.parse(s) as string;

describe('webview protocol guard, hostile messages', () => {
  const cases: [string, unknown][] = [
    ['null', null],
    ['array', ['grade']],
    ['type as object', { type: { toString: () => 'grade' }, card: 'q', grade: 'good' }],
    ['__proto__ type', JSON.parse('{"type":"__proto__"}')],
    ['constructor type', { type: 'constructor' }],
    ['grade not in set', { type: 'grade', card: 'q', grade: 'toString' }],
    ['grade without the card it was shown for', { type: 'grade', grade: 'good' }],
    ['pick NaN', { type: 'pick', card: 'q', option: NaN }],
    ['pick 9', { type: 'pick', card: 'q', option: 9 }],
    ['pick 1.5', { type: 'pick', card: 'q', option: 1.5 }],
    ['openQuestion traversal', { type: 'openQuestion', id: '../../etc/passwd' }],
    ['openQuestion upper', { type: 'openQuestion', id: 'Deck:X' }],
    ['openQuestion 201 chars', { type: 'openQuestion', id: 'a'.repeat(201) }],
    ['openLink javascript', { type: 'openLink', href: 'javascript:alert(1)' }],
    ['openLink command', { type: 'openLink', href: 'command:workbench.action.quit' }],
    ['openLink file', { type: 'openLink', href: 'file:///etc/passwd' }],
    ['openLink vscode', { type: 'openLink', href: 'vscode://vscode.git/clone?url=x' }],
    ['openLink leading space', { type: 'openLink', href: ' https://x' }],
    ['openLink 2048', { type: 'openLink', href: `https://${'a'.repeat(2040)}` }],
    ['rendered 201', { type: 'rendered', kind: 'quiz', id: 'a'.repeat(201) }],
  ];
  for (const [name, value] of cases) {
    it(`rejects: ${name}`, () => expect(parseQuizMessage(value)).toBeUndefined());
  }
  it('returns a fresh object (extra fields such as __proto__ never reach the host)', () => {
    const m = parseQuizMessage(JSON.parse('{"type":"grade","card":"q","grade":"good","__proto__":{"polluted":1},"extra":1}'));
    expect(m).toEqual({ type: 'grade', card: 'q', grade: 'good' });
    expect(Object.keys(m!)).toEqual(['type', 'card', 'grade']);
  });
  it('FIXED (1.4/D13): "Mark as known" carries no id: the reader grades the question it shows', () => {
    expect(parseReaderMessage({ type: 'markKnown', id: 'not-a-real-question' })).toEqual({ type: 'markKnown' });
    expect(parseReaderMessage({ type: 'navigate', direction: 'up' })).toBeUndefined();
  });
});

function concept(over: Partial<Concept>): Concept {
  return { id: 'evil', name: 'Evil', aliases: [], definition: 'def', apis: [], kwargs: [], strings: [], methods: [], names: [], questionIds: ['deck:x:q'], ...over };
}
const render = (note: string) => {
  const c = concept({ apis: [{ id: 'mylib.Model', framework: 'other', note }] });
  return html(renderHover({ concept: c, kind: 'api', api: c.apis[0], start: 0, end: 5 }).value);
};
/** Links and images a hover may hold: only our three command links. */
const foreign = (out: string) => [...out.matchAll(/<a href="([^"]*)"/g)].map((m) => m[1]).filter((h) => !/^command:tensorTutor\.(openQuestion|quizConcept|showInTopicBrowser)\?/.test(h));

describe('hover Markdown from deck glossary text', () => {
  it('escapes names and definitions (fuzzed): no link, image or HTML ever appears', () => {
    fc.assert(fc.property(fc.string({ maxLength: 80, unit: fc.constantFrom(...'[]()!<>`*_#$&\\|~:"\' \nabchttps/.'.split('')) }), (s) => {
      const out = html(`**${escapeMarkdown(s)}**\n\n${escapeMarkdown(s)}`);
      return !/<a |<img|<script|<[a-z]+ on/i.test(out);
    }), { numRuns: 5000 });
  });

  it('FIXED (2.3/D5): an API note with a backtick run cannot smuggle links or remote images out of a code span', () => {
    for (const payload of [
      'See ```[the docs](command:tensorTutor.quizConcept?%5B%22x%22%5D)`',
      'See ```![beacon](https://evil.example/beacon.png)`',
      'See ```[the docs](file:///etc/passwd)`',
      'See ```[the docs](https://evil.example/phish)`',
      'See [the docs](command:tensorTutor.quizConcept)',
    ]) {
      const out = render(payload);
      expect(foreign(out), payload).toEqual([]);
      expect(out, payload).not.toContain('<img');
    }
  });

  it('FIXED (D5, property): for any note, the hover holds no <a> or <img> except our own command links', () => {
    const unit = fc.constantFrom(...'`[]()!<>*_#$&\\|~:"\' abchttps/.'.split(''), '```', '](https://e.x)', '![i](https://e.x/p.png)', '[l](command:tensorTutor.quizConcept)');
    fc.assert(fc.property(fc.array(unit, { maxLength: 40 }).map((a) => a.join('')), (note) => {
      const out = render(note);
      return foreign(out).length === 0 && !out.includes('<img');
    }), { numRuns: 4000 });
  });

  it('FIXED (end to end): a note from a deck glossary file, served by the matcher, renders inert', () => {
    const yaml = [
      '- id: evil',
      '  name: Evil',
      '  definition: A harmless looking definition.',
      '  apis:',
      '    "mylib.Model": "Builds the model. ```![x](https://evil.example/hovered?who=you)`"',
    ].join('\n');
    const parsed = parseGlossary('deck/glossary/evil.yaml', yaml);
    expect(parsed.diagnostics).toEqual([]);
    const index = new GlossaryIndex(parsed.items.map((c) => ({ ...c, questionIds: [] })));
    const match = matchAt(index, 'model = mylib.Model(cfg)', 16, { mode: 'code', imports: { aliases: new Map([['mylib', 'mylib']]), frameworks: ['pytorch'] } });
    expect(match?.api?.id).toBe('mylib.Model');
    expect(html(renderHover(match!).value)).not.toContain('<img');
  });

  it('single-backtick code spans of our notes still render as code', () => {
    const out = render('`weight_decay=1e-2` by default; the decay is multiplied by `lr`');
    expect(out).toContain('<code>weight_decay=1e-2</code> by default; the decay is multiplied by <code>lr</code>');
    expect(escapeWithCodeSpans('`[x](command:foo)` [y](command:bar) <img src=x>')).not.toMatch(/(^|[^\\])\[y\]/);
  });

  it('hover trust settings', () => {
    const h = renderHover({ concept: concept({}), kind: 'prose', start: 0, end: 1 });
    expect(h.supportHtml).toBe(false);
    expect(h.isTrusted).toEqual({ enabledCommands: ['tensorTutor.openQuestion', 'tensorTutor.quizConcept', 'tensorTutor.showInTopicBrowser'] });
    expect(escapeInline('$(zap)')).toBe('\\$\\(zap\\)');
  });
});
