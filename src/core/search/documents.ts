// What the search index holds: one document per question and per concept, their fields, and how text becomes
// index terms. Identifiers are indexed whole and in parts (BatchNorm2d → batchnorm2d, batch, norm), plurals are
// folded. The build step, the runtime and the fallback index all use these functions, so a serialised index
// and one built at runtime hold the same terms.
import type { Bank, Concept, Question } from '../bank/types';
import { identifierParts, normalizeWord } from '../glossary/normalize';
import { clozeToPlain } from '../bank/cloze';

export type BankLike = Pick<Bank, 'questions' | 'concepts' | 'topics'>;

export interface Doc {
  id: string;
  kind: 'question' | 'concept';
  title: string;
  topic: string;
  /** Name and aliases of the main concept: a query naming it should find its own question first. */
  primary: string;
  terms: string;
  text: string;
  /** A cloze note: a drill on what a question explains (ranked below it). */
  drill?: true;
}

/** Indexed fields, in minisearch field-id order (0 … 3); the serialised index depends on this order. */
export const FIELDS = ['title', 'primary', 'terms', 'text'] as const;
export const BOOST = { title: 4, primary: 5, terms: 2, text: 1 };

const STOP = new Set(['a', 'an', 'the', 'is', 'are', 'of', 'to', 'in', 'on', 'for', 'and', 'or', 'what', 'how', 'why', 'when',
  'which', 'does', 'do', 'it', 'its', 'with', 'by', 'be', 'as', 'at', 'from', 'that', 'this', 'vs', 'versus', 'between', 'difference', 'explain',
  // Question scaffolding learners type around the topic ("should i use sgd or adam").
  'i', 'me', 'my', 'we', 'you', 'your', 'should', 'can', 'could', 'would', 'will', 'there', 'their', 'they', 'them', 'use', 'using', 'used',
  'get', 'getting', 'need', 'want', 'instead', 'some', 'any', 'way', 'ways', 'mean', 'means', 'meaning', 'whats', 'work', 'works', 'did', 'was']);

/** Words and identifiers: runs of letters, digits, `_` and `.`, split at a dot before a letter or at the end. */
export function tokenize(text: string): string[] {
  const out: string[] = [];
  for (const piece of text.split(/[^A-Za-z0-9_.]+/)) {
    if (!piece) continue;
    // Most words hold no dot: one split for the whole text, a second only for `torch.nn.Dropout`-like pieces.
    if (!piece.includes('.')) out.push(piece);
    else for (const part of piece.split(/\.(?=[A-Za-z_])|\.$/)) if (part) out.push(part);
  }
  return out;
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

/** Every question, then every concept (`concept:<id>`): the order a fresh index assigns its internal ids in. */
export function docsOf(bank: BankLike): Doc[] {
  const docs = new DocBuilder(bank);
  return Array.from({ length: docs.count }, (_, i) => docs.at(i));
}

/** The documents of a bank one at a time (an update computes them in slices). */
export class DocBuilder {
  private readonly concepts: Map<string, Concept>;
  private readonly topicTitle: Map<string, string>;
  /** Per concept, the joined name and aliases and the joined identifiers: shared by all its questions. */
  private readonly joined = new Map<Concept, { names: string; identifiers: string }>();
  readonly count: number;

  constructor(private readonly bank: BankLike) {
    this.concepts = new Map(bank.concepts.map((c) => [c.id, c]));
    this.topicTitle = new Map(bank.topics.map((t) => [t.id, t.title]));
    this.count = bank.questions.length + bank.concepts.length;
  }

  /** Document i in docsOf order. */
  at(i: number): Doc {
    const n = this.bank.questions.length;
    if (i >= n) return conceptDoc(this.bank.concepts[i - n]);
    const q = this.bank.questions[i];
    return this.questionDoc(q, this.topicTitle.get(q.topic) ?? q.topic);
  }

  private parts(c: Concept): { names: string; identifiers: string } {
    let out = this.joined.get(c);
    if (!out) this.joined.set(c, (out = { names: [c.name, ...c.aliases].join(SEPARATOR), identifiers: identifiers(c).join(SEPARATOR) }));
    return out;
  }

  private questionDoc(q: Question, topic: string): Doc {
    const [main, ...others] = q.concepts.map((id) => this.concepts.get(id)).filter((c): c is Concept => !!c);
    const mainParts = main && this.parts(main);
    return {
      id: q.id,
      kind: 'question',
      title: plain(q.title),
      topic: q.topic,
      primary: mainParts?.names ?? '',
      // The main concept's identifiers too (`prenorm`, `label_smoothing`), so a query naming one finds the question.
      terms: [topic, ...others.map((c) => this.parts(c).names), ...(q.keyPoints ?? []).map(plain), ...(mainParts?.identifiers ? [mainParts.identifiers] : [])].join(SEPARATOR),
      // Only the answer's opening is indexed: it names what the answer is about, and indexing whole answers made
      // common words match thousands of documents at 10k questions (slow builds and queries, no better ranking).
      text: questionLead(q),
      ...(isDrill(q) ? { drill: true as const } : {}),
    };
  }
}

/** A cloze note (its title holds `{{c1::…}}` deletions). */
export function isDrill(q: Pick<Question, 'title'>): boolean {
  return q.title.includes('{{c');
}

/** Text with cloze deletions shown, as the tree and the reader show it. */
export function plain(text: string): string {
  return text.includes('{{c') ? clozeToPlain(text) : text;
}

const SEPARATOR = ' \n ';

export function docIdsOf(bank: BankLike): string[] {
  return [...bank.questions.map((q) => q.id), ...bank.concepts.map((c) => `concept:${c.id}`)];
}

const LEAD_WORDS = 60;

/** The indexed opening of an answer (also the text search snippets are cut from): its first words, code left out. */
export function questionLead(q: Pick<Question, 'answer'>): string {
  // The first few thousand characters nearly always hold the words; a code block cut open at the end is dropped.
  // With more than LEAD_WORDS words in the cut, the last (maybe cut) word is not among them: the same lead.
  if (q.answer.length > LEAD_SCAN) {
    let head = q.answer.slice(0, LEAD_SCAN);
    if ((head.match(/```/g)?.length ?? 0) % 2) head = head.slice(0, head.lastIndexOf('```'));
    const words = head.replace(/```[\s\S]*?```/g, ' ').split(/\s+/, LEAD_WORDS + 1);
    if (words.length > LEAD_WORDS) return words.slice(0, LEAD_WORDS).join(' ');
  }
  return q.answer.replace(/```[\s\S]*?```/g, ' ').split(/\s+/, LEAD_WORDS).join(' ');
}

const LEAD_SCAN = 3000;

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

/** Same content, field by field (decides whether a bank change touches a document). */
export function sameDoc(a: Doc, b: Doc): boolean {
  return a.title === b.title && a.primary === b.primary && a.terms === b.terms && a.text === b.text && a.topic === b.topic && a.kind === b.kind && a.drill === b.drill;
}
