// The small index that answers while the full one is being (re)built for a big bank: question titles and main
// concept names/aliases only (no key points, identifiers or answer text), as plain maps (no radix tree), so it
// builds about ten times faster. Same query analysis as the full index (abbreviations, typo correction,
// coverage); prefix matching for the last word; no fuzzy matching.
import type { Concept } from '../bank/types';
import { BOOST, isDrill, plain, processTerm, tokenize, type BankLike } from './documents';
import { DRILL_WEIGHT, analyze, coverage, synonymsOf, type SearchHit, type SearchOptions, type Searcher, type Vocabulary } from './query';

interface ConceptNames {
  /** Index terms of the concept's name and aliases. */
  terms: string[];
  /** Its name and aliases in lower case (a query equal to one ranks the concept's documents first). */
  keys: string[];
}

interface Entry {
  id: string;
  kind: SearchHit['kind'];
  title: string;
  topic: string;
  drill?: boolean;
}

const FIELD_BOOSTS = [BOOST.title, BOOST.primary];
// BM25 as minisearch computes it (k, b, d).
const K = 1.2;
const B = 0.7;
const D = 0.5;

export class FallbackIndex implements Searcher {
  readonly entries: Entry[] = [];
  /** Per field (title, concept names): term → document numbers, one per occurrence. */
  readonly postings: [Map<string, number[]>, Map<string, number[]>] = [new Map(), new Map()];
  readonly lengths: [number[], number[]] = [[], []];
  readonly totalLength = [0, 0];
  readonly exactNames = new Map<string, number[]>();
  readonly synonyms: Map<string, string>;
  private readonly vocabulary: Vocabulary;

  constructor(readonly bank: BankLike) {
    this.synonyms = synonymsOf(bank);
    const counts = new Map<string, number>();
    this.vocabulary = {
      has: (term) => this.postings[0].has(term) || this.postings[1].has(term),
      count: (word) => {
        let n = counts.get(word);
        if (n === undefined) counts.set(word, (n = new Set([...(this.postings[0].get(word) ?? []), ...(this.postings[1].get(word) ?? [])]).size));
        return n;
      },
    };
  }

  /** Builds it in slices: call `step(deadline, now)` until it returns true. */
  static builder(bank: BankLike): { index: FallbackIndex; step(deadline: number, now: () => number): boolean } {
    const index = new FallbackIndex(bank);
    const memo = new Map<string, string[]>();
    const terms = (text: string) => tokenize(text).flatMap((t) => {
      let out = memo.get(t);
      if (!out) memo.set(t, (out = processTerm(t) ?? []));
      return out;
    });
    // Concept names are shared by many questions: their terms and lower-case forms are worked out once.
    const named = new Map<string, ConceptNames>();
    const namesOf = (c: Concept): ConceptNames => {
      let out = named.get(c.id);
      if (!out) {
        const names = [c.name, ...c.aliases];
        named.set(c.id, (out = { terms: names.flatMap(terms), keys: names.map((n) => n.trim().toLowerCase()).filter(Boolean) }));
      }
      return out;
    };
    const concepts = new Map(bank.concepts.map((c) => [c.id, c]));
    const none: ConceptNames = { terms: [], keys: [] };
    const n = bank.questions.length;
    let i = 0;
    return {
      index,
      step(deadline, now) {
        for (; i < n + bank.concepts.length; i++) {
          if (i % 64 === 63 && now() >= deadline) return false;
          if (i < n) {
            const q = bank.questions[i];
            const main = q.concepts.map((id) => concepts.get(id)).find((c): c is Concept => !!c);
            const title = plain(q.title);
            index.add({ id: q.id, kind: 'question', title, topic: q.topic, drill: isDrill(q) }, terms(title), main ? namesOf(main) : none);
          } else {
            const c = bank.concepts[i - n];
            index.add({ id: `concept:${c.id}`, kind: 'concept', title: c.name, topic: '' }, terms(c.name), namesOf(c));
          }
        }
        return true;
      },
    };
  }

  private add(entry: Entry, titleTerms: string[], names: ConceptNames): void {
    const doc = this.entries.push(entry) - 1;
    [titleTerms, names.terms].forEach((list, f) => {
      for (const t of list) {
        const docs = this.postings[f].get(t);
        if (docs) docs.push(doc);
        else this.postings[f].set(t, [doc]);
      }
      const length = new Set(list).size;
      this.lengths[f].push(length);
      this.totalLength[f] += length;
    });
    for (const key of names.keys) {
      const list = this.exactNames.get(key);
      if (list) list.push(doc);
      else this.exactNames.set(key, [doc]);
    }
  }

  search(query: string, options: SearchOptions = {}): SearchHit[] {
    const q = query.trim();
    if (!q) return [];
    const { expanded, corrected, groups } = analyze(q, this.synonyms, this.vocabulary);
    const lower = q.toLowerCase();
    const exact = new Set(this.exactNames.get(lower) ?? this.exactNames.get(this.synonyms.get(lower) ?? '') ?? this.exactNames.get(corrected) ?? []);
    const queryTerms = [...new Set(tokenize(expanded).flatMap((t) => processTerm(t) ?? []))];
    const scores = new Map<number, { score: number; matched: Set<string> }>();
    const n = this.entries.length;
    const score = (term: string, matchedAs: string, weight: number) => {
      this.postings.forEach((map, f) => {
        const docs = map.get(term);
        if (!docs) return;
        const tf = new Map<number, number>();
        for (const d of docs) tf.set(d, (tf.get(d) ?? 0) + 1);
        const idf = Math.log(1 + (n - tf.size + 0.5) / (tf.size + 0.5));
        const avg = this.totalLength[f] / n || 1;
        for (const [d, freq] of tf) {
          const s = weight * FIELD_BOOSTS[f] * idf * (D + (freq * (K + 1)) / (freq + K * (1 - B + (B * this.lengths[f][d]) / avg)));
          const hit = scores.get(d) ?? { score: 0, matched: new Set<string>() };
          hit.score += s;
          hit.matched.add(matchedAs);
          scores.set(d, hit);
        }
      });
    };
    queryTerms.forEach((term, i) => {
      score(term, term, 1);
      if (i === queryTerms.length - 1 && term.length > 2) {
        const seen = new Set<string>([term]);
        for (const map of this.postings) {
          for (const key of map.keys()) {
            if (seen.has(key) || !key.startsWith(term)) continue;
            seen.add(key);
            score(key, term, (0.2 * term.length) / key.length);
          }
        }
      }
    });
    const hits: Array<{ doc: number; score: number; matched: Set<string> }> = [];
    for (const [doc, hit] of scores) {
      const e = this.entries[doc];
      if ((options.topic && e.topic !== options.topic) || (options.kind && e.kind !== options.kind)) continue;
      let s = hit.score * (exact.has(doc) ? 3 : 1) * (e.drill ? DRILL_WEIGHT : 1);
      if (groups.length > 1) s *= coverage(groups.filter((g) => [...g].some((t) => hit.matched.has(t))).length, groups.length);
      hits.push({ doc, score: s, matched: hit.matched });
    }
    hits.sort((a, b) => b.score - a.score);
    return hits.slice(0, options.limit ?? 20).map(({ doc, score }) => {
      const { id, kind, title, topic } = this.entries[doc];
      return { id, kind, title, topic, score, snippet: '' };
    });
  }
}
