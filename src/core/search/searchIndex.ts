// Full-text search over questions and concepts with minisearch. Identifiers are indexed whole and in
// parts (BatchNorm2d → batchnorm2d, batch, norm), abbreviations are expanded (bn → batch normalization),
// and typos are forgiven by fuzzy matching. Build cost grows linearly; it never runs on activation.
import MiniSearch from 'minisearch';
import type { Bank, Concept, Question } from '../bank/types';
import { identifierParts, normalizeWord } from '../glossary/normalize';
import { SYNONYMS } from './synonyms';

export interface SearchHit {
  id: string;
  kind: 'question' | 'concept';
  title: string;
  topic: string;
  score: number;
  /** A few words of the matched text around the first query term. */
  snippet: string;
}

interface Doc {
  id: string;
  kind: 'question' | 'concept';
  title: string;
  topic: string;
  /** Name and aliases of the main concept: a query naming it should find its own question first. */
  primary: string;
  terms: string;
  text: string;
}

const STOP = new Set(['a', 'an', 'the', 'is', 'are', 'of', 'to', 'in', 'on', 'for', 'and', 'or', 'what', 'how', 'why', 'when',
  'which', 'does', 'do', 'it', 'its', 'with', 'by', 'be', 'as', 'at', 'from', 'that', 'this', 'vs', 'versus', 'between', 'difference', 'explain',
  // Question scaffolding learners type around the topic ("should i use sgd or adam").
  'i', 'me', 'my', 'we', 'you', 'your', 'should', 'can', 'could', 'would', 'will', 'there', 'their', 'they', 'them', 'use', 'using', 'used',
  'get', 'getting', 'need', 'want', 'instead', 'some', 'any', 'way', 'ways', 'mean', 'means', 'meaning', 'whats', 'work', 'works', 'did', 'was']);

export function tokenize(text: string): string[] {
  return text.split(/[^A-Za-z0-9_.]+/).flatMap((t) => t.split(/\.(?=[A-Za-z_])|\.$/)).filter(Boolean);
}

/** Index and query terms: lower case, simple plurals folded ("gradients" → "gradient"), identifiers also split. */
export function processTerm(term: string): string[] | null {
  const lower = term.toLowerCase();
  if (STOP.has(lower) || !lower) return null;
  if (/^[a-z]+$/.test(term)) return [normalizeWord(term)]; // plain words, most of the text: the fast path
  const parts = identifierParts(term);
  const whole = lower.replace(/_+$/, '') || lower;
  const out = new Set<string>([/^[a-z]+$/.test(whole) ? normalizeWord(whole) : whole]);
  if (parts.length > 1 || /\d/.test(term)) for (const p of parts) if (!STOP.has(p)) out.add(normalizeWord(p));
  return [...out];
}

export class SearchIndex {
  private readonly mini: MiniSearch<Doc>;
  private readonly synonyms: Map<string, string>;
  readonly size: number;

  constructor(bank: Pick<Bank, 'questions' | 'concepts' | 'topics'>) {
    const indexed = this.indexed;
    const memo = new Map<string, string[] | null>();
    this.mini = new MiniSearch<Doc>({
      fields: ['title', 'primary', 'terms', 'text'],
      storeFields: ['kind', 'title', 'topic'],
      tokenize,
      // Records every indexed term, so a query word found as is skips the costly fuzzy and prefix search.
      processTerm: (term) => {
        let out = memo.get(term);
        if (out === undefined) {
          out = processTerm(term);
          memo.set(term, out);
          if (out) for (const t of out) indexed.add(t);
        }
        return out;
      },
      searchOptions: { boost: { title: 4, primary: 5, terms: 2, text: 1 }, processTerm },
    });
    const concepts = new Map(bank.concepts.map((c) => [c.id, c]));
    const topicTitle = new Map(bank.topics.map((t) => [t.id, t.title]));
    const docs: Doc[] = [
      ...bank.questions.map((q) => questionDoc(q, concepts, topicTitle.get(q.topic) ?? q.topic)),
      ...bank.concepts.map((c) => conceptDoc(c)),
    ];
    this.mini.addAll(docs);
    this.size = docs.length;
    this.texts = new Map(docs.map((d) => [d.id, d.text]));
    // One more pass over the tokens, reusing the index's memo: title/concept words for typo correction, and in
    // big banks each term's document frequency for query pruning (see search()).
    const termsOf = (text: string) => tokenize(text).flatMap((t) => (memo.has(t) ? memo.get(t) : processTerm(t)) ?? []);
    const countFrequency = this.size >= PRUNE_FROM_DOCS;
    for (const d of docs) {
      const words = new Set(termsOf(`${d.title} ${d.primary} ${d.terms}`));
      for (const w of words) if (/^[a-z]{4,}$/.test(w)) this.vocabulary.set(w, (this.vocabulary.get(w) ?? 0) + 1);
      if (!countFrequency) continue;
      for (const t of termsOf(d.text)) words.add(t);
      for (const t of words) this.documentFrequency.set(t, (this.documentFrequency.get(t) ?? 0) + 1);
    }
    for (const d of docs) {
      for (const name of d.primary.split(' \n ').concat(d.kind === 'concept' ? [d.title] : [])) {
        const key = name.trim().toLowerCase();
        if (!key) continue;
        const set = this.exactNames.get(key) ?? new Set<string>();
        set.add(d.id);
        this.exactNames.set(key, set);
      }
    }
    this.synonyms = new Map(SYNONYMS);
    for (const c of bank.concepts) {
      for (const alias of c.aliases) {
        const key = alias.toLowerCase();
        if (/^[a-z0-9]{2,6}$/.test(key) && !this.synonyms.has(key)) this.synonyms.set(key, c.name.toLowerCase());
      }
    }
  }

  private readonly texts: Map<string, string>;
  /** Term → number of documents containing it: words in most documents are dropped from queries that have rarer words. */
  private readonly documentFrequency = new Map<string, number>();
  /** Every term in the index (after processTerm). */
  private readonly indexed = new Set<string>();
  /** Main concept name and aliases (lower case) → ids of the docs they are the main concept of. */
  private readonly exactNames = new Map<string, Set<string>>();
  /** Title and concept words → how many docs use them, to correct typos ("adma" → "adam") towards common words. */
  private readonly vocabulary = new Map<string, number>();

  /** Expands abbreviations; the original words stay in the query. */
  expand(query: string): string {
    return this.analyze(query).expanded;
  }

  /**
   * Per query word: its abbreviation expansion or, for a word the bank does not contain, the bank words one
   * edit away ("dropuot" → "dropout", "adma" → "adam"). `groups` holds each content word's terms, to measure
   * how much of the query a result covers; `corrected` is the query with its typos fixed.
   */
  private analyze(query: string): { expanded: string; corrected: string; groups: Set<string>[] } {
    const words = query.trim().split(/\s+/).filter(Boolean);
    const extra: string[] = [];
    const corrected: string[] = [];
    const groups: Set<string>[] = [];
    for (const word of words) {
      const lower = word.toLowerCase();
      const group = new Set<string>();
      for (const t of tokenize(word)) for (const p of processTerm(t) ?? []) group.add(p);
      const synonym = this.synonyms.get(lower);
      let fix: string | undefined;
      if (synonym) extra.push(synonym);
      else if (lower.length > 3 && /^[a-z]+$/.test(lower) && !this.indexed.has(normalizeWord(lower))) fix = this.correct(normalizeWord(lower));
      if (fix) extra.push(fix);
      corrected.push(fix ?? lower);
      for (const w of [synonym, fix]) if (w) for (const t of tokenize(w)) for (const p of processTerm(t) ?? []) group.add(p);
      if (group.size) groups.push(group);
    }
    return { expanded: [...words, ...extra].join(' '), corrected: corrected.join(' '), groups };
  }

  /** The most frequent title/concept word one edit (insert, delete, replace, swap) away, if any. */
  private correct(word: string): string | undefined {
    let best: string | undefined;
    let bestCount = 0;
    for (const candidate of editsOne(word)) {
      const count = this.vocabulary.get(candidate) ?? 0;
      if (count > bestCount) {
        best = candidate;
        bestCount = count;
      }
    }
    return best;
  }

  search(query: string, options: { limit?: number; topic?: string; kind?: 'question' | 'concept' } = {}): SearchHit[] {
    const q = query.trim();
    if (!q) return [];
    const { expanded, corrected, groups } = this.analyze(q);
    // A query that is exactly a concept's name (or its abbreviation, or a typo of it) ranks that concept's own questions first.
    const lower = q.toLowerCase();
    const exact = this.exactNames.get(lower) ?? this.exactNames.get(this.synonyms.get(lower) ?? '') ?? this.exactNames.get(corrected);
    const indexed = this.indexed;
    // In a big bank, words found in a large share of it ("training", "loss", "layer") make a query score most
    // documents while barely changing the ranking; with a rarer word present they are left out. Small banks
    // keep every word (at the bundled size that costs well under a millisecond and ranks better).
    const commonAbove = this.size * COMMON_SHARE;
    const isCommon = (t: string) => (this.documentFrequency.get(t) ?? 0) > commonAbove;
    const queryTerms = this.size >= PRUNE_FROM_DOCS ? tokenize(expanded).flatMap((t) => processTerm(t) ?? []) : [];
    const prune = queryTerms.some((t) => !isCommon(t)) && queryTerms.some(isCommon);
    const results = this.mini.search(expanded, {
      ...(prune ? { processTerm: (term: string) => processTerm(term)?.filter((t) => !isCommon(t)) ?? null } : {}),
      boostDocument: exact ? (id) => (exact.has(String(id)) ? 3 : 1) : undefined,
      // Words the index holds need neither prefix nor fuzzy expansion; that keeps queries fast.
      prefix: (term, i, terms) => (i === terms.length - 1 && term.length > 2) || (term.length > 4 && !indexed.has(term)),
      fuzzy: (term) => (term.length > 3 && !indexed.has(term) ? 0.25 : false),
      maxFuzzy: 2,
      weights: { prefix: 0.2, fuzzy: 0.25 },
      filter: (r) => (!options.topic || r.topic === options.topic) && (!options.kind || r.kind === options.kind),
    });
    // Results that match more of the query's words come first: "batch norm before or after relu" is about
    // batch norm placement, not about ReLU alone.
    if (groups.length > 1) {
      for (const r of results) {
        const matched = new Set(r.queryTerms);
        const covered = groups.filter((g) => [...g].some((t) => matched.has(t))).length;
        r.score *= (covered / groups.length) ** COVERAGE_EXPONENT;
      }
      results.sort((a, b) => b.score - a.score);
    }
    return results.slice(0, options.limit ?? 20).map((r) => ({
      id: String(r.id),
      kind: r.kind as SearchHit['kind'],
      title: r.title as string,
      topic: r.topic as string,
      score: r.score,
      snippet: snippet(this.texts.get(String(r.id)) ?? '', r.terms),
    }));
  }
}

/** Share of documents above which a query word counts as common (see search()). */
const COMMON_SHARE = 0.15;
/** Bank size (questions + concepts) from which common query words are pruned. */
const PRUNE_FROM_DOCS = 2000;

/** How strongly partial matches are demoted: score × (covered words / query words)^COVERAGE_EXPONENT. */
const COVERAGE_EXPONENT = 1;

function editsOne(word: string): Set<string> {
  const letters = 'abcdefghijklmnopqrstuvwxyz';
  const out = new Set<string>();
  for (let i = 0; i <= word.length; i++) {
    const head = word.slice(0, i);
    const tail = word.slice(i);
    if (tail) out.add(head + tail.slice(1));
    if (tail.length > 1) out.add(head + tail[1] + tail[0] + tail.slice(2));
    for (const c of letters) {
      out.add(head + c + tail);
      if (tail) out.add(head + c + tail.slice(1));
    }
  }
  out.delete(word);
  return out;
}

function questionDoc(q: Question, concepts: Map<string, Concept>, topic: string): Doc {
  const [main, ...others] = q.concepts.map((id) => concepts.get(id)).filter((c): c is Concept => !!c);
  return {
    id: q.id,
    kind: 'question',
    title: q.title,
    topic: q.topic,
    primary: main ? [main.name, ...main.aliases].join(' \n ') : '',
    // The main concept's identifiers too (`prenorm`, `label_smoothing`), so a query naming one finds the question.
    terms: [topic, ...others.flatMap((c) => [c.name, ...c.aliases]), ...(q.keyPoints ?? []), ...(main ? identifiers(main) : [])].join(' \n '),
    // Only the answer's opening is indexed: it names what the answer is about, and indexing whole answers made
    // common words match thousands of documents at 10k questions (slow builds and queries, no better ranking).
    text: lead(q.answer, LEAD_WORDS),
  };
}

const LEAD_WORDS = 60;

function lead(markdown: string, words: number): string {
  return markdown.replace(/```[\s\S]*?```/g, ' ').split(/\s+/, words).join(' ');
}

function conceptDoc(c: Concept): Doc {
  return {
    id: `concept:${c.id}`,
    kind: 'concept',
    title: c.name,
    topic: '',
    primary: c.aliases.join(' \n '),
    terms: identifiers(c).join(' \n '),
    text: c.definition,
  };
}

/** API ids, keyword and conventional names of a concept (name patterns such as `val_*` left out). */
function identifiers(c: Concept): string[] {
  return [...new Set([...c.apis.map((a) => a.id), ...c.kwargs.map((k) => k.split('@')[0]), ...c.names.filter((n) => !n.includes('*'))])];
}

function snippet(text: string, terms: string[]): string {
  const plain = text.replace(/```[\s\S]*?```/g, ' ').replace(/[`*_#>$]/g, '').replace(/\s+/g, ' ');
  const lower = plain.toLowerCase();
  let at = -1;
  for (const t of terms) {
    at = lower.indexOf(t.toLowerCase());
    if (at >= 0) break;
  }
  const start = Math.max(0, at - 30);
  const cut = plain.slice(start, start + 110).trim();
  return `${start > 0 ? '…' : ''}${cut}${start + 110 < plain.length ? '…' : ''}`;
}
