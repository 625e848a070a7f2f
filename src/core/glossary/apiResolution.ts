// What a dotted chain names: the API behind an import alias or a conventional root, and generic array operations
// whose meaning comes from their operands.
import type { Concept } from '../bank/types';
import { canonicalName, type ImportContext } from './imports';
import type { ApiHit, GlossaryIndex } from './glossaryIndex';

/**
 * The API a dotted chain names, from the modules its first name may stand for: `nn.Dense` is `flax.linen.Dense`
 * even in a snippet without imports, because `torch.nn` has no `Dense`. When several modules have the member with
 * different meanings, the file's framework decides.
 */
export function resolveChain(index: GlossaryIndex, roots: readonly string[], segments: readonly string[], imports: ImportContext): ApiHit | undefined {
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
const SINUSOID = /inv_freq|div_term|freqs?\b|\bpos(ition)?s?\b|\bangles?\b/;
const OPERAND_APIS: Record<string, { operands: RegExp; concept: string; rotary?: string }> = {
  // In a file with rotary embeddings the sine and cosine tables rotate queries and keys (RoPE).
  sin: { operands: SINUSOID, concept: 'positional-encoding', rotary: 'rope' },
  cos: { operands: SINUSOID, concept: 'positional-encoding', rotary: 'rope' },
  topk: { operands: /logits/, concept: 'sampling-temperature' },
  top_k: { operands: /logits/, concept: 'sampling-temperature' },
  // `math.sqrt(head_dim)`: the 1/sqrt(d_k) scale of dot-product attention.
  sqrt: { operands: /head_dim|head_size|\bd_k\b|dim_head|key_dim/, concept: 'scaled-dot-product-attention' },
  // `torch.tanh(logits / cap) * cap`: soft-capping of logits.
  tanh: { operands: /cap\b|softcap/, concept: 'logit-soft-capping' },
  // `jnp.mean(x, axis=(1, 2))`: averaging over the spatial axes of NHWC feature maps.
  mean: { operands: /axis=\(\s*1,\s*2\s*\)|axis=\[\s*1,\s*2\s*\]/, concept: 'global-average-pooling' },
};
const ARRAY_MODULES = new Set(['torch', 'numpy', 'jax.numpy', 'tf', 'tf.math', 'jax.lax', 'math']);

export function operandConcept(index: GlossaryIndex, roots: readonly string[], segments: readonly string[], line: string, callAt: number, words?: ReadonlySet<string>): Concept | undefined {
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
  if (!rule.operands.test(line.slice(open + 1, close))) return undefined;
  const rotary = rule.rotary && words && [...words].some((w) => /rotary/i.test(w));
  return index.byId.get(rotary ? rule.rotary! : rule.concept);
}

/**
 * The API an imported name stands for: the exact identifier, else the library's public API of the same name, since
 * libraries re-export their classes from deeper modules (`timm.models.layers.trunc_normal_` is timm's
 * `trunc_normal_`, `transformers.modeling_utils.PreTrainedModel` is `transformers.PreTrainedModel`).
 */
export function resolveImported(index: GlossaryIndex, qualified: string): ApiHit | undefined {
  const exact = index.apis.get(qualified);
  if (exact) return exact;
  const segments = qualified.split('.');
  if (segments.length < 3) return undefined;
  const last = segments[segments.length - 1];
  return index.bare.get(last)?.find((h) => h.api.id.split('.')[0] === segments[0]);
}

/** Deep-learning and array libraries, whose unknown members are never guessed at. */
const FRAMEWORK_ROOTS = new Set(['torch', 'torchvision', 'torchaudio', 'tf', 'jax', 'flax', 'optax', 'numpy', 'math', 'timm', 'transformers', 'einops']);

export function isFrameworkModule(roots: readonly string[]): boolean {
  return roots.some((r) => FRAMEWORK_ROOTS.has(canonicalName(r).split('.')[0]));
}

function resolveWithinFramework(index: GlossaryIndex, qualified: string, last: string) {
  // `torch.nn.modules.dropout.Dropout` or `tf.keras.layers.experimental.X`: same framework, same last name.
  const root = qualified.split('.')[0];
  return index.bare.get(last)?.find((h) => h.api.id.split('.')[0] === root && qualified.startsWith(h.api.id.split('.').slice(0, 2).join('.')));
}
