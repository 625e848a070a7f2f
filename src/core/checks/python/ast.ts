// The small syntax tree the checks read. Offsets (`s`, `e`) index the analysed source. Calls, attributes
// and subscripts carry their parts by name; every other kind lists its sub-expressions in `kids`. A walker
// uses forEachChild(), which covers both (calls and attributes make up most nodes: no extra array for them).

export type Expr =
  | { t: 'name'; s: number; e: number; kids: Expr[]; id: string }
  | { t: 'attr'; s: number; e: number; obj: Expr; name: string; nameS: number }
  | { t: 'call'; s: number; e: number; fn: Expr; args: Arg[]; lp: number; rp: number }
  | { t: 'sub'; s: number; e: number; obj: Expr; index: Expr[] }
  | { t: 'slice'; s: number; e: number; kids: Expr[]; lower?: Expr; upper?: Expr }
  | { t: 'num'; s: number; e: number; kids: Expr[]; value: number }
  | { t: 'str'; s: number; e: number; kids: Expr[]; value: string }
  | { t: 'const'; s: number; e: number; kids: Expr[]; value: 'True' | 'False' | 'None' }
  | { t: 'unary'; s: number; e: number; kids: Expr[]; op: string }
  | { t: 'bin'; s: number; e: number; kids: Expr[]; op: string }
  | { t: 'tuple' | 'list' | 'set' | 'dict' | 'comp' | 'lambda' | 'other'; s: number; e: number; kids: Expr[] };

export interface Arg {
  /** Keyword name for `name=value`. */
  name?: string;
  star?: '*' | '**';
  value: Expr;
  s: number;
  e: number;
}

export interface Import {
  /** Full module or object path, e.g. `torch.nn.functional`. */
  path: string;
  /** The local name it is bound to. */
  alias: string;
}

export type StmtKind =
  | 'expr' | 'assign' | 'aug' | 'for' | 'while' | 'if' | 'with' | 'def' | 'class' | 'import' | 'return'
  | 'clause' | 'block' | 'simple' | 'error';

export interface Stmt {
  t: StmtKind;
  /** Start offset (for a decorated def/class: the `def`/`class` keyword; decorators are listed apart). */
  s: number;
  /** End of the statement's own text (its header for a compound statement). */
  e: number;
  /** End offset including the body. */
  end: number;
  /** Expressions of the statement's own text (header), for walkers. */
  exprs: Expr[];
  body: Stmt[];
  /** assign: targets (a = b = value gives [a, b]); for: the loop targets; aug: [target]. */
  targets?: Expr[];
  /** assign/aug/expr/return: the value; for: the iterable. */
  value?: Expr;
  op?: string;
  /** with: the context-manager expressions. */
  items?: Expr[];
  /** def/class name, and the offset of the name. */
  name?: string;
  params?: Param[];
  decorators?: Expr[];
  /** class: base classes. */
  bases?: Expr[];
  imports?: Import[];
  /** clause: the keyword (else, elif, except, finally, case). */
  keyword?: string;
}

export interface Param {
  name: string;
  s: number;
  default?: Expr;
}

/** Calls `visit` on every sub-expression of `e` (no array for calls and attributes). */
export function forEachChild(e: Expr, visit: (child: Expr) => void): void {
  switch (e.t) {
    case 'call':
      visit(e.fn);
      for (const a of e.args) visit(a.value);
      return;
    case 'attr':
      visit(e.obj);
      return;
    case 'sub':
      visit(e.obj);
      for (const i of e.index) visit(i);
      return;
    default:
      for (const k of e.kids) visit(k);
  }
}

/** Whether `test` holds for `e` or any expression inside it; the search stops at the first that does. */
export function someExpr(e: Expr, test: (e: Expr) => boolean): boolean {
  if (test(e)) return true;
  let found = false;
  forEachChild(e, (child) => {
    found ||= someExpr(child, test);
  });
  return found;
}
