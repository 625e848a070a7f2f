// The shared pass: one walk over the syntax tree collects what every check asks about (imports, calls
// with their qualified names, assignments, loops, functions, classes, no-grad regions), so twenty checks
// cost one traversal plus their own small lookups.
import type { Expr, Stmt } from './python/ast';
import { parsePython, type ParsedModule } from './python/parse';
import type { AssignFact, AugFact, CallExpr, CallFact, ClassFact, LoopFact, Scope } from './factTypes';
import { canonical, dotted } from './names';

// The checks import the records and the name helpers from here, with the pass that makes them.
export type { AssignFact, AugFact, CallExpr, CallFact, ClassFact, LoopFact, Scope } from './factTypes';
export { canonical, dotted, lastSegment } from './names';

const NO_GRAD = new Set(['torch.no_grad', 'torch.inference_mode', 'torch.autograd.no_grad', 'torch.autograd.grad_mode.no_grad']);

export class Facts {
  readonly imports = new Map<string, string>();
  readonly calls: CallFact[] = [];
  readonly assigns: AssignFact[] = [];
  readonly augs: AugFact[] = [];
  readonly loops: LoopFact[] = [];
  readonly scopes: Scope[] = [];
  readonly classes: ClassFact[] = [];
  readonly functions = new Map<string, Scope[]>();
  /** Indexes: the fact of a call node, the assignment whose value is a node, calls by last name segment. */
  readonly callOf = new Map<Expr, CallFact>();
  readonly assignOf = new Map<Expr, AssignFact>();
  readonly callsByLast = new Map<string, CallFact[]>();
  /** Per-file memo tables for the role heuristics (plain Maps: cheaper than module-level WeakMaps). */
  readonly memo = {
    ctor: new Map<Expr, CallExpr | null>(),
    model: new Map<CallFact, boolean>(),
    trains: new Map<LoopFact, boolean>(),
    does: new Map<(c: CallFact) => boolean, Map<string, boolean>>(),
    evalLoops: undefined as LoopFact[] | undefined,
  };
  readonly module: Scope;

  constructor(readonly parsed: ParsedModule) {
    this.module = this.newScope('module', '', undefined, undefined, undefined);
    this.visitBlock(parsed.body, this.module, [], false);
  }

  static of(source: string): Facts {
    return new Facts(parsePython(source));
  }

  get source(): string {
    return this.parsed.source;
  }
  text(e: { s: number; e: number }): string {
    return this.parsed.source.slice(e.s, e.e);
  }
  /** Imports a module whose path starts with `root` (`torch`, `keras`, `tf`, `flax`, `jax`, `sklearn`). */
  uses(root: string): boolean {
    for (const path of this.imports.values()) if (path === root || path.startsWith(`${root}.`)) return true;
    return false;
  }
  /** Qualified name of a dotted expression, resolving its first segment through the imports. */
  qualify(e: Expr): string {
    return this.qualifyText(dotted(e));
  }
  qualifyText(text: string): string {
    if (!text) return '';
    const dot = text.indexOf('.');
    const head = dot < 0 ? text : text.slice(0, dot);
    const path = this.imports.get(head);
    return path ? canonical(dot < 0 ? path : path + text.slice(dot)) : text;
  }
  /** Qualified callee of a call node (precomputed by the facts pass for every call it saw). */
  calleeQ(call: CallExpr): string {
    return this.callOf.get(call)?.q ?? this.qualify(call.fn);
  }
  /** The alias under which a module is imported (`torch` → `torch`), if any. */
  aliasOf(path: string): string | undefined {
    for (const [alias, p] of this.imports) if (p === path) return alias;
    return undefined;
  }

  /** The latest assignment to `target` before `before` in `scope`, then in the enclosing scopes. */
  lastAssign(target: string, scope: Scope | undefined, before: number): AssignFact | undefined {
    for (let sc = scope; sc; sc = sc.parent) {
      const list = sc.byTarget.get(target);
      if (list) {
        let best: AssignFact | undefined;
        for (const a of list) if (a.stmt.s < before && (!best || a.stmt.s > best.stmt.s)) best = a;
        if (best) return best;
      }
      if (sc.kind === 'def' && sc.params.includes(target)) return undefined; // a parameter shadows outer names
      before = Infinity;
    }
    return undefined;
  }

  private newScope(kind: Scope['kind'], name: string, stmt: Stmt | undefined, parent: Scope | undefined, cls: ClassFact | undefined): Scope {
    const decorators = (stmt?.decorators ?? []).map((d) => this.qualify(d.t === 'call' ? d.fn : d));
    const scope: Scope = {
      kind, name, stmt, parent, cls, calls: [], assigns: [], byTarget: new Map(), decorators,
      params: stmt?.params?.map((p) => p.name) ?? [],
      noGrad: decorators.some((d) => NO_GRAD.has(d)),
    };
    this.scopes.push(scope);
    return scope;
  }

  private visitBlock(body: Stmt[], scope: Scope, loops: LoopFact[], noGrad: boolean, cls?: ClassFact): void {
    for (const stmt of body) this.visit(stmt, scope, loops, noGrad, cls);
  }

  private visit(stmt: Stmt, scope: Scope, loops: LoopFact[], noGrad: boolean, cls?: ClassFact): void {
    if (stmt.t === 'import') {
      for (const imp of stmt.imports ?? []) this.imports.set(imp.alias, canonical(imp.path));
      return;
    }
    if (stmt.t === 'def') {
      for (const e of stmt.exprs) this.collectCalls(e, stmt, scope, loops, noGrad);
      const inner = this.newScope('def', stmt.name ?? '', stmt, scope, cls);
      inner.noGrad ||= noGrad;
      const list = this.functions.get(inner.name) ?? [];
      list.push(inner);
      this.functions.set(inner.name, list);
      if (cls) cls.methods.set(inner.name, inner);
      this.visitBlock(stmt.body, inner, [], inner.noGrad, cls);
      return;
    }
    if (stmt.t === 'class') {
      for (const e of stmt.exprs) this.collectCalls(e, stmt, scope, loops, noGrad);
      const fact: ClassFact = { stmt, name: stmt.name ?? '', bases: (stmt.bases ?? []).map((b) => this.qualify(b)), methods: new Map(), attrs: new Map() };
      this.classes.push(fact);
      this.visitBlock(stmt.body, scope, loops, noGrad, fact);
      return;
    }
    for (const e of stmt.exprs) this.collectCalls(e, stmt, scope, loops, noGrad);
    if (stmt.t === 'assign' && stmt.value) {
      for (const target of stmt.targets ?? []) this.recordAssign(target, stmt.value, stmt, scope, loops, cls);
    } else if (stmt.t === 'aug' && stmt.value && stmt.targets) {
      const fact: AugFact = { target: dotted(stmt.targets[0]) || this.text(stmt.targets[0]), op: stmt.op ?? '', value: stmt.value, stmt, scope, loops, noGrad };
      this.augs.push(fact);
      for (const loop of loops) loop.augs.push(fact);
    } else if (stmt.t === 'for' || stmt.t === 'while') {
      const loop: LoopFact = {
        stmt, scope, parent: loops[0], noGrad, calls: [], augs: [],
        iterText: stmt.t === 'for' && stmt.value ? this.text(stmt.value) : '',
        targetText: stmt.t === 'for' && stmt.targets ? this.text(stmt.targets[0]) : '',
      };
      // The loop's header calls belong to the enclosing loops (already collected), not to this one.
      this.loops.push(loop);
      if (stmt.t === 'for' && stmt.targets && stmt.value) this.recordAssign(stmt.targets[0], stmt.value, stmt, scope, loops, cls, true);
      this.visitBlock(stmt.body, scope, [loop, ...loops], noGrad, cls);
      return;
    } else if (stmt.t === 'with') {
      const inner = noGrad || (stmt.items ?? []).some((item) => item.t === 'call' && this.isNoGradContext(item));
      this.visitBlock(stmt.body, scope, loops, inner, cls);
      return;
    }
    if (stmt.body.length) this.visitBlock(stmt.body, scope, loops, noGrad, cls);
  }

  private isNoGradContext(call: CallExpr): boolean {
    const q = this.qualify(call.fn);
    if (NO_GRAD.has(q)) return true;
    const first = call.args[0]?.value;
    return q === 'torch.set_grad_enabled' && first?.t === 'const' && first.value === 'False';
  }

  private recordAssign(target: Expr, value: Expr, stmt: Stmt, scope: Scope, loops: LoopFact[], cls: ClassFact | undefined, loopTarget = false): void {
    const add = (t: Expr, index: number) => {
      const name = dotted(t);
      if (!name) return;
      const fact: AssignFact = { target: name, value, index, stmt, scope, loops };
      scope.assigns.push(fact);
      const list = scope.byTarget.get(name);
      if (list) list.push(fact);
      else scope.byTarget.set(name, [fact]);
      this.assigns.push(fact);
      if (!this.assignOf.has(value)) this.assignOf.set(value, fact);
      if (cls && name.startsWith('self.') && !loopTarget && index < 0 && !cls.attrs.has(name)) cls.attrs.set(name, { value, stmt });
    };
    if (target.t === 'tuple' || target.t === 'list') target.kids.forEach((k, i) => add(k.t === 'unary' ? k.kids[0] : k, i));
    else add(target, -1);
  }

  private collectCalls(e: Expr, stmt: Stmt, scope: Scope, loops: LoopFact[], noGrad: boolean): void {
    if (e.t === 'call') {
      const raw = dotted(e.fn);
      const last = e.fn.t === 'attr' ? e.fn.name : e.fn.t === 'name' ? e.fn.id : '';
      const fact: CallFact = {
        node: e, raw, q: this.qualifyText(raw), last, stmt, scope, loops, noGrad,
        fname: raw.startsWith('self.') ? raw.slice(5) : raw,
        recv: e.fn.t === 'attr' ? dotted(e.fn.obj) : undefined,
      };
      this.calls.push(fact);
      this.callOf.set(e, fact);
      const same = this.callsByLast.get(last);
      if (same) same.push(fact);
      else this.callsByLast.set(last, [fact]);
      scope.calls.push(fact);
      for (const loop of loops) loop.calls.push(fact);
    }
    switch (e.t) {
      case 'call':
        this.collectCalls(e.fn, stmt, scope, loops, noGrad);
        for (const a of e.args) this.collectCalls(a.value, stmt, scope, loops, noGrad);
        return;
      case 'attr':
        this.collectCalls(e.obj, stmt, scope, loops, noGrad);
        return;
      case 'sub':
        this.collectCalls(e.obj, stmt, scope, loops, noGrad);
        for (const i of e.index) this.collectCalls(i, stmt, scope, loops, noGrad);
        return;
      default:
        for (const k of e.kids) this.collectCalls(k, stmt, scope, loops, noGrad);
    }
  }
}
