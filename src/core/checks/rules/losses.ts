// Loss bookkeeping: accumulating loss tensors (keeps every graph alive), Keras from_logits mismatches.
import type { Expr } from '../python/ast';
import { dotted, lastSegment, type CallExpr, type Facts, type Scope } from '../facts';
import { addKwarg, kwarg, positional } from '../edits';
import { baseConstructor, isLossCall, trains } from '../roles';
import type { Check } from '../types';

const DETACHED = new Set(['item', 'detach', 'cpu', 'numpy', 'tolist', 'float', 'int']);

/** Is `name` at `offset` a loss tensor that still carries its graph? */
function isLiveLoss(facts: Facts, name: string, scope: Scope, offset: number): boolean {
  const a = facts.lastAssign(name, scope, offset);
  if (a && a.value.t === 'call') {
    const fn = a.value.fn;
    if ((fn.t === 'attr' && DETACHED.has(fn.name)) || (fn.t === 'name' && DETACHED.has(fn.id))) return false;
    const call = facts.callOf.get(a.value);
    if (call && isLossCall(facts, call)) return true;
  }
  if (a && a.value.t === 'bin') return /loss/i.test(name);
  return /^(?:\w+_)?loss(?:_\w+)?$/i.test(name) && (!a || a.value.t !== 'num');
}

export const lossAccumulatedTensor: Check = {
  id: 'loss-accumulated-tensor',
  title: 'Summing loss tensors without .item()',
  severity: 'warning',
  conceptId: 'computational-graph',
  questionId: 'loss-item-graph-memory',
  run(facts, report) {
    if (!facts.uses('torch')) return;
    const backwarded = new Set(facts.calls.filter((c) => c.last === 'backward' && c.recv).map((c) => c.recv));
    const sites: { value: Expr; target: string; scope: Scope; s: number }[] = [];
    for (const aug of facts.augs) {
      if (aug.op !== '+=' || aug.noGrad || !aug.loops.some((l) => trains(facts, l))) continue;
      if (aug.value.t !== 'name' || aug.target === aug.value.id || backwarded.has(aug.target)) continue;
      sites.push({ value: aug.value, target: aug.target, scope: aug.scope, s: aug.stmt.s });
    }
    for (const c of facts.calls) {
      if (c.last !== 'append' || !c.recv || !/loss/i.test(c.recv) || c.noGrad || !c.loops.some((l) => trains(facts, l))) continue;
      const arg = c.node.args[0]?.value;
      if (arg?.t === 'name') sites.push({ value: arg, target: c.recv, scope: c.scope, s: c.node.s });
    }
    for (const site of sites) {
      const name = facts.text(site.value);
      if (!isLiveLoss(facts, name, site.scope, site.s)) continue;
      // The fix turns the total into a float: only when nothing uses it as a tensor.
      // The source text, not only the calls: f-strings (`f"{total.item():.3f}"`) are not parsed into calls.
      const t = site.target.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      const asTensor = new RegExp(`\\b${t}\\s*\\.(?!append\\b)|\\btorch\\.\\w+\\(\\s*${t}\\b`).test(facts.source);
      report({
        s: site.value.s,
        e: site.value.e,
        message: `${name} is a tensor attached to this step's autograd graph: adding it to ${site.target} keeps every step's graph (and its activations) alive, so memory grows each iteration. Accumulate ${name}.item() (or ${name}.detach()).`,
        fix: asTensor ? undefined : { title: `Accumulate ${name}.item()`, edits: [{ s: site.value.e, e: site.value.e, text: '.item()' }] },
      });
    }
  },
};

const PROBABILITY_LOSSES: Record<string, string> = {
  sparse_categorical_crossentropy: 'SparseCategoricalCrossentropy',
  categorical_crossentropy: 'CategoricalCrossentropy',
  binary_crossentropy: 'BinaryCrossentropy',
};
const LOSS_CLASSES = /^keras\.losses\.(SparseCategoricalCrossentropy|CategoricalCrossentropy|BinaryCrossentropy|BinaryFocalCrossentropy|CategoricalFocalCrossentropy)$/;

/** The activation of a Keras model's last layer: 'softmax', 'sigmoid', 'linear', or undefined if unknown. */
function lastActivation(facts: Facts, model: CallExpr, scope: Scope): string | undefined {
  const q = facts.calleeQ(model);
  let layer: Expr | undefined;
  if (/^keras\.(?:models\.)?Sequential$/.test(q)) {
    const list = model.args[0]?.value;
    const adds = facts.calls.filter((c) => c.last === 'add' && c.scope === scope && c.node.s > model.s);
    layer = adds.length ? adds[adds.length - 1].node.args[0]?.value : list && (list.t === 'list' || list.t === 'tuple') ? list.kids[list.kids.length - 1] : undefined;
  } else if (/^keras\.(?:models\.)?Model$/.test(q)) {
    let out = kwarg(model, 'outputs')?.value ?? positional(model, 1);
    if (out?.t === 'name') out = facts.lastAssign(out.id, scope, model.s)?.value;
    layer = out?.t === 'call' && out.fn.t === 'call' ? out.fn : undefined; // Dense(...)(x)
  }
  if (layer?.t !== 'call') return undefined;
  const kind = lastSegment(facts.calleeQ(layer));
  if (kind === 'Softmax') return 'softmax';
  if (kind === 'Activation') {
    const a = layer.args[0]?.value;
    return a?.t === 'str' ? a.value : undefined;
  }
  if (!['Dense', 'Conv1D', 'Conv2D', 'Conv3D', 'EinsumDense'].includes(kind)) return undefined;
  const act = kwarg(layer, 'activation')?.value;
  if (!act || (act.t === 'const' && act.value === 'None')) return 'linear';
  if (act.t === 'str') return act.value;
  return lastSegment(dotted(act));
}

export const kerasFromLogits: Check = {
  id: 'keras-from-logits',
  title: 'Keras from_logits does not match the last activation',
  severity: 'warning',
  conceptId: 'logits',
  questionId: 'keras-from-logits',
  run(facts, report) {
    for (const compile of facts.calls) {
      if (compile.last !== 'compile' || !compile.recv) continue;
      const model = baseConstructor(facts, facts.lastAssign(compile.recv, compile.scope, compile.node.s)?.value);
      if (!model) continue;
      const activation = lastActivation(facts, model, compile.scope);
      if (!activation || !['softmax', 'sigmoid', 'linear'].includes(activation)) continue;
      const lossArg = kwarg(compile.node, 'loss')?.value ?? positional(compile.node, 1);
      let loss = lossArg;
      if (loss?.t === 'name') loss = facts.lastAssign(loss.id, compile.scope, compile.node.s)?.value;
      if (!loss || !lossArg) continue;
      const keras = facts.aliasOf('keras') ?? (facts.aliasOf('tf') ? `${facts.aliasOf('tf')}.keras` : undefined);
      if (loss.t === 'str' && PROBABILITY_LOSSES[loss.value] && activation === 'linear') {
        report({
          s: lossArg.s,
          e: lossArg.e,
          message: `The model's last layer has no activation (it outputs logits), but "${loss.value}" expects probabilities (from_logits=False): the loss treats logits as probabilities and training goes wrong. Use the loss class with from_logits=True.`,
          fix: lossArg === loss && keras ? { title: 'Use the loss with from_logits=True', edits: [{ s: loss.s, e: loss.e, text: `${keras}.losses.${PROBABILITY_LOSSES[loss.value]}(from_logits=True)` }] } : undefined,
        });
      } else if (loss.t === 'call' && LOSS_CLASSES.test(facts.calleeQ(loss))) {
        const flag = kwarg(loss, 'from_logits');
        const fromLogits = flag?.value.t === 'const' && flag.value.value === 'True';
        if (fromLogits && activation !== 'linear') {
          report({
            s: flag.s,
            e: flag.e,
            message: `from_logits=True, but the model's last layer already applies ${activation}: the loss applies it a second time to probabilities. Set from_logits=False, or drop the activation and keep from_logits=True (more stable).`,
            fix: { title: 'Set from_logits=False', edits: [{ s: flag.value.s, e: flag.value.e, text: 'False' }] },
          });
        } else if (!fromLogits && activation === 'linear' && (!flag || (flag.value.t === 'const' && flag.value.value === 'False'))) {
          report({
            s: flag?.s ?? loss.s,
            e: flag?.e ?? loss.e,
            message: "The model's last layer has no activation (it outputs logits), but the loss expects probabilities (from_logits=False). Pass from_logits=True.",
            fix: { title: 'Set from_logits=True', edits: [flag ? { s: flag.value.s, e: flag.value.e, text: 'True' } : addKwarg(facts, loss as CallExpr, 'from_logits=True')] },
          });
        }
      }
    }
  },
};
