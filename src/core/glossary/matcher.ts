// Finds the deep-learning concept at a position of one line. O(length of the line): a handful of
// regex scans of the line and Map lookups in the precomputed GlossaryIndex. This file dispatches on the region
// under the cursor; codeMatch.ts (identifiers), kwargMatch.ts (keyword arguments and call context),
// apiResolution.ts (dotted chains), stringMatch.ts (string literals) and proseMatch.ts (comments, Markdown) match.
import type { GlossaryIndex } from './glossaryIndex';
import { matchCode } from './codeMatch';
import type { LineContext, TermMatch } from './matchTypes';
import { matchProse } from './proseMatch';
import { commentStart, matchString, stringAt } from './stringMatch';

export type { LineContext, MatchKind, TermMatch } from './matchTypes';
export { enclosingCallee } from './kwargMatch';

const MAX_LINE = 2000;

export function matchAt(index: GlossaryIndex, line: string, character: number, context: LineContext): TermMatch | undefined {
  if (line.length > MAX_LINE || character < 0 || character > line.length) return undefined;
  if (context.mode === 'prose') return matchProse(index, line, character, 0, line.length, context);
  const comment = commentStart(line);
  if (comment >= 0 && character >= comment) return matchProse(index, line, character, comment + 1, line.length, context);
  const str = stringAt(line, character);
  if (str) return matchString(index, line, str, character, context);
  return matchCode(index, line, character, context);
}
