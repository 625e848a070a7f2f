// Comments, docstrings, Markdown and messages: inline code, identifiers written in the text, multi-word terms.
import type { Concept } from '../bank/types';
import { DEFAULT_ALIASES, canonicalName } from './imports';
import { GlossaryIndex, ORDINARY_NAMES, type PhraseNode } from './glossaryIndex';
import { proseWords } from './normalize';
import { matchCode } from './codeMatch';
import type { LineContext, TermMatch } from './matchTypes';

/** Words written as code inside prose: `min_lr`, `LeakyReLU`, `is_causal`. */
const CODE_WORD = /^(?:[A-Za-z][A-Za-z0-9]*_[A-Za-z0-9_]*|[A-Za-z]*[a-z][A-Z][A-Za-z0-9]*)$/;

/** `codeWords`: identifiers written in the text (`min_lr` in a docstring) explain themselves; not in string literals. */
export function matchProse(index: GlossaryIndex, line: string, character: number, from: number, to: number, context: LineContext, codeWords = true): TermMatch | undefined {
  const segment = line.slice(from, to);
  // Inline code in prose (`nn.Dropout` in Markdown, a docstring or a comment) is code.
  const code = /`([^`]+)`/g;
  for (let m = code.exec(segment); m; m = code.exec(segment)) {
    const s = from + m.index + 1;
    if (character >= s && character <= s + m[1].length) {
      // The document's imports apply (`nn.Dense` in a notebook's Markdown cell), not the lines before.
      return matchCode(index, line.slice(0, s + m[1].length), character, { mode: 'code', imports: context.imports, words: context.words });
    }
  }
  // An identifier written without backticks: a dotted API (`tf.data`), a snake_case or camelCase name.
  const token = /[A-Za-z0-9_]+(?:\.[A-Za-z_][A-Za-z0-9_]*)*/g;
  for (let m = token.exec(segment); m; m = token.exec(segment)) {
    const s = from + m.index;
    if (s > character) break;
    if (character > s + m[0].length) continue;
    const parts = m[0].split('.');
    // `jax.jit` in prose: the API when its last name is hovered; `jax` alone is a word.
    if (parts.length > 1 && DEFAULT_ALIASES.has(parts[0]) && character - s > m[0].lastIndexOf('.')) {
      const hit = index.apis.get(canonicalName([DEFAULT_ALIASES.get(parts[0]), ...parts.slice(1)].join('.')));
      if (hit) return { concept: hit.concept, api: hit.api, kind: 'api', start: s, end: s + m[0].length };
    }
    // `name.ext` in a file name: the extension is no word.
    const offset = character - s;
    const dot = m[0].lastIndexOf('.', offset);
    if (dot >= 0 && parts.length > 1) return undefined;
    const word = parts[0];
    if (CODE_WORD.test(word)) {
      if (codeWords) {
        const named = ORDINARY_NAMES.has(word) ? undefined : index.lookupName(word) ?? index.kwargs.get(word);
        if (named) return { concept: named, kind: 'prose', start: s, end: s + word.length };
        const hit = index.pickBare(word, ['pytorch', 'tensorflow', 'jax']);
        if (hit && (/^[A-Z]/.test(word) || word.length > 6)) return { concept: hit.concept, api: hit.api, kind: 'prose', start: s, end: s + word.length };
      }
      // A snake_case name of the user's own (`dcgan_final`) is not a phrase.
      if (word.includes('_')) return undefined;
    }
    break;
  }
  // Multi-word terms, segmented left to right, longest match first: "cosine annealing schedule" is
  // "cosine annealing" + "schedule", not "annealing schedule".
  const words = proseWords(segment);
  for (let i = 0; i < words.length; ) {
    if (from + words[i].start > character) break;
    let node: PhraseNode | undefined = index.phrases;
    let longest: { concept: Concept; j: number } | undefined;
    for (let j = i; j < words.length && node; j++) {
      // "key/value heads" reads as "key-value heads": a slash joins the words of one term.
      if (j > i && !/^[\s/-]+$/.test(segment.slice(words[j - 1].end, words[j].start))) break;
      node = node.next.get(words[j].word);
      if (node?.concept) longest = { concept: node.concept, j };
    }
    if (longest) {
      const start = from + words[i].start;
      const end = from + words[longest.j].end;
      if (character >= start && character <= end) return { concept: longest.concept, kind: 'prose', start, end };
      i = longest.j + 1;
    } else i++;
  }
  return undefined;
}
