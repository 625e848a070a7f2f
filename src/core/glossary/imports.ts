// What a Python file's imports make its short names mean: `nn` → `torch.nn` or `flax.linen`,
// `CosineAnnealingLR` → `torch.optim.lr_scheduler.CosineAnnealingLR`. Computed once per document version.
import type { Framework } from '../bank/types';
import { frameworkOf } from '../bank/types';

export interface ImportContext {
  /** Local name → qualified name. */
  aliases: Map<string, string>;
  /** Frameworks the file imports, most specific first; decides between same-named APIs. */
  frameworks: Framework[];
}

/**
 * Conventional aliases, for code that does not import them itself (a snippet, a Markdown fence, a notebook cell that
 * assumes `import torch`): each alias with the modules it conventionally names, most common first. `nn` is
 * `torch.nn` or `flax.linen`; the matcher takes a member from whichever of them has it, and from the file's own
 * framework when both do with different meanings.
 */
export const CONVENTIONAL_ROOTS: ReadonlyMap<string, readonly string[]> = new Map<string, readonly string[]>([
  ['torch', ['torch']], ['nn', ['torch.nn', 'flax.linen']], ['F', ['torch.nn.functional']], ['optim', ['torch.optim']],
  ['lr_scheduler', ['torch.optim.lr_scheduler']], ['tf', ['tf']], ['tensorflow', ['tf']], ['keras', ['tf.keras']],
  ['layers', ['tf.keras.layers']], ['losses', ['tf.keras.losses']], ['optimizers', ['tf.keras.optimizers']],
  ['callbacks', ['tf.keras.callbacks']], ['activations', ['tf.keras.activations']], ['initializers', ['tf.keras.initializers']],
  ['regularizers', ['tf.keras.regularizers']], ['jax', ['jax']], ['optax', ['optax']], ['flax', ['flax']], ['nnx', ['flax.nnx']],
  ['linen', ['flax.linen']], ['torchvision', ['torchvision']], ['jnn', ['jax.nn']], ['jnp', ['jax.numpy']], ['lax', ['jax.lax']], ['np', ['numpy']],
  ['math', ['math']],
]);

/** The first conventional module of each alias. */
export const DEFAULT_ALIASES: ReadonlyMap<string, string> = new Map([...CONVENTIONAL_ROOTS].map(([alias, roots]) => [alias, roots[0]]));

/** Canonical spelling of module prefixes: `tensorflow.keras` and Keras 3's `keras` are `tf.keras` in the glossary. */
export function canonicalName(qualified: string): string {
  if (qualified === 'keras') return 'tf.keras';
  if (qualified === 'tensorflow') return 'tf';
  return qualified
    .replace(/^tensorflow\./, 'tf.')
    .replace(/^tf\.compat\.v2\./, 'tf.')
    .replace(/^keras\./, 'tf.keras.')
    .replace(/^tf\.python\.keras\./, 'tf.keras.');
}

const IMPORT_AS = /^\s*import\s+([\w.]+)(?:\s+as\s+(\w+))?/;
const FROM_IMPORT = /^\s*from\s+([\w.]+)\s+import\s+\(?([^#]+)/;

export function parseImports(text: string, maxLines = 400): ImportContext {
  const aliases = new Map<string, string>();
  const seen: Framework[] = [];
  const note = (qualified: string) => {
    const f = frameworkOf(canonicalName(qualified));
    if (f !== 'other' && !seen.includes(f)) seen.push(f);
  };
  const lines = text.split('\n', maxLines);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (!line.includes('import')) continue;
    const as = IMPORT_AS.exec(line);
    if (as) {
      for (const part of line.replace(/^\s*import\s+/, '').split(',')) {
        const m = /^\s*([\w.]+)(?:\s+as\s+(\w+))?/.exec(part);
        if (!m) continue;
        note(m[1]);
        if (m[2]) aliases.set(m[2], canonicalName(m[1]));
        else aliases.set(m[1].split('.')[0], canonicalName(m[1].split('.')[0]));
      }
      continue;
    }
    const from = FROM_IMPORT.exec(line);
    if (from) {
      let names = from[2];
      // A parenthesised list may continue on following lines.
      if (line.includes('(') && !line.includes(')')) {
        for (let j = i + 1; j < lines.length && j < i + 30; j++) {
          names += ` ${lines[j]}`;
          if (lines[j].includes(')')) break;
        }
      }
      note(from[1]);
      for (const part of names.replace(/[()]/g, '').split(',')) {
        const m = /^\s*(\w+)(?:\s+as\s+(\w+))?/.exec(part);
        if (m) aliases.set(m[2] ?? m[1], canonicalName(`${from[1]}.${m[1]}`));
      }
    }
  }
  return { aliases, frameworks: seen.length ? seen : ['pytorch', 'tensorflow', 'jax'] };
}
