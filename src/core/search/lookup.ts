// What a query needs of the bank besides the index: abbreviations, which documents a concept name is the main
// concept of (a query that is exactly that name ranks them first), and what a hit shows. Built from the bank on
// the first query (~2 ms cold for the bundled bank; storing it in the serialised index instead would add ~100 KB).
import type { Concept, Question } from '../bank/types';
import { questionLead, type BankLike, type Doc } from './documents';
import { synonymsOf } from './query';

export interface Lookup {
  readonly synonyms: ReadonlyMap<string, string>;
  /** The documents whose main concept is called `name` (lower case): the concept itself and its own questions. */
  exact(name: string): Set<string> | undefined;
  info(id: string): Pick<Doc, 'kind' | 'title' | 'topic'> | undefined;
  /** The text a snippet is cut from. */
  text(id: string): string;
}

export class BankLookup implements Lookup {
  readonly synonyms: Map<string, string>;
  /** Concept name or alias, lower case → concept ids. */
  private readonly conceptsByName = new Map<string, string[]>();
  /** Concept id → questions it is the main (first) concept of. */
  private readonly questionsByMain = new Map<string, string[]>();
  private readonly questions: Map<string, Question>;
  private readonly concepts: Map<string, Concept>;

  constructor(bank: BankLike) {
    this.synonyms = synonymsOf(bank);
    this.questions = new Map(bank.questions.map((q) => [q.id, q]));
    this.concepts = new Map(bank.concepts.map((c) => [c.id, c]));
    for (const c of bank.concepts) {
      for (const name of [c.name, ...c.aliases]) {
        const key = name.trim().toLowerCase();
        if (key) push(this.conceptsByName, key, c.id);
      }
    }
    for (const q of bank.questions) {
      const main = q.concepts.find((id) => this.concepts.has(id));
      if (main) push(this.questionsByMain, main, q.id);
    }
  }

  exact(name: string): Set<string> | undefined {
    const concepts = this.conceptsByName.get(name);
    return concepts && new Set(concepts.flatMap((c) => [`concept:${c}`, ...(this.questionsByMain.get(c) ?? [])]));
  }

  info(id: string): Pick<Doc, 'kind' | 'title' | 'topic'> | undefined {
    if (id.startsWith('concept:')) {
      const c = this.concepts.get(id.slice(8));
      return c && { kind: 'concept', title: c.name, topic: '' };
    }
    const q = this.questions.get(id);
    return q && { kind: 'question', title: q.title, topic: q.topic };
  }

  text(id: string): string {
    if (id.startsWith('concept:')) return this.concepts.get(id.slice(8))?.definition ?? '';
    const q = this.questions.get(id);
    return q ? questionLead(q) : '';
  }

}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
