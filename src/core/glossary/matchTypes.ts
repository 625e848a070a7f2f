// Types and constants shared by the matcher's parts (matcher.ts is the entry point).
import type { ApiEntry, Concept } from '../bank/types';
import type { ImportContext } from './imports';

export type MatchKind = 'api' | 'kwarg' | 'string' | 'method' | 'name' | 'part' | 'prose';

export interface TermMatch {
  concept: Concept;
  kind: MatchKind;
  /** The API hovered, when an identifier resolved to one. */
  api?: ApiEntry;
  /** The text the match covers, as [start, end) offsets in the line. */
  start: number;
  end: number;
  /** For a keyword argument matched in a call context, the call it belongs to. */
  callee?: string;
}

export interface LineContext {
  /** `code`: Python source; `prose`: comments, docstrings, Markdown, plain text. */
  mode: 'code' | 'prose';
  imports?: ImportContext;
  /** Up to a few previous lines, for calls whose arguments span lines. */
  before?: string;
  /** Identifiers of the whole document (DocumentFacts.words), for companion names such as `mu@logvar`. */
  words?: ReadonlySet<string>;
}

export const IDENT = /[A-Za-z0-9_]/;
export const EMPTY_IMPORTS: ImportContext = { aliases: new Map(), frameworks: ['pytorch', 'tensorflow', 'jax'] };
