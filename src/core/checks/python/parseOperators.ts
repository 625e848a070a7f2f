// Expressions, top half: comma lists, lambda, conditional expressions, walrus, yield, and the binary and
// unary operators by precedence climbing. What an operand is (atoms, displays, calls, subscripts) is the
// subclass's part: ExprParser in parseExpr.ts.
import type { Expr } from './ast';
import { ParseError, TokenCursor } from './tokenCursor';
import { Tok } from './tokenize';

const BINARY: Record<string, number> = {
  or: 1, and: 2,
  '<': 4, '>': 4, '==': 4, '>=': 4, '<=': 4, '!=': 4, in: 4, not: 4, is: 4,
  '|': 5, '^': 6, '&': 7, '<<': 8, '>>': 8, '+': 9, '-': 9, '*': 10, '/': 10, '//': 10, '%': 10, '@': 10,
};
const COMPARISON = 4;
/** The precedence of `|`: star targets, `for` targets and `**` unpacking stop below it. */
export const BITOR = 5;
/** Bound on nesting (displays; three times this for operators and trailers): deep input must not overflow the stack. */
export const MAX_NESTING = 100;
const LIST_END = new Set([')', ']', '}', '=', ':', ';']);
export const AUGMENTED = new Set(['+=', '-=', '*=', '/=', '//=', '%=', '**=', '@=', '&=', '|=', '^=', '>>=', '<<=']);

export abstract class OperatorParser extends TokenCursor {
  /** An operand with its trailers (`.name`, calls, subscripts). */
  protected abstract primary(): Expr;

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

  protected starOr(level: number): Expr {
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
    this.enterNested();
    try {
      return this.exprInner();
    } finally {
      this.leaveNested();
    }
  }

  private exprDepth = 0;

  /**
   * expr() and unary() count their recursion together: past the bound the line is given up (a ParseError the
   * statement parser recovers from) instead of overflowing the stack. The count restarts for the next line.
   */
  private enterNested(): void {
    if (++this.exprDepth > MAX_NESTING * 3) {
      this.exprDepth = 0;
      throw new ParseError('expression too deep');
    }
  }

  private leaveNested(): void {
    this.exprDepth = Math.max(0, this.exprDepth - 1);
  }

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

  /** Set while reading a comprehension's `if` clause, where `if` starts the next clause, not `a if b else c`. */
  protected inComprehensionIf = false;

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

  protected yieldExpr(): Expr {
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
    this.enterNested();
    try {
      return this.unaryInner();
    } finally {
      this.leaveNested();
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
}
