// Bytes of a user file → text, or the line of the first byte that makes it unreadable. Deck files come
// from anywhere (a binary dropped in the folder, a Latin-1 export), so this never throws.

export type Decoded = { ok: true; text: string } | { ok: false; line: number; message: string };

export function decodeUtf8(bytes: Uint8Array): Decoded {
  const nul = bytes.indexOf(0);
  if (nul >= 0) {
    return { ok: false, line: 1, message: 'this is a binary file (it contains NUL bytes), not Markdown or YAML text' };
  }
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return { ok: true, text: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text };
  } catch {
    const bad = firstInvalidUtf8(bytes);
    return {
      ok: false,
      line: lineAtByte(bytes, Math.max(0, bad)),
      message: 'the file is not valid UTF-8 (the first bad byte is on this line); save it with UTF-8 encoding',
    };
  }
}

function lineAtByte(bytes: Uint8Array, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset; i++) if (bytes[i] === 0x0a) line++;
  return line;
}

/** Offset of the first byte that is not part of a well-formed UTF-8 sequence, or -1. */
export function firstInvalidUtf8(b: Uint8Array): number {
  let i = 0;
  while (i < b.length) {
    const c = b[i];
    if (c < 0x80) {
      i++;
      continue;
    }
    let n: number;
    let min = 0x80;
    let max = 0xbf;
    if (c >= 0xc2 && c <= 0xdf) n = 1;
    else if (c >= 0xe0 && c <= 0xef) {
      n = 2;
      if (c === 0xe0) min = 0xa0; // no overlong forms
      if (c === 0xed) max = 0x9f; // no UTF-16 surrogates
    } else if (c >= 0xf0 && c <= 0xf4) {
      n = 3;
      if (c === 0xf0) min = 0x90;
      if (c === 0xf4) max = 0x8f; // nothing above U+10FFFF
    } else return i;
    for (let k = 1; k <= n; k++) {
      const next = b[i + k];
      if (next === undefined) return i;
      const lo = k === 1 ? min : 0x80;
      const hi = k === 1 ? max : 0xbf;
      if (next < lo || next > hi) return i;
    }
    i += n + 1;
  }
  return -1;
}
