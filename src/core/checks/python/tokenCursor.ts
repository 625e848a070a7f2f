// The parsers' view of the token list: one position, lookahead by value, and ParseError for a line that
// does not parse (the statement parser catches it and skips to the next logical line). The base of the
// expression and statement parsers, so both read tokens the same way.
import { Tok, type TokKind, type Tokens } from './tokenize';

/** A snapshot of one token (short-lived: the token list itself is stored as typed arrays). */
export interface Token {
  readonly k: TokKind;
  readonly s: number;
  readonly e: number;
  readonly v: string;
}

export class ParseError extends Error {}

export class TokenCursor {
  pos = 0;
  constructor(protected readonly T: Tokens, protected readonly src: string) {}

  protected at(i: number): Token {
    const T = this.T;
    const j = Math.min(i, T.count - 1);
    return { k: T.kind[j] as TokKind, s: T.start[j], e: T.end[j], v: T.value[j] };
  }
  protected get tok(): Token {
    return this.at(this.pos);
  }
  protected k(): TokKind {
    return this.T.kind[this.pos] as TokKind;
  }
  protected ts(): number {
    return this.T.start[this.pos];
  }
  protected te(): number {
    return this.T.end[this.pos];
  }
  protected tv(): string {
    return this.T.value[this.pos];
  }
  protected peekIs(v: string, ahead = 0): boolean {
    const i = this.pos + ahead;
    if (i >= this.T.count) return false;
    const k = this.T.kind[i];
    return (k === Tok.Op || k === Tok.Name) && this.T.value[i] === v;
  }
  protected accept(v: string): Token | undefined {
    if (this.peekIs(v)) return this.at(this.pos++);
    return undefined;
  }
  protected expect(v: string): Token {
    const t = this.accept(v);
    if (!t) throw new ParseError(`expected ${v}`);
    return t;
  }
  protected prevEnd(): number {
    return this.T.end[this.pos - 1];
  }
}
