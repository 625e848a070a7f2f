// What a name plays in a training script (model, optimizer, scheduler, loss, validation data), decided
// from how it was built where the file says so, and from naming conventions where it does not.
import type { Expr } from './python/ast';
import { dotted, lastSegment, type CallExpr, type CallFact, type ClassFact, type Facts, type LoopFact, type Scope } from './facts';

const MODEL_NAME = /(?:^|[._])(?:model|net|network|encoder|decoder|classifier|generator|discriminator|backbone|policy|critic|actor|clf|resnet|vgg|bert|gpt|transformer|unet|vae|mlp|cnn|rnn|lstm|teacher|student)\w*$|^(?:net[GD]|[GD]|m)$|(?:Net|Model)$/i;
const NOT_MODEL = /loss|criterion|optim|sched|loader|dataset|scaler|metric|tokenizer|writer|logger/i;
const OPTIMIZER_NAME = /(?:^|[._])(?:opt|optim|optimizer|optimiser)\w*$/i;
const SCHEDULER_NAME = /sched/i;
const VALIDATION = /(?:^|[^a-z])(?:val|valid|validation|test|testing|eval|evaluation|dev|holdout)(?:loader|set|data|dataset|ds|dl|iter|[^a-z]|$)/;
const TRAINING = /(?:^|[^a-z])(?:train|training)(?:loader|set|data|dataset|ds|dl|iter|[^a-z]|$)/;
const EVAL_FUNCTION = /^_?(?:eval|evaluate|evaluation|validate|validation|valid|val|test|predict|inference|run_eval\w*|run_valid\w*|run_test\w*|(?:eval|evaluate|validate|validation|test|val)_\w+|\w+_(?:eval|evaluate|evaluation|validate|validation|val|test))$/;

export const isValidationText = (text: string) => VALIDATION.test(text.toLowerCase()) && !TRAINING.test(text.toLowerCase());
export const isTrainingText = (text: string) => TRAINING.test(text.toLowerCase()) && !VALIDATION.test(text.toLowerCase());
export const isEvalFunctionName = (name: string) => EVAL_FUNCTION.test(name);

/** `x.backward()` (any receiver, including `scaler.scale(loss).backward()`). */
export const isBackward = (c: CallFact) => c.last === 'backward' && c.node.fn.t === 'attr';

/** Peels `.to(device)`, `.cuda()`, `DDP(model)`, `torch.compile(model)` off a value to reach its constructor (memoised). */
export function baseConstructor(facts: Facts, e: Expr | undefined): CallExpr | undefined {
  if (!e || e.t !== 'call') return undefined;
  const known = facts.memo.ctor.get(e);
  if (known !== undefined) return known ?? undefined;
  const found = peel(facts, e);
  facts.memo.ctor.set(e, found ?? null);
  return found;
}

function peel(facts: Facts, e: Expr | undefined): CallExpr | undefined {
  for (let i = 0; e && i < 6; i++) {
    if (e.t !== 'call') return undefined;
    const q = facts.calleeQ(e);
    if (e.fn.t === 'attr' && ['to', 'cuda', 'cpu', 'float', 'half', 'double', 'train', 'eval', 'bfloat16', 'requires_grad_'].includes(e.fn.name) && dotted(e.fn.obj) !== 'torch') {
      e = e.fn.obj;
      continue;
    }
    if (/(?:DistributedDataParallel|DataParallel|DDP|FSDP|FullyShardedDataParallel)$/.test(q) || q === 'torch.compile') {
      e = e.args[0]?.value;
      continue;
    }
    return e;
  }
  return undefined;
}

/** The constructor call a name was last assigned from (or, for `self.x`, its class attribute). */
export function constructorOf(facts: Facts, name: string, scope: Scope, before: number): CallExpr | undefined {
  if (name.startsWith('self.') && scope.cls) return baseConstructor(facts, scope.cls.attrs.get(name)?.value);
  return baseConstructor(facts, facts.lastAssign(name, scope, before)?.value);
}

export function classOf(facts: Facts, name: string): ClassFact | undefined {
  return facts.classes.find((c) => c.name === name);
}

export function isModuleClass(c: ClassFact): boolean {
  return c.bases.some((b) => /(?:^|\.)(?:Module|LightningModule|Model|PreTrainedModel)$/.test(b)) || c.methods.has('forward');
}

/** A call that runs a model: `model(x)`, `self.net(x)`, `model.forward(x)`, `self(x)` (memoised per call). */
export function isModelCall(facts: Facts, c: CallFact): boolean {
  let known = facts.memo.model.get(c);
  if (known === undefined) facts.memo.model.set(c, (known = isModelCallUncached(facts, c)));
  return known;
}

function isModelCallUncached(facts: Facts, c: CallFact): boolean {
  const fn = c.node.fn;
  if (fn.t === 'name' && fn.id === 'self') return true;
  const name = fn.t === 'attr' && (fn.name === 'forward' || fn.name === 'generate') ? dotted(fn.obj) : c.raw;
  if (!name || NOT_MODEL.test(name)) return false;
  const ctor = constructorOf(facts, name, c.scope, c.node.s);
  if (ctor) {
    const q = facts.calleeQ(ctor);
    if (/^(?:keras|tf|flax|jax|optax|sklearn)\./.test(q)) return false; // a model, but not a PyTorch one
    const cls = classOf(facts, q);
    if (cls) return isModuleClass(cls);
    if (/^(?:torchvision\.models|timm|transformers)\./.test(q) || /Sequential$/.test(q)) return true;
  }
  return MODEL_NAME.test(lastSegment(name)) && !facts.functions.has(name);
}

export function isOptimizer(facts: Facts, name: string, scope: Scope, before: number): boolean {
  const ctor = constructorOf(facts, name, scope, before);
  if (ctor) {
    const q = facts.calleeQ(ctor);
    if (q.includes('lr_scheduler')) return false;
    if (/^(?:torch\.optim|keras\.optimizers|bnb\.optim|bitsandbytes\.optim|transformers)\./.test(q) || /(?:Adam|AdamW|SGD|RMSprop|Adagrad|Lion|LAMB|Adafactor)$/.test(q)) return true;
  }
  return OPTIMIZER_NAME.test(name) && !SCHEDULER_NAME.test(name);
}

export function isScheduler(facts: Facts, name: string, scope: Scope, before: number): boolean {
  const ctor = constructorOf(facts, name, scope, before);
  if (ctor) {
    const q = facts.calleeQ(ctor);
    if (/ReduceLROnPlateau$/.test(q)) return false;
    if (q.includes('lr_scheduler') || /(?:_schedule_with_warmup|Scheduler|LR)$/.test(q)) return true;
  }
  return SCHEDULER_NAME.test(lastSegment(name));
}

/** The optimizer an `opt.step()` or `scaler.step(opt)` call steps, or undefined. */
export function optimizerStepped(facts: Facts, c: CallFact): string | undefined {
  if (c.last !== 'step' || c.node.fn.t !== 'attr' || !c.recv) return undefined;
  if (/scaler/i.test(c.recv) && c.node.args[0]) {
    const arg = dotted(c.node.args[0].value);
    return arg || undefined;
  }
  if (c.node.args.some((a) => !a.name)) return undefined; // env.step(action), scheduler.step(metric)
  return isOptimizer(facts, c.recv, c.scope, c.node.s) ? c.recv : undefined;
}

const FUNCTIONAL_LOSSES = /^torch\.nn\.functional\.(?:cross_entropy|nll_loss|mse_loss|l1_loss|smooth_l1_loss|huber_loss|binary_cross_entropy|binary_cross_entropy_with_logits|kl_div|cosine_embedding_loss|margin_ranking_loss|ctc_loss)$/;

/** A call that computes a loss: `criterion(out, y)`, `loss_fn(...)`, `F.cross_entropy(...)`. */
export function isLossCall(facts: Facts, c: CallFact): boolean {
  if (FUNCTIONAL_LOSSES.test(c.q)) return true;
  if (!c.raw || c.recv === 'torch') return false;
  const ctor = constructorOf(facts, c.raw, c.scope, c.node.s);
  if (ctor && /Loss$/.test(facts.calleeQ(ctor))) return true;
  return /(?:^|[._])(?:criterion|loss_fn|loss_func|lossfn|loss_function|compute_loss|loss)$/i.test(c.raw);
}

/** Memoised per file: does the local function `name` (or one it calls, 3 levels deep) make a call matching `test`? */
export function functionDoes(facts: Facts, name: string, test: (c: CallFact) => boolean, depth = 3): boolean {
  const key = name.replace(/^self\./, '');
  const scopes = facts.functions.get(key);
  if (!scopes || depth === 0) return false;
  let cache = facts.memo.does.get(test);
  if (!cache) facts.memo.does.set(test, (cache = new Map()));
  const known = cache.get(key);
  if (known !== undefined) return known;
  cache.set(key, false); // recursion guard
  const result = scopes.some((s) => s.calls.some((c) => test(c) || (c.raw !== '' && c.raw !== name && functionDoes(facts, c.raw, test, depth - 1))));
  cache.set(key, result);
  return result;
}

/** Calls in the loop matching `test`, directly or through a local function it calls (at the call's offset). */
export function loopDoes(facts: Facts, loop: LoopFact, test: (c: CallFact) => boolean): CallFact[] {
  return loop.calls.filter((c) => test(c) || (c.fname !== '' && facts.functions.has(c.fname) && functionDoes(facts, c.raw, test)));
}

/** Does the loop run backward() (itself or through a local function)? Memoised per loop. */
export function trains(facts: Facts, loop: LoopFact): boolean {
  let known = facts.memo.trains.get(loop);
  if (known === undefined) facts.memo.trains.set(loop, (known = loopDoes(facts, loop, isBackward).length > 0));
  return known;
}

/** Calls of the local function `name` anywhere in the file. */
export function callersOf(facts: Facts, name: string): CallFact[] {
  return (facts.callsByLast.get(name) ?? []).filter((c) => c.raw === name || c.raw === `self.${name}`);
}
