// The API `activate()` returns, for other extensions and the integration tests. Versioned: additions
// keep `version`, breaking changes bump it.
import type { BankService } from './bankService';
import type { SearchService } from '../browse/searchService';

export interface TensorTutorApi {
  readonly version: 1;
  search(query: string, options?: { limit?: number; topic?: string }): Promise<Array<{ id: string; title: string; topic: string; score: number }>>;
  lookup(term: string): Promise<{ id: string; name: string; definition: string; questionIds: string[] } | undefined>;
  concepts(): Promise<Array<{ id: string; name: string; aliases: string[]; definition: string; questionIds: string[] }>>;
  topics(): Promise<Array<{ id: string; title: string; description: string; questionCount: number }>>;
}

export function createPublicApi(bank: BankService, search: SearchService): TensorTutorApi {
  return {
    version: 1,
    async search(query, options = {}) {
      const hits = await search.search(query, { limit: options.limit ?? 10, ...(options.topic ? { topic: options.topic } : {}), kind: 'question' });
      return hits.map(({ id, title, topic, score }) => ({ id, title, topic, score }));
    },
    async lookup(term) {
      const c = (await bank.glossaryIndex()).lookupTerm(term);
      return c ? { id: c.id, name: c.name, definition: c.definition, questionIds: [...c.questionIds] } : undefined;
    },
    async concepts() {
      const index = await bank.glossaryIndex();
      return [...index.byId.values()].map((c) => ({ id: c.id, name: c.name, aliases: [...c.aliases], definition: c.definition, questionIds: [...c.questionIds] }));
    },
    async topics() {
      const view = await bank.get();
      return view.bank.topics.map((t) => ({ ...t, questionCount: view.questionsOfTopic(t.id).length }));
    },
  };
}
