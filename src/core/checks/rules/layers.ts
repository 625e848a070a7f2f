// Layer configuration: dropout rates, functional dropout at eval time, conv bias before batch norm, and
// recurrent layers fed batch-first tensors.
import { someExpr, type Expr, type Stmt } from '../python/ast';
import { dotted, lastSegment, type CallExpr, type ClassFact, type Facts, type Scope } from '../facts';
import { kwarg, positional, setKwarg } from '../edits';
import { baseConstructor } from '../roles';
import type { Check } from '../types';

const DROPOUT_LAYER = /(?:^|\.)(?:Dropout|Dropout1d|Dropout2d|Dropout3d|AlphaDropout|FeatureAlphaDropout|SpatialDropout1D|SpatialDropout2D|SpatialDropout3D)$/;
const FUNCTIONAL_DROPOUT = /^(?:torch\.nn\.functional\.(?:dropout|dropout1d|dropout2d|dropout3d|alpha_dropout|feature_alpha_dropout)|torch\.dropout|tf\.nn\.dropout)$/;
const DROP_NAME = /^(?:p_?drop(?:out)?|drop(?:out)?(?:_?(?:rate|prob|p))?|\w+_dropout|dropout_\w+)$/i;
const KEEP_NAME = /keep/i;

export const dropoutHighP: Check = {
  id: 'dropout-high-p',
  title: 'Dropout with p ≥ 0.9 (a keep probability?)',
  severity: 'warning',
  conceptId: 'dropout',
  questionId: 'dropout',
  run(facts, report) {
    const flag = (e: Expr, value: string) => report({
      s: e.s,
      e: e.e,
      message: `Dropout's rate is the probability of dropping a unit, not of keeping it (TF1's keep_prob was the opposite): ${value} drops ${value === 'a keep probability' ? 'the wrong share of' : `${Math.round(Number(value) * 100)}% of`} the activations and the layer learns almost nothing. Typical rates are 0.1–0.5.`,
    });
    for (const c of facts.calls) {
      if (!/dropout/i.test(c.last)) continue;
      const layer = DROPOUT_LAYER.test(c.q);
      const functional = FUNCTIONAL_DROPOUT.test(c.q);
      if (!layer && !functional) continue;
      const keep = kwarg(c.node, 'keep_prob');
      if (keep) {
        flag(keep.value, 'a keep probability');
        continue;
      }
      const rate = kwarg(c.node, 'p')?.value ?? kwarg(c.node, 'rate')?.value ?? positional(c.node, functional ? 1 : 0);
      if (!rate) continue;
      if (rate.t === 'num' && rate.value >= 0.9) flag(rate, String(rate.value));
      else if (KEEP_NAME.test(dotted(rate))) flag(rate, 'a keep probability');
    }
    // Configuration values: `dropout = 0.9`, `def __init__(..., dropout=0.95)`.
    for (const a of facts.assigns) {
      if (a.index < 0 && a.value.t === 'num' && a.value.value >= 0.9 && a.value.value <= 1 && DROP_NAME.test(lastSegment(a.target))) flag(a.value, String(a.value.value));
    }
    for (const scope of facts.scopes) {
      for (const p of scope.stmt?.params ?? []) {
        if (p.default?.t === 'num' && p.default.value >= 0.9 && p.default.value <= 1 && DROP_NAME.test(p.name)) flag(p.default, String(p.default.value));
      }
    }
  },
};

export const functionalDropoutTraining: Check = {
  id: 'functional-dropout-training',
  title: 'F.dropout without training=self.training',
  severity: 'warning',
  conceptId: 'dropout',
  questionId: 'dropout',
  run(facts, report) {
    for (const c of facts.calls) {
      if (!c.last.includes('dropout')) continue;
      if (!/^torch\.nn\.functional\.(?:dropout|dropout1d|dropout2d|dropout3d|alpha_dropout)$/.test(c.q)) continue;
      if (kwarg(c.node, 'training') || positional(c.node, 2)) continue;
      const method = c.scope.cls !== undefined && c.scope.params[0] === 'self';
      report({
        s: c.node.fn.s,
        e: c.node.fn.e,
        message: 'F.dropout defaults to training=True: unlike nn.Dropout it ignores model.eval(), so it keeps dropping units at evaluation and inference. Pass training=self.training (or use an nn.Dropout layer).',
        fix: method ? { title: 'Pass training=self.training', edits: [setKwarg(facts, c.node, 'training', 'self.training')] } : undefined,
      });
    }
  },
};

const CONV = /(?:^|\.)(?:Conv1d|Conv2d|Conv3d|ConvTranspose1d|ConvTranspose2d|ConvTranspose3d|LazyConv1d|LazyConv2d|LazyConv3d|Conv1D|Conv2D|Conv3D|Conv2DTranspose|Conv3DTranspose|Conv1DTranspose|Conv)$/;
const BATCH_NORM = /(?:^|\.)(?:BatchNorm1d|BatchNorm2d|BatchNorm3d|SyncBatchNorm|LazyBatchNorm1d|LazyBatchNorm2d|LazyBatchNorm3d|BatchNormalization|BatchNorm)$/;

/** PyTorch spells it Conv2d/ConvTranspose2d and `bias`; Keras and Flax spell it Conv2D/Conv and `use_bias`. */
const torchStyle = (q: string) => /Conv(?:Transpose)?[123]d$/.test(q);

function hasBias(facts: Facts, conv: CallExpr): boolean {
  const torch = torchStyle(facts.calleeQ(conv));
  const flag = kwarg(conv, torch ? 'bias' : 'use_bias')?.value;
  if (flag) return !(flag.t === 'const' && flag.value === 'False');
  // Conv2D(..., activation="relu") then BatchNormalization: the activation sits between, the bias matters.
  const activation = kwarg(conv, 'activation')?.value;
  if (activation && !(activation.t === 'const' && activation.value === 'None') && !(activation.t === 'str' && activation.value === 'linear')) return false;
  // PyTorch's 8th positional argument is `bias` for Conv2d(in, out, k, stride, padding, dilation, groups, bias)
  // and ConvTranspose2d(in, out, k, stride, padding, output_padding, groups, bias).
  return !torch || !positional(conv, 7);
}

export const convBiasBeforeBatchNorm: Check = {
  id: 'conv-bias-before-batchnorm',
  title: 'Conv with bias feeding BatchNorm',
  severity: 'information',
  conceptId: 'batch-normalization',
  questionId: 'batchnorm-placement',
  run(facts, report) {
    const flagged = new Set<number>();
    const flag = (conv: CallExpr | undefined) => {
      if (!conv || flagged.has(conv.s) || !CONV.test(facts.calleeQ(conv)) || !hasBias(facts, conv)) return;
      flagged.add(conv.s);
      const name = torchStyle(facts.calleeQ(conv)) ? 'bias' : 'use_bias';
      report({
        s: conv.fn.s,
        e: conv.fn.e,
        message: `This convolution's bias feeds batch norm, which subtracts the per-channel mean: the bias cancels out and BatchNorm's own shift (beta) replaces it. Pass ${name}=False to save the parameters.`,
        fix: { title: `Pass ${name}=False`, edits: [setKwarg(facts, conv, name, 'False')] },
      });
    };
    // Consecutive layers in nn.Sequential(...), keras.Sequential([...]), or any list of layers.
    const sequence = (items: Expr[]) => {
      for (let i = 0; i + 1 < items.length; i++) {
        const [a, b] = [items[i], items[i + 1]];
        if (a.t === 'call' && b.t === 'call' && BATCH_NORM.test(facts.calleeQ(b))) flag(a);
      }
    };
    for (const c of facts.calls) {
      // Only Sequential(...), self.bn(...) and Layer(...)(x) calls can involve a batch norm.
      if (c.node.fn.t !== 'call' && !(c.raw.startsWith('self.') && c.scope.cls?.attrs.has(c.raw)) && !c.last.endsWith('Sequential')) continue;
      if (/Sequential$/.test(c.q)) sequence(c.node.args.length === 1 && c.node.args[0].value.t === 'list' ? c.node.args[0].value.kids : c.node.args.map((a) => a.value));
      // Applied in a forward pass: bn(conv(x)), or x = conv(x) then x = bn(x).
      const bn = layerOf(facts, c.node.fn, c.scope, c.raw);
      if (!bn || !BATCH_NORM.test(facts.calleeQ(bn))) continue;
      let input: Expr | undefined = c.node.args[0]?.value;
      if (input?.t === 'name') input = facts.lastAssign(input.id, c.scope, c.node.s)?.value;
      if (input?.t === 'call') flag(layerOf(facts, input.fn, c.scope, facts.callOf.get(input)?.raw ?? dotted(input.fn)));
    }
    for (const a of facts.assigns) if (a.value.t === 'list') sequence(a.value.kids);
  },
};

/** The layer constructor a callee stands for: `self.conv1` (class attribute), `Conv2D(...)` in `Conv2D(...)(x)`. */
function layerOf(facts: Facts, fn: Expr, scope: Scope, name: string): CallExpr | undefined {
  if (fn.t === 'call') return fn;
  if (name.startsWith('self.') && scope.cls) return baseConstructor(facts, scope.cls.attrs.get(name)?.value);
  return undefined;
}

const RNN = /^torch\.nn\.(?:LSTM|GRU|RNN)$|^nn\.(?:LSTM|GRU|RNN)$/;

/** Evidence in the class that the recurrent layer `attr` receives (batch, seq, feature) tensors. */
function batchFirstEvidence(facts: Facts, cls: ClassFact, attr: string): boolean {
  for (const method of cls.methods.values()) {
    for (const c of method.calls) {
      if (c.raw !== attr) continue;
      // out, (h, c) = self.lstm(x) ... out[:, -1, :]  — or self.lstm(x)[0][:, -1]
      const outputs = method.assigns.filter((a) => a.value === c.node && a.index <= 0).map((a) => a.target);
      if (usesTimeOnSecondAxis(method.stmt?.body ?? [], outputs, c.node)) return true;
      // h0 = torch.zeros(num_layers, x.size(0), hidden): batch taken from the input's first axis
      const input = dotted(c.node.args[0]?.value ?? { t: 'other', s: 0, e: 0, kids: [] });
      const batchFromFirstAxis = new RegExp(`^${input.replace(/\./g, '\\.')}\\s*\\.\\s*(?:size\\(\\s*0\\s*\\)|shape\\s*\\[\\s*0\\s*\\])$`);
      if (input && method.calls.some((z) => /^torch\.(?:zeros|randn|ones|empty)$/.test(z.q) && z.node.args.length >= 3 && batchFromFirstAxis.test(facts.text(z.node.args[1].value)))) return true;
    }
  }
  return false;
}

/** Does `body` (nested blocks included) index one of `names`, or `call` itself, as `[:, t]` (every sample at one time step)? */
function usesTimeOnSecondAxis(body: Stmt[], names: string[], call: CallExpr): boolean {
  const readsTimeStep = (e: Expr) => {
    if (e.t !== 'sub' || e.index.length < 2 || e.index[0].t !== 'slice' || e.index[0].lower || e.index[0].upper) return false;
    const obj = e.obj.t === 'sub' ? e.obj.obj : e.obj;
    return (obj.t === 'name' && names.includes(obj.id)) || obj === call;
  };
  return body.some((s) => s.exprs.some((e) => someExpr(e, readsTimeStep)) || usesTimeOnSecondAxis(s.body, names, call));
}

export const lstmBatchFirst: Check = {
  id: 'lstm-batch-first',
  title: 'nn.LSTM without batch_first=True fed (batch, seq, feature)',
  severity: 'warning',
  conceptId: 'lstm',
  questionId: 'lstm-outputs-shapes',
  run(facts, report) {
    for (const cls of facts.classes) {
      for (const [attr, { value }] of cls.attrs) {
        if (value.t !== 'call' || !RNN.test(facts.calleeQ(value))) continue;
        const flag = kwarg(value, 'batch_first')?.value;
        if (flag && !(flag.t === 'const' && flag.value === 'False')) continue;
        if (!batchFirstEvidence(facts, cls, attr)) continue;
        const kind = lastSegment(facts.calleeQ(value));
        report({
          s: value.fn.s,
          e: value.fn.e,
          message: `${kind} expects (seq, batch, feature) unless batch_first=True, but this model treats axis 0 as the batch (it reads the last time step as out[:, -1] or sizes the state with x.size(0)): the layer mixes samples across the batch as if they were time steps. Pass batch_first=True.`,
          fix: { title: 'Pass batch_first=True', edits: [setKwarg(facts, value, 'batch_first', 'True')] },
        });
      }
    }
  },
};
