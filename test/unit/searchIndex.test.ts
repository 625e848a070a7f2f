// The search index's serialisation (build time → runtime), its incremental updates (user decks added, edited,
// removed) and the fallback that answers while a big update runs.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import type { Bank, Question } from '../../src/core/bank/types';
import { FallbackIndex } from '../../src/core/search/fallbackIndex';
import { LiveSearch, type Scheduler } from '../../src/core/search/liveSearch';
import { wordForms } from '../../src/core/search/query';
import { SEARCH_INDEX_FORMAT, SearchIndex, type SerializedSearchIndex } from '../../src/core/search/searchIndex';
import { realBank, root } from './bankFixture';

const bank = realBank().bank;
const queries: string[] = ['search-queries', 'search-queries-extra', 'search-queries-heldout'].flatMap((f) =>
  (parseYaml(readFileSync(join(root, 'test', 'fixtures', `${f}.yaml`), 'utf8')) as { query: string }[]).map((e) => String(e.query)),
);
const fresh = new SearchIndex(bank);
/** What the build step writes, as the runtime reads it back. */
const serialized = (index: SearchIndex): SerializedSearchIndex => JSON.parse(JSON.stringify(index));
const loaded = () => SearchIndex.load(serialized(fresh), bank)!;

/** A user deck of `n` questions made from bundled ones (new ids and titles, same concepts and answers). */
function withDeck(base: Bank, n: number, title = (i: number) => `Deck question ${i}: ${base.questions[i % base.questions.length].title}`): Bank {
  const deck: Question[] = Array.from({ length: n }, (_, i) => ({ ...base.questions[i % base.questions.length], id: `deck:test:q${i}`, title: title(i) }));
  return { ...base, questions: [...base.questions, ...deck] };
}

function expectSameResults(a: SearchIndex, b: SearchIndex, sample = queries) {
  for (const q of sample) {
    const x = a.search(q, { limit: 10 });
    const y = b.search(q, { limit: 10 });
    expect(y.map((h) => h.id), q).toEqual(x.map((h) => h.id));
    y.forEach((h, i) => expect(h.score, q).toBeCloseTo(x[i].score, 6));
  }
}

const syncClock = (): Scheduler & { t: number } => {
  const clock = { t: 0, now: () => (clock.t += 0.01), yieldToHost: () => Promise.resolve() };
  return clock;
};

describe('search index serialisation', () => {
  it('loads the serialised index with the same results as a fresh build, for every evaluation query', () => {
    const index = loaded();
    expect(index.origin).toBe('serialized');
    expect(index.size).toBe(fresh.size);
    for (const q of queries) expect(index.search(q, { limit: 20 }), q).toEqual(fresh.search(q, { limit: 20 }));
    expect(index.search('momentum', { topic: 'optimization', kind: 'question', limit: 5 })).toEqual(fresh.search('momentum', { topic: 'optimization', kind: 'question', limit: 5 }));
    expect(index.expand('bn adma')).toBe(fresh.expand('bn adma'));
  });

  it('is compact: the radix tree and postings in one string', () => {
    const data = serialized(fresh);
    expect(data.format).toBe(SEARCH_INDEX_FORMAT);
    expect(typeof data.tree).toBe('string');
    expect(data.docIds.length).toBe(bank.questions.length + bank.concepts.length);
    expect(JSON.stringify(data).length).toBeLessThan(0.3 * JSON.stringify(bank).length);
  });

  it('refuses an index of another format, of other documents, or built with other term processing', () => {
    expect(SearchIndex.load({ ...serialized(fresh), format: 'tensor-tutor-search/0' }, bank)).toBeUndefined();
    expect(SearchIndex.load(serialized(fresh), withDeck(bank, 1))).toBeUndefined();
    const renamed = { ...bank, questions: bank.questions.map((q, i) => (i === 0 ? { ...q, title: `${q.title} (edited)` } : q)) };
    expect(SearchIndex.load(serialized(fresh), renamed)).toBeUndefined();
    const data = serialized(fresh);
    data.tree = data.tree.replace(/(^|\})([a-z]+)\{/, '$1$2x{'); // a term spelt differently: what another processTerm would index
    const probe = SearchIndex.load(data, bank);
    // The probe documents' title terms are checked; a change elsewhere may pass the check but never crashes a query.
    if (probe) expect(() => probe.search('batch norm')).not.toThrow();
  });

  it('serialises a fresh build only (internal ids without gaps)', () => {
    const index = loaded();
    const update = index.update(withDeck(bank, 2));
    while (!update.step(Infinity, () => 0));
    const back = index.update(bank);
    while (!back.step(Infinity, () => 0));
    expect(() => index.toJSON()).toThrow(/fresh build/);
  });
});

describe('incremental updates', () => {
  it('adds, edits and removes deck questions with the same results as rebuilding', () => {
    const index = loaded();
    const sample = [...queries.slice(0, 60), 'deck question 7', 'Deck question 12 batch normalization'];
    const merged = withDeck(bank, 40);
    let update = index.update(merged);
    while (!update.step(Infinity, () => 0));
    expect(index.size).toBe(fresh.size + 40);
    expectSameResults(new SearchIndex(merged), index, sample);
    expect(index.search('deck question 7', { limit: 3 }).map((h) => h.id)).toContain('deck:test:q7');

    const edited = withDeck(bank, 40, (i) => (i === 7 ? 'A frobnication question' : `Deck question ${i}`));
    update = index.update(edited);
    while (update.phase === 'diff') update.step(Infinity, () => 0);
    expect(update.pending).toBe(40); // every title changed: 40 replacements, nothing else touched
    while (!update.step(Infinity, () => 0));
    expect(index.search('frobnication', { limit: 3 })[0]?.id).toBe('deck:test:q7');
    expectSameResults(new SearchIndex(edited), index, sample);

    update = index.update(bank);
    while (!update.step(Infinity, () => 0));
    expect(index.size).toBe(fresh.size);
    expect(index.search('frobnication')).toEqual([]);
    expectSameResults(fresh, index, sample);
  });

  it('applies a deck-extended concept to the bundled questions that name it', () => {
    const index = loaded();
    const dropout = bank.concepts.find((c) => c.id === 'dropout')!;
    const extended = { ...bank, concepts: bank.concepts.map((c) => (c === dropout ? { ...c, aliases: [...c.aliases, 'zyxwv masking'] } : c)) };
    const update = index.update(extended);
    while (update.phase === 'diff') update.step(Infinity, () => 0);
    expect(update.pending).toBeGreaterThan(1); // the concept and every question whose main concept it is
    expect(update.pending).toBeLessThan(30);
    while (!update.step(Infinity, () => 0));
    expect(index.search('zyxwv masking', { limit: 3, kind: 'question' }).map((h) => h.id)).toContain('dropout');
    expectSameResults(new SearchIndex(extended), index, queries.slice(0, 40));
  });

  it('works in slices: each step stops at its deadline, and the index is untouched until the diff is done', () => {
    const index = loaded();
    const update = index.update(withDeck(bank, 300));
    let t = 0;
    const now = () => t++;
    let steps = 0;
    while (update.phase === 'diff') {
      update.step(t + 3, now);
      steps++;
    }
    expect(steps).toBeGreaterThan(1);
    expect(index.size).toBe(fresh.size);
    expect(update.pending).toBe(300);
    let applying = 0;
    while (!update.step(t + 5, now)) applying++;
    expect(applying).toBeGreaterThan(40);
    expect(index.size).toBe(fresh.size + 300);
  });
});

describe('live search and its fallback', () => {
  it('answers from the fallback while a big update is applied, then from the full index', async () => {
    const clock = syncClock();
    const big = withDeck(bank, 600);
    let seenFallback = 0;
    const scheduler: Scheduler = {
      now: clock.now,
      yieldToHost: async () => {
        if (live.answering === 'fallback') {
          seenFallback++;
          // The fallback knows every deck question by its title.
          expect(live.search('deck question 599', { limit: 3 }).map((h) => h.id)).toContain('deck:test:q599');
        }
      },
    };
    const live: LiveSearch = new LiveSearch(loaded(), scheduler, { sliceMs: 0.5, fallbackFrom: 250 });
    await live.sync(big);
    expect(seenFallback).toBeGreaterThan(0);
    expect(live.answering).toBe('index');
    expect(live.settled).toBe(true);
    expect(live.lastSync).toMatchObject({ ops: 600 });
    expect(live.lastSync!.fallbackMs).toBeGreaterThan(0);
    expect(live.lastSync!.slices).toBeGreaterThan(10);
    expectSameResults(new SearchIndex(big), live.index, queries.slice(0, 30));
  });

  it('says when its answers cover a bank: at once for the indexed one, once the fallback is ready for a big change', async () => {
    const live = new LiveSearch(loaded(), syncClock(), { sliceMs: 0.5, fallbackFrom: 250 });
    expect(live.covers(bank)).toBe(true);
    await live.whenCovering(bank);
    const big = withDeck(bank, 400);
    const done = live.sync(big);
    expect(live.covers(big)).toBe(false);
    await live.whenCovering(big);
    expect(live.covers(big)).toBe(true);
    expect(live.answering).toBe('fallback');
    expect(live.search('deck question 399', { limit: 3 }).map((h) => h.id)).toContain('deck:test:q399');
    await done;
    expect(live.answering).toBe('index');
    expect(live.covers(big)).toBe(true);
  });

  it('applies a small change without a fallback, and coalesces a change that arrives mid-update', async () => {
    const clock = syncClock();
    const live = new LiveSearch(loaded(), clock, { sliceMs: 1, fallbackFrom: 250 });
    await live.sync(withDeck(bank, 3));
    expect(live.lastSync).toMatchObject({ ops: 3 });
    expect(live.lastSync!.fallbackMs).toBeUndefined();
    const first = live.sync(withDeck(bank, 200));
    const second = live.sync(withDeck(bank, 5)); // supersedes the first before it finishes
    expect(second).toBe(first);
    await second;
    expect(live.index.size).toBe(fresh.size + 5);
    expect(live.index.bank.questions.length).toBe(bank.questions.length + 5);
  });

  it('brings an empty index to a bank in slices (no serialised index)', async () => {
    const live = new LiveSearch(SearchIndex.empty(), syncClock(), { sliceMs: 5, fallbackFrom: 250 });
    await live.sync(bank);
    expectSameResults(fresh, live.index, queries.slice(0, 40));
  });
});

describe('fallback index', () => {
  const builder = FallbackIndex.builder(bank);
  while (!builder.step(Infinity, () => 0));
  const fallback = builder.index;
  const top3 = (q: string) => fallback.search(q, { limit: 3, kind: 'question' }).map((h) => h.id);

  it('finds questions by title words, concept names, abbreviations and typos', () => {
    expect(top3('dropout')).toContain('dropout');
    expect(top3('adamw')).toContain('adamw-vs-adam');
    expect(top3('bn').some((id) => id.startsWith('batch'))).toBe(true);
    expect(top3('dropuot').some((id) => id.includes('dropout'))).toBe(true);
    expect(top3('vanishing gradients').some((id) => id.includes('vanishing'))).toBe(true);
    expect(top3('label smoo')).toContain('label-smoothing'); // prefix of the last word
  });

  it('honours the topic and kind filters and the limit', () => {
    const hits = fallback.search('momentum', { topic: 'optimization', limit: 4 });
    expect(hits.length).toBeGreaterThan(0);
    expect(hits.length).toBeLessThanOrEqual(4);
    expect(hits.every((h) => h.topic === 'optimization' && h.kind === 'question')).toBe(true);
    expect(fallback.search('dropout', { kind: 'concept' }).every((h) => h.kind === 'concept')).toBe(true);
    expect(fallback.search('   ')).toEqual([]);
  });

  it('ranks well enough to stand in for a few seconds (top 3 on the tuning queries)', () => {
    const entries = parseYaml(readFileSync(join(root, 'test', 'fixtures', 'search-queries.yaml'), 'utf8')) as { query: string; expect: string[] }[];
    const hits = entries.filter((e) => top3(String(e.query)).some((id) => e.expect.includes(id))).length;
    expect(hits / entries.length).toBeGreaterThan(0.6);
  });
});

describe('query analysis and ranking', () => {
  const top = (q: string, n = 1) => fresh.search(q, { limit: n, kind: 'question' }).map((h) => h.id);

  it('never "corrects" a stop word into a bank word', () => {
    expect(fresh.expand('what is a tensor')).toBe('what is a tensor');
    expect(fresh.expand('what does a single neuron compute')).not.toContain('chat');
  });

  it('widens a word with its other forms the bank uses, and abbreviations with their equivalents', () => {
    expect([...wordForms('tune')]).toEqual(expect.arrayContaining(['tuning', 'tuned']));
    expect([...wordForms('computation')]).toEqual(expect.arrayContaining(['compute', 'computing', 'computed']));
    expect(wordForms('same')).not.toContain('sam');
    expect(fresh.expand('how do i tune hyperparameters')).toContain('tuned');
    expect(fresh.expand('convnet')).toContain('cnn');
    expect(fresh.expand('adam')).not.toContain('radam'); // aliases of one concept are not abbreviations of each other
  });

  it('warms up without changing anything', () => {
    const index = loaded();
    const before = index.search('adam bias correction');
    index.warmUp();
    expect(index.search('adam bias correction')).toEqual(before);
  });

  it('shows cloze notes with their deletions filled in, and ranks them below the questions they drill', () => {
    const hits = fresh.search('kv cache', { limit: 10, kind: 'question' });
    expect(hits[0].id).toBe('kv-cache');
    const cloze = hits.find((h) => h.id.startsWith('cloze-'));
    expect(cloze).toBeDefined();
    expect(cloze!.title).not.toContain('{{c');
    const fallback = FallbackIndex.builder(bank);
    while (!fallback.step(Infinity, () => 0));
    expect(fallback.index.search('kv cache', { limit: 10 }).every((h) => !h.title.includes('{{c'))).toBe(true);
  });

  it('ranks first the question whose title says the whole query', () => {
    expect(top('query key value attention')).toEqual(['self-attention-qkv']);
    expect(top('how do i tune hyperparameters')).toEqual(['hyperparameter-tuning']);
    expect(top('siamese nets for face verification')).toEqual(['siamese-network']);
  });
});

describe('big banks (2,000+ documents)', () => {
  it('still finds the right questions with common words scored in titles and concept names only', () => {
    const index = loaded();
    const update = index.update(withDeck(bank, 1200, (i) => `Deck question ${i}`));
    while (!update.step(Infinity, () => 0));
    expect(index.size).toBeGreaterThanOrEqual(2000);
    for (const [query, id] of [['dropout', 'dropout'], ['batch norm before or after relu', 'batchnorm-placement'], ['clip_grad_norm_', 'gradient-clipping'], ['adamw vs adam', 'adamw-vs-adam'], ['dropuot', 'dropout'], ['deck question 1111', 'deck:test:q1111']]) {
      expect(index.search(query, { limit: 5, kind: 'question' }).map((h) => h.id), query).toContain(id);
    }
  }, 120_000);

  it('finds a deck question by its number among thousands titled alike (no other forms of a word pruned as common)', () => {
    const index = loaded();
    const deck = Array.from({ length: 2000 }, (_, n) => ({ ...bank.questions[0], id: `deck:d:q${n}`, topic: 'optimization', title: `Generated question number ${n}?`, concepts: ['dropout'], keyPoints: [], answer: 'Some answer.' }));
    const update = index.update({ ...bank, questions: [...bank.questions, ...deck] });
    while (!update.step(Infinity, () => 0));
    expect(index.search('Generated question number 1234', { limit: 3, kind: 'question' }).map((h) => h.id)).toContain('deck:d:q1234');
  }, 120_000);
});
