// Statements: logical lines and indented blocks into a tree of Stmt. Error-tolerant by construction: a
// statement that does not parse becomes an 'error' statement spanning its logical line (its block, if
// any, is still parsed), so one odd line never hides the rest of the file.
import type { Expr, Import, Param, Stmt } from './ast';
import { AUGMENTED, ExprParser, ParseError } from './parseExpr';
import { Tok, tokenize, type Tokens } from './tokenize';

export interface ParsedModule {
  readonly body: Stmt[];
  readonly tokens: Tokens;
  readonly source: string;
}

export function parsePython(source: string): ParsedModule {
  const tokens = tokenize(source);
  const parser = new StmtParser(tokens, source);
  return { body: parser.module(), tokens, source };
}

/** Shared by every statement without a body or expressions (never mutated). */
const NO_BODY: Stmt[] = [];
const NO_EXPRS: Expr[] = [];
const SIMPLE_KEYWORDS = new Set(['pass', 'break', 'continue', 'global', 'nonlocal', 'del', 'assert', 'raise']);
const CLAUSES = new Set(['else', 'elif', 'except', 'finally']);

class StmtParser extends ExprParser {
  constructor(tokens: Tokens, src: string) {
    super(tokens, src);
  }

  module(): Stmt[] {
    const body: Stmt[] = [];
    while (this.k() !== Tok.End) {
      if (this.k() === Tok.Dedent || this.k() === Tok.Indent || this.k() === Tok.Newline) {
        // Unexpected indentation at top level: parse it as a block so nothing is lost.
        if (this.k() === Tok.Indent) {
          const s = this.ts();
          this.pos++;
          const inner = this.block();
          body.push({ t: 'block', s, e: s, end: this.prevEnd(), exprs: [], body: inner });
          continue;
        }
        this.pos++;
        continue;
      }
      body.push(...this.statement());
    }
    return body;
  }

  private nesting = 0;

  /** Statements until the matching DEDENT (consumed). Past 100 levels the block is skipped unparsed. */
  private block(): Stmt[] {
    if (this.nesting >= 100) {
      for (let depth = 1; depth > 0 && this.k() !== Tok.End; this.pos++) {
        if (this.k() === Tok.Indent) depth++;
        else if (this.k() === Tok.Dedent) depth--;
      }
      return [];
    }
    this.nesting++;
    try {
      return this.blockInner();
    } finally {
      this.nesting--;
    }
  }

  private blockInner(): Stmt[] {
    const body: Stmt[] = [];
    while (this.k() !== Tok.End && this.k() !== Tok.Dedent) {
      if (this.k() === Tok.Newline) {
        this.pos++;
        continue;
      }
      if (this.k() === Tok.Indent) {
        const s = this.ts();
        this.pos++;
        const inner = this.block();
        body.push({ t: 'block', s, e: s, end: this.prevEnd(), exprs: [], body: inner });
        continue;
      }
      body.push(...this.statement());
    }
    if (this.k() === Tok.Dedent) this.pos++;
    return body;
  }

  private statement(): Stmt[] {
    const start = this.pos;
    try {
      return this.statementUnsafe();
    } catch (error) {
      if (!(error instanceof ParseError)) throw error;
      this.pos = start;
      return [this.recover()];
    }
  }

  /** Skips the logical line; a following indented block becomes the error statement's body. */
  private recover(): Stmt {
    const s = this.ts();
    while (this.k() !== Tok.Newline && this.k() !== Tok.End) this.pos++;
    const e = this.prevEnd();
    if (this.k() === Tok.Newline) this.pos++;
    let body: Stmt[] = [];
    if (this.k() === Tok.Indent) {
      this.pos++;
      body = this.block();
    }
    return { t: 'error', s, e, end: Math.max(e, this.prevEnd()), exprs: [], body };
  }

  private statementUnsafe(): Stmt[] {
    const t = this.tok;
    if (t.k === Tok.Op && t.v === '@') return [this.decorated()];
    if (t.k === Tok.Name) {
      switch (t.v) {
        case 'def': return [this.def([])];
        case 'class': return [this.classDef([])];
        case 'async':
          this.pos++;
          return this.statementUnsafe();
        case 'for': return [this.forStmt()];
        case 'while':
        case 'if': {
          this.pos++;
          const test = this.expr();
          return [this.compound(t.v, t.s, [test], {})];
        }
        case 'with': return [this.withStmt()];
        case 'try': {
          this.pos++;
          return [this.compound('block', t.s, [], {})];
        }
        default:
          if (CLAUSES.has(t.v)) {
            this.pos++;
            const exprs: Expr[] = [];
            if (!this.peekIs(':')) {
              exprs.push(this.exprList());
              if (this.accept('as')) exprs.push(this.expr());
            }
            return [this.compound('clause', t.s, exprs, { keyword: t.v })];
          }
          if ((t.v === 'match' || t.v === 'case') && this.lineEndsWithColon()) {
            this.pos++;
            const exprs = [this.exprList()];
            if (this.accept('if')) exprs.push(this.expr());
            return [this.compound(t.v === 'match' ? 'block' : 'clause', t.s, exprs, { keyword: t.v })];
          }
      }
    }
    return this.simpleLine();
  }

  private lineEndsWithColon(): boolean {
    let i = this.pos;
    while (this.at(i).k !== Tok.Newline && this.at(i).k !== Tok.End) i++;
    const last = this.at(i - 1);
    return last.k === Tok.Op && last.v === ':' && i - 1 > this.pos + 1;
  }

  /** `header: body` where the body is an indented block or simple statements on the same line. */
  private compound(t: Stmt['t'], s: number, exprs: Expr[], extra: Partial<Stmt>): Stmt {
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

  private decorated(): Stmt {
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

  private def(decorators: Expr[]): Stmt {
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

  private classDef(decorators: Expr[]): Stmt {
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

  private forStmt(): Stmt {
    const s = this.expect('for').s;
    const target = this.exprList(5);
    this.expect('in');
    const iter = this.exprList();
    return this.compound('for', s, [target, iter], { targets: [target], value: iter });
  }

  private withStmt(): Stmt {
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

  /** Simple statements separated by `;` up to the end of the logical line. */
  private simpleLine(): Stmt[] {
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
