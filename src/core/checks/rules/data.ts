// Data pipeline pitfalls: shuffling, DistributedSampler epochs, normalisation statistics that leak the
// validation split, and unpickling checkpoints.
import type { Expr } from '../python/ast';
import { dotted, type CallFact, type Facts } from '../facts';
import { addKwarg, insertLineBefore, kwarg, positional, setKwarg } from '../edits';
import { isTrainingText, isValidationText } from '../roles';
import type { Check } from '../types';

const isDataLoader = (c: CallFact) => c.q === 'torch.utils.data.DataLoader' || c.q === 'DataLoader' || /(?:^|\.)data\.DataLoader$/.test(c.q);

/** What names a DataLoader's data: its dataset argument and the variable it is assigned to. */
function loaderText(facts: Facts, c: CallFact): { dataset: string; target: string } {
  const dataset = kwarg(c.node, 'dataset')?.value ?? positional(c.node, 0);
  const assign = facts.assignOf.get(c.node);
  return { dataset: dataset ? facts.text(dataset) : '', target: assign?.target ?? '' };
}

const constIs = (e: Expr | undefined, value: 'True' | 'False') => e?.t === 'const' && e.value === value;

export const shuffleValidation: Check = {
  id: 'shuffle-validation',
  title: 'DataLoader(shuffle=True) on validation or test data',
  severity: 'information',
  conceptId: 'data-loader',
  questionId: 'dataset-dataloader',
  run(facts, report) {
    for (const c of facts.calls) {
      if (!isDataLoader(c)) continue;
      const shuffle = kwarg(c.node, 'shuffle') ?? (positional(c.node, 2) ? { value: positional(c.node, 2) as Expr, s: 0, e: 0 } : undefined);
      if (!shuffle || !constIs(shuffle.value, 'True')) continue;
      const { dataset, target } = loaderText(facts, c);
      if (!(isValidationText(dataset) || (isValidationText(target) && !isTrainingText(dataset)))) continue;
      report({
        s: shuffle.value.s,
        e: shuffle.value.e,
        message: 'Shuffling validation or test data changes nothing in the metrics but costs time, makes per-sample outputs hard to line up with the data, and hides order bugs. Use shuffle=False here (shuffle only the training loader).',
        fix: { title: 'Set shuffle=False', edits: [{ s: shuffle.value.s, e: shuffle.value.e, text: 'False' }] },
      });
    }
  },
};

export const trainNoShuffle: Check = {
  id: 'train-no-shuffle',
  title: 'Training DataLoader without shuffle=True',
  severity: 'warning',
  conceptId: 'data-loader',
  questionId: 'dataset-dataloader',
  run(facts, report) {
    const iterableDataset = facts.classes.some((cls) => cls.bases.some((b) => /IterableDataset$/.test(b)));
    for (const c of facts.calls) {
      if (!isDataLoader(c) || iterableDataset) continue;
      if (kwarg(c.node, 'shuffle') || positional(c.node, 2) || kwarg(c.node, 'sampler') || kwarg(c.node, 'batch_sampler')) continue;
      const { dataset, target } = loaderText(facts, c);
      if (!(isTrainingText(dataset) || (isTrainingText(target) && !isValidationText(dataset)))) continue;
      if (/stream|iterable/i.test(dataset)) continue;
      report({
        s: c.node.fn.s,
        e: c.node.fn.e,
        message: "This training DataLoader keeps the dataset's order (shuffle defaults to False): every epoch sees the same batches in the same order, and data stored sorted (by class, by source) gives biased batches. Pass shuffle=True.",
        fix: { title: 'Pass shuffle=True', edits: [addKwarg(facts, c.node, 'shuffle=True')] },
      });
    }
  },
};

export const setEpochMissing: Check = {
  id: 'set-epoch-missing',
  title: 'DistributedSampler without set_epoch()',
  severity: 'warning',
  conceptId: 'distributed-data-parallel',
  questionId: 'distributed-data-parallel',
  run(facts, report) {
    if (facts.calls.some((c) => c.last === 'set_epoch')) return;
    for (const c of facts.calls) {
      if (!/(?:^|\.)DistributedSampler$/.test(c.q) || constIs(kwarg(c.node, 'shuffle')?.value, 'False')) continue;
      const assign = facts.assignOf.get(c.node);
      const sampler = assign?.target;
      let fix;
      if (sampler) {
        // The epoch loop: a `for epoch in ...` loop (the loader is iterated inside it).
        const loop = facts.loops.find((l) => /epoch/i.test(l.targetText) && l.stmt.body.length && /^[A-Za-z_]\w*$/.test(l.targetText));
        if (loop && loop.scope === assign.scope) {
          fix = { title: `Call ${sampler}.set_epoch(${loop.targetText}) at the start of each epoch`, edits: [insertLineBefore(facts.source, loop.stmt.body[0].s, `${sampler}.set_epoch(${loop.targetText})`)] };
        }
      }
      report({
        s: c.node.fn.s,
        e: c.node.fn.e,
        message: `DistributedSampler shuffles with a seed derived from the epoch, which only set_epoch() changes: without ${sampler ?? 'sampler'}.set_epoch(epoch) every epoch sees the same order. Call it at the start of each epoch.`,
        fix,
      });
    }
  },
};

const SCALERS = /^sklearn\.preprocessing\.(?:StandardScaler|MinMaxScaler|RobustScaler|MaxAbsScaler|Normalizer|QuantileTransformer|PowerTransformer)$|^(?:StandardScaler|MinMaxScaler|RobustScaler|MaxAbsScaler)$/;
const STATS = new Set(['mean', 'std', 'var', 'min', 'max', 'nanmean', 'nanstd']);

export const normalizationLeakage: Check = {
  id: 'normalization-leakage',
  title: 'Normalization statistics computed before the train/validation split',
  severity: 'warning',
  conceptId: 'data-leakage',
  questionId: 'data-leakage',
  run(facts, report) {
    // Where data is split later: train_test_split(X, ...), or fit(X, ..., validation_split=...).
    const splits: { name: string; s: number }[] = [];
    for (const c of facts.calls) {
      if (/(?:^|\.)train_test_split$/.test(c.q)) for (const a of c.node.args) if (!a.name && dotted(a.value)) splits.push({ name: dotted(a.value), s: c.node.s });
      if (c.last === 'fit' && kwarg(c.node, 'validation_split')) {
        const x = positional(c.node, 0) ?? kwarg(c.node, 'x')?.value;
        if (x && dotted(x)) splits.push({ name: dotted(x), s: c.node.s });
      }
    }
    if (!splits.length) return;
    const splitLater = (names: string[], after: number) => splits.some((sp) => sp.s > after && names.includes(sp.name));
    const reported = new Set<string>();
    const splitNames = new Set(splits.map((sp) => sp.name));
    // What the statement holding the call assigns: `X_scaled = scaler.fit_transform(X)`, `X = (X - X.mean(0)) / ...`.
    const outputs = (c: CallFact): string[] => (c.stmt.t === 'assign' ? (c.stmt.targets ?? []).map(dotted).filter(Boolean) : []);
    for (const c of facts.calls) {
      let data: string | undefined;
      if ((c.last === 'fit' || c.last === 'fit_transform' || c.last === 'adapt') && c.node.fn.t === 'attr') {
        const recv = c.node.fn.obj;
        const ctor = recv.t === 'call' ? recv : facts.lastAssign(dotted(recv), c.scope, c.node.s)?.value;
        const q = ctor?.t === 'call' ? facts.calleeQ(ctor) : '';
        if (SCALERS.test(q) || (c.last === 'adapt' && /Normalization$/.test(q))) data = dotted(positional(c.node, 0) ?? recv);
      } else if (STATS.has(c.last) && c.recv !== undefined) {
        // X.mean(axis=0) or np.mean(X, axis=0)
        const onModule = c.recv !== undefined && /^(?:np|numpy|torch|jnp)$/.test(c.recv);
        data = onModule ? dotted(positional(c.node, 0) ?? { t: 'other', s: 0, e: 0, kids: [] }) : c.recv;
      }
      if (!data || reported.has(`${data}@${c.stmt.s}`)) continue;
      if (!splitNames.has(data) && !outputs(c).some((o) => splitNames.has(o))) continue;
      if (!splitLater([data, ...outputs(c)], c.node.s)) continue;
      reported.add(`${data}@${c.stmt.s}`);
      report({
        s: c.node.s,
        e: c.node.e,
        message: `These statistics are computed on all of ${data}, and the data is split into training and validation afterwards: the validation rows shape the normalization, so validation scores are optimistic (leakage). Split first, then fit the statistics on the training part only and apply them to both.`,
      });
    }
  },
};

export const torchLoadWeightsOnly: Check = {
  id: 'torch-load-weights-only',
  title: 'torch.load without weights_only=True',
  severity: 'information',
  conceptId: 'checkpointing',
  questionId: 'torch-load-weights-only',
  run(facts, report) {
    for (const c of facts.calls) {
      if (c.q !== 'torch.load' || kwarg(c.node, 'weights_only') || c.node.args.some((a) => a.star === '**')) continue;
      report({
        s: c.node.fn.s,
        e: c.node.fn.e,
        message: 'torch.load unpickles the file: before PyTorch 2.6 its default (weights_only=False) runs any code a malicious checkpoint carries. Pass weights_only=True so the code is safe on every version (state dicts, tensors and plain containers load fine).',
        fix: { title: 'Pass weights_only=True', edits: [setKwarg(facts, c.node, 'weights_only', 'True')] },
      });
    }
  },
};
