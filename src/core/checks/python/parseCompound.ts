// Statements, the compound kinds: `header: body` for def (with decorators), class, for, with, and the
// shared tail that reads the body, an indented block or simple statements on the same line. Which keyword
// starts which statement, and the blocks themselves, are the statement parser's (parse.ts).
import type { Expr, Param, Stmt } from './ast';
import { ParseError } from './parseExpr';
import { SimpleStmtParser } from './parseSimple';
import { Tok } from './tokenize';

export abstract class CompoundStmtParser extends SimpleStmtParser {
  /** Statements until the matching DEDENT (consumed). */
  protected abstract block(): Stmt[];

  /** `header: body` where the body is an indented block or simple statements on the same line. */
  protected compound(t: Stmt['t'], s: number, exprs: Expr[], extra: Partial<Stmt>): Stmt {
    this.expect(':');
    const e = this.prevEnd();
    let body: Stmt[];
    if (this.k() === Tok.Newline) {
      this.pos++;
      if (this.k() === Tok.Indent) {
        this.pos++;
        body = this.block();
      } else body = [];
    } else body = this.simpleLine();
    const end = body.length ? body[body.length - 1].end : e;
    return { t, s, e, end, exprs, body, ...extra };
  }

  protected decorated(): Stmt {
    const decorators: Expr[] = [];
    while (this.accept('@')) {
      decorators.push(this.expr());
      if (this.k() === Tok.Newline) this.pos++;
    }
    this.accept('async');
    if (this.peekIs('class')) return this.classDef(decorators);
    if (!this.peekIs('def')) throw new ParseError('decorator without def');
    return this.def(decorators);
  }

  protected def(decorators: Expr[]): Stmt {
    const s = this.expect('def').s;
    const name = this.tok;
    if (name.k !== Tok.Name) throw new ParseError('def name');
    this.pos++;
    this.expect('(');
    const params: Param[] = [];
    while (!this.peekIs(')')) {
      if (this.accept('*') || this.accept('**') || this.accept('/')) {
        if (this.peekIs(',') || this.peekIs(')')) {
          this.accept(',');
          continue;
        }
      }
      const p = this.tok;
      if (p.k !== Tok.Name) throw new ParseError('parameter');
      this.pos++;
      if (this.accept(':')) this.expr();
      const param: Param = { name: p.v, s: p.s };
      if (this.accept('=')) param.default = this.expr();
      params.push(param);
      if (!this.accept(',')) break;
    }
    this.expect(')');
    if (this.accept('->')) this.expr();
    const exprs = [...decorators, ...params.flatMap((p) => (p.default ? [p.default] : []))];
    return this.compound('def', s, exprs, { name: name.v, params, decorators });
  }

  protected classDef(decorators: Expr[]): Stmt {
    const s = this.expect('class').s;
    const name = this.tok;
    if (name.k !== Tok.Name) throw new ParseError('class name');
    this.pos++;
    const bases: Expr[] = [];
    if (this.accept('(')) {
      while (!this.peekIs(')')) {
        if (this.k() === Tok.Name && this.peekIs('=', 1)) this.pos += 2;
        bases.push(this.expr());
        if (!this.accept(',')) break;
      }
      this.expect(')');
    }
    return this.compound('class', s, [...decorators, ...bases], { name: name.v, bases, decorators });
  }

  protected forStmt(): Stmt {
    const s = this.expect('for').s;
    const target = this.exprList(5);
    this.expect('in');
    const iter = this.exprList();
    return this.compound('for', s, [target, iter], { targets: [target], value: iter });
  }

  protected withStmt(): Stmt {
    const s = this.expect('with').s;
    const items: Expr[] = [];
    const exprs: Expr[] = [];
    // `with (a as x, b as y):` (3.10 parenthesised form) is read like the plain one.
    const parenthesised = this.peekIs('(') && this.parenthesisedWith();
    if (parenthesised) this.pos++;
    do {
      if (parenthesised && this.peekIs(')')) break;
      const item = this.expr();
      items.push(item);
      exprs.push(item);
      if (this.accept('as')) exprs.push(this.binary(5));
    } while (this.accept(','));
    if (parenthesised) this.expect(')');
    return this.compound('with', s, exprs, { items });
  }

  private parenthesisedWith(): boolean {
    let depth = 0;
    for (let i = this.pos; i < this.T.count; i++) {
      const t = this.at(i);
      if (t.k === Tok.Newline || t.k === Tok.End) return false;
      if (t.k === Tok.Op && (t.v === '(' || t.v === '[' || t.v === '{')) depth++;
      if (t.k === Tok.Op && (t.v === ')' || t.v === ']' || t.v === '}')) {
        depth--;
        if (depth === 0) {
          if (this.at(i + 1).v !== ':') return false;
          for (let j = this.pos; j < i; j++) if (this.at(j).v === 'as' && this.at(j).k === Tok.Name) return true;
          return false;
        }
      }
    }
    return false;
  }
}
