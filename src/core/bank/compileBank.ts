// Links parsed topics, glossary files and question files into one Bank, checking every cross-reference.
// Pure: the caller reads the files (build script from disk, extension from workspace.fs).
import { BANK_FORMAT_VERSION, type Bank, type BankDiagnostic, type Concept, type Question, type Topic } from './types';
import { parseQuestion, type ParsedQuestion } from './parseQuestion';
import { parseGlossary, parseTopics } from './parseGlossary';
import { linkConceptQuestions } from './bankFile';

export interface SourceFile {
  /** Path relative to the bank root, '/'-separated, e.g. `regularization/dropout.md`. */
  path: string;
  text: string;
}

/** The bundled bank is compiled strictly: raw HTML, a folder other than the topic, an unknown concept or an unused
 *  one are errors (user decks have their own, lenient compiler in decks.ts). */
export interface CompileOptions {
  /** Inventory ids that `covers` may name; omitted = not checked. */
  inventoryIds?: ReadonlySet<string>;
}

export interface CompileResult {
  bank: Bank;
  diagnostics: BankDiagnostic[];
}

export function isGlossaryPath(path: string): boolean {
  return /^glossary\/[^/]+\.ya?ml$/.test(path);
}

export function isQuestionPath(path: string): boolean {
  return /\.md$/i.test(path) && !/(^|\/)README\.md$/i.test(path);
}

export function compileBank(files: SourceFile[], options: CompileOptions): CompileResult {
  const diagnostics: BankDiagnostic[] = [];
  const topicsFile = files.find((f) => f.path === 'topics.yaml');
  const topics: Topic[] = [];
  if (topicsFile) {
    const parsed = parseTopics(topicsFile.path, topicsFile.text);
    topics.push(...parsed.items);
    diagnostics.push(...parsed.diagnostics);
  } else {
    diagnostics.push({ file: 'topics.yaml', line: 1, message: 'topics.yaml is missing', severity: 'error' });
  }

  const concepts = new Map<string, Concept>();
  const origins = new Map<string, { file: string; line: number }>();
  for (const file of files.filter((f) => isGlossaryPath(f.path))) {
    const parsed = parseGlossary(file.path, file.text);
    diagnostics.push(...parsed.diagnostics);
    const lines = idLines(file.text);
    for (const concept of parsed.items) {
      const line = lines.get(concept.id) ?? 1;
      if (concepts.has(concept.id)) {
        diagnostics.push({ file: file.path, line, message: `concept id "${concept.id}" is defined twice`, severity: 'error' });
      } else {
        concepts.set(concept.id, concept);
        origins.set(concept.id, { file: file.path, line });
      }
    }
  }

  const parsedQuestions: ParsedQuestion[] = files
    .filter((f) => isQuestionPath(f.path))
    .map((f) => parseQuestion(f.path, f.text, { strictHtml: true }));
  return link(topics, concepts, origins, parsedQuestions, diagnostics, options);
}

/** Line of the first `id: x` of every id in a YAML list, in one pass over the text (linear in its size). */
export function idLines(text: string): Map<string, number> {
  const lines = new Map<string, number>();
  let line = 1;
  let at = 0;
  for (const m of text.matchAll(/^[ \t-]*id:[ \t]*["']?([A-Za-z0-9._-]+)["']?[ \t]*$/gm)) {
    for (let i = text.indexOf('\n', at); i >= 0 && i < m.index!; i = text.indexOf('\n', i + 1)) line++;
    at = m.index!;
    if (!lines.has(m[1])) lines.set(m[1], line);
  }
  return lines;
}

function link(
  topics: Topic[],
  concepts: Map<string, Concept>,
  origins: Map<string, { file: string; line: number }>,
  parsed: ParsedQuestion[],
  diagnostics: BankDiagnostic[],
  options: CompileOptions,
): CompileResult {
  const topicIds = new Set(topics.map((t) => t.id));
  const questions = new Map<string, { question: Question; lines: ParsedQuestion['fieldLines'] }>();
  for (const p of parsed) {
    diagnostics.push(...p.diagnostics);
    const q = p.question;
    if (!q) continue;
    const at = (key: keyof NonNullable<ParsedQuestion['fieldLines']>) => p.fieldLines?.[key] ?? 1;
    const err = (key: keyof NonNullable<ParsedQuestion['fieldLines']>, message: string) =>
      diagnostics.push({ file: q.source, line: at(key), message, severity: 'error' });
    if (questions.has(q.id)) {
      err('id', `question id "${q.id}" is already used by ${questions.get(q.id)?.question.source}`);
      continue;
    }
    if (!topicIds.has(q.topic)) {
      err('topic', `unknown topic "${q.topic}"; known topics: ${[...topicIds].join(', ')}`);
      continue;
    }
    const folder = q.source.split('/').slice(-2, -1)[0];
    if (folder !== q.topic) err('topic', `topic "${q.topic}" does not match the folder "${folder}"`);
    const fileId = q.source.split('/').pop()?.replace(/\.md$/i, '');
    if (fileId !== q.id) err('id', `id "${q.id}" does not match the file name "${fileId}.md"`);
    if (!q.concepts.length) err('concepts', 'every question must name at least one concept');
    if (options.inventoryIds) {
      for (const c of q.covers) if (!options.inventoryIds.has(c)) err('covers', `"${c}" is not a seed-inventory id`);
    }
    questions.set(q.id, { question: q, lines: p.fieldLines });
  }

  for (const { question: q, lines } of questions.values()) {
    const unknown = q.concepts.filter((c) => !concepts.has(c));
    if (unknown.length) {
      diagnostics.push({ file: q.source, line: lines?.concepts ?? 1, message: `unknown concept${unknown.length > 1 ? 's' : ''} ${unknown.map((c) => `"${c}"`).join(', ')}: define ${unknown.length > 1 ? 'them' : 'it'} in a glossary file`, severity: 'error' });
    }
    const dangling = q.related.filter((r) => !questions.has(r));
    if (dangling.length) {
      diagnostics.push({ file: q.source, line: lines?.related ?? 1, message: `related question${dangling.length > 1 ? 's' : ''} ${dangling.map((c) => `"${c}"`).join(', ')} not found`, severity: 'error' });
    }
    q.concepts = q.concepts.filter((c) => concepts.has(c));
    q.related = q.related.filter((r) => questions.has(r));
  }
  const order = new Map(topics.map((t, i) => [t.id, i]));
  const sorted = [...questions.values()].map((v) => v.question).sort((a, b) => (order.get(a.topic)! - order.get(b.topic)!) || a.id.localeCompare(b.id));
  linkConceptQuestions([...concepts.values()], sorted);
  for (const c of concepts.values()) {
    if (!c.questionIds.length) diagnostics.push({ ...origins.get(c.id)!, message: `concept "${c.id}" is not explained by any question`, severity: 'error' });
  }
  // One API identifier explains one concept: a second owner would make hovers ambiguous.
  const apiOwner = new Map<string, string>();
  for (const c of concepts.values()) {
    for (const api of c.apis) {
      const owner = apiOwner.get(api.id);
      if (owner) diagnostics.push({ ...origins.get(c.id)!, message: `API "${api.id}" is listed by both "${owner}" and "${c.id}"; keep it in one concept`, severity: 'error' });
      else apiOwner.set(api.id, c.id);
    }
  }
  return {
    bank: { formatVersion: BANK_FORMAT_VERSION, topics, questions: sorted, concepts: [...concepts.values()] },
    diagnostics,
  };
}
