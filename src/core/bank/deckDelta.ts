// The bundled bank's side of deck compiling: what a compile needs of it (DeckBase) and how a compile's result
// (DeckDelta) is merged into it. Kept apart from the parsers so the extension host can merge without bundling them:
// parsing happens only in the deck worker.
import type { Bank, BankDiagnostic, Concept, Question, Topic } from './types';

/** What a deck compile needs of the bundled bank. */
export interface DeckBase {
  topics: readonly Topic[];
  concepts: readonly Concept[];
  questionIds: readonly string[];
}

export interface DeckDelta {
  topics: Topic[];
  questions: Question[];
  /** Bundled concepts a deck extended (whole copies) and new deck concepts. */
  concepts: Concept[];
  diagnostics: BankDiagnostic[];
}

export function deckBaseOf(bank: Bank): DeckBase {
  return { topics: bank.topics, concepts: bank.concepts, questionIds: bank.questions.map((q) => q.id) };
}

export function applyDeckDelta(base: Bank, delta: DeckDelta): Bank {
  const changed = new Map(delta.concepts.map((c) => [c.id, c]));
  const baseIds = new Set(base.concepts.map((c) => c.id));
  return {
    formatVersion: base.formatVersion,
    topics: [...base.topics, ...delta.topics],
    questions: [...base.questions, ...delta.questions],
    concepts: [...base.concepts.map((c) => changed.get(c.id) ?? c), ...delta.concepts.filter((c) => !baseIds.has(c.id))],
  };
}
