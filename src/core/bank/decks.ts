// User decks: question and glossary files from folders the learner chooses, merged into the bundled bank.
// Deck ids are namespaced (`deck:<deck>:<id>`) so they never collide with the bundled bank or another
// deck, and progress (keyed by id) survives edits. Every problem becomes a file:line diagnostic; a bad
// file is skipped, the rest of the deck loads. Pure: the adapter reads the files. Compiling yields a delta
// (what the decks add or change) so it can run in a worker and send back little; `applyDeckDelta` merges it.
import type { Bank, BankDiagnostic, Concept, Question, Topic } from './types';
import { parseQuestion, type ParsedQuestion } from './parseQuestion';
import { parseGlossary, parseTopics, type ParsedList } from './parseGlossary';
import { idLines } from './compileBank';
import { DECK_PREFIX, deckFileKind, namespacedId } from './deckFiles';
import { applyDeckDelta, deckBaseOf, type DeckBase, type DeckDelta } from './deckDelta';

const MAX_ID = 200;

export * from './deckFiles';
export * from './deckDelta';

export interface DeckFileText {
  /** Path relative to the deck root, '/'-separated. */
  path: string;
  /** Identity used in diagnostics and Question.source (the adapter uses the file's URI). */
  file: string;
  text: string;
}

export interface DeckInput {
  /** Namespace (see deckSlug), unique among the loaded decks. */
  name: string;
  files: DeckFileText[];
}

type Parsed = ParsedQuestion | ParsedList<Concept> | ParsedList<Topic>;
/** Parse results by file identity, so a live reload only re-parses the files that changed. */
export type ParseCache = Map<string, { text: string; parsed: Parsed }>;

export interface DeckResult {
  bank: Bank;
  diagnostics: BankDiagnostic[];
  questionCount: number;
}

/** Merges the decks into a copy of the bundled bank. The bundled bank is never modified. */
export function compileDecks(base: Bank, decks: readonly DeckInput[], cache?: ParseCache): DeckResult {
  const delta = compileDeckDelta(deckBaseOf(base), decks, cache);
  return { bank: applyDeckDelta(base, delta), diagnostics: delta.diagnostics, questionCount: delta.questions.length };
}

/** Parses one deck file, from the cache when its text is unchanged. A parser failure costs that file only. */
export function parseDeckFile(f: DeckFileText, extendable: ReadonlySet<string>, diagnostics: BankDiagnostic[], cache?: ParseCache): Parsed | undefined {
  const hit = cache?.get(f.file);
  if (hit && hit.text === f.text) return hit.parsed;
  const kind = deckFileKind(f.path);
  let parsed: Parsed | undefined;
  try {
    parsed = kind === 'topics' ? parseTopics(f.file, f.text) : kind === 'glossary' ? parseGlossary(f.file, f.text, { extendable }) : parseQuestion(f.file, f.text);
  } catch (error) {
    diagnostics.push({ file: f.file, line: 1, message: `this file could not be read (${(error as Error)?.message ?? String(error)}); it was skipped`, severity: 'error' });
    return undefined;
  }
  cache?.set(f.file, { text: f.text, parsed });
  return parsed;
}

export function compileDeckDelta(base: DeckBase, decks: readonly DeckInput[], cache?: ParseCache): DeckDelta {
  const diagnostics: BankDiagnostic[] = [];
  const topics: Topic[] = [];
  const topicIds = new Set(base.topics.map((t) => t.id));
  const baseConcepts = new Map(base.concepts.map((c) => [c.id, c]));
  const extendable = new Set(baseConcepts.keys());
  /** Concepts changed by a deck (copies of bundled ones, or new deck concepts). */
  const concepts = new Map<string, Concept>();
  const conceptOf = (id: string): Concept | undefined => concepts.get(id) ?? baseConcepts.get(id);
  const editable = (id: string): Concept => {
    let c = concepts.get(id);
    if (!c) {
      const b = baseConcepts.get(id)!;
      c = { ...b, aliases: [...b.aliases], apis: [...b.apis], kwargs: [...b.kwargs], strings: [...b.strings], methods: [...b.methods], names: [...b.names], questionIds: [...b.questionIds] };
      concepts.set(id, c);
    }
    return c;
  };
  const apiOwner = new Map<string, string>();
  for (const c of base.concepts) for (const a of c.apis) if (!apiOwner.has(a.id)) apiOwner.set(a.id, c.id);
  const baseQuestionIds = new Set(base.questionIds);
  const parse = (f: DeckFileText) => parseDeckFile(f, extendable, diagnostics, cache);

  // 1. Topics and glossaries first: questions of any deck may use them.
  for (const deck of decks) {
    for (const f of deck.files.filter((x) => deckFileKind(x.path) === 'topics')) {
      const parsed = parse(f) as ParsedList<Topic> | undefined;
      diagnostics.push(...(parsed?.diagnostics ?? []));
      const lines = parsed?.items.length ? idLines(f.text) : new Map<string, number>();
      for (const t of parsed?.items ?? []) {
        if (topicIds.has(t.id)) {
          diagnostics.push({ file: f.file, line: lines.get(t.id) ?? 1, message: `topic "${t.id}" already exists; use it in "topic:" without redefining it, or choose another id`, severity: 'error' });
          continue;
        }
        topicIds.add(t.id);
        topics.push(t);
      }
    }
    for (const f of deck.files.filter((x) => deckFileKind(x.path) === 'glossary')) {
      const parsed = parse(f) as ParsedList<Concept> | undefined;
      diagnostics.push(...(parsed?.diagnostics ?? []));
      const lines = parsed?.items.length ? idLines(f.text) : new Map<string, number>();
      for (const item of parsed?.items ?? []) {
        const line = lines.get(item.id) ?? 1;
        const extending = baseConcepts.has(item.id);
        const id = extending ? item.id : namespacedId(deck.name, item.id);
        if (!extending && concepts.has(id)) {
          diagnostics.push({ file: f.file, line, message: `concept id "${item.id}" is defined twice in this deck`, severity: 'error' });
          continue;
        }
        const target = extending ? editable(id) : { ...item, id, questionIds: [] };
        if (!extending) concepts.set(id, target);
        for (const api of item.apis) {
          const owner = apiOwner.get(api.id);
          if (owner && owner !== id) {
            diagnostics.push({ file: f.file, line, message: `API "${api.id}" is already explained by concept "${owner}"; ignored here`, severity: 'warning' });
            continue;
          }
          apiOwner.set(api.id, id);
          if (extending && !target.apis.some((a) => a.id === api.id)) target.apis.push(api);
        }
        if (!extending) target.apis = target.apis.filter((a) => apiOwner.get(a.id) === id);
        if (extending) {
          for (const key of ['aliases', 'kwargs', 'strings', 'methods', 'names'] as const) {
            for (const value of item[key]) if (!target[key].includes(value)) target[key].push(value);
          }
        }
      }
    }
  }

  // 2. Questions.
  const deckQuestions = new Map<string, { q: Question; deck: string; lines: ParsedQuestion['fieldLines'] }>();
  for (const deck of decks) {
    for (const f of deck.files.filter((x) => deckFileKind(x.path) === 'question')) {
      const parsed = parse(f) as ParsedQuestion | undefined;
      if (!parsed) continue;
      diagnostics.push(...parsed.diagnostics);
      if (!parsed.question) continue;
      const at = (key: keyof NonNullable<ParsedQuestion['fieldLines']>) => parsed.fieldLines?.[key] ?? 1;
      const err = (key: keyof NonNullable<ParsedQuestion['fieldLines']>, message: string) =>
        diagnostics.push({ file: f.file, line: at(key), message, severity: 'error' });
      const id = namespacedId(deck.name, parsed.question.id);
      if (id.length > MAX_ID) {
        err('id', `id "${parsed.question.id}" is too long (at most ${MAX_ID - DECK_PREFIX.length - deck.name.length - 1} characters in this deck)`);
        continue;
      }
      const other = deckQuestions.get(id);
      if (other) {
        err('id', `question id "${parsed.question.id}" is already used by ${other.q.source}`);
        continue;
      }
      if (!topicIds.has(parsed.question.topic)) {
        err('topic', `unknown topic "${parsed.question.topic}"; use one of ${[...topicIds].join(', ')} (or add it to the deck's topics.yaml)`);
        continue;
      }
      // A fresh object: the cached parse result stays untouched.
      deckQuestions.set(id, { q: { ...parsed.question, id, concepts: [...parsed.question.concepts], related: [...parsed.question.related] }, deck: deck.name, lines: parsed.fieldLines });
    }
  }

  // 3. References: deck-local names first, then the bundled bank, then fully qualified deck ids.
  for (const { q, deck, lines } of deckQuestions.values()) {
    const resolveConcept = (ref: string) => (conceptOf(namespacedId(deck, ref)) ? namespacedId(deck, ref) : conceptOf(ref) ? ref : undefined);
    const resolveQuestion = (ref: string) => (deckQuestions.has(namespacedId(deck, ref)) ? namespacedId(deck, ref) : baseQuestionIds.has(ref) || deckQuestions.has(ref) ? ref : undefined);
    const unknownConcepts = q.concepts.filter((c) => !resolveConcept(c));
    if (unknownConcepts.length) {
      diagnostics.push({ file: q.source, line: lines?.concepts ?? 1, message: `unknown concept${unknownConcepts.length > 1 ? 's' : ''} ${unknownConcepts.map((c) => `"${c}"`).join(', ')}: define ${unknownConcepts.length > 1 ? 'them' : 'it'} in the deck's glossary/*.yaml or use a bundled concept id`, severity: 'warning' });
    }
    const dangling = q.related.filter((r) => !resolveQuestion(r));
    if (dangling.length) {
      diagnostics.push({ file: q.source, line: lines?.related ?? 1, message: `related question${dangling.length > 1 ? 's' : ''} ${dangling.map((r) => `"${r}"`).join(', ')} not found in this deck or the bundled bank`, severity: 'warning' });
    }
    q.concepts = [...new Set(q.concepts.flatMap((c) => resolveConcept(c) ?? []))];
    q.related = [...new Set(q.related.flatMap((r) => resolveQuestion(r) ?? []))];
    for (const c of q.concepts) (concepts.get(c) ?? editable(c)).questionIds.push(q.id);
  }

  const order = new Map([...base.topics, ...topics].map((t, i) => [t.id, i]));
  const questions = [...deckQuestions.values()].map((v) => v.q).sort((a, b) => order.get(a.topic)! - order.get(b.topic)! || a.id.localeCompare(b.id));
  return { topics, questions, concepts: [...concepts.values()], diagnostics };
}
