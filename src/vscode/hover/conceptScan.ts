// "Concepts in this file": every concept the hover recognises in a document. Bounded so a huge or minified
// file cannot hang the extension host: lines over 2,000 characters are skipped (they get no hover either), at
// most 5,000 lines and 20,000 identifiers are looked at, and the work yields every few milliseconds.
import * as vscode from 'vscode';
import type { GlossaryIndex } from '../../core/glossary/glossaryIndex';
import { findMatch } from './hoverProvider';
import type { DocumentContexts } from './documentContext';

const MAX_LINES = 5000;
const MAX_LINE = 2000;
const MAX_IDENTIFIERS = 20_000;
const SLICE_MS = 8;

/** Concept id → name. */
export async function conceptsInDocument(index: GlossaryIndex, document: vscode.TextDocument, contexts: DocumentContexts): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  let identifiers = 0;
  let sliceStart = Date.now();
  const lines = Math.min(document.lineCount, MAX_LINES);
  for (let line = 0; line < lines && identifiers < MAX_IDENTIFIERS; line++) {
    const text = document.lineAt(line).text;
    if (text.length > MAX_LINE) continue;
    const re = /[A-Za-z_][\w.]*/g;
    for (let m = re.exec(text); m && identifiers < MAX_IDENTIFIERS; m = re.exec(text)) {
      identifiers++;
      const hit = findMatch(index, document, new vscode.Position(line, m.index + m[0].length - 1), contexts);
      if (hit) found.set(hit.concept.id, hit.concept.name);
    }
    if (Date.now() - sliceStart > SLICE_MS) {
      await new Promise((resolve) => setTimeout(resolve, 0));
      sliceStart = Date.now();
    }
  }
  return found;
}
