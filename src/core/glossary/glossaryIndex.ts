// Precomputed lookup tables over the concept glossary. Built once per bank; every hover is then a few
// Map lookups. Nothing here scans the concept list at query time.
import type { ApiEntry, Concept, Framework } from '../bank/types';
import { normalizeWord, proseWords } from './normalize';

export interface ApiHit {
  concept: Concept;
  api: ApiEntry;
}

export interface ContextualEntry {
  /** Substring the enclosing call's name must contain, e.g. `BatchNorm`. */
  callee: string;
  concept: Concept;
}

/** Names too ordinary to ever explain on their own, whatever a glossary file says. */
export const ORDINARY_NAMES = new Set([
  'os', 'sys', 'print', 'self', 'cls', 'range', 'len', 'path', 'device', 'config', 'cfg', 'args', 'kwargs', 'json', 'time',
  'model', 'data', 'step', 'train', 'test', 'eval', 'x', 'y', 'i', 'j', 'k', 'n', 'f', 'str', 'int', 'float', 'list', 'dict',
  'plt', 'plot', 'show', 'figure', 'subplot', 'np', 'numpy', 'pd', 'input', 'output', 'out', 'name', 'size', 'shape', 'type',
  'dtype', 'value', 'key', 'item', 'items', 'result', 'results', 'file', 'open', 'load', 'save', 'log', 'logger', 'apply', 'init',
  'params', 'state', 'inputs', 'outputs', 'labels', 'label', 'target', 'targets', 'mode', 'net', 'layer', 'layers', 'module',
  'seed', 'rng', 'key', 'id', 'idx', 'index', 'count', 'total', 'start', 'end', 'verbose', 'debug', 'format', 'tensor',
]);

/** Single prose words too generic to match alone in comments and Markdown. */
const GENERIC_PROSE = new Set(['model', 'net', 'network', 'node', 'unit', 'layer', 'step', 'update', 'code', 'filter', 'kernel',
  'channel', 'parameter', 'weight', 'input', 'output', 'data', 'feature', 'value', 'function', 'training', 'train', 'test',
  'batch', 'iteration', 'state', 'gate', 'cell', 'head', 'block', 'map', 'size', 'rate', 'mean', 'variance', 'error', 'target',
  'label', 'class', 'sample', 'token', 'vector', 'matrix', 'array', 'graph', 'variable', 'constant', 'session', 'scale', 'noise',
  'bias', 'tensor', 'score', 'window', 'temperature', 'mask', 'cache', 'key', 'query']);

export interface PhraseNode {
  next: Map<string, PhraseNode>;
  concept?: Concept;
}

export class GlossaryIndex {
  readonly byId = new Map<string, Concept>();
  /** Fully qualified API id → hit. */
  readonly apis = new Map<string, ApiHit>();
  /** Last segment (case-sensitive) → hits, for bare names such as `AdamW` or `clip_grad_norm_`. */
  readonly bare = new Map<string, ApiHit[]>();
  /** Members of a class (`torch.nn.Module.parameters`, `tf.data.Dataset.map`) by member name, for `x.member`. */
  readonly members = new Map<string, ApiHit[]>();
  readonly kwargs = new Map<string, Concept>();
  readonly contextualKwargs = new Map<string, ContextualEntry[]>();
  readonly strings = new Map<string, Concept>();
  /** Method name → concept for calls on any receiver (`backward`). */
  readonly methods = new Map<string, Concept>();
  /** Method name → receiver fragments (`step` → [{ receiver: 'sched', … }]). */
  readonly receiverMethods = new Map<string, { receiver: string; concept: Concept }[]>();
  readonly names = new Map<string, Concept>();
  /** Names that are only conventional next to another identifier of the document: `mu@logvar` (a VAE's mean). */
  readonly companionNames = new Map<string, { companion: string; concept: Concept }[]>();
  /**
   * Name patterns, longest first: `*_acc` (suffix), `val_*` (prefix), `*_val_*` (infix). Lower-case patterns
   * match any case; a pattern with capitals (`*_Weights`) matches exactly.
   */
  readonly namePatterns: { where: 'suffix' | 'prefix' | 'infix'; affix: string; concept: Concept }[] = [];
  /** Identifier parts (lower case) → concept, for `attn_dropout`-style names not matched whole. */
  readonly parts = new Map<string, Concept>();
  readonly phrases: PhraseNode = { next: new Map() };
  /** Lower-case names, aliases and API ids → concept, for the Look Up command and the public API. */
  readonly terms = new Map<string, Concept>();

  constructor(concepts: readonly Concept[]) {
    for (const c of concepts) this.add(c);
    // TensorFlow 1 code calls `tf.placeholder` and `tf.train.AdamOptimizer`, which TF 2 keeps as `tf.compat.v1.…`;
    // a file importing `tensorflow.compat.v1 as tf` calls `tf.nn.relu`, which is `tf.nn.relu` in TF 2. Each TF API
    // also answers to its other spelling, unless that spelling is an API of its own.
    for (const [id, hit] of [...this.apis]) {
      const other = id.startsWith('tf.compat.v1.') ? `tf.${id.slice(13)}` : id.startsWith('tf.') && !id.startsWith('tf.compat.') ? `tf.compat.v1.${id.slice(3)}` : undefined;
      if (other && !this.apis.has(other)) this.apis.set(other, hit);
    }
    // The head of an English compound is its last word, so `val_acc` is accuracy: suffixes, then prefixes, then infixes.
    const order = { suffix: 0, prefix: 1, infix: 2 };
    this.namePatterns.sort((a, b) => order[a.where] - order[b.where] || b.affix.length - a.affix.length);
  }

  private add(c: Concept): void {
    this.byId.set(c.id, c);
    for (const api of c.apis) {
      if (!this.apis.has(api.id)) this.apis.set(api.id, { concept: c, api });
      const segments = api.id.split('.');
      const last = segments[segments.length - 1];
      // `torch.Tensor.to` is a member: it explains `x.to(...)`, never a bare `to(...)`.
      const table = segments.length > 2 && /^[A-Z]/.test(segments[segments.length - 2]) ? this.members : this.bare;
      const list = table.get(last) ?? [];
      list.push({ concept: c, api });
      table.set(last, list);
      this.terms.set(api.id.toLowerCase(), c);
    }
    for (const raw of c.kwargs) {
      const [name, callee] = raw.split('@');
      // An ordinary name (`params`) only means something inside a particular call (`TrainState.create(params=…)`).
      if (ORDINARY_NAMES.has(name) && !callee) continue;
      if (callee) {
        const list = this.contextualKwargs.get(name) ?? [];
        list.push({ callee, concept: c });
        this.contextualKwargs.set(name, list);
      } else if (!this.kwargs.has(name)) this.kwargs.set(name, c);
    }
    for (const s of c.strings) if (!this.strings.has(s.toLowerCase())) this.strings.set(s.toLowerCase(), c);
    for (const m of c.methods) {
      const dot = m.lastIndexOf('.');
      if (dot < 0) {
        if (!this.methods.has(m)) this.methods.set(m, c);
      } else {
        const name = m.slice(dot + 1);
        const list = this.receiverMethods.get(name) ?? [];
        list.push({ receiver: m.slice(0, dot).toLowerCase(), concept: c });
        this.receiverMethods.set(name, list);
      }
    }
    for (const n of c.names) {
      const at = n.indexOf('@');
      if (at > 0) {
        const list = this.companionNames.get(n.slice(0, at)) ?? [];
        list.push({ companion: n.slice(at + 1), concept: c });
        this.companionNames.set(n.slice(0, at), list);
      } else if (n.startsWith('*') && n.endsWith('*') && n.length > 2) this.namePatterns.push({ where: 'infix', affix: n.slice(1, -1), concept: c });
      else if (n.startsWith('*')) this.namePatterns.push({ where: 'suffix', affix: n.slice(1), concept: c });
      else if (n.endsWith('*')) this.namePatterns.push({ where: 'prefix', affix: n.slice(0, -1), concept: c });
      else if (!ORDINARY_NAMES.has(n) && !this.names.has(n)) this.names.set(n, c);
    }
    for (const phrase of [c.name, ...c.aliases]) {
      this.addPhrase(phrase, c);
      this.terms.set(phrase.toLowerCase(), c);
      const single = phrase.toLowerCase();
      if (/^[a-z][a-z0-9]+$/.test(single) && single.length > 2 && !ORDINARY_NAMES.has(single) && !this.parts.has(single)) {
        this.parts.set(single, c);
      }
    }
    this.terms.set(c.id, c);
  }

  private addPhrase(phrase: string, concept: Concept): void {
    const words = proseWords(phrase).map((w) => w.word);
    if (!words.length) return;
    if (words.length === 1 && (GENERIC_PROSE.has(words[0]) || words[0].length < 3)) return;
    let node = this.phrases;
    for (const w of words) {
      let child = node.next.get(w);
      if (!child) node.next.set(w, (child = { next: new Map() }));
      node = child;
    }
    node.concept ??= concept;
  }

  /**
   * A variable or attribute name: exact (`lr`), upper-case constant (`BATCH_SIZE`), numbered (`fc4`, `acc1`),
   * then compound patterns, suffix before prefix because the last word is the head (`val_acc` is accuracy).
   */
  lookupName(word: string, patterns = true): Concept | undefined {
    const exact = this.names.get(word);
    if (exact) return exact;
    const lower = word.toLowerCase();
    if (lower !== word && word === word.toUpperCase() && !ORDINARY_NAMES.has(lower)) {
      const constant = this.names.get(lower);
      if (constant) return constant;
    }
    const unnumbered = word.replace(/_?\d+$/, '');
    if (unnumbered !== word && unnumbered.length > 1 && !ORDINARY_NAMES.has(unnumbered.toLowerCase())) {
      const numbered = this.names.get(unnumbered) ?? this.names.get(unnumbered.toLowerCase());
      if (numbered) return numbered;
    }
    // camelCase spelling of a snake_case name: `opt.batchSize`, `numEpochs`.
    if (/^[a-z]+[A-Z]/.test(word) && /^[A-Za-z]+$/.test(word)) {
      const snake = this.names.get(word.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`));
      if (snake) return snake;
    }
    // A list of them: `accs`, `lrs`, `top1s`.
    if (/^[a-z]\w*[^s]s$/.test(word)) {
      const singular = word.slice(0, -1);
      const one = ORDINARY_NAMES.has(singular) ? undefined : this.names.get(singular);
      if (one) return one;
    }
    if (!patterns || !unnumbered.includes('_')) return undefined;
    const unnumberedLower = unnumbered.toLowerCase();
    for (const p of this.namePatterns) {
      const subject = p.affix === p.affix.toLowerCase() ? unnumberedLower : unnumbered;
      if (subject.length <= p.affix.length) continue;
      if (p.where === 'suffix' ? subject.endsWith(p.affix) : p.where === 'prefix' ? subject.startsWith(p.affix) : subject.slice(1, -1).includes(p.affix)) return p.concept;
    }
    return this.compoundHead(unnumbered);
  }

  /**
   * The head of a `_`-joined compound is its last words: `smoothed_cross_entropy` is a cross-entropy,
   * `enc_dropout_rate` a dropout rate. The longest proper suffix of at least two words that is itself a
   * conventional name counts; a one-word tail (`vae_loss` → `loss`) is too weak a signal.
   */
  private compoundHead(word: string): Concept | undefined {
    const parts = word.split('_').filter(Boolean);
    for (let i = 1; i <= parts.length - 2; i++) {
      const tail = parts.slice(i).join('_');
      const concept = this.names.get(tail) ?? this.names.get(tail.toLowerCase());
      if (concept) return concept;
    }
    return undefined;
  }

  /** Picks among same-named APIs by the frameworks a file imports. */
  pickBare(name: string, frameworks: readonly Framework[], table: Map<string, ApiHit[]> = this.bare): ApiHit | undefined {
    const hits = table.get(name);
    if (!hits?.length) return undefined;
    for (const f of frameworks) {
      const hit = hits.find((h) => h.api.framework === f);
      if (hit) return hit;
    }
    // A member (`x.compile()`, `x.predict()`) only means something in a file using that member's framework.
    return table === this.members ? undefined : hits[0];
  }

  lookupTerm(term: string): Concept | undefined {
    const t = term.trim();
    if (!t) return undefined;
    return this.terms.get(t.toLowerCase()) ?? this.byId.get(t) ?? this.phraseLookup(t);
  }

  private phraseLookup(text: string): Concept | undefined {
    let node: PhraseNode | undefined = this.phrases;
    for (const w of proseWords(text)) {
      node = node?.next.get(w.word);
      if (!node) return undefined;
    }
    return node?.concept;
  }
}

export { normalizeWord };
