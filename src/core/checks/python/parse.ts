// Statements: logical lines and indented blocks into a tree of Stmt. Error-tolerant by construction: a
// statement that does not parse becomes an 'error' statement spanning its logical line (its block, if
// any, is still parsed), so one odd line never hides the rest of the file. This file holds the blocks and
// which keyword starts which statement; the statements themselves are in parseCompound.ts and parseSimple.ts.
import type { Expr, Stmt } from './ast';
import { ParseError } from './parseExpr';
import { CompoundStmtParser } from './parseCompound';
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

const CLAUSES = new Set(['else', 'elif', 'except', 'finally']);

class StmtParser extends CompoundStmtParser {
  constructor(tokens: Tokens, src: string) {
    super(tokens, src);
  }

  module(): Stmt[] {
    const body: Stmt[] = [];
    while (this.k() !== Tok.End) {
      const k = this.k();
      if (k === Tok.Indent) body.push(this.strayBlock());
      else if (k === Tok.Dedent || k === Tok.Newline) this.pos++;
      else body.push(...this.statement());
    }
    return body;
  }

  /** An indented block where no statement opened one (at the INDENT): parsed as a 'block' so nothing is lost. */
  private strayBlock(): Stmt {
    const s = this.ts();
    this.pos++;
    const inner = this.block();
    return { t: 'block', s, e: s, end: this.prevEnd(), exprs: [], body: inner };
  }

  private nesting = 0;

  /** Statements until the matching DEDENT (consumed). Past 100 levels the block is skipped unparsed. */
  protected override block(): Stmt[] {
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
        body.push(this.strayBlock());
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
}
