// Optimizer pitfalls: gradients never zeroed, the scheduler stepped first, L2 through Adam, a huge Adam lr.
import type { Expr } from '../python/ast';
import { lastSegment, type CallFact, type Facts } from '../facts';
import { deleteLine, indentAt, insertLineBefore, kwarg, lineText, positional } from '../edits';
import { constructorOf, isBackward, isScheduler, loopDoes, optimizerStepped } from '../roles';
import type { Check } from '../types';

const zeroesGrads = (c: CallFact) =>
  c.last === 'zero_grad' || (c.last === 'zero_' && /\.grad(?:\.data)?$/.test(c.recv ?? '')) || c.last === 'clear_grad';

export const zeroGradMissing: Check = {
  id: 'zero-grad-missing',
  title: 'Training loop without optimizer.zero_grad()',
  severity: 'warning',
  conceptId: 'zero-grad',
  questionId: 'why-zero-grad',
  run(facts, report) {
    if (!facts.uses('torch')) return;
    const seen = new Set<string>();
    for (const step of facts.calls) {
      const opt = optimizerStepped(facts, step);
      const loop = step.loops[0];
      if (!opt || !loop || seen.has(`${loop.stmt.s}:${opt}`)) continue;
      seen.add(`${loop.stmt.s}:${opt}`);
      const backwards = loop.calls.filter(isBackward);
      if (!backwards.length) continue;
      const stepped = new Set(loop.calls.map((c) => optimizerStepped(facts, c)).filter(Boolean));
      const ctorText = (() => {
        const ctor = constructorOf(facts, opt, step.scope, step.node.s);
        return ctor ? facts.text(ctor) : '';
      })();
      const zeroes = loopDoes(facts, loop, zeroesGrads);
      const gradsNone = loop.scope.assigns.some((a) => a.loops.includes(loop) && /\.grad$/.test(a.target) && a.value.t === 'const' && a.value.value === 'None');
      const covers = (c: CallFact) => {
        // Without the optimizer's construction in the file, any zeroing in the loop gets the benefit of the doubt.
        if (!c.recv || c.recv === opt || stepped.size === 1 || ctorText === '') return true;
        const root = lastSegment(c.recv);
        return ctorText !== '' && new RegExp(`\\b${root.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\b`).test(ctorText);
      };
      if (gradsNone || zeroes.some((c) => !zeroesGrads(c) || covers(c))) continue;
      const before = backwards.filter((b) => b.node.s < step.node.s);
      const anchor = before.length ? before[before.length - 1] : backwards[0];
      const body = loop.stmt.body;
      const safe = body.includes(step.stmt) && body.includes(anchor.stmt) && anchor.node.s < step.node.s;
      report({
        s: anchor.node.s,
        e: anchor.node.e,
        message: `Gradients from every iteration add up: nothing in this loop resets the gradients that ${opt}.step() uses, so each step follows the sum of all past gradients. Call ${opt}.zero_grad() once per step (before backward()).`,
        fix: safe ? { title: `Call ${opt}.zero_grad() before backward()`, edits: [insertLineBefore(facts.source, anchor.stmt.s, `${opt}.zero_grad()`)] } : undefined,
      });
    }
  },
};

export const schedulerBeforeOptimizer: Check = {
  id: 'scheduler-before-optimizer',
  title: 'scheduler.step() before optimizer.step()',
  severity: 'warning',
  conceptId: 'learning-rate-schedule',
  questionId: 'scheduler-step-placement',
  run(facts, report) {
    if (!facts.uses('torch')) return;
    const stepsOptimizer = (c: CallFact) => optimizerStepped(facts, c) !== undefined;
    for (const sc of facts.calls) {
      if (sc.last !== 'step' || !sc.recv || sc.node.args.length || !sc.loops[0]) continue;
      if (!isScheduler(facts, sc.recv, sc.scope, sc.node.s)) continue;
      const loop = sc.loops[0];
      const steps = loopDoes(facts, loop, stepsOptimizer);
      if (!steps.length || steps.some((o) => o.node.s < sc.node.s)) continue;
      const next = steps[0];
      const body = loop.stmt.body;
      const movable = sc.stmt.t === 'expr' && next.stmt.t === 'expr' && body.includes(sc.stmt) && body.includes(next.stmt);
      const after = facts.source.indexOf('\n', next.stmt.e) + 1;
      report({
        s: sc.node.s,
        e: sc.node.e,
        message: `${sc.recv}.step() runs before ${facts.text(next.node.fn).replace(/\.step$/, '')}.step() in this loop: the first value of the schedule is skipped (PyTorch warns about it), and every step uses the next learning rate. Step the optimizer first, then the scheduler.`,
        fix: movable && after > 0 ? {
          title: `Move ${sc.recv}.step() after the optimizer step`,
          edits: [deleteLine(facts.source, sc.stmt.s), { s: after, e: after, text: `${indentAt(facts.source, next.stmt.s)}${lineText(facts.source, sc.stmt.s).trim()}\n` }],
        } : undefined,
      });
    }
  },
};

const isTorchAdam = (q: string) => q === 'torch.optim.Adam' || q === 'optim.Adam';

export const adamWeightDecay: Check = {
  id: 'adam-weight-decay',
  title: 'Adam with weight_decay (AdamW was meant)',
  severity: 'information',
  conceptId: 'adamw',
  questionId: 'adamw-vs-adam',
  run(facts, report) {
    for (const c of facts.calls) {
      if (!isTorchAdam(c.q)) continue;
      const wd = kwarg(c.node, 'weight_decay')?.value ?? positional(c.node, 4);
      if (!wd || (wd.t === 'num' && wd.value === 0)) continue;
      const arg = c.node.args.find((a) => a.value === wd);
      const fn = c.node.fn;
      report({
        s: arg?.s ?? wd.s,
        e: wd.e,
        message: 'torch.optim.Adam adds weight_decay to the gradient (L2 regularization), so the adaptive step divides it away for weights with large gradients: the decay is weaker exactly where it matters. AdamW decouples it. Use torch.optim.AdamW (and retune weight_decay; 0.01–0.1 is usual there).',
        fix: fn.t === 'attr' ? { title: 'Use AdamW (decoupled weight decay)', edits: [{ s: fn.nameS, e: fn.nameS + fn.name.length, text: 'AdamW' }] } : undefined,
      });
    }
  },
};

const ADAM_FAMILY = /^(?:torch\.optim\.(?:Adam|AdamW|NAdam|RAdam|Adamax|SparseAdam)|keras\.optimizers\.(?:legacy\.)?(?:Adam|AdamW|Nadam|Adamax)|optax\.(?:adam|adamw|nadam|nadamw|radam|adamax|adamaxw)|tf\.compat\.v1\.train\.AdamOptimizer)$/;

function numericValue(facts: Facts, e: Expr | undefined, c: CallFact): number | undefined {
  if (!e) return undefined;
  if (e.t === 'num') return e.value;
  if (e.t === 'name') {
    const a = facts.lastAssign(e.id, c.scope, c.node.s);
    return a?.value.t === 'num' && a.index < 0 ? a.value.value : undefined;
  }
  return undefined;
}

export const adamLrTooHigh: Check = {
  id: 'adam-lr-too-high',
  title: 'Adam with a learning rate ≥ 1',
  severity: 'warning',
  conceptId: 'learning-rate',
  questionId: 'learning-rate-too-low-high',
  run(facts, report) {
    for (const c of facts.calls) {
      if (!ADAM_FAMILY.test(c.q)) continue;
      const torch = c.q.startsWith('torch.');
      const lr = kwarg(c.node, 'lr')?.value ?? kwarg(c.node, 'learning_rate')?.value ?? positional(c.node, torch ? 1 : 0);
      const value = numericValue(facts, lr, c);
      if (!lr || value === undefined || value < 1) continue;
      report({
        s: lr.s,
        e: lr.e,
        message: `A learning rate of ${value} with Adam: Adam's step is about lr per parameter whatever the gradient's scale, so every weight moves by ~${value} per step and training diverges. Adam-family optimizers usually take 1e-4 to 3e-3.`,
      });
    }
  },
};
