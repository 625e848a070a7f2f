// The records the facts pass (facts.ts) builds: scopes, loops, calls, assignments, augmented assignments
// and classes, linked to each other so a check can go from a call to its loops, scope and class.
import type { Expr, Stmt } from './python/ast';

export type CallExpr = Extract<Expr, { t: 'call' }>;

export interface Scope {
  readonly kind: 'module' | 'def';
  readonly stmt?: Stmt;
  readonly name: string;
  readonly cls?: ClassFact;
  readonly parent?: Scope;
  readonly calls: CallFact[];
  readonly assigns: AssignFact[];
  /** The scope's assignments by target, in source order (for lastAssign). */
  readonly byTarget: Map<string, AssignFact[]>;
  /** Qualified decorator names (`torch.no_grad`). */
  readonly decorators: string[];
  readonly params: string[];
  noGrad: boolean;
}

export interface LoopFact {
  readonly stmt: Stmt;
  readonly scope: Scope;
  readonly parent?: LoopFact;
  /** The iterable's source text and the loop targets' text ('' for while loops). */
  readonly iterText: string;
  readonly targetText: string;
  readonly noGrad: boolean;
  /** Every call inside the loop, nested loops included (not nested functions). */
  readonly calls: CallFact[];
  readonly augs: AugFact[];
}

export interface CallFact {
  readonly node: CallExpr;
  /** Qualified callee (`torch.nn.CrossEntropyLoss`), '' when the callee is not a dotted name. */
  readonly q: string;
  /** The callee as written (`nn.CrossEntropyLoss`, `self.criterion`), '' when not a dotted name. */
  readonly raw: string;
  /** Last segment of the callee (`CrossEntropyLoss`, `step`); for `f(...)(x)`: ''. */
  readonly last: string;
  /** For `recv.method(...)`: the receiver's dotted text ('' if it is not dotted, e.g. a call). */
  readonly recv?: string;
  /** The name a local function would have if this calls one (`f` for `f(...)` and `self.f(...)`). */
  readonly fname: string;
  readonly scope: Scope;
  /** Enclosing loops in this scope, innermost first. */
  readonly loops: LoopFact[];
  readonly stmt: Stmt;
  readonly noGrad: boolean;
}

export interface AssignFact {
  /** Dotted text of the target (`model`, `self.fc`); tuple targets give one fact per element. */
  readonly target: string;
  readonly value: Expr;
  /** Index in a tuple target (`a, b = f()` gives 0 and 1), -1 for a plain target. */
  readonly index: number;
  readonly stmt: Stmt;
  readonly scope: Scope;
  readonly loops: LoopFact[];
}

export interface AugFact {
  readonly target: string;
  readonly op: string;
  readonly value: Expr;
  readonly stmt: Stmt;
  readonly scope: Scope;
  readonly loops: LoopFact[];
  readonly noGrad: boolean;
}

export interface ClassFact {
  readonly stmt: Stmt;
  readonly name: string;
  readonly bases: string[];
  readonly methods: Map<string, Scope>;
  /** `self.x = value` anywhere in the class's methods. */
  readonly attrs: Map<string, { value: Expr; stmt: Stmt }>;
}
