// Statements, the simple kinds: one logical line of `;`-separated statements (expressions, assignments,
// augmented assignments, annotations, return, the keyword statements) and imports. Compound statements
// (parseCompound.ts) end in a simple line when their body is on the header's line.
import type { Expr, Import, Stmt } from './ast';
import { AUGMENTED, ExprParser, ParseError } from './parseExpr';
import { Tok } from './tokenize';

/** Shared by every statement without a body or expressions (never mutated). */
const NO_BODY: Stmt[] = [];
const NO_EXPRS: Expr[] = [];
const SIMPLE_KEYWORDS = new Set(['pass', 'break', 'continue', 'global', 'nonlocal', 'del', 'assert', 'raise']);

export class SimpleStmtParser extends ExprParser {
  /** Simple statements separated by `;` up to the end of the logical line. */
  protected simpleLine(): Stmt[] {
    const out: Stmt[] = [this.simple()];
    while (this.accept(';')) {
      if (this.k() === Tok.Newline || this.k() === Tok.End) break;
      out.push(this.simple());
    }
    if (this.k() === Tok.Newline) this.pos++;
    else if (this.k() !== Tok.End && this.k() !== Tok.Dedent) throw new ParseError('expected end of line');
    return out;
  }

  private simple(): Stmt {
    const t = this.tok;
    if (t.k === Tok.Name) {
      if (t.v === 'import') return this.importStmt();
      if (t.v === 'from') return this.fromImport();
      if (t.v === 'return') {
        this.pos++;
        const value = this.atLineEnd() ? undefined : this.exprList();
        return { t: 'return', s: t.s, e: this.prevEnd(), end: this.prevEnd(), exprs: value ? [value] : [], body: NO_BODY, value };
      }
      if (SIMPLE_KEYWORDS.has(t.v) && !this.peekIs('=', 1) && !this.peekIs('.', 1) && !this.peekIs('(', 1)) {
        this.pos++;
        const exprs: Expr[] = [];
        while (!this.atLineEnd()) {
          exprs.push(this.exprList());
          if (!this.accept('from') && !this.accept(',')) break;
        }
        return { t: 'simple', s: t.s, e: this.prevEnd(), end: this.prevEnd(), exprs, body: NO_BODY, keyword: t.v };
      }
    }
    const first = this.exprList();
    if (this.peekIs('=')) {
      const targets = [first];
      let value = first;
      while (this.accept('=')) {
        value = this.peekIs('yield') ? this.expr() : this.exprList();
        targets.push(value);
      }
      targets.pop();
      return { t: 'assign', s: t.s, e: value.e, end: value.e, exprs: [...targets, value], body: NO_BODY, targets, value };
    }
    const op = this.tok;
    if (op.k === Tok.Op && AUGMENTED.has(op.v)) {
      this.pos++;
      const value = this.exprList();
      return { t: 'aug', s: t.s, e: value.e, end: value.e, exprs: [first, value], body: NO_BODY, targets: [first], value, op: op.v };
    }
    if (this.accept(':')) {
      const annotation = this.expr();
      const exprs = [first, annotation];
      let value: Expr | undefined;
      if (this.accept('=')) exprs.push((value = this.exprList()));
      return { t: value ? 'assign' : 'simple', s: t.s, e: this.prevEnd(), end: this.prevEnd(), exprs, body: NO_BODY, targets: [first], value };
    }
    return { t: 'expr', s: t.s, e: first.e, end: first.e, exprs: [first], body: NO_BODY, value: first };
  }

  private atLineEnd(): boolean {
    const k = this.k();
    return k === Tok.Newline || k === Tok.End || this.peekIs(';');
  }

  private dotted(): string {
    const parts: string[] = [];
    do {
      const t = this.tok;
      if (t.k !== Tok.Name) throw new ParseError('module name');
      parts.push(t.v);
      this.pos++;
    } while (this.accept('.'));
    return parts.join('.');
  }

  private importStmt(): Stmt {
    const s = this.expect('import').s;
    const imports: Import[] = [];
    do {
      const path = this.dotted();
      const alias = this.accept('as') ? this.dotted() : path.split('.')[0];
      // `import torch.nn` binds `torch`; `import torch.nn as nn` binds `nn` to the full path.
      imports.push({ path: this.peekIsAsAlias(path, alias) ? path : alias, alias });
    } while (this.accept(','));
    return { t: 'import', s, e: this.prevEnd(), end: this.prevEnd(), exprs: NO_EXPRS, body: NO_BODY, imports };
  }

  private peekIsAsAlias(path: string, alias: string): boolean {
    return alias !== path.split('.')[0] || !path.includes('.');
  }

  private fromImport(): Stmt {
    const s = this.expect('from').s;
    let dots = '';
    while (this.peekIs('.') || this.peekIs('...')) {
      dots += this.tv();
      this.pos++;
    }
    const module = this.peekIs('import') ? '' : this.dotted();
    this.expect('import');
    const imports: Import[] = [];
    const paren = this.accept('(');
    do {
      if (paren && this.peekIs(')')) break;
      if (this.accept('*')) continue;
      const name = this.dotted();
      const alias = this.accept('as') ? this.dotted() : name;
      imports.push({ path: `${dots}${module ? `${module}.` : ''}${name}`, alias });
    } while (this.accept(','));
    if (paren) this.expect(')');
    return { t: 'import', s, e: this.prevEnd(), end: this.prevEnd(), exprs: NO_EXPRS, body: NO_BODY, imports };
  }
}
