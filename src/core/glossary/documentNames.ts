// Names whose meaning depends on the rest of the document: companions (`mu@logvar`, `norm@*RMSNorm*`: the
// normalisation a file defines decides what its `norm` submodules are), their numbered forms (`norm1`), and
// Hugging Face-style class names `<Model><Term>` (`MistralRMSNorm`, `BertSelfAttention`) in a file that has a
// `<Model>Config`, which read as their term.
import type { Concept } from '../bank/types';
import { ORDINARY_NAMES, type GlossaryIndex } from './glossaryIndex';

export interface NameOptions {
  /** Compound patterns (`*_acc`): for variables, not for called or defined names. */
  patterns?: boolean;
  /** Companion names: for variables and attributes, not for bare calls (`norm(x)` is a function). */
  companions?: boolean;
}

/** The concept of a variable, attribute or class name in a document whose identifiers are `words`. */
export function documentName(index: GlossaryIndex, word: string, words: ReadonlySet<string> | undefined, options: NameOptions = {}): Concept | undefined {
  const { patterns = true, companions = true } = options;
  if (ORDINARY_NAMES.has(word)) return undefined;
  // A companion of this very name, then the name's plain meaning, then companions of a name pattern (`*norm@*RMSNorm*`:
  // `attention_norm` in a file with an RMSNorm), then the plain name patterns.
  return (companions ? companionName(index, word, words) : undefined) ?? index.lookupName(word, false)
    ?? (companions && patterns ? companionPattern(index, word, words) : undefined)
    ?? (patterns ? index.lookupName(word, true) : undefined) ?? modelPrefixed(index, word, words);
}

/**
 * A companion name whose companion occurs in the document. `name@Companion` needs the identifier `Companion`;
 * `name@*Part*`, `name@Prefix*`, `name@*Suffix` match any identifier containing, starting or ending with it
 * (case-insensitive when written in lower case). When companions of different concepts all match (a file with both
 * `LayerNorm` and `RMSNorm`), the document does not decide and the name keeps its plain meaning.
 */
export function companionName(index: GlossaryIndex, word: string, words: ReadonlySet<string> | undefined): Concept | undefined {
  if (!words) return undefined;
  const entries = index.companionNames.get(word) ?? index.companionNames.get(word.replace(/_?\d+$/, ''));
  if (!entries) return undefined;
  return decided(entries, words);
}

/** The concept all companions found in the document agree on (none when they disagree). */
function decided(entries: readonly { companion: string; concept: Concept }[], words: ReadonlySet<string>): Concept | undefined {
  let found: Concept | undefined;
  for (const e of entries) {
    if (!occurs(e.companion, words)) continue;
    if (found && found !== e.concept) return undefined;
    found = e.concept;
  }
  return found;
}

type CompanionPattern = { suffix: boolean; affix: string; entries: { companion: string; concept: Concept }[] };
const patternCache = new WeakMap<GlossaryIndex, CompanionPattern[]>();

/** Companions of name patterns: `*norm@*RMSNorm*` (suffix) or `attn_*@…` (prefix), lower case matching any case. */
function companionPattern(index: GlossaryIndex, word: string, words: ReadonlySet<string> | undefined): Concept | undefined {
  if (!words) return undefined;
  let patterns = patternCache.get(index);
  if (!patterns) {
    patterns = [...index.companionNames].filter(([name]) => /^\*[^*]+$|^[^*]+\*$/.test(name))
      .map(([name, entries]) => ({ suffix: name.startsWith('*'), affix: name.replace('*', '').toLowerCase(), entries }));
    patternCache.set(index, patterns);
  }
  const subject = word.replace(/_?\d+$/, '').toLowerCase();
  for (const p of patterns) {
    if (subject.length <= p.affix.length || !(p.suffix ? subject.endsWith(p.affix) : subject.startsWith(p.affix))) continue;
    const concept = decided(p.entries, words);
    if (concept) return concept;
  }
  return undefined;
}

const globCache = new WeakMap<ReadonlySet<string>, Map<string, boolean>>();

function occurs(companion: string, words: ReadonlySet<string>): boolean {
  if (!companion.includes('*')) return words.has(companion);
  let cache = globCache.get(words);
  if (!cache) globCache.set(words, (cache = new Map()));
  const known = cache.get(companion);
  if (known !== undefined) return known;
  const lower = companion === companion.toLowerCase();
  const core = companion.replace(/\*/g, '');
  const prefix = !companion.startsWith('*');
  const suffix = !companion.endsWith('*');
  let hit = false;
  for (const w of words) {
    const s = lower ? w.toLowerCase() : w;
    if (prefix && suffix ? s === core : prefix ? s.startsWith(core) : suffix ? s.endsWith(core) : s.includes(core)) {
      hit = true;
      break;
    }
  }
  cache.set(companion, hit);
  return hit;
}

const prefixCache = new WeakMap<ReadonlySet<string>, string[]>();

/** Model names of the document: `Mistral` when it defines or imports `MistralConfig`. */
function modelPrefixes(words: ReadonlySet<string>): string[] {
  let prefixes = prefixCache.get(words);
  if (!prefixes) {
    prefixes = [];
    for (const w of words) {
      const m = /^([A-Z][A-Za-z0-9]*?)Config$/.exec(w);
      if (m && m[1].length > 1 && m[1] !== 'Pretrained' && m[1] !== 'PreTrained') prefixes.push(m[1]);
    }
    prefixCache.set(words, prefixes);
  }
  return prefixes;
}

/** `MistralRMSNorm` is an RMSNorm, `BertSelfAttention` a self-attention, when the file has `MistralConfig`/`BertConfig`. */
function modelPrefixed(index: GlossaryIndex, word: string, words: ReadonlySet<string> | undefined): Concept | undefined {
  if (!words || !/^[A-Z]/.test(word)) return undefined;
  for (const prefix of modelPrefixes(words)) {
    const term = word.startsWith(prefix) ? word.slice(prefix.length) : '';
    if (!/^[A-Z]/.test(term) || term === 'Config') continue;
    const snake = term.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();
    // A one-word term (`BertModel`, `BertLayer`) names the model's own class, not the library's `Model` or `Layer`.
    const api = /^[A-Z][a-z0-9]*[A-Z]/.test(term) ? index.pickBare(term, [])?.concept : undefined;
    const concept = companionName(index, snake, words) ?? index.lookupName(term, false) ?? index.lookupName(snake, false) ?? api;
    if (concept) return concept;
  }
  return undefined;
}
