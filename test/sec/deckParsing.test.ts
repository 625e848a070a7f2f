// Security review, part 3 (deck parsing), as regression tests: YAML aliases, prototype pollution, deep nesting,
// huge files, ids, regex timing, and the quadratic key handling (3.4, 3.5) that froze the extension host.
import { describe, expect, it } from 'vitest';
import { parseQuestion } from '../../src/core/bank/parseQuestion';
import { parseGlossary, parseTopics } from '../../src/core/bank/parseGlossary';
import { compileDecks } from '../../src/core/bank/decks';
import { checkMarkdown } from '../../src/core/bank/markdownChecks';
import { GlossaryIndex } from '../../src/core/glossary/glossaryIndex';
import { realBank } from '../unit/bankFixture';

const timed = <T>(fn: () => T): { ms: number; value: T } => {
  const t = performance.now();
  const value = fn();
  return { ms: Math.round(performance.now() - t), value };
};
const q = (front: string, body = '# Q?\n\nA.') => `---\n${front}\n---\n${body}`;

describe('YAML', () => {
  it('billion laughs: aliases are never expanded (front matter and glossary)', () => {
    const laughs = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (let i = 1; i < 10; i++) laughs.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(9).fill(`*${String.fromCharCode(96 + i)}`).join(',')}]`);
    const r = timed(() => parseQuestion('x.md', q(`id: laughs\ntopic: t\ndifficulty: basic\nconcepts: *j\n${laughs.join('\n')}`)));
    expect(r.ms).toBeLessThan(500);
    const g = timed(() => parseGlossary('g.yaml', `- id: x\n  name: x\n  definition: d\n  aliases: *j\n  ${laughs.join('\n  ')}`));
    expect(g.ms).toBeLessThan(500);
  });

  it('__proto__ / constructor keys do not pollute', () => {
    const r = parseQuestion('x.md', q('id: p\ntopic: t\ndifficulty: basic\n__proto__:\n  polluted: true\nconstructor:\n  prototype:\n    polluted: true\nconcepts: [__proto__, constructor]'));
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype.hasOwnProperty.call(Object.prototype, 'polluted')).toBe(false);
    expect(r.question?.concepts).toEqual(['__proto__', 'constructor']);
    const g = parseGlossary('g.yaml', '- id: x\n  name: x\n  definition: d\n  __proto__: {polluted: 1}\n  apis: {"__proto__": "n", "a.__proto__": "note"}');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(g.items).toEqual([]);
    expect(g.diagnostics.some((d) => d.message.includes('__proto__'))).toBe(true);
  });

  it('FIXED (3.3): deep flow nesting is refused before parsing, in milliseconds, with the line', () => {
    const depth = 120_000;
    const question = timed(() => parseQuestion('x.md', q(`id: n\ntopic: t\ndifficulty: basic\nconcepts: ${'['.repeat(depth)}${']'.repeat(depth)}`)));
    expect(question.value.question).toBeUndefined();
    expect(question.value.diagnostics[0]).toMatchObject({ severity: 'error' });
    const glossary = timed(() => parseGlossary('g.yaml', `${'['.repeat(500_000)}${']'.repeat(500_000)}`));
    expect(glossary.value.diagnostics[0].message).toMatch(/nested more than 64 levels/);
    const base = realBank().bank;
    const c = timed(() => compileDecks(base, [{ name: 'd', files: [
      { path: 'glossary/deep.yaml', file: 'deep', text: `${'['.repeat(500_000)}${']'.repeat(500_000)}` },
      { path: 'deep.md', file: 'deep.md', text: q(`id: n\ntopic: t\ndifficulty: basic\nconcepts: ${'['.repeat(depth)}${']'.repeat(depth)}`) },
    ] }]));
    console.log(`deep nesting: question ${question.ms} ms, 1 MB glossary ${glossary.ms} ms, compileDecks ${c.ms} ms (review: 1.0 s and 3.0 s)`);
    expect(question.ms + glossary.ms).toBeLessThan(200);
    expect(c.ms).toBeLessThan(1000);
  });

  it('huge files at the limits: 256 KB question, 1 MB glossary of many concepts (parse, index, lookups stay fast)', () => {
    const answer = Array.from({ length: 25 }, () => 'x'.repeat(9_999)).join('\n');
    const r = timed(() => parseQuestion('big.md', q('id: big\ntopic: t\ndifficulty: basic', `# Big?\n\n${answer}`)));
    expect(r.ms).toBeLessThan(1000);
    const entries: string[] = [];
    for (let i = 0, size = 0; size < 1_000_000 - 300; i++) {
      entries.push(`- id: c${i}\n  name: Concept ${i}\n  definition: d\n  aliases: [alias ${i} a, alias ${i} b]\n  names: [name_${i}, "*_s${i}", "p${i}_*"]\n  kwargs: [kw_${i}]`);
      size += entries[i].length + 1;
    }
    const text = entries.join('\n').slice(0, 1_000_000);
    const g = timed(() => parseGlossary('g.yaml', text.slice(0, text.lastIndexOf('\n- id:'))));
    const idx = timed(() => new GlossaryIndex(g.value.items));
    console.log(`1 MB glossary: parse ${g.ms} ms, ${g.value.items.length} concepts, index ${idx.ms} ms`);
    expect(g.ms).toBeLessThan(10_000);
  });
});

describe('ids, links and paths', () => {
  it('ids are kebab-case; ../ and URL-ish ids are refused', () => {
    for (const id of ['../../etc/passwd', 'a/b', 'A', 'x:y', 'javascript:alert(1)', '..']) {
      expect(parseQuestion('x.md', q(`id: "${id}"\ntopic: t\ndifficulty: basic`)).question).toBeUndefined();
    }
  });
  it('related / concepts accept any text but are resolved against known ids (dangling ones dropped)', () => {
    const base = realBank().bank;
    const res = compileDecks(base, [{ name: 'd', files: [{ path: 'a.md', file: 'a.md', text: q(`id: a\ntopic: ${base.topics[0].id}\ndifficulty: basic\nrelated: ["../../x", "command:foo"]\nconcepts: ["../y"]`) }] }]);
    const added = res.bank.questions.find((x) => x.id === 'deck:d:a')!;
    expect(added.related).toEqual([]);
    expect(added.concepts).toEqual([]);
  });
  it('topics.yaml cannot redefine bundled topics; a glossary extends bundled concepts but cannot take over their APIs', () => {
    const base = realBank().bank;
    const bundled = base.concepts.find((c) => c.apis.length)!;
    const res = compileDecks(base, [{ name: 'd', files: [
      { path: 'topics.yaml', file: 'topics.yaml', text: `- id: ${base.topics[0].id}\n  title: Hijacked` },
      { path: 'glossary/x.yaml', file: 'x', text: `- id: ${bundled.id}\n  names: [data_loader_thing, lr]\n  kwargs: [anything]\n  apis:\n    "mylib.Thing": "note"\n    "${bundled.apis[0].id}": "hijack"` },
    ] }]);
    expect(res.bank.topics.find((t) => t.id === base.topics[0].id)?.title).not.toBe('Hijacked');
    const merged = res.bank.concepts.find((c) => c.id === bundled.id)!;
    expect(merged.apis.find((a) => a.id === bundled.apis[0].id)?.note).toBe(bundled.apis[0].note);
    expect(merged.apis.some((a) => a.id === 'mylib.Thing')).toBe(true);
  });
});

describe('regex timing (answer checks and front matter)', () => {
  it('checkMarkdown on adversarial 10,000-character lines', () => {
    const lines = (unit: string) => Array.from({ length: 25 }, () => unit.repeat(Math.floor(9999 / unit.length))).join('\n');
    const out: Record<string, number> = {};
    for (const [name, unit] of Object.entries({ lt: '<a ', ltNoClose: '<a x', nested: '> - ', backtick: '`', fence: '```', digits: '1. ', tabs: '\t- ', spaces: ' ' })) {
      out[name] = timed(() => checkMarkdown(lines(unit), { strictHtml: false })).ms;
    }
    expect(Math.max(...Object.values(out))).toBeLessThan(2000);
  });
  it('front matter splitting / YAML errors on long lines', () => {
    const r = timed(() => parseQuestion('x.md', `---\nid: [${'a,'.repeat(100_000)}\n---\n# Q\n`));
    const t = timed(() => parseTopics('t.yaml', `- id: "${'a'.repeat(900_000)}`));
    expect(r.ms + t.ms).toBeLessThan(5000);
  });
});

describe('deck files that froze the extension host (3.4, 3.5)', () => {
  it('FIXED: many keys cost linear time, and the shapes that cannot be a deck file are refused before parsing', () => {
    const keysOf = (bytes: number, indent = '') => {
      let keys = '';
      for (let i = 0; keys.length < bytes; i++) keys += `${indent}k${i}: 0\n`;
      return keys;
    };
    const base = realBank().bank;
    // The review's shapes: a 250 KB front matter and a 256 KB / 1 MB glossary that is one big mapping.
    const qf = timed(() => compileDecks(base, [{ name: 'd', files: [{ path: 'k.md', file: 'k.md', text: `---\n${keysOf(250 * 1024)}---\n# Q\n` }] }]));
    const g = timed(() => compileDecks(base, [{ name: 'd', files: [{ path: 'glossary/keys.yaml', file: 'keys', text: keysOf(256 * 1024) }] }]));
    const mb = timed(() => parseGlossary('keys.yaml', keysOf(1000 * 1024)));
    console.log(`refused before parsing: 250 KB front matter ${qf.ms} ms, 256 KB mapping glossary ${g.ms} ms, 1 MB ${mb.ms} ms (review: 63-76 s, 4.1-5.4 s, 122 s)`);
    expect(qf.value.diagnostics[0].message).toMatch(/front matter is 250 KB; it is limited to 16 KB/);
    expect(g.value.diagnostics[0].message).toMatch(/expected a YAML list/);
    expect(qf.ms + g.ms + mb.ms).toBeLessThan(2000); // was over 3 minutes
    // Where keys are allowed (inside a list entry), the parser's cost grows linearly with their number.
    const quarter = timed(() => parseGlossary('e.yaml', `- id: x\n  name: x\n  definition: d\n${keysOf(256 * 1024, '  ')}`));
    const full = timed(() => parseGlossary('e.yaml', `- id: x\n  name: x\n  definition: d\n${keysOf(1000 * 1024, '  ')}`));
    console.log(`one entry with many unknown keys: 256 KB ${quarter.ms} ms, 1 MB ${full.ms} ms (4x the keys: x${(full.ms / Math.max(1, quarter.ms)).toFixed(1)} the time)`);
    expect(full.value.diagnostics.filter((d) => /unknown field/.test(d.message)).length).toBeGreaterThan(80_000); // every unknown key reported on its line
    expect(full.ms / Math.max(1, quarter.ms)).toBeLessThan(8); // quadratic would be ~16
  });

  it('FIXED: line numbers of ids in one pass: a 1 MB glossary of ~6,600 concepts compiles in seconds, not minutes', () => {
    const entries: string[] = [];
    let size = 0;
    for (let i = 0; size < 990_000; i++) {
      const e = `- id: c${i}\n  name: Concept ${i}\n  definition: d\n  aliases: [alias ${i} a, alias ${i} b]\n  names: [name_${i}]\n  kwargs: [kw_${i}]`;
      entries.push(e);
      size += e.length + 1;
    }
    const r = timed(() => compileDecks(realBank().bank, [{ name: 'd', files: [{ path: 'glossary/many.yaml', file: 'many', text: entries.join('\n') }] }]));
    console.log(`1 MB glossary, ${entries.length} concepts: compileDecks ${r.ms} ms (review: 10.7-12.3 s)`);
    expect(r.value.bank.concepts.length).toBeGreaterThan(entries.length);
    expect(r.ms).toBeLessThan(8000);
  });
});
