// String literals in code: values that name a concept (`"relu"`), keys of conventional names, buffer names,
// `float("-inf")`, command-line flags, f-string fields (code) and messages (prose); and where comments start.
import { GlossaryIndex, ORDINARY_NAMES } from './glossaryIndex';
import { matchCode } from './codeMatch';
import { contextualConcept, enclosingCallee } from './kwargMatch';
import type { LineContext, TermMatch } from './matchTypes';
import { matchProse } from './proseMatch';

export function commentStart(line: string): number {
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

export interface StringSpan {
  start: number;
  end: number;
  value: string;
}

export function stringAt(line: string, pos: number): StringSpan | undefined {
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
const NAMING_CALL = /(^|\.)(register_buffer|register_parameter|param|variable|add_weight|get_variable|variable_scope|name_scope|scalar|add_scalar|histogram|add_histogram|DEFINE_\w+)$/;

export function matchString(index: GlossaryIndex, line: string, str: StringSpan, character: number, context: LineContext): TermMatch | undefined {
  // f"{name}": the replacement fields of an f-string are code.
  if (/(^|[^A-Za-z0-9_])[rR]?[fF][rR]?$/.test(line.slice(0, str.start - 1))) {
    const field = replacementField(str.value, character - str.start);
    if (field) return matchCode(index, line.slice(0, str.start + field.end), character, context);
  }
  const value = str.value.trim();
  // An argument on a line of its own (`self.register_buffer(\n    "position_ids", …`) opens where the line before ends.
  const opener = line.slice(0, str.start - 1).trimEnd() || (context.before ?? '').trimEnd();
  // A value: an argument, an assignment, a key, a comparison (`dtype == "float16"`) or a branch of `x if c else y`.
  if (/(?:[=(,[:{]|\b(?:if|else|or|and|in|return))$/.test(opener)) {
    const concept = index.strings.get(value.toLowerCase());
    // `padding="same"` inside `layers.Conv2D(...)`: a keyword bound to its call explains a value the glossary does not name.
    const kwarg = /(\w+)\s*=$/.exec(opener);
    const callee = kwarg ? enclosingCallee(line, str.start - 1, context.before) : undefined;
    const bound = kwarg && callee ? contextualConcept(index, kwarg[1], callee) : undefined;
    // A setting of the call's own concept reads as that concept: `approximate="tanh"` in `nn.GELU(…)` is the GELU.
    const own = bound && callee ? index.pickBare(callee.split('.').pop() ?? '', [])?.concept : undefined;
    const chosen = bound && own === bound ? bound : concept ?? bound;
    if (chosen) return { concept: chosen, kind: 'string', start: str.start, end: str.end };
    const stateKey = optimizerKey(index, str, opener, context);
    if (stateKey) return { concept: stateKey, kind: 'string', start: str.start, end: str.end };
    // `tf.placeholder(tf.bool, name="is_training")`: the name given to a graph variable or op is a variable name.
    if (kwarg?.[1] === 'name' && callee && /^[A-Za-z_]\w*$/.test(value) && !ORDINARY_NAMES.has(value)) {
      const named = index.lookupName(value);
      if (named) return { concept: named, kind: 'string', start: str.start, end: str.end };
    }
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
      const named = NAMING_CALL.test(owner) ? index.lookupName(value) ?? index.kwargs.get(value) : undefined;
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

/** Keys of an optimizer's state that are ordinary words elsewhere: the step count and the parameter list. */
const STATE_KEYS: Record<string, string> = { step: 'iteration', params: 'parameters' };
const STATE_RECEIVER = /(?:(?:^|[^\w.])(?:group|param_group|pg|state)|param_groups\[\s*\w+\s*\])\s*\[$/;

/**
 * `group["eps"]`, `state["step"]`, `optimizer.param_groups[0]["lr"]` in a file that handles param groups: the key is
 * what the keyword of that name means to the document's optimizer (`eps@Adam`), or the optimizer's own step count.
 */
function optimizerKey(index: GlossaryIndex, str: StringSpan, opener: string, context: LineContext) {
  if (!STATE_RECEIVER.test(opener) || !context.words?.has('param_groups')) return undefined;
  const key = str.value;
  const optimizer = [...context.words].find((w) => /^(Adam|AdamW|SGD|RMSprop|Adagrad|Adafactor|Lion|Lamb)\w*$/.test(w)) ?? 'Optimizer';
  const id = STATE_KEYS[key];
  return contextualConcept(index, key, optimizer) ?? index.kwargs.get(key) ?? (id ? index.byId.get(id) : undefined);
}
