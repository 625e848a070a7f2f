// The small syntax tree the checks read. Offsets (`s`, `e`) index the analysed source. Every expression
// lists its sub-expressions in `kids`, so a walker needs no per-kind code; the kinds the checks inspect
// carry their parts by name as well.

export type Expr =
  | { t: 'name'; s: number; e: number; kids: Expr[]; id: string }
  | { t: 'attr'; s: number; e: number; kids: Expr[]; obj: Expr; name: string; nameS: number }
  | { t: 'call'; s: number; e: number; kids: Expr[]; fn: Expr; args: Arg[]; lp: number; rp: number }
  | { t: 'sub'; s: number; e: number; kids: Expr[]; obj: Expr; index: Expr[] }
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
