// An activation applied before a loss that applies it again: softmax/log_softmax before cross-entropy,
// sigmoid before BCEWithLogitsLoss. Followed through variables and into the model's forward().
import type { Expr } from '../python/ast';
import { dotted, type CallExpr, type CallFact, type ClassFact, type Facts } from '../facts';
import { baseConstructor, classOf, constructorOf, isModuleClass } from '../roles';
import type { Check, Report } from '../types';

interface Spec {
  /** Qualified loss constructors and functional losses. */
  ctors: RegExp;
  functions: RegExp;
  /** The functional loss's last name segment (`cross_entropy`), a cheap pre-filter. */
  functionName: string;
  /** Activation function names (functional or method form) and module classes. */
  acts: Set<string>;
  modules: RegExp;
}

interface Site {
  act: CallExpr;
  name: string;
  /** The activation call is the loss's argument itself (a safe fix: unwrap it). */
  direct: boolean;
}

/** Shape and dtype methods keep the values: `F.softmax(x, -1).view(-1, C)` still holds probabilities. */
const KEEPS_VALUES = new Set(['view', 'reshape', 'flatten', 'contiguous', 'permute', 'transpose', 'squeeze', 'unsqueeze', 'float', 'double', 'half', 'to', 'view_as', 'reshape_as']);

function activationOf(facts: Facts, e: Expr, spec: Spec): { act: CallExpr; name: string } | undefined {
  if (e.t !== 'call') return undefined;
  if (e.fn.t === 'attr' && KEEPS_VALUES.has(e.fn.name) && e.fn.obj.t === 'call') return activationOf(facts, e.fn.obj, spec);
  if (e.fn.t === 'call') {
    const q = facts.qualify(e.fn.fn);
    const m = spec.modules.exec(q);
    return m ? { act: e, name: m[1].toLowerCase().replace('logsoftmax', 'log_softmax') } : undefined;
  }
  if (e.fn.t !== 'attr' && e.fn.t !== 'name') return undefined;
  const name = e.fn.t === 'attr' ? e.fn.name : e.fn.id;
  if (!spec.acts.has(name)) return undefined;
  const q = facts.calleeQ(e);
  // torch.softmax, F.softmax, x.softmax(dim) — but not tf.nn.softmax or jax.nn.softmax.
  if (/^(?:tf|jax|keras|np|numpy|scipy)\./.test(q)) return undefined;
  return { act: e, name };
}

/** What a module's forward returns, when it is an activation (`return F.softmax(x, 1)`, `nn.Sequential(..., nn.Softmax())`). */
function outputActivation(facts: Facts, ctor: CallExpr | undefined, spec: Spec, depth = 0): { act: CallExpr; name: string } | undefined {
  if (!ctor || depth > 2) return undefined;
  const q = facts.calleeQ(ctor);
  if (/Sequential$/.test(q)) {
    const last = ctor.args[ctor.args.length - 1]?.value;
    if (last?.t === 'call') {
      const m = spec.modules.exec(facts.calleeQ(last));
      if (m) return { act: last, name: m[1].toLowerCase().replace('logsoftmax', 'log_softmax') };
    }
    return undefined;
  }
  const cls = classOf(facts, q);
  return cls ? classOutput(facts, cls, spec, depth) : undefined;
}

function classOutput(facts: Facts, cls: ClassFact, spec: Spec, depth: number): { act: CallExpr; name: string } | undefined {
  const forward = cls.methods.get('forward') ?? cls.methods.get('call') ?? cls.methods.get('__call__');
  if (!forward?.stmt || !isModuleClass(cls)) return undefined;
  const returns: Expr[] = [];
  const collect = (body: typeof forward.stmt.body) => {
    for (const st of body) {
      if (st.t === 'return' && st.value) returns.push(st.value.t === 'tuple' ? st.value.kids[0] : st.value);
      else if (st.t !== 'def' && st.t !== 'class') collect(st.body);
    }
  };
  collect(forward.stmt.body);
  for (const r of returns) {
    let value: Expr | undefined = r;
    if (value.t === 'name') value = facts.lastAssign(value.id, forward, r.s)?.value;
    // self.main(x).view(-1): the values are the Sequential's
    while (value?.t === 'call' && value.fn.t === 'attr' && KEEPS_VALUES.has(value.fn.name) && value.fn.obj.t === 'call') value = value.fn.obj;
    if (!value) continue;
    const direct = activationOf(facts, value, spec);
    if (direct) return direct;
    // return self.net(x) where self.net = nn.Sequential(..., nn.Softmax(dim=1))
    if (value.t === 'call' && value.fn.t === 'attr' && dotted(value.fn).startsWith('self.')) {
      const inner = outputActivation(facts, baseConstructor(facts, cls.attrs.get(dotted(value.fn))?.value), spec, depth + 1);
      if (inner) return inner;
    }
  }
  return undefined;
}

function modelOutput(facts: Facts, call: CallExpr, site: CallFact, spec: Spec, candidates: () => { act: CallExpr; name: string }[]): { act: CallExpr; name: string } | undefined {
  const name = dotted(call.fn);
  if (!name) return undefined;
  const ctor = constructorOf(facts, name, site.scope, call.s);
  if (ctor) return outputActivation(facts, ctor, spec);
  // A model passed in as a parameter: if exactly one model class of the file ends in the activation, it is that one.
  const found = candidates();
  return found.length === 1 && !facts.functions.has(name) ? found[0] : undefined;
}

export function findActivationBeforeLoss(facts: Facts, spec: Spec): Site[] {
  if (!facts.uses('torch')) return [];
  const lossNames = new Set<string>();
  for (const a of facts.assigns) {
    if (a.value.t !== 'call') continue;
    const ctor = baseConstructor(facts, a.value);
    if (ctor && spec.ctors.test(facts.calleeQ(ctor))) lossNames.add(a.target);
  }
  const sites = new Map<number, Site>();
  let classes: { act: CallExpr; name: string }[] | undefined;
  const candidates = () => (classes ??= facts.classes.map((c) => classOutput(facts, c, spec, 0)).filter((x) => x !== undefined));
  for (const c of facts.calls) {
    if (c.node.fn.t !== 'call' && !lossNames.has(c.raw) && c.last !== spec.functionName) continue;
    const isLoss = spec.functions.test(c.q) || (c.raw !== '' && lossNames.has(c.raw)) || (c.node.fn.t === 'call' && spec.ctors.test(facts.qualify(c.node.fn.fn)));
    if (!isLoss) continue;
    const input = c.node.args.find((a) => a.name === 'input')?.value ?? c.node.args.find((a) => !a.name && !a.star)?.value;
    if (!input) continue;
    let found = activationOf(facts, input, spec);
    let direct = found !== undefined;
    let value: Expr | undefined = input;
    if (!found && input.t === 'name') {
      value = facts.lastAssign(input.id, c.scope, c.node.s)?.value;
      if (value?.t === 'tuple') value = value.kids[0];
      found = value && activationOf(facts, value, spec);
      direct = false;
    }
    if (!found && value?.t === 'call') found = modelOutput(facts, value, c, spec, candidates);
    if (found && !sites.has(found.act.s)) sites.set(found.act.s, { ...found, direct });
  }
  return [...sites.values()];
}

/** `F.softmax(x, dim=1)` → `x`; `x.softmax(-1)` → `x`; `nn.Softmax(1)(x)` → `x`. */
function unwrapFix(facts: Facts, site: Site, title: string): Report['fix'] {
  if (!site.direct) return undefined;
  const act = site.act;
  let inner: Expr | undefined;
  if (act.fn.t === 'call') inner = act.args[0]?.value; // nn.Softmax(dim=1)(x)
  else if (act.fn.t === 'attr' && !/^(?:torch(?:\.|$)|F$)/.test(facts.qualify(act.fn.obj))) inner = act.fn.obj; // x.softmax(-1)
  else inner = act.args.find((a) => a.name === 'input')?.value ?? act.args.find((a) => !a.name && !a.star)?.value; // F.softmax(x, 1)
  return inner ? { title, edits: [{ s: act.s, e: act.e, text: facts.text(inner) }] } : undefined;
}

/** The pattern both checks look for, written once: PyTorch's loss class and function, its activations. */
function lossSpec(lossClass: string, lossFunction: string, acts: string[], modules: string[]): Spec {
  return {
    ctors: new RegExp(`^(?:torch\\.nn|nn)\\.${lossClass}$`),
    functions: new RegExp(`^(?:torch\\.nn\\.functional|F)\\.${lossFunction}$`),
    functionName: lossFunction,
    acts: new Set(acts),
    modules: new RegExp(`^(?:torch\\.nn|nn)\\.(${modules.join('|')})$`),
  };
}

const CROSS_ENTROPY = lossSpec('CrossEntropyLoss', 'cross_entropy', ['softmax', 'log_softmax'], ['Softmax', 'LogSoftmax']);
const BCE_WITH_LOGITS = lossSpec('BCEWithLogitsLoss', 'binary_cross_entropy_with_logits', ['sigmoid'], ['Sigmoid']);

/** Reports every activation `spec` finds before its loss, with the unwrap fix; the checks differ in wording. */
function reportActivationsBeforeLoss(facts: Facts, report: (r: Report) => void, spec: Spec, fixTitle: string, word: (site: Site) => Pick<Report, 'message' | 'severity'>): void {
  for (const site of findActivationBeforeLoss(facts, spec)) {
    const { message, severity } = word(site);
    report({ s: site.act.s, e: site.act.e, severity, message, fix: unwrapFix(facts, site, fixTitle) });
  }
}

export const softmaxBeforeCrossEntropy: Check = {
  id: 'softmax-before-cross-entropy',
  title: 'softmax before CrossEntropyLoss',
  severity: 'warning',
  conceptId: 'cross-entropy',
  questionId: 'crossentropyloss-logits',
  run(facts, report) {
    reportActivationsBeforeLoss(facts, report, CROSS_ENTROPY, 'Pass the logits (remove the softmax)', (site) =>
      site.name === 'log_softmax'
        ? { severity: 'information', message: 'CrossEntropyLoss applies log_softmax itself: on log-probabilities it gives the same value, so this log_softmax is wasted work. Pass raw logits to CrossEntropyLoss, or keep log_softmax and use NLLLoss.' }
        : { message: 'CrossEntropyLoss applies log_softmax to its input: these probabilities get a second softmax, which flattens them, shrinks the gradients and slows or stalls training. Pass the raw logits (apply softmax only to report probabilities).' });
  },
};

export const sigmoidBeforeBceWithLogits: Check = {
  id: 'sigmoid-before-bce-with-logits',
  title: 'sigmoid before BCEWithLogitsLoss',
  severity: 'warning',
  conceptId: 'binary-cross-entropy',
  questionId: 'bce-with-logits',
  run(facts, report) {
    reportActivationsBeforeLoss(facts, report, BCE_WITH_LOGITS, 'Pass the logits (remove the sigmoid)', () => ({
      message: 'BCEWithLogitsLoss applies the sigmoid itself: here it gets probabilities, squashes them a second time (into 0.5–0.73) and the model can never be confident. Pass the raw logits, or use BCELoss on probabilities (less stable).',
    }));
  },
};
