// Finds the deep-learning concept at a position of one line. O(length of the line): a handful of
// regex scans of the line and Map lookups in the precomputed GlossaryIndex.
import type { ApiEntry, Concept } from '../bank/types';
import { CONVENTIONAL_ROOTS, DEFAULT_ALIASES, canonicalName, type ImportContext } from './imports';
import { GlossaryIndex, ORDINARY_NAMES, type ApiHit, type PhraseNode } from './glossaryIndex';
import { identifierParts, proseWords } from './normalize';

export type MatchKind = 'api' | 'kwarg' | 'string' | 'method' | 'name' | 'part' | 'prose';

export interface TermMatch {
  concept: Concept;
  kind: MatchKind;
  /** The API hovered, when an identifier resolved to one. */
  api?: ApiEntry;
  /** The text the match covers, as [start, end) offsets in the line. */
  start: number;
  end: number;
  /** For a keyword argument matched in a call context, the call it belongs to. */
  callee?: string;
}

export interface LineContext {
  /** `code`: Python source; `prose`: comments, docstrings, Markdown, plain text. */
  mode: 'code' | 'prose';
  imports?: ImportContext;
  /** Up to a few previous lines, for calls whose arguments span lines. */
  before?: string;
  /** Identifiers of the whole document (DocumentFacts.words), for companion names such as `mu@logvar`. */
  words?: ReadonlySet<string>;
}

const IDENT = /[A-Za-z0-9_]/;
const EMPTY_IMPORTS: ImportContext = { aliases: new Map(), frameworks: ['pytorch', 'tensorflow', 'jax'] };
const MAX_LINE = 2000;

export function matchAt(index: GlossaryIndex, line: string, character: number, context: LineContext): TermMatch | undefined {
  if (line.length > MAX_LINE || character < 0 || character > line.length) return undefined;
  if (context.mode === 'prose') return matchProse(index, line, character, 0, line.length, context);
  const comment = commentStart(line);
  if (comment >= 0 && character >= comment) return matchProse(index, line, character, comment + 1, line.length, context);
  const str = stringAt(line, character);
  if (str) return matchString(index, line, str, character, context);
  return matchCode(index, line, character, context);
}

// ---- code -----------------------------------------------------------------------------------------

function matchCode(index: GlossaryIndex, line: string, character: number, context: LineContext): TermMatch | undefined {
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
    const hit = resolveChain(index, roots, segments, imports);
    if (hit) return { concept: hit.concept, api: hit.api, kind: 'api', start: chainStart, end: chainEnd };
    const operand = isCall ? operandConcept(index, roots, segments, line, chainEnd) : undefined;
    if (operand) return { concept: operand, kind: 'api', start: chainStart, end: chainEnd };
    // An unknown member of a framework module (`torch.Generator`, `torch.optim.lr_scheduler`): never guess.
    // An imported class (`ResNet50_Weights.IMAGENET1K_V2`) or a module of the user's own (`models.Transformer`)
    // goes on like any other name.
    if (!/^[A-Z]/.test(segments[0]) && isFrameworkModule(roots)) return undefined;
  }
  if (segments.length === 1) {
    const imported = imports.aliases.get(word);
    if (imported) {
      const hit = index.apis.get(imported);
      if (hit) return { concept: hit.concept, api: hit.api, kind: 'api', start, end };
    }
  }
  if (isImport) return undefined;

  // `receiver.member`: the receiver may be a name (`loss.backward()`) or an expression (`scaler.scale(loss).backward()`).
  const isMember = start > 0 && line[start - 1] === '.' && !isDefinition;
  // `wandb.init(...)`, `np.save(...)`: a function of some other imported module, not a method of a model or tensor.
  const onOtherModule = isMember && start > chainStart && !!imports.aliases.get(segments[0]);
  if (isMember && word === segments[segments.length - 1] && !onOtherModule) {
    const receiver = (start > chainStart ? segments[segments.length - 2] : chainedReceiver(line, start - 1)).toLowerCase();
    if (isCall) {
      const specific = receiver ? index.receiverMethods.get(word)?.find((r) => receiver.includes(r.receiver)) : undefined;
      if (specific) return { concept: specific.concept, kind: 'method', start: chainStart, end };
      // `model.eval()` takes no argument; `accuracy.eval(feed_dict=…)` evaluates a TensorFlow 1 tensor.
      const modeSwitch = !(word === 'eval' && /^\(\s*[^\s)]/.test(after));
      const generic = NOT_A_MODEL.test(receiver) || !modeSwitch ? undefined : index.methods.get(word);
      if (generic) return { concept: generic, kind: 'method', start, end };
      const member = AMBIGUOUS_MEMBERS.has(word) ? undefined : index.pickBare(word, imports.frameworks, index.members);
      if (member) return { concept: member.concept, api: member.api, kind: 'method', start, end };
    } else {
      const name = ORDINARY_NAMES.has(word) ? undefined : index.lookupName(word) ?? index.companionName(word, context.words);
      if (name) return { concept: name, kind: 'name', start, end };
      // `apply_fn=model.apply` names the method without calling it; `mnist.train` is no `Module.train()`.
      const member = index.methods.has(word) || AMBIGUOUS_MEMBERS.has(word) ? undefined : index.pickBare(word, imports.frameworks, index.members);
      if (member) return { concept: member.concept, api: member.api, kind: 'api', start, end };
      return undefined;
    }
    // `self.resid_dropout(x)` calls a submodule: its name follows the naming conventions.
    if (receiver === 'self' && !ORDINARY_NAMES.has(word)) {
      const name = index.lookupName(word);
      if (name) return { concept: name, kind: 'name', start, end };
    }
  }
  if (!isMember && !isCall && !isDefinition && isModeFlag(line, start, end, word)) {
    const flag = index.kwargs.get('training');
    if (flag) return { concept: flag, kind: 'name', start, end };
  }
  if (ORDINARY_NAMES.has(word)) return undefined;
  // Patterns (`*_epoch`) describe variables; a called or defined name is a function (`train_one_epoch`).
  const name = index.lookupName(word, !isCall && !isDefinition) ?? (isCall ? undefined : index.companionName(word, context.words));
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
const AMBIGUOUS_MEMBERS = new Set(['step', 'save', 'map', 'batch', 'shuffle', 'cache', 'prefetch', 'update', 'call']);
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

/**
 * The API a dotted chain names, from the modules its first name may stand for: `nn.Dense` is `flax.linen.Dense`
 * even in a snippet without imports, because `torch.nn` has no `Dense`. When several modules have the member with
 * different meanings, the file's framework decides.
 */
function resolveChain(index: GlossaryIndex, roots: readonly string[], segments: readonly string[], imports: ImportContext): ApiHit | undefined {
  const last = segments[segments.length - 1];
  let first: ApiHit | undefined;
  let agreed = true;
  const hits: ApiHit[] = [];
  for (const root of roots) {
    const qualified = canonicalName([root, ...segments.slice(1)].join('.'));
    const hit = index.apis.get(qualified) ?? resolveWithinFramework(index, qualified, last);
    if (!hit) continue;
    hits.push(hit);
    first ??= hit;
    if (hit.concept !== first.concept) agreed = false;
  }
  if (hits.length < 2) return first;
  for (const f of imports.frameworks) {
    const own = hits.find((h) => h.api.framework === f);
    if (own) return own;
  }
  return agreed ? first : undefined;
}

/**
 * Generic operations whose deep-learning meaning comes from their operands: `torch.sin(pos * inv_freq)` builds a
 * sinusoidal position table, `torch.topk(logits, k)` keeps the k most likely tokens for sampling. Each entry names
 * the member, a pattern its arguments must match and the concept; only on array modules.
 */
const OPERAND_APIS: Record<string, { operands: RegExp; concept: string }> = {
  sin: { operands: /inv_freq|div_term|freqs?\b|\bpos(ition)?s?\b/, concept: 'positional-encoding' },
  cos: { operands: /inv_freq|div_term|freqs?\b|\bpos(ition)?s?\b/, concept: 'positional-encoding' },
  topk: { operands: /logits/, concept: 'sampling-temperature' },
  top_k: { operands: /logits/, concept: 'sampling-temperature' },
};
const ARRAY_MODULES = new Set(['torch', 'numpy', 'jax.numpy', 'tf', 'tf.math', 'jax.lax', 'math']);

function operandConcept(index: GlossaryIndex, roots: readonly string[], segments: readonly string[], line: string, callAt: number): Concept | undefined {
  const rule = OPERAND_APIS[segments[segments.length - 1]];
  if (!rule || !roots.some((r) => ARRAY_MODULES.has(canonicalName([r, ...segments.slice(1, -1)].join('.'))))) return undefined;
  const open = line.indexOf('(', callAt);
  if (open < 0) return undefined;
  let depth = 0;
  let close = open;
  for (; close < line.length; close++) {
    if (line[close] === '(') depth++;
    else if (line[close] === ')' && --depth === 0) break;
  }
  return rule.operands.test(line.slice(open + 1, close)) ? index.byId.get(rule.concept) : undefined;
}

/** Deep-learning and array libraries, whose unknown members are never guessed at. */
const FRAMEWORK_ROOTS = new Set(['torch', 'torchvision', 'torchaudio', 'tf', 'jax', 'flax', 'optax', 'numpy', 'math', 'timm', 'transformers', 'einops']);

function isFrameworkModule(roots: readonly string[]): boolean {
  return roots.some((r) => FRAMEWORK_ROOTS.has(canonicalName(r).split('.')[0]));
}

function resolveWithinFramework(index: GlossaryIndex, qualified: string, last: string) {
  // `torch.nn.modules.dropout.Dropout` or `tf.keras.layers.experimental.X`: same framework, same last name.
  const root = qualified.split('.')[0];
  return index.bare.get(last)?.find((h) => h.api.id.split('.')[0] === root && qualified.startsWith(h.api.id.split('.').slice(0, 2).join('.')));
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

/** Calls whose `train=`/`split=` chooses a data split (`datasets.MNIST(root, train=True)`), not a mode. */
const DATASET_CALL = /(^|\.)(datasets?|tfds)\.|MNIST|CIFAR|ImageNet|ImageFolder|Dataset|load_dataset|SVHN|STL10|VOC|Coco|CelebA/;

function matchKwarg(index: GlossaryIndex, line: string, start: number, end: number, word: string, context: LineContext): TermMatch | undefined {
  const call = enclosingCall(line, start, context.before);
  const callee = call?.name;
  if (call?.isDefinition) {
    // `def fit(model, patience=3)`: a parameter with a default is a variable name; in
    // `def generate(idx, temperature=1.0)` it means what that keyword means for a call of that name.
    const bound = callee ? contextualConcept(index, word, callee) : undefined;
    // `def __call__(self, x, train=False)`: a boolean `train` parameter is the mode flag.
    const flag = word === 'train' && /^\s*=\s*(True|False)\b/.test(line.slice(end)) ? index.kwargs.get('training') : undefined;
    const name = bound ?? flag ?? (ORDINARY_NAMES.has(word) ? undefined : index.lookupName(word) ?? index.companionName(word, context.words));
    return name ? { concept: name, kind: 'name', start, end } : undefined;
  }
  if (word === 'train') {
    // `model.init(rng, x, train=False)`: a mode flag; in a dataset constructor it picks the split.
    const flag = index.kwargs.get('training');
    return flag && callee && !DATASET_CALL.test(callee) ? { concept: flag, kind: 'kwarg', start, end, callee } : undefined;
  }
  const contextual = callee ? contextualConcept(index, word, callee) : undefined;
  if (contextual) return { concept: contextual, kind: 'kwarg', start, end, callee };
  // `VAE(latent_dim=...)`, `fit(num_epochs=...)`: keywords of the user's own calls follow the naming conventions;
  // a library call's keywords mean what the library says (`random_split(..., generator=g)` is no GAN).
  const userCall = callee !== undefined && !isLibraryCall(index, callee, context.imports ?? EMPTY_IMPORTS);
  const concept = index.kwargs.get(word) ?? (userCall && !ORDINARY_NAMES.has(word) ? index.lookupName(word) : undefined);
  return concept ? { concept, kind: 'kwarg', start, end, ...(callee ? { callee } : {}) } : undefined;
}

function isLibraryCall(index: GlossaryIndex, callee: string, imports: ImportContext): boolean {
  const segments = callee.split('.');
  const last = segments[segments.length - 1];
  if (imports.aliases.has(segments[0]) || DEFAULT_ALIASES.has(segments[0])) return true;
  return index.bare.has(last) || index.members.has(last) || (segments.length > 1 && index.methods.has(last));
}

/** True when `pos` sits inside an unclosed `(` on this line or the lines just before. */
function insideCall(line: string, pos: number, before = ''): boolean {
  return enclosingCallee(line, pos, before) !== undefined || depthAt(before + '\n' + line.slice(0, pos)) > 0;
}

function depthAt(text: string): number {
  let depth = 0;
  for (const ch of text) {
    if (ch === '(') depth++;
    else if (ch === ')') depth = Math.max(0, depth - 1);
  }
  return depth;
}

/** Name of the call whose parentheses enclose `pos` (`nn.BatchNorm2d` in `nn.BatchNorm2d(64, momentum=…`). */
export function enclosingCallee(line: string, pos: number, before = ''): string | undefined {
  return enclosingCall(line, pos, before)?.name;
}

function enclosingCall(line: string, pos: number, before = ''): { name: string; isDefinition: boolean } | undefined {
  const text = `${before}\n${line.slice(0, pos)}`;
  let depth = 0;
  for (let i = text.length - 1; i >= 0; i--) {
    const ch = text[i];
    if (ch === ')') depth++;
    else if (ch === '(') {
      if (depth === 0) {
        // `nn.Dropout(rate=0.1)(x, deterministic=…)`: calling a layer just built; its keywords belong to the layer.
        let j = i;
        while (j > 0 && /\s/.test(text[j - 1])) j--;
        if (text[j - 1] === ')') j = matchingOpen(text, j - 1);
        const head = text.slice(Math.max(0, j - 200), j);
        const m = /([A-Za-z_][\w.]*)\s*$/.exec(head);
        const name = m?.[1] ?? '';
        // `partial(nn.LayerNorm, eps=1e-6)`: the keywords are those of the function being bound.
        const bound = /(^|\.)partial$/.test(name) ? /^\(\s*([A-Za-z_][\w.]*)\s*,/.exec(text.slice(i)) : null;
        return { name: bound?.[1] ?? name, isDefinition: j === i && /\bdef\s+\w+\s*$/.test(head) };
      }
      depth--;
    }
  }
  return undefined;
}

/** Index of the `(` that the `)` at `close` closes (or `close` itself when unbalanced). */
function matchingOpen(text: string, close: number): number {
  let depth = 0;
  for (let k = close; k >= Math.max(0, close - 400); k--) {
    if (text[k] === ')') depth++;
    else if (text[k] === '(' && --depth === 0) return k;
  }
  return close;
}

/**
 * The concept a keyword has inside a call (`momentum=` in `nn.BatchNorm2d(…)`): the glossary's `name@Callee`
 * entries, matched as written, then regardless of case and underscores so that TensorFlow 1's functional layers
 * (`tf.layers.batch_normalization(…, momentum=…)`, `tf.layers.dense(…, units=…)`) read like their classes; the
 * longest callee fragment wins (`alpha@LeakyReLU` over `alpha@ELU`).
 */
function contextualConcept(index: GlossaryIndex, word: string, callee: string): Concept | undefined {
  const entries = index.contextualKwargs.get(word);
  if (!entries) return undefined;
  const exact = entries.find((c) => callee.includes(c.callee));
  if (exact) return exact.concept;
  const loose = callee.toLowerCase().replace(/_/g, '');
  let best: (typeof entries)[number] | undefined;
  for (const c of entries) {
    const fragment = c.callee.toLowerCase().replace(/_/g, '');
    if (fragment.length > 2 && loose.includes(fragment) && fragment.length > (best?.callee.length ?? 0)) best = c;
  }
  return best?.concept;
}

// ---- strings and comments -------------------------------------------------------------------------

function commentStart(line: string): number {
  let quote = '';
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quote) {
      if (ch === '\\') i++;
      else if (ch === quote) quote = '';
    } else if (ch === '"' || ch === "'") quote = ch;
    else if (ch === '#') return i;
  }
  return -1;
}

interface StringSpan {
  start: number;
  end: number;
  value: string;
}

function stringAt(line: string, pos: number): StringSpan | undefined {
  let quote = '';
  let open = -1;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quote) {
      if (ch === '\\') i++;
      else if (ch === quote) {
        if (pos > open && pos <= i) return { start: open + 1, end: i, value: line.slice(open + 1, i) };
        quote = '';
      }
    } else if (ch === '"' || ch === "'") {
      quote = ch;
      open = i;
    } else if (ch === '#') return undefined;
  }
  return quote && pos > open ? { start: open + 1, end: line.length, value: line.slice(open + 1) } : undefined;
}

/** Calls whose string arguments name a variable of the model. */
const NAMING_CALL = /(^|\.)(register_buffer|register_parameter|param|variable|add_weight|get_variable)$/;

function matchString(index: GlossaryIndex, line: string, str: StringSpan, character: number, context: LineContext): TermMatch | undefined {
  // f"{name}": the replacement fields of an f-string are code.
  if (/(^|[^A-Za-z0-9_])[rR]?[fF][rR]?$/.test(line.slice(0, str.start - 1))) {
    const field = replacementField(str.value, character - str.start);
    if (field) return matchCode(index, line.slice(0, str.start + field.end), character, context);
  }
  const value = str.value.trim();
  const opener = line.slice(0, str.start - 1).trimEnd();
  // A value: an argument, an assignment, a key, a comparison (`dtype == "float16"`) or a branch of `x if c else y`.
  if (/(?:[=(,[:{]|\b(?:if|else|or|and|in|return))$/.test(opener)) {
    const concept = index.strings.get(value.toLowerCase());
    // `padding="same"` inside `layers.Conv2D(...)`: a keyword bound to its call explains a value the glossary does not name.
    const kwarg = /(\w+)\s*=$/.exec(opener);
    const callee = kwarg ? enclosingCallee(line, str.start - 1, context.before) : undefined;
    const bound = kwarg && callee ? contextualConcept(index, kwarg[1], callee) : undefined;
    if (concept) return { concept, kind: 'string', start: str.start, end: str.end };
    if (bound) return { concept: bound, kind: 'string', start: str.start, end: str.end };
    // A dict key or subscript that names a keyword argument or a conventional variable: `"lr"` in a param group,
    // `{"num_workers": 1}`, `g["is_training"]`, `history["val_accuracy"]`. A key that mirrors a variable of the
    // same line (`{"best_acc1": best_acc1}`, `best_acc1 = ckpt["best_acc1"]`) stores that variable: data.
    if (/[{[,]$/.test(opener) && /^[A-Za-z_]\w*$/.test(value) && !ORDINARY_NAMES.has(value)) {
      const mirrored = new RegExp(`(^|[^\\w"'])${value}(?![\\w"'])`).test(line);
      const named = index.kwargs.get(value) ?? (mirrored ? undefined : index.lookupName(value));
      if (named) return { concept: named, kind: 'string', start: str.start, end: str.end };
    }
    // The name given to a buffer or a parameter is a variable name: `register_buffer("rope_cos", …)`,
    // `self.param("pos_embedding", …)`, `self.variable("cache", "cache_index", …)`.
    if (/[(,]$/.test(opener) && /^[A-Za-z_]\w*$/.test(value) && !ORDINARY_NAMES.has(value)) {
      const owner = enclosingCallee(line, str.start - 1, context.before) ?? '';
      const named = NAMING_CALL.test(owner) ? index.lookupName(value) : undefined;
      if (named) return { concept: named, kind: 'string', start: str.start, end: str.end };
    }
  }
  // `float("-inf")` is the value masked scores get: top-k filtering when logits are masked, else a causal mask.
  if (/^-?inf$/i.test(value) && /\bfloat\(\s*$/.test(line.slice(0, str.start - 1))) {
    const masked = /\blogits\b/.test(line) ? index.byId.get('sampling-temperature') : /mask|masked_fill|\batt|scores|triu|tril/.test(line) ? index.byId.get('causal-masking') : undefined;
    if (masked) return { concept: masked, kind: 'string', start: str.start, end: str.end };
  }
  // A command-line flag (`"--lr"`, `"--batch_size"`) names the variable it sets.
  const flag = /^(-{1,2})([A-Za-z][\w-]*)$/.exec(value);
  if (flag) {
    const name = flag[2].replace(/-/g, '_');
    const named = ORDINARY_NAMES.has(name) ? undefined : index.lookupName(name) ?? index.kwargs.get(name);
    if (named) return { concept: named, kind: 'prose', start: str.start + value.indexOf(flag[2]), end: str.start + value.length };
  }
  // A string that is one identifier (`"netG"`, `"best_acc1"` as checkpoint keys) is data, not prose.
  if (/^[A-Za-z_]\w*$/.test(value) && /[_A-Z0-9]/.test(value.slice(1))) return undefined;
  // Any other string is prose (a message, a help text).
  return matchProse(index, line, character, str.start, str.end, context, false);
}

/** The `{…}` field of an f-string body around `offset`, as offsets in the body. */
function replacementField(body: string, offset: number): { start: number; end: number } | undefined {
  const open = body.lastIndexOf('{', offset);
  if (open < 0 || body[open - 1] === '{') return undefined;
  const close = body.indexOf('}', open);
  if (close < offset && close >= 0) return undefined;
  const inner = body.slice(open + 1, close < 0 ? body.length : close);
  const spec = inner.search(/[!:](?![=])/);
  const end = open + 1 + (spec < 0 ? inner.length : spec);
  return offset > open && offset <= end ? { start: open + 1, end } : undefined;
}

// ---- prose ----------------------------------------------------------------------------------------

/** Words written as code inside prose: `min_lr`, `LeakyReLU`, `is_causal`. */
const CODE_WORD = /^(?:[A-Za-z][A-Za-z0-9]*_[A-Za-z0-9_]*|[A-Za-z]*[a-z][A-Z][A-Za-z0-9]*)$/;

/** `codeWords`: identifiers written in the text (`min_lr` in a docstring) explain themselves; not in string literals. */
function matchProse(index: GlossaryIndex, line: string, character: number, from: number, to: number, context: LineContext, codeWords = true): TermMatch | undefined {
  const segment = line.slice(from, to);
  // Inline code in prose (`nn.Dropout` in Markdown, a docstring or a comment) is code.
  const code = /`([^`]+)`/g;
  for (let m = code.exec(segment); m; m = code.exec(segment)) {
    const s = from + m.index + 1;
    if (character >= s && character <= s + m[1].length) {
      // The document's imports apply (`nn.Dense` in a notebook's Markdown cell), not the lines before.
      return matchCode(index, line.slice(0, s + m[1].length), character, { mode: 'code', imports: context.imports, words: context.words });
    }
  }
  // An identifier written without backticks: a dotted API (`tf.data`), a snake_case or camelCase name.
  const token = /[A-Za-z0-9_]+(?:\.[A-Za-z_][A-Za-z0-9_]*)*/g;
  for (let m = token.exec(segment); m; m = token.exec(segment)) {
    const s = from + m.index;
    if (s > character) break;
    if (character > s + m[0].length) continue;
    const parts = m[0].split('.');
    // `jax.jit` in prose: the API when its last name is hovered; `jax` alone is a word.
    if (parts.length > 1 && DEFAULT_ALIASES.has(parts[0]) && character - s > m[0].lastIndexOf('.')) {
      const hit = index.apis.get(canonicalName([DEFAULT_ALIASES.get(parts[0]), ...parts.slice(1)].join('.')));
      if (hit) return { concept: hit.concept, api: hit.api, kind: 'api', start: s, end: s + m[0].length };
    }
    // `name.ext` in a file name: the extension is no word.
    const offset = character - s;
    const dot = m[0].lastIndexOf('.', offset);
    if (dot >= 0 && parts.length > 1) return undefined;
    const word = parts[0];
    if (CODE_WORD.test(word)) {
      if (codeWords) {
        const named = ORDINARY_NAMES.has(word) ? undefined : index.lookupName(word) ?? index.kwargs.get(word);
        if (named) return { concept: named, kind: 'prose', start: s, end: s + word.length };
        const hit = index.pickBare(word, ['pytorch', 'tensorflow', 'jax']);
        if (hit && (/^[A-Z]/.test(word) || word.length > 6)) return { concept: hit.concept, api: hit.api, kind: 'prose', start: s, end: s + word.length };
      }
      // A snake_case name of the user's own (`dcgan_final`) is not a phrase.
      if (word.includes('_')) return undefined;
    }
    break;
  }
  // Multi-word terms, segmented left to right, longest match first: "cosine annealing schedule" is
  // "cosine annealing" + "schedule", not "annealing schedule".
  const words = proseWords(segment);
  for (let i = 0; i < words.length; ) {
    if (from + words[i].start > character) break;
    let node: PhraseNode | undefined = index.phrases;
    let longest: { concept: Concept; j: number } | undefined;
    for (let j = i; j < words.length && node; j++) {
      if (j > i && !/^[\s-]+$/.test(segment.slice(words[j - 1].end, words[j].start))) break;
      node = node.next.get(words[j].word);
      if (node?.concept) longest = { concept: node.concept, j };
    }
    if (longest) {
      const start = from + words[i].start;
      const end = from + words[longest.j].end;
      if (character >= start && character <= end) return { concept: longest.concept, kind: 'prose', start, end };
      i = longest.j + 1;
    } else i++;
  }
  return undefined;
}
