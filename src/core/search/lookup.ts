// What a query needs of the bank besides the index: abbreviations (built on the first query, ~1 ms), the names of
// a document's main concept (a query that is exactly one of them ranks the document first; the index finds the
// candidates, see SearchIndex.exact) and what a hit shows. Questions and concepts are looked up by id on demand.
import type { Concept, Question } from '../bank/types';
import { isDrill, plain, questionLead, type BankLike, type Doc } from './documents';
import { synonymsOf } from './query';

export class BankLookup {
  readonly synonyms: Map<string, string>;
  private items: Map<string, Question | Concept> | undefined;

  constructor(private readonly bank: BankLike) {
    this.synonyms = synonymsOf(bank);
  }

  private item(id: string): Question | Concept | undefined {
    if (!this.items) {
      this.items = new Map<string, Question | Concept>();
      for (const q of this.bank.questions) this.items.set(q.id, q);
      for (const c of this.bank.concepts) this.items.set(`concept:${c.id}`, c);
    }
    return this.items.get(id);
  }

  info(id: string): Pick<Doc, 'kind' | 'title' | 'topic'> | undefined {
    const item = this.item(id);
    if (!item) return undefined;
    return 'answer' in item ? { kind: 'question', title: plain(item.title), topic: item.topic } : { kind: 'concept', title: item.name, topic: '' };
  }

  /** A cloze note (ranked below the questions it drills). */
  isDrill(id: string): boolean {
    const item = this.item(id);
    return !!item && 'answer' in item && isDrill(item);
  }

  /** The text a snippet is cut from. */
  text(id: string): string {
    const item = this.item(id);
    return !item ? '' : 'answer' in item ? questionLead(item) : item.definition;
  }

  /** Lower-case names of the document's main concept (of a concept document: its own name and aliases). */
  names(id: string): string[] {
    const item = this.item(id);
    if (!item) return [];
    const main = 'answer' in item
      ? item.concepts.map((c) => this.item(`concept:${c}`)).find((c): c is Concept => !!c && !('answer' in c))
      : item;
    return main ? [main.name, ...main.aliases].map((n) => n.trim().toLowerCase()) : [];
  }
}

/** The lower-case names held by a document (its primary field, and for a concept its title). */
export function docNames(doc: Doc): string[] {
  const names = doc.primary ? doc.primary.split(' \n ') : [];
  if (doc.kind === 'concept') names.push(doc.title);
  return names.map((n) => n.trim().toLowerCase());
}
