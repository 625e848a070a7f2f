// Glossary YAML (a list of concepts) and topics YAML → typed records with file:line diagnostics.
import { frameworkOf, type ApiEntry, type BankDiagnostic, type Concept, type Topic } from './types';
import { parseYaml } from './frontMatter';
import { KEBAB_ID, isRecord, readString, readStringList, warnUnknownKeys, type Report } from './fields';

export { MAX_GLOSSARY_BYTES } from './limits';
import { MAX_GLOSSARY_BYTES } from './limits';
const CONCEPT_KEYS = ['id', 'name', 'aliases', 'definition', 'apis', 'kwargs', 'strings', 'methods', 'names'] as const;
const MAX_ENTRIES = 10_000;
const API_ID = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)+$/;

export interface ParsedList<T> {
  items: T[];
  diagnostics: BankDiagnostic[];
}

function parseList(file: string, text: string, limit: number): { entries: { rec: Record<string, unknown>; report: Report; warn: Report }[]; diagnostics: BankDiagnostic[] } {
  const diagnostics: BankDiagnostic[] = [];
  if (text.length > limit) {
    diagnostics.push({ file, line: 1, message: `file is larger than ${limit / 1024} KB`, severity: 'error' });
    return { entries: [], diagnostics };
  }
  // Bounded before parsing: the file must be a list (a mapping of thousands of keys costs the parser seconds
  // and could only be refused afterwards), and a glossary of thousands of entries is a data dump, not a deck.
  const first = /^(?!\s*(?:#|$)).*$/m.exec(text)?.[0];
  if (first !== undefined && !/^\s*(-|\[|---)/.test(first)) {
    diagnostics.push({ file, line: text.slice(0, text.indexOf(first)).split('\n').length, message: 'expected a YAML list ("- id: …" entries)', severity: 'error' });
    return { entries: [], diagnostics };
  }
  const entryCount = text.match(/^-\s/gm)?.length ?? 0;
  if (entryCount > MAX_ENTRIES) {
    diagnostics.push({ file, line: 1, message: `file has ${entryCount} entries; glossary and topics files are limited to ${MAX_ENTRIES}`, severity: 'error' });
    return { entries: [], diagnostics };
  }
  const yaml = parseYaml(text, 1);
  for (const e of yaml.errors) diagnostics.push({ file, line: e.line, message: `not valid YAML: ${e.message}`, severity: 'error' });
  if (yaml.errors.length) return { entries: [], diagnostics };
  if (yaml.data === null || yaml.data === undefined) return { entries: [], diagnostics };
  if (!Array.isArray(yaml.data)) {
    diagnostics.push({ file, line: 1, message: 'expected a YAML list ("- id: …" entries)', severity: 'error' });
    return { entries: [], diagnostics };
  }
  const entries = yaml.data.flatMap((rec, i) => {
    if (!isRecord(rec)) {
      diagnostics.push({ file, line: yaml.lineOf([i]), message: `entry ${i + 1} must be a set of "key: value" fields`, severity: 'error' });
      return [];
    }
    const at = (severity: 'error' | 'warning'): Report => (path, message) =>
      diagnostics.push({ file, line: yaml.lineOf([i, ...path]), message, severity });
    return [{ rec, report: at('error'), warn: at('warning') }];
  });
  return { entries, diagnostics };
}

/**
 * `extendable`: ids of existing concepts that an entry may extend (a user deck adding aliases or identifiers
 * to a bundled concept); for those, name and definition may be left out.
 */
export function parseGlossary(file: string, text: string, options: { extendable?: ReadonlySet<string> } = {}): ParsedList<Concept> {
  const { entries, diagnostics } = parseList(file, text, MAX_GLOSSARY_BYTES);
  const items: Concept[] = [];
  for (const { rec, report, warn } of entries) {
    let failed = false;
    const fail: Report = (path, message) => {
      failed = true;
      report(path, message);
    };
    warnUnknownKeys(rec, CONCEPT_KEYS, warn);
    const id = readString(rec, 'id', fail);
    if (id && !KEBAB_ID.test(id)) fail(['id'], `concept id "${id}" must be kebab-case`);
    const extending = id !== undefined && options.extendable?.has(id) === true;
    const name = readString(rec, 'name', fail, !extending);
    const definition = readString(rec, 'definition', fail, !extending);
    const apis = readApis(rec.apis, (path, message) => fail(['apis', ...path], message));
    if (failed || !id || (!extending && (!name || !definition))) continue;
    items.push({
      id,
      name: name ?? '',
      definition: definition ?? '',
      aliases: readStringList(rec, 'aliases', report),
      apis,
      kwargs: readStringList(rec, 'kwargs', report),
      strings: readStringList(rec, 'strings', report),
      methods: readStringList(rec, 'methods', report),
      names: readStringList(rec, 'names', report),
      questionIds: [],
    });
  }
  return { items, diagnostics };
}

function readApis(value: unknown, report: Report): ApiEntry[] {
  if (value === undefined || value === null) return [];
  if (!isRecord(value)) {
    report([], '"apis" must map each identifier to a one-line note, e.g. "torch.nn.Dropout: …"');
    return [];
  }
  const out: ApiEntry[] = [];
  for (const [id, note] of Object.entries(value)) {
    if (!API_ID.test(id)) {
      report([id], `"${id}" is not a qualified identifier such as torch.nn.Dropout`);
      continue;
    }
    if (note !== null && typeof note !== 'string') {
      report([id], `the note for "${id}" must be text`);
      continue;
    }
    out.push({ id, framework: frameworkOf(id), note: (note ?? '').trim() });
  }
  return out;
}

export function parseTopics(file: string, text: string): ParsedList<Topic> {
  const { entries, diagnostics } = parseList(file, text, MAX_GLOSSARY_BYTES);
  const items: Topic[] = [];
  for (const { rec, report, warn } of entries) {
    warnUnknownKeys(rec, ['id', 'title', 'description'], warn);
    const id = readString(rec, 'id', report);
    const title = readString(rec, 'title', report);
    const description = readString(rec, 'description', report, false) ?? '';
    if (id && !KEBAB_ID.test(id)) report(['id'], `topic id "${id}" must be kebab-case`);
    else if (id && title) items.push({ id, title, description });
  }
  return { items, diagnostics };
}
