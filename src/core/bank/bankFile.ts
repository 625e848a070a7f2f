// dist/bank.json as shipped: what can be derived at load (a question's source path, a concept's question list,
// empty `covers`) is left out of the file and restored by `fromBankFile`, so the package carries each fact once.
import type { Bank, Concept, Question } from './types';

/**
 * Fills each concept's `questionIds` in bank order: first the full questions whose main (first) concept it is, then
 * the other full questions that touch it, then cloze notes (drills, not explanations: a hover's "Related questions"
 * opens the first id).
 */
export function linkConceptQuestions(concepts: Concept[], questions: readonly Question[]): void {
  const lists = new Map(concepts.map((c) => [c.id, { concept: c, ranked: [[], [], []] as string[][] }]));
  for (const q of questions) {
    const drill = q.title.includes('{{c');
    q.concepts.forEach((id, i) => lists.get(id)?.ranked[drill ? 2 : i === 0 ? 0 : 1].push(q.id));
  }
  for (const { concept, ranked } of lists.values()) concept.questionIds = ranked.flat();
}

const defaultSource = (q: Pick<Question, 'topic' | 'id'>) => `${q.topic}/${q.id}.md`;

/** The bundled bank without what `fromBankFile` can rebuild. */
export function toBankFile(bank: Bank): unknown {
  return {
    ...bank,
    questions: bank.questions.map(({ source, covers, ...q }) => ({ ...q, ...(source !== defaultSource(q) ? { source } : {}), ...(covers.length ? { covers } : {}) })),
    concepts: bank.concepts.map(({ questionIds: _derived, ...c }) => c),
  };
}

/** Restores the derived fields of a bank read from dist/bank.json (its shape was checked by loadBank). */
export function fromBankFile(bank: Bank): Bank {
  for (const q of bank.questions) {
    q.source ??= defaultSource(q);
    q.covers ??= [];
  }
  linkConceptQuestions(bank.concepts, bank.questions);
  return bank;
}
