// Expressions: a precedence-climbing parser over the token list. It covers the Python expression
// grammar the checks meet (calls with keyword and star arguments, attributes, subscripts and slices,
// displays and comprehensions, lambdas, conditional expressions, walrus, await/yield); anything else
// raises ParseError, and the statement parser skips to the next logical line.
import type { Arg, Expr } from './ast';
import { Tok, type TokKind, type Tokens } from './tokenize';

/** A snapshot of one token (short-lived: the token list itself is stored as typed arrays). */
export interface Token {
  readonly k: TokKind;
  readonly s: number;
  readonly e: number;
  readonly v: string;
}

export class ParseError extends Error {}

/** Shared by every leaf node (never mutated). */
const NONE: Expr[] = [];

const BINARY: Record<string, number> = {
  or: 1, and: 2,
  '<': 4, '>': 4, '==': 4, '>=': 4, '<=': 4, '!=': 4, in: 4, not: 4, is: 4,
  '|': 5, '^': 6, '&': 7, '<<': 8, '>>': 8, '+': 9, '-': 9, '*': 10, '/': 10, '//': 10, '%': 10, '@': 10,
};
const COMPARISON = 4;
const MAX_NESTING = 100;
const LIST_END = new Set([')', ']', '}', '=', ':', ';']);
export const AUGMENTED = new Set(['+=', '-=', '*=', '/=', '//=', '%=', '**=', '@=', '&=', '|=', '^=', '>>=', '<<=']);
const BITOR = 5;
const KEYWORDS = new Set(['False', 'None', 'True', 'and', 'as', 'assert', 'async', 'await', 'break', 'class', 'continue', 'def', 'del', 'elif', 'else', 'except', 'finally', 'for', 'from', 'global', 'if', 'import', 'in', 'is', 'lambda', 'nonlocal', 'not', 'or', 'pass', 'raise', 'return', 'try', 'while', 'with', 'yield']);

export class ExprParser {
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

  /** A comma-separated list; a single item without a trailing comma is returned as is. */
  exprList(level = 0): Expr {
    const s = this.ts();
    const first = this.starOr(level);
    if (!this.peekIs(',')) return first;
    const items = [first];
    while (this.accept(',')) {
      if (this.endsList()) break;
      items.push(this.starOr(level));
    }
    return { t: 'tuple', s, e: this.prevEnd(), kids: items };
  }

  private endsList(): boolean {
    const t = this.tok;
    if (t.k === Tok.Newline || t.k === Tok.End) return true;
    return (t.k === Tok.Op && (LIST_END.has(t.v) || AUGMENTED.has(t.v))) || (t.k === Tok.Name && t.v === 'in');
  }

  private starOr(level: number): Expr {
    if (this.peekIs('*') || this.peekIs('**')) {
      const s = this.ts();
      this.pos++;
      const arg = this.binary(BITOR);
      return { t: 'unary', s, e: arg.e, kids: [arg], op: '*' };
    }
    return level === BITOR ? this.binary(BITOR) : this.expr();
  }

  /** A full expression: lambda, conditional, walrus. */
  expr(): Expr {
    if (++this.exprDepth > MAX_NESTING * 3) {
      this.exprDepth = 0;
      throw new ParseError('expression too deep');
    }
    try {
      return this.exprInner();
    } finally {
      this.exprDepth = Math.max(0, this.exprDepth - 1);
    }
  }

  private exprDepth = 0;

  private exprInner(): Expr {
    if (this.peekIs('lambda')) return this.lambda();
    if (this.peekIs('yield')) return this.yieldExpr();
    const s = this.ts();
    const left = this.binary(1);
    if (this.peekIs(':=')) {
      this.pos++;
      const value = this.expr();
      return { t: 'other', s, e: value.e, kids: [left, value] };
    }
    if (this.peekIs('if') && !this.inComprehensionIf) {
      const save = this.pos;
      this.pos++;
      try {
        const cond = this.binary(1);
        this.expect('else');
        const other = this.expr();
        return { t: 'other', s, e: other.e, kids: [left, cond, other] };
      } catch (error) {
        if (!(error instanceof ParseError)) throw error;
        this.pos = save; // `x if` inside a comprehension clause: not ours
      }
    }
    return left;
  }

  private inComprehensionIf = false;

  private lambda(): Expr {
    const s = this.expect('lambda').s;
    let depth = 0;
    while (this.k() !== Tok.End && !(depth === 0 && this.peekIs(':'))) {
      if (this.k() === Tok.Newline) throw new ParseError('lambda');
      if (this.peekIs('(') || this.peekIs('[') || this.peekIs('{')) depth++;
      if (this.peekIs(')') || this.peekIs(']') || this.peekIs('}')) depth--;
      this.pos++;
    }
    this.expect(':');
    const body = this.expr();
    return { t: 'lambda', s, e: body.e, kids: [body] };
  }

  private yieldExpr(): Expr {
    const s = this.expect('yield').s;
    this.accept('from');
    if (this.endsList()) return { t: 'other', s, e: this.prevEnd(), kids: [] };
    const value = this.exprList();
    return { t: 'other', s, e: value.e, kids: [value] };
  }

  binary(minPrec: number): Expr {
    let left = this.unary();
    for (;;) {
      const k = this.k();
      if (k !== Tok.Op && k !== Tok.Name) return left;
      let op = this.tv();
      const prec = BINARY[op];
      if (prec === undefined || prec < minPrec) return left;
      if (op === 'not') {
        if (!this.peekIs('in', 1)) return left;
        this.pos++;
        op = 'not in';
      }
      this.pos++;
      if (op === 'is' && this.accept('not')) op = 'is not';
      const right = this.binary(prec === COMPARISON ? COMPARISON + 1 : prec + 1);
      left = { t: 'bin', s: left.s, e: right.e, kids: [left, right], op };
    }
  }

  private unary(): Expr {
    if (++this.exprDepth > MAX_NESTING * 3) {
      this.exprDepth = 0;
      throw new ParseError('expression too deep');
    }
    try {
      return this.unaryInner();
    } finally {
      this.exprDepth = Math.max(0, this.exprDepth - 1);
    }
  }

  private unaryInner(): Expr {
    const k = this.k();
    const v = this.tv();
    if ((k === Tok.Op && (v === '-' || v === '+' || v === '~')) || (k === Tok.Name && (v === 'not' || v === 'await'))) {
      const s = this.ts();
      this.pos++;
      const arg = v === 'not' ? this.binary(3) : this.unary();
      return { t: 'unary', s, e: arg.e, kids: [arg], op: v };
    }
    const base = this.primary();
    if (this.peekIs('**')) {
      this.pos++;
      const exp = this.unary();
      return { t: 'bin', s: base.s, e: exp.e, kids: [base, exp], op: '**' };
    }
    return base;
  }

  private primary(): Expr {
    let node = this.atom();
    for (let trailers = 0; ; trailers++) {
      if (trailers > MAX_NESTING * 3) throw new ParseError('trailer chain too long');
      if (this.peekIs('.')) {
        this.pos++;
        if (this.k() !== Tok.Name) throw new ParseError('attribute name');
        const nameS = this.ts();
        const nameE = this.te();
        const name = this.tv();
        this.pos++;
        node = { t: 'attr', s: node.s, e: nameE, obj: node, name, nameS };
      } else if (this.peekIs('(')) {
        const lp = this.ts();
        this.pos++;
        const args = this.args();
        const rp = this.expect(')').s;
        node = { t: 'call', s: node.s, e: rp + 1, fn: node, args, lp, rp };
      } else if (this.peekIs('[')) {
        this.pos++;
        const index = this.subscripts();
        const e = this.expect(']').e;
        node = { t: 'sub', s: node.s, e, obj: node, index };
      } else return node;
    }
  }

  private args(): Arg[] {
    const args: Arg[] = [];
    while (!this.peekIs(')')) {
      const s = this.ts();
      if (this.peekIs('*') || this.peekIs('**')) {
        const star = this.tv() as '*' | '**';
        this.pos++;
        const value = this.expr();
        args.push({ star, value, s, e: value.e });
      } else if (this.k() === Tok.Name && this.peekIs('=', 1)) {
        const name = this.tv();
        this.pos += 2;
        const value = this.expr();
        args.push({ name, value, s, e: value.e });
      } else {
        let value = this.expr();
        if (this.peekIs('for') || this.peekIs('async')) value = this.comprehension(value, s);
        args.push({ value, s, e: value.e });
      }
      if (!this.accept(',')) break;
    }
    return args;
  }

  private subscripts(): Expr[] {
    const items: Expr[] = [];
    do {
      if (this.peekIs(']')) break;
      const s = this.ts();
      let lower: Expr | undefined;
      if (!this.peekIs(':')) lower = this.starOr(0);
      if (this.peekIs(':')) {
        this.pos++;
        const upper = this.peekIs(':') || this.peekIs(']') || this.peekIs(',') ? undefined : this.expr();
        const kids = [lower, upper].filter((x): x is Expr => x !== undefined);
        if (this.accept(':') && !this.peekIs(']') && !this.peekIs(',')) kids.push(this.expr());
        items.push({ t: 'slice', s, e: this.prevEnd(), kids, lower, upper });
      } else if (lower) items.push(lower);
    } while (this.accept(','));
    return items;
  }

  /** `elt for x in xs if c ...` after `elt` has been read. */
  private comprehension(elt: Expr, s: number): Expr {
    const kids = [elt];
    while (this.peekIs('for') || this.peekIs('async')) {
      this.accept('async');
      this.expect('for');
      kids.push(this.exprList(BITOR));
      this.expect('in');
      kids.push(this.binary(1));
      while (this.peekIs('if')) {
        this.pos++;
        const was = this.inComprehensionIf;
        this.inComprehensionIf = true;
        try {
          kids.push(this.binary(1));
        } finally {
          this.inComprehensionIf = was;
        }
      }
    }
    return { t: 'comp', s, e: this.prevEnd(), kids };
  }

  private atom(): Expr {
    if (this.k() === Tok.Name) {
      const v = this.tv();
      const s = this.ts();
      const e = this.te();
      if (v === 'True' || v === 'False' || v === 'None') {
        this.pos++;
        return { t: 'const', s, e, kids: NONE, value: v };
      }
      if (KEYWORDS.has(v) && v !== 'await') throw new ParseError(`unexpected ${v}`);
      this.pos++;
      return { t: 'name', s, e, kids: NONE, id: v };
    }
    const t = this.tok;
    if (t.k === Tok.Number) {
      this.pos++;
      return { t: 'num', s: t.s, e: t.e, kids: NONE, value: parseNumber(this.src.slice(t.s, t.e)) };
    }
    if (t.k === Tok.String) {
      let e = t.e;
      const parts = [stringValue(this.src.slice(t.s, t.e))];
      this.pos++;
      while (this.k() === Tok.String) {
        parts.push(stringValue(this.src.slice(this.ts(), this.te())));
        e = this.te();
        this.pos++;
      }
      return { t: 'str', s: t.s, e, kids: NONE, value: parts.join('') };
    }
    if (t.k === Tok.Op) {
      if (t.v === '...') {
        this.pos++;
        return { t: 'other', s: t.s, e: t.e, kids: [] };
      }
      if (t.v === '(' || t.v === '[' || t.v === '{') return this.display(t);
    }
    throw new ParseError(`unexpected token at ${t.s}`);
  }

  private depth = 0;

  private display(open: Token): Expr {
    // Bounded nesting: '((((…' thousands deep is not a training script, and must not overflow the stack.
    if (++this.depth > MAX_NESTING) throw new ParseError('nesting too deep');
    try {
      return this.displayInner(open);
    } finally {
      this.depth--;
    }
  }

  private displayInner(open: Token): Expr {
    this.pos++;
    const close = open.v === '(' ? ')' : open.v === '[' ? ']' : '}';
    const kind = open.v === '(' ? 'tuple' : open.v === '[' ? 'list' : 'set';
    const items: Expr[] = [];
    let isDict = false;
    let trailingComma = false;
    while (!this.peekIs(close)) {
      const s = this.ts();
      let item: Expr;
      if (open.v === '{' && this.peekIs('**')) {
        this.pos++;
        item = this.binary(BITOR);
        isDict = true;
      } else {
        item = this.peekIs('yield') ? this.yieldExpr() : this.starOr(0);
        if (open.v === '{' && this.accept(':')) {
          isDict = true;
          const value = this.expr();
          item = { t: 'other', s, e: value.e, kids: [item, value] };
        }
      }
      if (this.peekIs('for') || this.peekIs('async')) item = this.comprehension(item, s);
      items.push(item);
      trailingComma = false;
      if (!this.accept(',')) break;
      trailingComma = true;
    }
    const e = this.expect(close).e;
    if (kind === 'tuple' && items.length === 1 && !trailingComma && items[0].t !== 'comp') {
      // Parenthesised expression: keep the inner node, widened to the parentheses.
      return { ...items[0], s: open.s, e };
    }
    return { t: isDict ? 'dict' : kind, s: open.s, e, kids: items };
  }
}

function parseNumber(text: string): number {
  const clean = text.replace(/_/g, '').replace(/[jJlL]$/, '');
  const value = Number(clean);
  return Number.isNaN(value) ? parseFloat(clean) : value;
}

/** The contents of a string literal (escapes left as written; enough for comparing names). */
function stringValue(text: string): string {
  const m = /^[a-zA-Z]*('''|"""|'|")/.exec(text);
  if (!m) return text;
  const body = text.slice(m[0].length);
  return body.endsWith(m[1]) ? body.slice(0, body.length - m[1].length) : body;
}
