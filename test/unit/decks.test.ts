import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { compileDecks, deckSlug, readDeckFile, type DeckInput, type ParseCache } from '../../src/core/bank/decks';
import { decodeUtf8, firstInvalidUtf8 } from '../../src/core/bank/decodeText';
import { nestingDepth } from '../../src/core/bank/markdownChecks';
import { parseYaml, splitFrontMatter } from '../../src/core/bank/frontMatter';
import { parseQuestion } from '../../src/core/bank/parseQuestion';
import { GlossaryIndex } from '../../src/core/glossary/glossaryIndex';
import { matchAt } from '../../src/core/glossary/matcher';
import { ProgressEngine, type KeyValueStore } from '../../src/core/progress/engine';
import { CARDS_KEY, LEGACY_PROGRESS_KEY, QUARANTINE_KEY } from '../../src/core/progress/cardRecord';
import { parseLog } from '../../src/core/progress/log';
import { Scheduler } from '../../src/core/quiz/scheduler';
import { realBank, root } from './bankFixture';
import { badInputs, goodInputs } from '../integration/badInputs';
import { deckFileKind } from '../../src/core/bank/decks';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const q = (id: string, extra = '', body = '# A question?\n\nAn answer.') => `---\nid: ${id}\ntopic: regularization\ndifficulty: basic\n${extra}---\n${body}\n`;
const deck = (name: string, files: Record<string, string>): DeckInput => ({
  name,
  files: Object.entries(files).map(([path, text]) => ({ path, file: `mem:/${name}/${path}`, text })),
});
const base = () => realBank().bank;
const at = (diags: { file: string; line: number; message: string }[], file: string) => diags.filter((d) => d.file === file).map((d) => `${d.line}: ${d.message}`);

describe('user decks', () => {
  it('namespaces ids, resolves bundled topics, concepts and questions, and leaves the bundled bank untouched', () => {
    const b = base();
    const before = JSON.stringify(b);
    const { bank, diagnostics, questionCount } = compileDecks(b, [deck('team', {
      'a.md': q('dropout', 'concepts: [dropout, my-idea]\nrelated: [b, weight-decay]\n'),
      'sub/b.md': q('b'),
      'glossary/mine.yaml': '- id: my-idea\n  name: My idea\n  definition: Something we say at work.\n  aliases: [our special trick]\n- id: dropout\n  aliases: [the forgetting layer]\n',
    })]);
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(questionCount).toBe(2);
    const a = bank.questions.find((x) => x.id === 'deck:team:dropout')!;
    expect(a.concepts).toEqual(['dropout', 'deck:team:my-idea']);
    expect(a.related).toEqual(['deck:team:b', 'weight-decay']);
    expect(bank.questions.some((x) => x.id === 'dropout')).toBe(true); // the bundled one is still there
    const index = new GlossaryIndex(bank.concepts);
    expect(index.lookupTerm('the forgetting layer')?.id).toBe('dropout');
    expect(index.lookupTerm('our special trick')?.id).toBe('deck:team:my-idea');
    expect(index.byId.get('dropout')!.questionIds).toContain('deck:team:dropout');
    expect(JSON.stringify(b)).toBe(before);
    for (const x of bank.questions) expect(x.id).toMatch(/^[a-z0-9:._-]{1,200}$/);
  });

  it('reports every bad input at its file and line, and loads the rest', () => {
    const files = {
      'good.md': q('good'),
      'yaml.md': '---\nid: x\ntopic: [unclosed\ndifficulty: basic\n---\n# Q?\n\nA.\n',
      'missing.md': '---\nid: missing\ntopic: regularization\n---\n# Q?\n\nA.\n',
      'topic.md': '---\nid: topic\ntopic: cooking\ndifficulty: basic\n---\n# Q?\n\nA.\n',
      'dup1.md': q('same'),
      'dup2.md': q('same'),
      'dangling.md': q('dangling', 'concepts: [no-such-concept]\nrelated: [no-such-question]\n'),
      'empty.md': '',
      'nested.md': q('nested', '', `# Q?\n\nA.\n\n${'> '.repeat(40)}deep\n`),
      'longline.md': q('longline', '', `# Q?\n\n${'x'.repeat(20_000)}\n`),
      'proto.md': q('proto', '__proto__:\n  polluted: yes\nconstructor: 1\n'),
    };
    const { bank, diagnostics } = compileDecks(base(), [deck('d', files)]);
    const f = (name: string) => at(diagnostics, `mem:/d/${name}`);
    expect(f('good.md')).toEqual([]);
    expect(f('yaml.md')[0]).toMatch(/^\d+: front matter is not valid YAML/);
    expect(f('missing.md')).toEqual(['2: missing required field "difficulty"']);
    expect(f('topic.md')[0]).toMatch(/^3: unknown topic "cooking"/);
    expect(f('dup2.md')).toEqual(['2: question id "same" is already used by mem:/d/dup1.md']);
    expect(f('dangling.md')).toEqual(['5: unknown concept "no-such-concept": define it in the deck\'s glossary/*.yaml or use a bundled concept id', '6: related question "no-such-question" not found in this deck or the bundled bank']);
    expect(f('empty.md')[0]).toMatch(/^1: file is empty/);
    expect(f('nested.md')).toEqual(['10: quotes or lists are nested 40 levels deep here (limit 20); flatten them']);
    expect(f('longline.md')).toEqual(['8: line is 20000 characters long (limit 10000)']);
    expect(f('proto.md').every((m) => /unknown field/.test(m))).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    const ids = bank.questions.filter((x) => x.id.startsWith('deck:')).map((x) => x.id).sort();
    expect(ids).toEqual(['deck:d:dangling', 'deck:d:good', 'deck:d:proto', 'deck:d:same']);
  });

  it('refuses oversized, binary and non-UTF-8 files before parsing them', () => {
    expect(readDeckFile('f', 'question', new Uint8Array(5 * 1024 * 1024)).diagnostic?.message).toBe('file is 5120 KB; deck files are limited to 256 KB (split it into several questions)');
    expect(readDeckFile('f', 'question', new Uint8Array([0x2d, 0x0a, 0x89, 0x50, 0x4e, 0x47, 0, 0])).diagnostic).toMatchObject({ line: 1, message: expect.stringMatching(/binary file/) });
    const latin1 = new TextEncoder().encode('---\nid: x\n# caf');
    const bytes = new Uint8Array([...latin1, 0xe9, 0x0a]);
    expect(readDeckFile('f', 'question', bytes).diagnostic).toMatchObject({ line: 3, message: expect.stringMatching(/not valid UTF-8/) });
    expect(decodeUtf8(new TextEncoder().encode('\uFEFFhé ✓ 𝛼')).ok).toBe(true);
  });

  it('agrees with the platform decoder on arbitrary bytes', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
      let valid = true;
      try {
        new TextDecoder('utf-8', { fatal: true }).decode(bytes);
      } catch {
        valid = false;
      }
      return (firstInvalidUtf8(bytes) < 0) === valid;
    }), { numRuns: 5000 });
  });

  it('deck topics, clashing topics and concepts, API owners', () => {
    const { bank, diagnostics } = compileDecks(base(), [deck('d', {
      'topics.yaml': '- id: our-stack\n  title: Our stack\n- id: regularization\n  title: Again\n',
      'a.md': '---\nid: a\ntopic: our-stack\ndifficulty: basic\n---\n# Q?\n\nA.\n',
      'glossary/g.yaml': '- id: thing\n  name: Thing\n  definition: D.\n  apis:\n    torch.nn.Dropout: "mine now"\n- id: thing\n  name: Thing again\n  definition: D.\n',
    })]);
    expect(bank.topics.at(-1)?.id).toBe('our-stack');
    expect(bank.questions.find((x) => x.id === 'deck:d:a')?.topic).toBe('our-stack');
    expect(at(diagnostics, 'mem:/d/topics.yaml')).toEqual(['3: topic "regularization" already exists; use it in "topic:" without redefining it, or choose another id']);
    const g = at(diagnostics, 'mem:/d/glossary/g.yaml');
    expect(g).toContain('1: API "torch.nn.Dropout" is already explained by concept "dropout"; ignored here');
    expect(g.some((m) => /concept id "thing" is defined twice/.test(m))).toBe(true);
  });

  it('two decks with the same question id do not collide; the parse cache is reused', () => {
    const cache: ParseCache = new Map();
    const decks = [deck('one', { 'a.md': q('a') }), deck('two', { 'a.md': q('a') })];
    const first = compileDecks(base(), decks, cache);
    expect(first.questionCount).toBe(2);
    const cached = cache.get('mem:/one/a.md')?.parsed;
    compileDecks(base(), decks, cache);
    expect(cache.get('mem:/one/a.md')?.parsed).toBe(cached);
    expect(deckSlug('My Team Deck!')).toBe('my-team-deck');
    expect(deckSlug('...')).toBe('deck');
  });

  it('2,000 files compile in bounded time', () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 2000; i++) files[`t${i % 20}/q${i}.md`] = q(`q${i}`, 'concepts: [dropout]\n', `# Question ${i}?\n\n${'Some answer text. '.repeat(30)}`);
    const started = performance.now();
    const { questionCount } = compileDecks(base(), [deck('big', files)]);
    const ms = performance.now() - started;
    expect(questionCount).toBe(2000);
    expect(ms).toBeLessThan(5000);
  });
});

describe('the bad-input catalogue (same cases as the integration test)', () => {
  it('each case gets its diagnostic at the expected line; the good files load', () => {
    const enc = new TextEncoder();
    const texts: { path: string; file: string; text: string }[] = [];
    const problems: { file: string; line: number; message: string; severity: string }[] = [];
    for (const c of [...badInputs(), ...goodInputs()]) {
      const bytes = typeof c.content === 'string' ? enc.encode(c.content) : c.content;
      const read = readDeckFile(c.path, deckFileKind(c.path), bytes);
      if (read.diagnostic) problems.push(read.diagnostic);
      else texts.push({ path: c.path, file: c.path, text: read.text! });
    }
    const { bank, diagnostics } = compileDecks(base(), [{ name: 'd', files: texts.sort((a, b) => a.path.localeCompare(b.path)) }]);
    problems.push(...diagnostics);
    for (const c of badInputs()) {
      const mine = problems.filter((p) => p.file === c.path);
      expect(mine.some((p) => p.line === c.line && c.message.test(p.message) && p.severity === c.severity), `${c.what}: ${JSON.stringify(mine)}`).toBe(true);
    }
    for (const g of goodInputs()) expect(bank.questions.some((q) => q.id === `deck:d:${g.id}`)).toBe(true);
  });
});

describe('the hostile deck fixture', () => {
  it('loads (as data) with warnings only, and pollutes nothing', () => {
    const dir = join(root, 'test', 'fixtures', 'hostile-deck');
    const walk = (d: string): string[] => readdirSync(d).flatMap((n) => (statSync(join(d, n)).isDirectory() ? walk(join(d, n)) : [join(d, n)]));
    const files = walk(dir).map((p) => ({ path: p.slice(dir.length + 1), file: p, text: readFileSync(p, 'utf8') }));
    const { bank, diagnostics } = compileDecks(base(), [{ name: 'hostile-deck', files }]);
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(bank.questions.filter((x) => x.topic === 'hostile-topic').map((x) => x.id).sort()).toEqual(['deck:hostile-deck:hostile-choices', 'deck:hostile-deck:prototype-pollution', 'deck:hostile-deck:script-injection']);
    expect(diagnostics.some((d) => /raw HTML is not rendered/.test(d.message))).toBe(true);
    const proto = bank.questions.find((x) => x.id === 'deck:hostile-deck:prototype-pollution')!;
    expect(proto.concepts).toEqual(['deck:hostile-deck:evil-concept']);
    expect(proto.related).toEqual(['deck:hostile-deck:script-injection']);
    const probe = {} as Record<string, unknown>;
    expect([probe.polluted, probe.isAdmin, (Object.prototype as Record<string, unknown>).polluted]).toEqual([undefined, undefined, undefined]);
    expect(new GlossaryIndex(bank.concepts).lookupTerm('zzhostile phrase')?.id).toBe('deck:hostile-deck:evil-concept');
  });
});

describe('nesting depth', () => {
  it('counts quotes, list markers and list indentation', () => {
    expect(nestingDepth('plain text')).toBe(0);
    expect(nestingDepth('> > quote')).toBe(2);
    expect(nestingDepth('- - - item')).toBe(3);
    expect(nestingDepth('    - item')).toBe(3);
    expect(nestingDepth('        code')).toBe(0);
  });
});

describe('parsers and matcher: never throw, bounded time (property-based)', () => {
  const index = new GlossaryIndex(realBank().bank.concepts);
  const timed = (fn: () => void, ms: number) => {
    const started = performance.now();
    fn();
    return performance.now() - started < ms;
  };
  it('front matter: splitFrontMatter + parseYaml on arbitrary and YAML-flavoured text', () => {
    const yamlish = fc.array(fc.oneof(fc.string({ maxLength: 40 }), fc.constantFrom('---', '- ', ': ', '[', ']', '{', '}', '&a ', '*a', '!!binary', '? ', '|', '>', '"', "'", '\n', '  ', '__proto__: 1', '<<: *a')), { maxLength: 60 }).map((parts) => parts.join(''));
    fc.assert(fc.property(fc.oneof(fc.string({ maxLength: 2000 }), yamlish), (text) => timed(() => {
      const split = splitFrontMatter(`---\n${text}\n---\nbody`);
      const fm = parseYaml(split.frontMatter ?? text, split.frontMatterLine);
      fm.lineOf(['id']);
      fm.lineOf([0, 'x']);
    }, 500)), { numRuns: 1500 });
  });
  it('Markdown question parser on arbitrary bodies, including deep nesting and long lines', () => {
    const body = fc.array(fc.oneof(fc.string({ maxLength: 80 }), fc.constantFrom('```', '~~~', '# ', '> ', '- ', '1. ', '<script>', '$x$', '\n', '    ')), { maxLength: 200 }).map((p) => p.join(''));
    fc.assert(fc.property(body, fc.nat(3000), (text, repeat) => timed(() => {
      parseQuestion('x.md', `---\nid: a\ntopic: t\ndifficulty: basic\n---\n# Q?\n${text}`);
      parseQuestion('x.md', `---\nid: a\ntopic: t\ndifficulty: basic\n---\n# Q?\n${'> '.repeat(repeat)}${text}`);
      parseQuestion('x.md', text);
    }, 500)), { numRuns: 800 });
  });
  it('term matcher on arbitrary lines, with bounded time per call', () => {
    fc.assert(fc.property(fc.string({ maxLength: 2000 }), fc.nat(2100), fc.boolean(), fc.string({ maxLength: 400 }), (line, pos, prose, before) =>
      timed(() => matchAt(index, line, pos, { mode: prose ? 'prose' : 'code', before }), 100)), { numRuns: 3000 });
  });
});

describe('study data never silently lost', () => {
  const memory = (initial: Record<string, unknown>): KeyValueStore & { data: Map<string, unknown> } => {
    const data = new Map(Object.entries(initial));
    return { data, get: <T>(k: string) => data.get(k) as T | undefined, update: async (k, v) => void (v === undefined ? data.delete(k) : data.set(k, v)) };
  };
  const card = { due: '2030-01-01T00:00:00.000Z', stability: 3, difficulty: 5, elapsed_days: 0, scheduled_days: 3, learning_steps: 0, reps: 1, lapses: 0, state: 2, last_review: '2026-01-01T00:00:00.000Z' };
  const engine = (store: KeyValueStore) => new ProgressEngine({
    kv: store, clock: { now: () => new Date('2026-02-01T00:00:00Z') }, newId: () => 'id', scheduler: () => new Scheduler(),
    sink: { append: async () => undefined }, source: { readAll: async () => [] },
  });

  it('keeps readable cards, sets damaged ones aside, then releases them once backed up', async () => {
    const store = memory({ [CARDS_KEY]: { version: 2, cards: { good: { card, at: card.last_review, rid: 'r' }, bad: { card: { due: 'never' }, at: 'x', rid: 'r' }, worse: null } } });
    const progress = engine(store);
    expect(progress.lastLoad).toMatchObject({ kept: 1, setAside: 2 });
    expect(progress.get('good')).toEqual(card);
    const quarantine = progress.quarantined();
    const [when] = Object.keys(quarantine);
    expect(quarantine[when]).toEqual({ bad: { card: { due: 'never' }, at: 'x', rid: 'r' }, worse: null });
    await progress.releaseQuarantine([when]);
    expect(store.data.has(QUARANTINE_KEY)).toBe(false);
    expect(engine(store).lastLoad).toMatchObject({ kept: 1, setAside: 0 });
  });

  it('a version-1 record is migrated: readable cards kept, unreadable ones set aside, the old record left untouched', () => {
    const old = { version: 1, cards: { good: card, legacy: { interval: 3, ease: 2.5 } } };
    const store = memory({ [LEGACY_PROGRESS_KEY]: old });
    const progress = engine(store);
    expect(progress.lastLoad).toMatchObject({ kept: 1, setAside: 1, migrated: 1 });
    expect(Object.values(progress.quarantined())[0]).toEqual({ legacy: { interval: 3, ease: 2.5 } });
    expect(store.data.get(LEGACY_PROGRESS_KEY)).toEqual(old);
  });

  it('a record that is not an object at all is set aside whole', () => {
    const progress = engine(memory({ [CARDS_KEY]: 'garbage' }));
    expect(progress.lastLoad).toMatchObject({ kept: 0, setAside: 1 });
    expect(JSON.stringify(progress.quarantined())).toContain('garbage');
  });

  it('review log: readable lines kept, damaged lines returned with their text', () => {
    const good = JSON.stringify({ id: 'dropout', grade: 'good', state: 2, reviewedAt: '2026-01-01T00:00:00.000Z', due: '2026-01-04T00:00:00.000Z', durationMs: 5 });
    const log = parseLog(`${good}\n{"id":"x","gra\nnull\n${good.replace('good', 'perfect')}\n${good}\n`, 'reviews-2026-01.jsonl');
    expect(log.events).toHaveLength(2);
    expect(log.bad.map((b) => b.line)).toEqual([2, 3, 4]);
  });
});
