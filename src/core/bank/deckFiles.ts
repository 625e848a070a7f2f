// The light half of user decks: which files a deck folder holds, their limits, bytes → text. No YAML or
// Markdown parser here, so the VS Code adapter can walk folders without loading the deck compiler.
import type { BankDiagnostic } from './types';
import { MAX_GLOSSARY_BYTES, MAX_QUESTION_BYTES } from './limits';
import { decodeUtf8 } from './decodeText';

/** Bounded work: limits applied while reading a deck folder. */
export interface DeckLimits {
  /** Files (Markdown and YAML) read per deck folder; the rest are reported and skipped. */
  maxFiles: number;
  /** Folder depth below the deck root. */
  maxDepth: number;
  /** Total bytes read per deck folder. */
  maxDeckBytes: number;
}

export const DEFAULT_DECK_LIMITS: DeckLimits = { maxFiles: 5000, maxDepth: 8, maxDeckBytes: 64 * 1024 * 1024 };

export const DECK_PREFIX = 'deck:';

export type DeckFileKind = 'question' | 'glossary' | 'topics' | 'ignored';

/** What a path inside a deck folder is ('/'-separated, relative to the deck root). */
export function deckFileKind(relativePath: string): DeckFileKind {
  if (relativePath === 'topics.yaml' || relativePath === 'topics.yml') return 'topics';
  if (/^glossary\/[^/]+\.ya?ml$/i.test(relativePath)) return 'glossary';
  if (/\.md$/i.test(relativePath) && !/(^|\/)README\.md$/i.test(relativePath)) return 'question';
  return 'ignored';
}

export function sizeLimitOf(kind: DeckFileKind): number {
  return kind === 'question' ? MAX_QUESTION_BYTES : MAX_GLOSSARY_BYTES;
}

/** The namespace of a deck: its folder name made id-safe (lower case, a-z 0-9 . _ -). */
export function deckSlug(folderName: string): string {
  const slug = folderName.toLowerCase().replace(/[^a-z0-9._-]+/g, '-').replace(/^[-.]+|[-.]+$/g, '').slice(0, 60);
  return slug || 'deck';
}

export function namespacedId(deck: string, id: string): string {
  return `${DECK_PREFIX}${deck}:${id}`;
}

/** One file's bytes → text or a diagnostic (size, binary, encoding). */
export function readDeckFile(file: string, kind: DeckFileKind, bytes: Uint8Array): { text?: string; diagnostic?: BankDiagnostic } {
  const limit = sizeLimitOf(kind);
  if (bytes.length > limit) return { diagnostic: tooLarge(file, bytes.length, limit) };
  const decoded = decodeUtf8(bytes);
  if (!decoded.ok) return { diagnostic: { file, line: decoded.line, message: decoded.message, severity: 'error' } };
  return { text: decoded.text };
}

export function tooLarge(file: string, size: number, limit: number): BankDiagnostic {
  const kb = (n: number) => `${Math.ceil(n / 1024)} KB`;
  return { file, line: 1, message: `file is ${kb(size)}; deck files are limited to ${kb(limit)} (split it into several questions)`, severity: 'error' };
}

