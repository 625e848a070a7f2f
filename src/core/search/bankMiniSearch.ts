// minisearch with a compact serialisation that loads in about a millisecond. `MiniSearch.loadJSON` rebuilds the
// radix tree term by term and every posting list as a Map (as slow as building the index again: ~0.3 s for the
// bundled bank here); this format stores the radix tree and the postings in one string, and turns a tree node or
// a posting list into Maps only when a query or an update first reaches it. It relies on the
// `protected` fields of MiniSearch 7.2 (the documented extension point); the round-trip tests in
// test/unit/searchIndex.test.ts fail if an upgrade changes them.
import MiniSearch, { type Options } from 'minisearch';
import { FIELDS, type Doc } from './documents';

/** fieldId → (internal document id → term frequency), as minisearch keeps it per term. */
type FieldTermData = Map<number, Map<number, number>>;

export interface SerializedPostings {
  /** External id of each internal document id 0 … n−1. */
  docIds: string[];
  /** Unique terms per document and field, flat: document i, field f at i × FIELDS.length + f. */
  fieldLength: number[];
  averageFieldLength: number[];
  /**
   * The radix tree, depth first. A node is its children one after the other, each written `edge{length}payload`
   * (length of the payload in base 36): for a non-empty edge the payload is the child node, for the empty edge
   * (the term ending here) it is the term's postings, `field:doc,doc*tf,…;field:…` with document ids
   * delta-encoded in base 36 and the term frequency omitted when 1. Terms never contain `{` or `}`.
   */
  tree: string;
}

export class BankMiniSearch extends MiniSearch<Doc> {
  hasTerm(term: string): boolean {
    return this._index.has(term);
  }

  /** Number of documents that hold `term` in any of the given fields. */
  documentsWith(term: string, fieldIds: readonly number[]): number {
    const data = this._index.get(term);
    if (!data) return 0;
    const present = fieldIds.map((f) => data.get(f)).filter((m): m is Map<number, number> => !!m);
    if (present.length <= 1) return present[0]?.size ?? 0;
    const docs = new Set<number>();
    for (const m of present) for (const id of m.keys()) docs.add(id);
    return docs.size;
  }

  /** Ids of the documents that hold every one of `terms` in field `fieldId` (and pass `keep`). */
  documentsWithAll(terms: readonly string[], fieldId: number, keep?: (id: string) => boolean): string[] {
    const lists: Array<Map<number, number>> = [];
    for (const term of terms) {
      const docs = this._index.get(term)?.get(fieldId);
      if (!docs) return [];
      lists.push(docs);
    }
    lists.sort((a, b) => a.size - b.size);
    const out: string[] = [];
    for (const doc of lists[0].keys()) {
      if (!lists.every((l) => l.has(doc))) continue;
      const id = String(this._documentIds.get(doc));
      if (!keep || keep(id)) out.push(id);
    }
    return out;
  }

  shortIdOf(id: string): number | undefined {
    return this._idToShortId.get(id);
  }

  /** Number of documents holding `term` in field `fieldId`. */
  fieldPostings(term: string, fieldId: number): number {
    return this._index.get(term)?.get(fieldId)?.size ?? 0;
  }

  termFrequency(term: string, fieldId: number, shortId: number): number {
    return this._index.get(term)?.get(fieldId)?.get(shortId) ?? 0;
  }

  fieldLengths(shortId: number): readonly number[] | undefined {
    return this._fieldLength.get(shortId);
  }

  private plainRoot: Map<string, unknown> | undefined;
  private plainPending: Array<[string, unknown]> | undefined;

  /**
   * Turns a loaded index into plain Maps, one branch of the radix tree per unit of work, before a big update:
   * minisearch adds documents a third faster to plain Maps than through the lazily decoded ones. The index is
   * swapped in whole at the end; it must not change meanwhile. Returns true when done (at once if nothing is lazy).
   */
  plainStep(deadline: number, now: () => number): boolean {
    const root = this._index._tree as Map<string, unknown>;
    if (!(root instanceof LazyMap)) return true;
    this.plainRoot ??= new Map();
    this.plainPending ??= [...root];
    while (this.plainPending.length) {
      const [edge, child] = this.plainPending.shift()!;
      this.plainRoot.set(edge, plainCopy(edge, child));
      if (this.plainPending.length && now() >= deadline) return false;
    }
    const Tree = this._index.constructor as new (tree: Map<string, unknown>) => typeof this._index;
    this._index = new Tree(this.plainRoot);
    this.plainRoot = this.plainPending = undefined;
    return true;
  }

  /** The compact form; only for an index built in one go (internal ids 0 … n−1, nothing removed). */
  serialize(): SerializedPostings {
    const n = this._documentCount;
    if (this._nextId !== n) throw new Error('BankMiniSearch.serialize: the index had documents removed; serialise a fresh build');
    const docIds = Array.from({ length: n }, (_, i) => String(this._documentIds.get(i)));
    const fieldLength = docIds.flatMap((_, i) => FIELDS.map((_f, f) => this._fieldLength.get(i)?.[f] ?? 0));
    const encodeTree = (node: Map<string, unknown>): string => {
      let out = '';
      for (const [edge, child] of node) {
        const payload = edge === '' ? encodePostings(child as FieldTermData) : encodeTree(child as Map<string, unknown>);
        out += `${edge}{${payload.length.toString(36)}}${payload}`;
      }
      return out;
    };
    const tree = encodeTree(this._index._tree as Map<string, unknown>);
    return { docIds, fieldLength, averageFieldLength: FIELDS.map((_f, f) => this._avgFieldLength[f] ?? 0), tree };
  }

  static deserialize(data: SerializedPostings, options: Options<Doc>): BankMiniSearch {
    const mini = new BankMiniSearch(options);
    const n = data.docIds.length;
    if (data.fieldLength.length !== n * FIELDS.length || FIELDS.some((f, i) => mini._fieldIds[f] !== i)) throw new Error('search index: fields do not match');
    mini._documentCount = n;
    mini._nextId = n;
    data.docIds.forEach((id, i) => {
      mini._documentIds.set(i, id);
      mini._idToShortId.set(id, i);
      mini._fieldLength.set(i, data.fieldLength.slice(i * FIELDS.length, (i + 1) * FIELDS.length));
    });
    mini._avgFieldLength = [...data.averageFieldLength];
    const Tree = mini._index.constructor as new (tree: Map<string, unknown>) => typeof mini._index;
    mini._index = new Tree(new LazyNode(data.tree, 0, data.tree.length));
    return mini;
  }
}

/** A radix-tree branch (or, under the edge '', a term's postings) as plain Maps. */
function plainCopy(edge: string, child: unknown): unknown {
  const map = child as Map<unknown, unknown>;
  if (edge === '') return new Map(map);
  return new Map([...map].map(([e, c]) => [e, plainCopy(e as string, c)]));
}

function encodePostings(data: FieldTermData): string {
  const fields: string[] = [];
  for (const [fieldId, docs] of data) {
    let previous = 0;
    const entries = [...docs].sort((a, b) => a[0] - b[0]).map(([id, tf]) => {
      const delta = (id - previous).toString(36);
      previous = id;
      return tf === 1 ? delta : `${delta}*${tf.toString(36)}`;
    });
    fields.push(`${fieldId}:${entries.join(',')}`);
  }
  return fields.join(';');
}

/** A Map whose entries are filled in from serialised data on first use; minisearch sees an ordinary Map. */
abstract class LazyMap<K, V> extends Map<K, V> {
  private pending = true;

  /** Fills the map (through `put`) from the serialised data. */
  protected abstract fill(): void;

  protected put(key: K, value: V): void {
    super.set(key, value);
  }

  private ready(): void {
    if (!this.pending) return;
    this.pending = false;
    this.fill();
  }

  override get size(): number {
    this.ready();
    return super.size;
  }
  override get(key: K): V | undefined {
    this.ready();
    return super.get(key);
  }
  override has(key: K): boolean {
    this.ready();
    return super.has(key);
  }
  override set(key: K, value: V): this {
    this.ready();
    return super.set(key, value);
  }
  override delete(key: K): boolean {
    this.ready();
    return super.delete(key);
  }
  override clear(): void {
    this.pending = false;
    super.clear();
  }
  override forEach(fn: (value: V, key: K, map: Map<K, V>) => void, thisArg?: unknown): void {
    this.ready();
    super.forEach(fn, thisArg);
  }
  override keys() {
    this.ready();
    return super.keys();
  }
  override values() {
    this.ready();
    return super.values();
  }
  override entries() {
    this.ready();
    return super.entries();
  }
  override [Symbol.iterator]() {
    this.ready();
    return super[Symbol.iterator]();
  }
}

/** A radix-tree node: edges to child nodes, and under the edge '' the term's postings. */
class LazyNode extends LazyMap<string, unknown> {
  constructor(private readonly tree: string, private readonly start: number, private readonly end: number) {
    super();
  }

  protected fill(): void {
    const tree = this.tree;
    for (let at = this.start; at < this.end;) {
      const open = tree.indexOf('{', at);
      const close = tree.indexOf('}', open);
      const from = close + 1;
      const to = from + parseInt(tree.slice(open + 1, close), 36);
      const edge = tree.slice(at, open);
      this.put(edge, edge === '' ? new LazyTermData(tree.slice(from, to)) : new LazyNode(tree, from, to));
      at = to;
    }
  }
}

/** A term's postings: field id → (document id → term frequency). */
class LazyTermData extends LazyMap<number, Map<number, number>> {
  constructor(private readonly encoded: string) {
    super();
  }

  protected fill(): void {
    for (const field of this.encoded.split(';')) {
      const colon = field.indexOf(':');
      const docs = new Map<number, number>();
      let id = 0;
      for (const entry of field.slice(colon + 1).split(',')) {
        const star = entry.indexOf('*');
        id += parseInt(star < 0 ? entry : entry.slice(0, star), 36);
        docs.set(id, star < 0 ? 1 : parseInt(entry.slice(star + 1), 36));
      }
      this.put(Number(field.slice(0, colon)), docs);
    }
  }
}
