// Expressions, bottom half: operands and what follows them. Atoms (names, numbers, strings, displays and
// comprehensions) and trailers (attributes, calls with keyword and star arguments, subscripts and slices).
// The operators above them are OperatorParser's (parseOperators.ts); anything outside the grammar the checks
// meet raises ParseError, and the statement parser skips to the next logical line.
import type { Arg, Expr } from './ast';
import { BITOR, MAX_NESTING, OperatorParser } from './parseOperators';
import { ParseError, type Token } from './tokenCursor';
import { Tok } from './tokenize';

// The statement parser's imports, kept where they were.
export { AUGMENTED } from './parseOperators';
export { ParseError, type Token };

/** Shared by every leaf node (never mutated). */
const NONE: Expr[] = [];

const KEYWORDS = new Set(['False', 'None', 'True', 'and', 'as', 'assert', 'async', 'await', 'break', 'class', 'continue', 'def', 'del', 'elif', 'else', 'except', 'finally', 'for', 'from', 'global', 'if', 'import', 'in', 'is', 'lambda', 'nonlocal', 'not', 'or', 'pass', 'raise', 'return', 'try', 'while', 'with', 'yield']);

export class ExprParser extends OperatorParser {
  protected override primary(): Expr {
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
