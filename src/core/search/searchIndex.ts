// Full-text search over questions and concepts with minisearch. Identifiers are indexed whole and in
// parts (BatchNorm2d → batchnorm2d, batch, norm), abbreviations are expanded (bn → batch normalization),
// and typos are forgiven by fuzzy matching. Build cost grows linearly; it never runs on activation.
import MiniSearch from 'minisearch';
import type { Bank, Concept, Question } from '../bank/types';
import { identifierParts } from '../glossary/normalize';
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
  'which', 'does', 'do', 'it', 'its', 'with', 'by', 'be', 'as', 'at', 'from', 'that', 'this', 'vs', 'versus', 'between', 'difference', 'explain']);

export function tokenize(text: string): string[] {
  return text.split(/[^A-Za-z0-9_.]+/).flatMap((t) => t.split(/\.(?=[A-Za-z_])|\.$/)).filter(Boolean);
}

export function processTerm(term: string): string[] | null {
  const lower = term.toLowerCase();
  if (STOP.has(lower) || !lower) return null;
  const parts = identifierParts(term);
  const out = new Set<string>([lower.replace(/_+$/, '') || lower]);
  if (parts.length > 1 || /\d/.test(term)) for (const p of parts) if (!STOP.has(p)) out.add(p);
  return [...out];
}

export class SearchIndex {
  private readonly mini: MiniSearch<Doc>;
  private readonly synonyms: Map<string, string>;
  readonly size: number;

  constructor(bank: Pick<Bank, 'questions' | 'concepts' | 'topics'>) {
    this.mini = new MiniSearch<Doc>({
      fields: ['title', 'primary', 'terms', 'text'],
      storeFields: ['kind', 'title', 'topic'],
      tokenize,
      processTerm,
      searchOptions: { boost: { title: 4, primary: 5, terms: 2, text: 1 } },
    });
    const concepts = new Map(bank.concepts.map((c) => [c.id, c]));
    const topicTitle = new Map(bank.topics.map((t) => [t.id, t.title]));
    const docs: Doc[] = [
      ...bank.questions.map((q) => questionDoc(q, concepts, topicTitle.get(q.topic) ?? q.topic)),
      ...bank.concepts.map((c) => conceptDoc(c)),
    ];
    this.mini.addAll(docs);
    this.size = docs.length;
    for (const d of docs) for (const t of tokenize(`${d.title} ${d.primary} ${d.terms}`)) for (const p of processTerm(t) ?? []) this.vocabulary.add(p);
    this.texts = new Map(docs.map((d) => [d.id, d.text]));
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
  /** Main concept name and aliases (lower case) → ids of the docs they are the main concept of. */
  private readonly exactNames = new Map<string, Set<string>>();
  /** Title and concept terms, for transposition typos ("adma" → "adam") that edit distance 1 misses. */
  private readonly vocabulary = new Set<string>();

  /** Expands abbreviations; the original words stay in the query. */
  expand(query: string): string {
    const words = query.trim().split(/\s+/);
    const extra: string[] = [];
    for (const word of words) {
      const lower = word.toLowerCase();
      const synonym = this.synonyms.get(lower);
      if (synonym) extra.push(synonym);
      else if (lower.length > 3 && !this.vocabulary.has(lower)) extra.push(...transpositions(lower).filter((t) => this.vocabulary.has(t)));
    }
    return [...words, ...extra].join(' ');
  }

  search(query: string, options: { limit?: number; topic?: string; kind?: 'question' | 'concept' } = {}): SearchHit[] {
    const q = query.trim();
    if (!q) return [];
    // A query that is exactly a concept's name (or its abbreviation) ranks that concept's own questions first.
    const lower = q.toLowerCase();
    const exact = this.exactNames.get(lower) ?? this.exactNames.get(this.synonyms.get(lower) ?? '') ?? this.exactNames.get(this.expand(lower).split(' ').slice(1).join(' '));
    const results = this.mini.search(this.expand(q), {
      boostDocument: exact ? (id) => (exact.has(String(id)) ? 3 : 1) : undefined,
      prefix: (term, i, terms) => i === terms.length - 1 || term.length > 4,
      fuzzy: (term) => (term.length > 3 ? 0.25 : false),
      weights: { prefix: 0.2, fuzzy: 0.25 },
      filter: (r) => (!options.topic || r.topic === options.topic) && (!options.kind || r.kind === options.kind),
    });
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

function transpositions(word: string): string[] {
  const out: string[] = [];
  for (let i = 0; i + 1 < word.length; i++) out.push(word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2));
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
    terms: [topic, ...others.flatMap((c) => [c.name, ...c.aliases]), ...(q.keyPoints ?? [])].join(' \n '),
    text: q.answer,
  };
}

function conceptDoc(c: Concept): Doc {
  return {
    id: `concept:${c.id}`,
    kind: 'concept',
    title: c.name,
    topic: '',
    primary: c.aliases.join(' \n '),
    terms: [...c.apis.map((a) => a.id), ...c.kwargs.map((k) => k.split('@')[0])].join(' \n '),
    text: c.definition,
  };
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
