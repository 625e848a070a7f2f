// Word normalisation shared by the glossary index and the prose matcher, so both sides agree:
// lower case, British -isation → -ization, simple plurals. Deliberately tiny: a stemmer would merge
// unrelated words ("normal" / "normalization").
export function normalizeWord(word: string): string {
  let w = word.toLowerCase().replace(/['’]s$/, '').replace(/isation/g, 'ization').replace(/ise$/, 'ize');
  if (w.length > 4 && w.endsWith('ies')) w = `${w.slice(0, -3)}y`;
  else if (w.length > 4 && /(ches|shes|xes|sses)$/.test(w)) w = w.slice(0, -2);
  else if (w.length > 3 && w.endsWith('s') && !/(ss|us|is)$/.test(w)) w = w.slice(0, -1);
  return w;
}

/** Splits prose into normalised words with their character offsets. Hyphens and slashes separate words. */
export function proseWords(text: string): { word: string; start: number; end: number }[] {
  const out: { word: string; start: number; end: number }[] = [];
  const re = /[A-Za-z0-9]+(?:['’][A-Za-z]+)?/g;
  for (let m = re.exec(text); m; m = re.exec(text)) out.push({ word: normalizeWord(m[0]), start: m.index, end: m.index + m[0].length });
  return out;
}

/** Code-style identifier parts, in the spirit of Code Spell Checker: snake_case, camelCase, digits. */
export function identifierParts(identifier: string): string[] {
  return identifier
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .split(/[^A-Za-z]+|\s+/)
    .filter((p) => p.length > 1)
    .map((p) => p.toLowerCase());
}
