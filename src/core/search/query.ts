// Query analysis shared by the full index and the fallback: abbreviations expanded (bn → batch normalization),
// typos corrected towards words the bank uses ("adma" → "adam"), and the query's content words grouped so a
// result can be ranked by how much of the query it covers.
import type { BankLike } from './documents';
import { processTerm, tokenize } from './documents';
import { normalizeWord } from '../glossary/normalize';
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

export interface SearchOptions {
  limit?: number;
  topic?: string;
  kind?: 'question' | 'concept';
}

/** What answers a query: the full index, or the fallback while the full index is being rebuilt. */
export interface Searcher {
  search(query: string, options?: SearchOptions): SearchHit[];
}

export interface Vocabulary {
  /** The bank holds this index term. */
  has(term: string): boolean;
  /** How many documents use this word in a title or concept field (typo corrections go to frequent words). */
  count(word: string): number;
}

export interface Analysis {
  expanded: string;
  corrected: string;
  /** Per content word of the query: the terms that count as matching it (itself, its expansion or correction). */
  groups: Set<string>[];
  /** Terms the query was widened with that count less than the words typed (other forms of a word). */
  weights: Map<string, number>;
  /** Words typed that are not in the bank and were corrected to one that is (normalised). */
  fixed: Set<string>;
}

/** Weight of a cloze note against the questions: a drill on one fact, found after the explanation it drills. */
export const DRILL_WEIGHT = 0.25;

/** Weight of another form of a query word ("tuning" for "tune"): a hint, not a match of what was typed. */
const VARIANT_WEIGHT = 0.5;

/** The built-in abbreviations plus every short glossary alias (e.g. "BN" for batch normalization). */
export function synonymsOf(bank: Pick<BankLike, 'concepts'>): Map<string, string> {
  const synonyms = new Map(SYNONYMS);
  for (const c of bank.concepts) {
    for (const alias of c.aliases) {
      const key = alias.toLowerCase();
      if (/^[a-z0-9]{2,6}$/.test(key) && !synonyms.has(key)) synonyms.set(key, c.name.toLowerCase());
    }
  }
  return synonyms;
}

/**
 * Per query word: its abbreviation expansion or, for a word the bank does not contain, the bank words one
 * edit away ("dropuot" → "dropout", "adma" → "adam").
 */
export function analyze(query: string, synonyms: ReadonlyMap<string, string>, vocabulary: Vocabulary): Analysis {
  const words = query.trim().split(/\s+/).filter(Boolean);
  const extra: string[] = [];
  const corrected: string[] = [];
  const groups: Set<string>[] = [];
  const weights = new Map<string, number>();
  const fixed = new Set<string>();
  for (const word of words) {
    const lower = word.toLowerCase();
    const group = new Set<string>();
    for (const t of tokenize(word)) for (const p of processTerm(t) ?? []) group.add(p);
    const synonym = synonyms.get(lower);
    let fix: string | undefined;
    if (synonym) extra.push(synonym);
    // Stop words ("what", "with", "does") are not indexed, so they look unknown: never "correct" them ("what" → "chat").
    else if (group.size && lower.length > 3 && /^[a-z]+$/.test(lower) && !vocabulary.has(normalizeWord(lower))) fix = correct(normalizeWord(lower), vocabulary);
    if (fix) {
      extra.push(fix);
      fixed.add(normalizeWord(lower));
    }
    corrected.push(fix ?? lower);
    for (const w of [synonym, fix]) if (w) for (const t of tokenize(w)) for (const p of processTerm(t) ?? []) group.add(p);
    // Abbreviations of the same words find each other ("convnet" finds "CNN").
    if (synonym?.includes(' ')) for (const other of sameExpansion(synonyms, synonym)) if (other !== lower && vocabulary.has(other)) {
      extra.push(other);
      group.add(other);
    }
    // Other forms of the word that titles or concept names use ("compute" finds "computation", "tune" finds "tuned").
    const base = fix ?? (group.size === 1 && /^[a-z]{4,}$/.test(lower) ? normalizeWord(lower) : undefined);
    if (base) for (const form of wordForms(base)) if (!group.has(form) && vocabulary.has(form) && vocabulary.count(form) > 0) {
      extra.push(form);
      group.add(form);
      weights.set(form, VARIANT_WEIGHT);
    }
    if (group.size) groups.push(group);
  }
  return { expanded: [...words, ...extra].join(' '), corrected: corrected.join(' '), groups, weights, fixed };
}

const reverse = new WeakMap<ReadonlyMap<string, string>, Map<string, string[]>>();

/** The abbreviations whose expansion is `expansion`. */
function sameExpansion(synonyms: ReadonlyMap<string, string>, expansion: string): string[] {
  let byExpansion = reverse.get(synonyms);
  if (!byExpansion) {
    byExpansion = new Map();
    for (const [key, value] of synonyms) byExpansion.set(value, [...(byExpansion.get(value) ?? []), key]);
    reverse.set(synonyms, byExpansion);
  }
  return byExpansion.get(expansion) ?? [];
}

/** Endings that turn a verb into its other forms and its noun (the bank's terms are already singular). */
const ENDINGS = ['ization', 'ation', 'ion', 'ing', 'ize', 'ized', 'ed'];

/** Other forms of a word: its ending removed (with a final e or a doubled consonant restored) and others added. */
export function wordForms(word: string): Set<string> {
  const stems = new Set<string>([word]);
  for (const ending of ENDINGS) {
    if (!word.endsWith(ending) || word.length - ending.length < 4) continue;
    const stem = word.slice(0, -ending.length);
    stems.add(stem);
    stems.add(`${stem}e`);
    if (/([b-df-hj-np-tv-z])\1$/.test(stem)) stems.add(stem.slice(0, -1));
  }
  const forms = new Set<string>();
  for (const stem of stems) {
    forms.add(stem);
    const bare = stem.endsWith('e') ? stem.slice(0, -1) : stem;
    for (const ending of ENDINGS) forms.add(bare + ending);
  }
  forms.delete(word);
  return forms;
}

/** The most frequent title/concept word one edit (insert, delete, replace, swap) away, if any. */
function correct(word: string, vocabulary: Vocabulary): string | undefined {
  let best: string | undefined;
  let bestCount = 0;
  for (const candidate of editsOne(word)) {
    if (candidate.length < 4 || !vocabulary.has(candidate)) continue;
    const count = vocabulary.count(candidate);
    if (count > bestCount) {
      best = candidate;
      bestCount = count;
    }
  }
  return best;
}

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

/** Score multiplier for covering `covered` of the query's `total` content words. */
export function coverage(covered: number, total: number): number {
  return (covered / total) ** COVERAGE_EXPONENT;
}

/** A minisearch result, as far as ranking needs it. */
interface Ranked {
  score: number;
  queryTerms: string[];
  match: Record<string, string[]>;
}

/**
 * The best `limit` results, reranked. For a multi-word query, results that match more of the query's words come
 * first ("batch norm before or after relu" is about batch norm placement, not about ReLU alone), and a title that
 * says all of it is the best sign ("query key value attention" is the question titled "What are queries, keys and
 * values?", not the one on attention in general). `alsoMatched` adds words a result holds but was not scored on;
 * `weight` (at most 1) lowers some results whatever the query (cloze notes below the questions they drill).
 */
export function rerank<R extends Ranked>(results: R[], groups: Set<string>[], limit: number, alsoMatched?: (r: R, rank: number) => string[], weight?: (r: R) => number): R[] {
  const multi = groups.length > 1;
  if (!multi && !weight) return results.slice(0, limit);
  // The factors only lower a score or raise it at most (1 + TITLE_BONUS)-fold, and minisearch sorts by score:
  // once a score so raised cannot reach the limit-th best, no later result can either.
  const most = multi ? 1 + TITLE_BONUS : 1;
  const ranked: R[] = [];
  const best: number[] = [];
  for (const [rank, r] of results.entries()) {
    if (best.length >= limit && r.score * most < best[limit - 1]) break;
    if (multi) {
      const matched = alsoMatched ? [...r.queryTerms, ...alsoMatched(r, rank)] : r.queryTerms;
      let covered = 0;
      for (const g of groups) if (matched.some((t) => g.has(t))) covered++;
      r.score *= coverage(covered, groups.length) * (1 + TITLE_BONUS * (titleCoverage(r.match, groups) / groups.length) ** 2);
    }
    if (weight) r.score *= weight(r);
    ranked.push(r);
    best.splice(sortedIndex(best, r.score), 0, r.score);
    if (best.length > limit) best.pop();
  }
  return ranked.sort((a, b) => b.score - a.score).slice(0, limit);
}

/** Extra weight of a result whose title holds every word of the query (see search()). */
const TITLE_BONUS = 1;

/** How many of the query's word groups a result matched in its title (a prefix match counts for the last word). */
function titleCoverage(match: Record<string, string[]>, groups: Set<string>[]): number {
  let covered = 0;
  for (const g of groups) {
    for (const term in match) {
      if (!match[term].includes('title')) continue;
      let hit = g.has(term);
      if (!hit) for (const t of g) if (term.startsWith(t)) hit = true;
      if (hit) {
        covered++;
        break;
      }
    }
  }
  return covered;
}

/** Where `score` goes in `sorted` (descending). */
function sortedIndex(sorted: readonly number[], score: number): number {
  let i = 0;
  while (i < sorted.length && sorted[i] >= score) i++;
  return i;
}

/** How strongly partial matches are demoted: score × (covered words / query words)^COVERAGE_EXPONENT. */
const COVERAGE_EXPONENT = 1;

/** The text a snippet is cut from, with Markdown marks and code blocks left out, and its lower-case form. */
export interface SnippetSource {
  plain: string;
  lower: string;
}

export function snippetSource(text: string): SnippetSource {
  const plain = text.replace(/```[\s\S]*?```/g, ' ').replace(/[`*_#>$]/g, '').replace(/\s+/g, ' ');
  return { plain, lower: plain.toLowerCase() };
}

/** A few words of the text around the first of `terms` it holds. */
export function snippet({ plain, lower }: SnippetSource, terms: string[]): string {
  let at = -1;
  for (const t of terms) {
    at = lower.indexOf(t.toLowerCase());
    if (at >= 0) break;
  }
  const start = Math.max(0, at - 30);
  const cut = plain.slice(start, start + 110).trim();
  return `${start > 0 ? '…' : ''}${cut}${start + 110 < plain.length ? '…' : ''}`;
}
