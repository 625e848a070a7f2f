// Keyword arguments and the call around them: `momentum=` in a BatchNorm call, `train=` of a dataset (a split),
// parameters with defaults in a `def`, and the enclosing call's name used by string and keyword rules.
import type { Concept } from '../bank/types';
import { DEFAULT_ALIASES, type ImportContext } from './imports';
import { GlossaryIndex } from './glossaryIndex';
import { EMPTY_IMPORTS, type LineContext, type TermMatch } from './matchTypes';
import { documentName } from './documentNames';

const DATASET_CALL = /(^|\.)(datasets?|tfds)\.|MNIST|CIFAR|ImageNet|ImageFolder|Dataset|load_dataset|SVHN|STL10|VOC|Coco|CelebA/;

export function matchKwarg(index: GlossaryIndex, line: string, start: number, end: number, word: string, context: LineContext): TermMatch | undefined {
  const call = enclosingCall(line, start, context.before);
  const callee = call?.name;
  if (call?.isDefinition) {
    // `def fit(model, patience=3)`: a parameter with a default is a variable name; in
    // `def generate(idx, temperature=1.0)` it means what that keyword means for a call of that name.
    const bound = callee ? contextualConcept(index, word, callee) : undefined;
    // `def __call__(self, x, train=False)`: a boolean `train` parameter is the mode flag.
    const flag = word === 'train' && /^\s*=\s*(True|False)\b/.test(line.slice(end)) ? index.kwargs.get('training') : undefined;
    const name = bound ?? flag ?? documentName(index, word, context.words);
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
  const concept = index.kwargs.get(word) ?? (userCall ? documentName(index, word, context.words) : undefined);
  return concept ? { concept, kind: 'kwarg', start, end, ...(callee ? { callee } : {}) } : undefined;
}

function isLibraryCall(index: GlossaryIndex, callee: string, imports: ImportContext): boolean {
  const segments = callee.split('.');
  const last = segments[segments.length - 1];
  if (imports.aliases.has(segments[0]) || DEFAULT_ALIASES.has(segments[0])) return true;
  return index.bare.has(last) || index.members.has(last) || (segments.length > 1 && index.methods.has(last));
}

/** True when `pos` sits inside an unclosed `(` on this line or the lines just before. */
export function insideCall(line: string, pos: number, before = ''): boolean {
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
export function contextualConcept(index: GlossaryIndex, word: string, callee: string): Concept | undefined {
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
