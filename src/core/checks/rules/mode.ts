// Evaluation hygiene in PyTorch: validation loops in eval mode and without autograd, and training mode
// restored after evaluating.
import type { CallFact, Facts, LoopFact, Scope } from '../facts';
import { indentAt, insertLineBefore, lineStart, wrapLines } from '../edits';
import { callersOf, isEvalFunctionName, isModelCall, isValidationText, trains } from '../roles';
import type { Check } from '../types';

const isEvalCall = (c: CallFact) =>
  c.node.fn.t === 'attr' && ((c.last === 'eval' && c.node.args.length === 0)
    || (c.last === 'train' && c.node.args.length === 1 && c.node.args[0].value.t === 'const' && c.node.args[0].value.value === 'False'));
/** `model.train()`, `model.train(True)`, `model.train(training)`: anything but `train(False)`. */
const isTrainCall = (c: CallFact) =>
  c.node.fn.t === 'attr' && c.last === 'train' && c.node.args.length <= 1 && !(c.node.args[0]?.value.t === 'const' && c.node.args[0].value.value === 'False');

/** Outermost loops that run a model over validation or test data without training (PyTorch files). */
export function evalLoops(facts: Facts): LoopFact[] {
  const known = facts.memo.evalLoops;
  if (known) return known;
  const candidates = new Set<LoopFact>();
  if (facts.uses('torch')) {
    for (const loop of facts.loops) {
      if (!loop.calls.some((c) => isModelCall(facts, c))) continue;
      const named = isValidationText(loop.iterText) || (loop.scope.kind === 'def' && isEvalFunctionName(loop.scope.name));
      if (named && !trains(facts, loop)) candidates.add(loop);
    }
  }
  const outermost = [...candidates].filter((loop) => {
    for (let p = loop.parent; p; p = p.parent) if (candidates.has(p)) return false;
    return true;
  });
  facts.memo.evalLoops = outermost;
  return outermost;
}

/** Is an `.eval()` in force at `offset` of `scope` (or at every call of the function `scope`)? */
function evalInForce(facts: Facts, scope: Scope, offset: number, depth = 2): boolean {
  let lastEval = -1;
  let lastTrain = -1;
  for (const c of scope.calls) {
    if (c.node.s >= offset) continue;
    if (isEvalCall(c)) lastEval = Math.max(lastEval, c.node.s);
    else if (isTrainCall(c)) lastTrain = Math.max(lastTrain, c.node.s);
  }
  if (lastEval > lastTrain) return true;
  if (lastTrain >= 0 || scope.kind !== 'def' || depth === 0) return false;
  const callers = callersOf(facts, scope.name);
  return callers.length > 0 && callers.every((c) => evalInForce(facts, c.scope, c.node.s, depth - 1));
}

function noGradInForce(facts: Facts, loop: LoopFact): boolean {
  if (loop.noGrad || loop.scope.noGrad) return true;
  const modelCalls = loop.calls.filter((c) => isModelCall(facts, c));
  if (modelCalls.length && modelCalls.every((c) => c.noGrad)) return true;
  if (loop.scope.calls.some((c) => c.q === 'torch.set_grad_enabled' && c.node.s < loop.stmt.s && c.node.args[0]?.value.t === 'const' && c.node.args[0].value.value === 'False')) return true;
  if (loop.scope.kind !== 'def') return false;
  const callers = callersOf(facts, loop.scope.name);
  return callers.length > 0 && callers.every((c) => c.noGrad || c.scope.noGrad);
}

const modelName = (facts: Facts, loop: LoopFact): string | undefined => {
  const call = loop.calls.find((c) => isModelCall(facts, c));
  if (!call) return undefined;
  const fn = call.node.fn;
  return fn.t === 'attr' && (fn.name === 'forward' || fn.name === 'generate') ? call.recv : call.raw === 'self' ? undefined : call.raw;
};

const header = (loop: LoopFact) => ({ s: loop.stmt.s, e: loop.stmt.value?.e ?? loop.stmt.e });

export const evalModeMissing: Check = {
  id: 'eval-mode-missing',
  title: 'Validation loop without model.eval()',
  severity: 'warning',
  conceptId: 'train-eval-mode',
  questionId: 'train-vs-eval-mode',
  run(facts, report) {
    for (const loop of evalLoops(facts)) {
      if (evalInForce(facts, loop.scope, loop.stmt.s) || loop.calls.some(isEvalCall)) continue;
      const model = modelName(facts, loop) ?? 'model';
      // Only where training mode comes back later (a .train() call exists): otherwise the fix would leave
      // the model in eval mode for the rest of training.
      const restores = facts.calls.some(isTrainCall);
      report({
        ...header(loop),
        message: `This loop evaluates ${model} in training mode: dropout still drops units and batch norm uses (and updates) batch statistics. Call ${model}.eval() before it (and ${model}.train() before training again).`,
        fix: restores ? { title: `Call ${model}.eval() before the loop`, edits: [insertLineBefore(facts.source, loop.stmt.s, `${model}.eval()`)] } : undefined,
      });
    }
  },
};

export const noGradMissing: Check = {
  id: 'no-grad-missing',
  title: 'Validation loop without torch.no_grad()',
  severity: 'information',
  conceptId: 'no-grad',
  questionId: 'no-grad-vs-inference-mode',
  run(facts, report) {
    const torch = facts.aliasOf('torch');
    for (const loop of evalLoops(facts)) {
      if (noGradInForce(facts, loop)) continue;
      let fix;
      if (torch) {
        const fn = loop.scope.stmt;
        const inFunctionBody = fn && loop.scope.kind === 'def' && fn.body.includes(loop.stmt) && !loop.scope.calls.some((c) => c.last === 'backward');
        if (fn && inFunctionBody) {
          const at = fn.decorators?.length ? lineStart(facts.source, fn.decorators[0].s) : fn.s;
          fix = { title: `Decorate ${loop.scope.name}() with @${torch}.no_grad()`, edits: [{ s: lineStart(facts.source, at), e: lineStart(facts.source, at), text: `${indentAt(facts.source, fn.s)}@${torch}.no_grad()\n` }] };
        } else {
          const edits = wrapLines(facts, loop.stmt.s, loop.stmt.end, `with ${torch}.no_grad():`);
          if (edits) fix = { title: `Wrap the loop in with ${torch}.no_grad():`, edits };
        }
      }
      report({
        ...header(loop),
        message: 'This evaluation loop records the autograd graph of every forward pass: memory and time spent on gradients that are never used. Run it under torch.no_grad() (or torch.inference_mode()).',
        fix,
      });
    }
  },
};

export const trainModeNotRestored: Check = {
  id: 'train-mode-not-restored',
  title: 'model.eval() inside the training loop, never model.train() again',
  severity: 'warning',
  conceptId: 'train-eval-mode',
  questionId: 'train-vs-eval-mode',
  run(facts, report) {
    if (!facts.uses('torch') || facts.calls.some(isTrainCall)) return;
    for (const e of facts.calls.filter(isEvalCall)) {
      let epochLoop = e.loops.find((l) => trains(facts, l));
      if (!epochLoop && e.scope.kind === 'def') {
        epochLoop = callersOf(facts, e.scope.name).flatMap((c) => c.loops).find((l) => trains(facts, l));
      }
      if (!epochLoop) continue;
      const first = epochLoop.stmt.body[0];
      const sameScope = e.scope === epochLoop.scope && e.recv;
      report({
        s: e.node.s,
        e: e.node.e,
        message: `${e.recv ?? 'The model'} is switched to eval mode inside the training loop and never back: from the second epoch on it trains with dropout off and frozen batch-norm statistics. Call ${e.recv ?? 'model'}.train() at the start of each epoch.`,
        fix: sameScope && first ? { title: `Call ${e.recv}.train() at the start of each epoch`, edits: [insertLineBefore(facts.source, first.s, `${e.recv}.train()`)] } : undefined,
      });
    }
  },
};
