// Full-text search over questions and concepts with minisearch (documents and terms: documents.ts; query
// analysis: query.ts). The bundled bank's index is built at build time and loaded with `SearchIndex.load`;
// user-deck changes are applied as a diff (`update`: only added, changed and removed documents are touched),
// in slices the caller schedules, so a big deck never blocks the host for long (see liveSearch.ts).
import { BankMiniSearch, type SerializedPostings } from './bankMiniSearch';
import { BOOST, DocBuilder, FIELDS, docIdsOf, docsOf, processTerm, tokenize, type BankLike, type Doc } from './documents';
import { IndexUpdate } from './indexUpdate';
import { BankLookup, docNames } from './lookup';
import { DRILL_WEIGHT, analyze, rerank, snippet, snippetSource, type SearchHit, type SearchOptions, type Searcher, type SnippetSource, type Vocabulary } from './query';

export type { SearchHit, SearchOptions, Searcher } from './query';
export type { IndexUpdate } from './indexUpdate';
export { processTerm, tokenize } from './documents';

/** Bump when documents, fields or term processing change: a serialised index of another format is rebuilt. */
export const SEARCH_INDEX_FORMAT = 'tensor-tutor-search/2';

export interface SerializedSearchIndex extends SerializedPostings {
  format: string;
}

/** Share of documents above which a query word counts as common (see search()). */
const COMMON_SHARE = 0.15;
/** In a big bank, share of documents (key points and answer openings, on average) above which a word is body-common. */
const BODY_COMMON_SHARE = 0.03;
/** …and never below this many body postings (a word's body costs little below it). */
const BODY_COMMON_MIN = 500;
/** How many of the best results get their coverage completed with the words left out of body scoring. */
const RECHECK_BEST = 200;
/** Bank size (questions + concepts) from which common query words are pruned and the big-bank rules apply. */
const PRUNE_FROM_DOCS = 2000;
const TITLE_FIELDS = [0, 1, 2];
const ALL_FIELDS = FIELDS.map((_f, i) => i);

export class SearchIndex implements Searcher {
  private readonly mini: BankMiniSearch;
  /** The bank the index reflects (after the last completed update). */
  private indexedBank: BankLike;
  /** The documents in the index, by id; computed from `indexedBank` when an update first needs them. */
  private docs: Map<string, Doc> | undefined;
  /** Names, abbreviations and hit details of the indexed bank, built on first use. */
  private lookupCache: BankLookup | undefined;
  private readonly snippetTexts = new Map<string, SnippetSource>();
  /** Lower-case names of a document's main concept (exact-name matches), by document id. */
  private readonly names = new Map<string, string[]>();
  private readonly documentFrequency = new Map<string, number>();
  private readonly titleFrequency = new Map<string, number>();
  readonly origin: 'built' | 'serialized';

  /** A fresh index of `bank` (or, with `loaded`, the serialised index of that bank). */
  constructor(bank: BankLike, loaded?: BankMiniSearch) {
    this.mini = loaded ?? new BankMiniSearch(miniOptions());
    this.origin = loaded ? 'serialized' : 'built';
    this.indexedBank = loaded ? bank : { questions: [], concepts: [], topics: [] };
    if (!loaded) {
      const update = this.update(bank);
      while (!update.step(Infinity, () => 0));
    }
  }

  /** An index of nothing, to be brought to a bank with `update` (in slices). */
  static empty(): SearchIndex {
    return new SearchIndex({ questions: [], concepts: [], topics: [] });
  }

  /**
   * The index serialised at build time for `bank`, or undefined when it is of another format or was built
   * from other documents or with other term processing (checked on a few documents).
   */
  static load(data: SerializedSearchIndex, bank: BankLike): SearchIndex | undefined {
    if (data?.format !== SEARCH_INDEX_FORMAT) return undefined;
    const ids = docIdsOf(bank);
    if (ids.length !== data.docIds.length || ids.some((id, i) => id !== data.docIds[i])) return undefined;
    let mini: BankMiniSearch;
    try {
      mini = BankMiniSearch.deserialize(data, miniOptions());
    } catch {
      return undefined;
    }
    // A few documents (first and last question, first concept) are enough to notice other documents or term processing.
    const builder = new DocBuilder(bank);
    const probes = [...new Set([0, bank.questions.length - 1, bank.questions.length])].filter((i) => i >= 0 && i < builder.count);
    return probes.every((i) => spotCheck(mini, builder.at(i), i)) ? new SearchIndex(bank, mini) : undefined;
  }

  toJSON(): SerializedSearchIndex {
    return { format: SEARCH_INDEX_FORMAT, ...this.mini.serialize() };
  }

  get size(): number {
    return this.mini.documentCount;
  }

  /** The bank this index reflects (after the last completed update). */
  get bank(): BankLike {
    return this.indexedBank;
  }

  /**
   * Runs a few queries of every kind (words, typo, abbreviation, identifier, prefix) so that the first query a
   * learner types runs warm code: in a fresh session the first queries take ~20 ms each, later ones ~1 ms.
   */
  warmUp(): void {
    for (const q of ['batch norm before relu', 'dropuot', 'lr', 'torch.nn.Dropout', 'what is attent']) this.search(q, { limit: 30 });
  }

  /** Expands abbreviations; the original words stay in the query. */
  expand(query: string): string {
    return analyze(query, this.lookup.synonyms, this.vocabulary).expanded;
  }

  private get lookup(): BankLookup {
    this.lookupCache ??= new BankLookup(this.indexedBank);
    return this.lookupCache;
  }

  /**
   * Brings the index to `bank`: finds the documents that were added, changed or removed (`diff` phase, the
   * index untouched), then removes and adds them (`apply`). Call `step(deadline)` until it returns true.
   */
  update(bank: BankLike): IndexUpdate {
    return new IndexUpdate(this, bank);
  }

  private readonly vocabulary: Vocabulary = {
    has: (term) => this.mini.hasTerm(term),
    count: (word) => cached(this.titleFrequency, word, () => this.mini.documentsWith(word, TITLE_FIELDS)),
  };

  search(query: string, options: SearchOptions = {}): SearchHit[] {
    const q = query.trim();
    if (!q) return [];
    const lookup = this.lookup;
    const { expanded, corrected, groups, weights, fixed } = analyze(q, lookup.synonyms, this.vocabulary);
    // A query that is exactly a concept's name (or its abbreviation, or a typo of it) ranks that concept's own questions first.
    const lower = q.toLowerCase();
    const exact = this.exact(lower) ?? this.exact(lookup.synonyms.get(lower) ?? '') ?? (corrected !== lower ? this.exact(corrected) : undefined);
    const mini = this.mini;
    // In a big bank, words found in a large share of it ("training", "loss", "layer") make a query score most
    // documents while barely changing the ranking; with a rarer word present they are left out. Small banks
    // keep every word and field (at the bundled size that costs well under a millisecond and ranks better).
    const commonAbove = this.size * COMMON_SHARE;
    const isCommon = (t: string) => cached(this.documentFrequency, t, () => mini.documentsWith(t, ALL_FIELDS)) > commonAbove;
    const big = this.size >= PRUNE_FROM_DOCS;
    const queryTerms = big ? tokenize(expanded).flatMap((t) => processTerm(t) ?? []) : [];
    const prune = queryTerms.some((t) => !isCommon(t)) && queryTerms.some(isCommon);
    const info = (id: string) => this.infoOf(id);
    // Other forms of a word left out as common go with it ("generated" common: not "generate" and "generation").
    const formsOfCommon = new Set(prune ? groups.filter((g) => [...g].every((t) => weights.has(t) || isCommon(t))).flatMap((g) => [...g].filter((t) => weights.has(t))) : []);
    const keep = (t: string) => !prune || (!isCommon(t) && !formsOfCommon.has(t));
    // In a big bank, words in more than a few per cent of the key points and answer openings (and hundreds of them)
    // are scored in titles and concept names only: the body postings of "layer" or "loss" cost most of a query.
    const bodyAbove = Math.max(2 * this.size * BODY_COMMON_SHARE, BODY_COMMON_MIN);
    const inBody = (t: string) => keep(t) && mini.fieldPostings(t, 2) + mini.fieldPostings(t, 3) <= bodyAbove;
    const plan = big
      ? { combineWith: 'OR' as const, queries: [
        { queries: [expanded], fields: ['title', 'primary'] },
        { queries: [expanded], fields: ['terms', 'text'], processTerm: (term: string) => processTerm(term)?.filter(inBody) ?? null },
      ] }
      : expanded;
    const results = mini.search(plan, {
      ...(prune ? { processTerm: (term: string) => processTerm(term)?.filter(keep) ?? null } : {}),
      boostDocument: exact ? (id) => (exact.has(String(id)) ? 3 : 1) : undefined,
      boostTerm: weights.size ? (term) => weights.get(term) ?? 1 : undefined,
      // Words the index holds need neither prefix nor fuzzy expansion; that keeps queries fast. The last word may
      // be half typed; in a big bank, only if the index does not hold it (else "mode" would bring in "model").
      // In a big bank a typo already corrected ("batchnrom" → "batchnorm") needs no fuzzy search either.
      prefix: (term, i, terms) => (i === terms.length - 1 && term.length > 2 && !(big && mini.hasTerm(term))) || (term.length > 4 && !mini.hasTerm(term)),
      fuzzy: (term) => (term.length > 3 && !mini.hasTerm(term) && !(big && fixed.has(term)) ? 0.25 : false),
      maxFuzzy: 2,
      weights: { prefix: 0.2, fuzzy: 0.25 },
      filter: options.topic || options.kind
        ? (r) => { const d = info(String(r.id)); return !!d && (!options.topic || d.topic === options.topic) && (!options.kind || d.kind === options.kind); }
        : undefined,
    });
    const limit = options.limit ?? 20;
    // Words left out of the body scoring above still count as covered where the body holds them (checked for
    // the best results only: a lookup per word and document).
    const skipped = big && groups.length > 1 ? [...new Set(queryTerms)].filter((t) => keep(t) && !inBody(t)) : [];
    const ranked = rerank(results, groups, limit, skipped.length ? (r, rank) => {
      if (rank >= RECHECK_BEST) return [];
      const doc = mini.shortIdOf(String(r.id));
      return doc === undefined ? [] : skipped.filter((t) => mini.termFrequency(t, 2, doc) || mini.termFrequency(t, 3, doc));
    } : undefined, (r) => (this.isDrill(String(r.id)) ? DRILL_WEIGHT : 1));
    return ranked.slice(0, limit).map((r) => {
      const id = String(r.id);
      const d = this.infoOf(id);
      return { id, kind: d?.kind ?? 'question', title: d?.title ?? id, topic: d?.topic ?? '', score: r.score, snippet: snippet(this.snippetText(id), r.terms) };
    });
  }

  /**
   * The documents whose main concept is called `name` (lower case): the concept itself and its own questions.
   * Candidates hold every term of the name in their title or primary field; their concept names decide.
   */
  private exact(name: string): Set<string> | undefined {
    const terms = [...new Set(tokenize(name).flatMap((t) => processTerm(t) ?? []))];
    if (!terms.length) return undefined;
    const out = new Set<string>();
    // A question holds its main concept's names in its primary field; a concept its aliases there, its name in the title.
    const candidates = [...this.mini.documentsWithAll(terms, 1), ...this.mini.documentsWithAll(terms, 0, (id) => id.startsWith('concept:'))];
    for (const id of candidates) {
      const names = cached(this.names, id, () => (this.docs?.has(id) ? docNames(this.docs.get(id)!) : this.lookup.names(id)));
      if (names.includes(name)) out.add(id);
    }
    return out.size ? out : undefined;
  }

  private isDrill(id: string): boolean {
    const doc = this.docs?.get(id);
    return doc ? !!doc.drill : this.lookup.isDrill(id);
  }

  /** Kind, title and topic of a hit: from the documents while an update runs, else from the bank. */
  private infoOf(id: string): Pick<Doc, 'kind' | 'title' | 'topic'> | undefined {
    return this.docs?.get(id) ?? this.lookup.info(id);
  }

  private snippetText(id: string): SnippetSource {
    return cached(this.snippetTexts, id, () => snippetSource(this.docs?.get(id)?.text ?? this.lookup.text(id)));
  }

  /** @internal the documents the index holds (computed once from the indexed bank). */
  currentDocs(): Map<string, Doc> {
    this.docs ??= new Map(docsOf(this.indexedBank).map((d) => [d.id, d]));
    return this.docs;
  }

  /** @internal see BankMiniSearch.plainStep (IndexUpdate, before a big update). */
  plainStep(deadline: number, now: () => number): boolean {
    return this.mini.plainStep(deadline, now);
  }

  /** @internal one document in or out (IndexUpdate). */
  applyDoc(remove: Doc | undefined, add: Doc | undefined): void {
    const docs = this.currentDocs();
    if (remove) {
      this.mini.remove(remove);
      docs.delete(remove.id);
      this.snippetTexts.delete(remove.id);
      this.names.delete(remove.id);
    }
    if (add) {
      this.mini.add(add);
      docs.set(add.id, add);
      this.names.delete(add.id);
    }
    this.documentFrequency.clear();
    this.titleFrequency.clear();
  }

  /** @internal the update to `bank` is complete (IndexUpdate). */
  finish(bank: BankLike): void {
    this.indexedBank = bank;
    this.lookupCache = undefined;
    this.snippetTexts.clear();
    this.names.clear();
  }
}

function miniOptions() {
  const memo = new Map<string, string[] | null>();
  return {
    fields: [...FIELDS],
    tokenize,
    // The same terms as processTerm, memoised: the bank repeats its words a lot.
    processTerm: (term: string) => {
      let out = memo.get(term);
      if (out === undefined) {
        out = processTerm(term);
        memo.set(term, out);
      }
      return out;
    },
    searchOptions: { boost: BOOST, processTerm },
  };
}

function cached<K, V>(map: Map<K, V>, key: K, compute: () => V): V {
  let value = map.get(key);
  if (value === undefined) {
    value = compute();
    map.set(key, value);
  }
  return value;
}

/**
 * The serialised index was built from this document with this term processing: its four field lengths (unique
 * tokens) match, and so do the frequencies of its title terms. Cheap (a few lookups), unlike checking every term.
 */
function spotCheck(mini: BankMiniSearch, doc: Doc, shortId: number): boolean {
  const lengths = mini.fieldLengths(shortId);
  if (!FIELDS.every((field, f) => lengths?.[f] === new Set(tokenize(doc[field])).size)) return false;
  const terms = new Map<string, number>();
  for (const token of tokenize(doc.title)) for (const t of processTerm(token) ?? []) terms.set(t, (terms.get(t) ?? 0) + 1);
  return [...terms].every(([t, tf]) => mini.termFrequency(t, 0, shortId) === tf);
}
