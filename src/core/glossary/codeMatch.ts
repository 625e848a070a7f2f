// Identifiers in code: dotted API chains, methods on a receiver, conventional variable names, bare API names.
import { CONVENTIONAL_ROOTS, canonicalName } from './imports';
import { GlossaryIndex, ORDINARY_NAMES } from './glossaryIndex';
import { documentName } from './documentNames';
import { identifierParts } from './normalize';
import { isFrameworkModule, operandConcept, resolveChain, resolveImported } from './apiResolution';
import { insideCall, matchKwarg } from './kwargMatch';
import { EMPTY_IMPORTS, IDENT, type LineContext, type TermMatch } from './matchTypes';

export function matchCode(index: GlossaryIndex, line: string, character: number, context: LineContext): TermMatch | undefined {
  let start = character;
  let end = character;
  while (start > 0 && IDENT.test(line[start - 1])) start--;
  while (end < line.length && IDENT.test(line[end])) end++;
  if (start === end || /^[0-9]/.test(line[start])) return undefined;
  const word = line.slice(start, end);
  const imports = context.imports ?? EMPTY_IMPORTS;

  // The dotted chain: segments to the left joined by '.', and to the right when we hover a module prefix.
  let chainStart = start;
  while (chainStart > 1 && line[chainStart - 1] === '.' && IDENT.test(line[chainStart - 2])) {
    let s = chainStart - 1;
    while (s > 0 && IDENT.test(line[s - 1])) s--;
    chainStart = s;
  }
  let chainEnd = end;
  const left = line.slice(chainStart, end).split('.');
  // What the chain's first name stands for: the file's own import, else the modules that alias names by convention.
  const imported = imports.aliases.get(left[0]);
  const roots = imported ? [imported] : CONVENTIONAL_ROOTS.get(left[0]);
  const rootQualified = roots?.[0];
  if (rootQualified) {
    while (line[chainEnd] === '.' && IDENT.test(line[chainEnd + 1] ?? '')) {
      let e = chainEnd + 1;
      while (e < line.length && IDENT.test(line[e])) e++;
      chainEnd = e;
    }
  }
  const after = line.slice(chainEnd).trimStart();
  const isCall = after.startsWith('(');
  const isKwarg = /^=(?!=)/.test(after) && insideCall(line, start, context.before);
  const segments = line.slice(chainStart, chainEnd).split('.');
  const beforeChain = line.slice(0, chainStart);
  const isImport = /^\s*(import|from)\s/.test(line);
  // `def forward(` and `class Block(` name the user's own code: only conventional names explain them.
  const isDefinition = /\b(def|class)\s+$/.test(beforeChain);

  if (isKwarg && segments.length === 1) return matchKwarg(index, line, start, end, word, context);

  if (roots && segments.length > 1) {
    // A generic op whose operands say what it computes (`torch.tanh(logits / cap)`) wins over its plain meaning.
    const operand = isCall ? operandConcept(index, roots, segments, line, chainEnd, context.words) : undefined;
    if (operand) return { concept: operand, kind: 'api', start: chainStart, end: chainEnd };
    const hit = resolveChain(index, roots, segments, imports);
    if (hit) return { concept: hit.concept, api: hit.api, kind: 'api', start: chainStart, end: chainEnd };
    // An unknown member of a framework module (`torch.Generator`, `torch.optim.lr_scheduler`): never guess.
    // An imported class (`ResNet50_Weights.IMAGENET1K_V2`) or a module of the user's own (`models.Transformer`)
    // goes on like any other name.
    if (!/^[A-Z]/.test(segments[0]) && isFrameworkModule(roots)) return undefined;
  }
  if (segments.length === 1) {
    // `from torch.nn.parallel import DistributedDataParallel as DDP`: on the import line the name itself is the API.
    const from = isImport ? /^\s*from\s+([\w.]+)\s+import\b/.exec(line) : null;
    const imported = imports.aliases.get(word) ?? (from ? canonicalName(`${from[1]}.${word}`) : undefined);
    const hit = imported ? resolveImported(index, imported) : undefined;
    if (hit) return { concept: hit.concept, api: hit.api, kind: 'api', start, end };
  }
  if (isImport) return undefined;

  // `receiver.member`: the receiver may be a name (`loss.backward()`) or an expression (`scaler.scale(loss).backward()`).
  const isMember = start > 0 && line[start - 1] === '.' && !isDefinition;
  // `wandb.init(...)`, `np.save(...)`: a function of some other imported module, not a method of a model or tensor.
  const onOtherModule = isMember && start > chainStart && !!imports.aliases.get(segments[0]);
  if (isMember && word === segments[segments.length - 1] && !onOtherModule) {
    const receiver = (start > chainStart ? segments[segments.length - 2] : chainedReceiver(line, start - 1)).toLowerCase();
    if (isCall) {
      // `x.to(torch.float32)`, `h.to(input_dtype)`: a dtype cast moves nothing between devices.
      if (word === 'to' && castsOnly(line, chainEnd)) return undefined;
      const specific = receiver ? index.receiverMethods.get(word)?.find((r) => receiver.includes(r.receiver)) : undefined;
      if (specific) return { concept: specific.concept, kind: 'method', start: chainStart, end };
      // `model.eval()` takes no argument; `accuracy.eval(feed_dict=…)` evaluates a TensorFlow 1 tensor.
      const modeSwitch = !(word === 'eval' && /^\(\s*[^\s)]/.test(after));
      const generic = NOT_A_MODEL.test(receiver) || !modeSwitch ? undefined : index.methods.get(word);
      if (generic) return { concept: generic, kind: 'method', start, end };
      const member = AMBIGUOUS_MEMBERS.has(word) ? undefined : index.pickBare(word, imports.frameworks, index.members);
      if (member) return { concept: member.concept, api: member.api, kind: 'method', start, end };
    } else {
      const name = documentName(index, word, context.words);
      if (name) return { concept: name, kind: 'name', start, end };
      // `apply_fn=model.apply` names the method without calling it; `mnist.train` is no `Module.train()`.
      const member = index.methods.has(word) || AMBIGUOUS_MEMBERS.has(word) ? undefined : index.pickBare(word, imports.frameworks, index.members);
      if (member) return { concept: member.concept, api: member.api, kind: 'api', start, end };
      return undefined;
    }
    // `self.resid_dropout(x)` calls a submodule: its name follows the naming conventions.
    if (receiver === 'self') {
      const name = documentName(index, word, context.words);
      if (name) return { concept: name, kind: 'name', start, end };
    }
  }
  if (!isMember && !isCall && !isDefinition && isModeFlag(line, start, end, word)) {
    const flag = index.kwargs.get('training');
    if (flag) return { concept: flag, kind: 'name', start, end };
  }
  if (ORDINARY_NAMES.has(word)) return undefined;
  // Patterns (`*_epoch`) describe variables; a called or defined name is a function (`train_one_epoch`).
  const name = documentName(index, word, context.words, { patterns: !isCall && !isDefinition, companions: !isDefinition });
  if (name) return { concept: name, kind: 'name', start, end };
  if (isDefinition) return undefined;
  // Bare API names: class-like (`AdamW`, `BatchNorm2d`) or distinctive function names (`clip_grad_norm_`).
  if (/^[A-Z]/.test(word) || (word.includes('_') && word.length > 6) || (isCall && segments.length === 1)) {
    const hit = index.pickBare(word, imports.frameworks);
    if (hit && (isCall || /^[A-Z]/.test(word) || word.includes('_'))) return { concept: hit.concept, api: hit.api, kind: 'api', start, end };
  }
  // A called name is the user's own function (`run_epoch(...)`, `get_lr(it)`): its parts say what it does, not what it is.
  if (isCall) return undefined;
  return matchParts(index, word, start, end);
}

/**
 * What a chained call starts from, seen from its last `.`: `ds.map` in `ds.map(f).cache().prefetch(n)`,
 * `tf.data.Dataset.from_tensor_slices` in `tf.data.Dataset.from_tensor_slices(xy).shuffle(n)`.
 */
function chainedReceiver(line: string, dot: number): string {
  let i = dot;
  for (let hops = 0; hops < 8 && line[i - 1] === ')'; hops++) {
    let depth = 0;
    let j = i - 1;
    for (; j >= 0; j--) {
      if (line[j] === ')') depth++;
      else if (line[j] === '(' && --depth === 0) break;
    }
    if (j < 0) return '';
    let k = j;
    while (k > 0 && (/\w/.test(line[k - 1]) || (line[k - 1] === '.' && /\w/.test(line[k - 2] ?? '')))) k--;
    const chain = line.slice(k, j);
    if (!chain) return '';
    if (line[k - 1] !== '.' || line[k - 2] !== ')') return chain;
    i = k - 1;
  }
  return '';
}

/**
 * Member names too common outside deep learning to explain on any receiver (`env.step()`, `img.save()`,
 * `pool.map()`); the glossary lists the receivers that make them meaningful (`optimizer.step`, `ds.map`).
 */
const AMBIGUOUS_MEMBERS = new Set(['step', 'save', 'map', 'batch', 'shuffle', 'cache', 'prefetch', 'update', 'call', 'expand', 'unsqueeze']);

/** The arguments of the call opening at `from` name a dtype and nothing that looks like a device. */
function castsOnly(line: string, from: number): boolean {
  const open = line.indexOf('(', from);
  const args = open < 0 ? '' : line.slice(open + 1);
  return /dtype|float|half|bfloat|int(8|16|32|64)|bool/.test(args) && !/device|cuda|cpu|mps|rank|non_blocking/.test(args);
}
/** Receivers whose `.train()` / `.eval()` is not a module's mode switch (`trainer.train()` runs training). */
const NOT_A_MODEL = /(trainer|runner|engine|learner|pipeline|estimator|parser|args|app)$/;

/**
 * `train` as a boolean mode flag (`not train`, `train: bool`, `if train`, `… if train else …`), as in Flax
 * modules. Anything else (`train(model)`, `mnist.train`, a `train` split) stays silent.
 */
function isModeFlag(line: string, start: number, end: number, word: string): boolean {
  if (word !== 'train') return false;
  const before = line.slice(0, start);
  const after = line.slice(end);
  return /\b(not|if|elif|and|or)\s+$/.test(before) || /^\s*:\s*bool\b/.test(after) || /^\s+(else|and|or)\b/.test(after);
}

function matchParts(index: GlossaryIndex, word: string, start: number, end: number): TermMatch | undefined {
  if (!word.includes('_') && !/[a-z][A-Z]/.test(word)) return undefined;
  for (const part of identifierParts(word)) {
    if (ORDINARY_NAMES.has(part)) continue;
    // Only conventional names count as parts: glossary words inside user names (`custom_standardization`) mislead.
    const concept = part.length > 3 ? index.names.get(part) : undefined;
    if (concept) return { concept, kind: 'part', start, end };
  }
  return undefined;
}
