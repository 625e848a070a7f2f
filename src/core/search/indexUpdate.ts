// One update of the search index to a new bank, in slices: the diff (documents added, changed or removed, found
// by comparing documents; the index untouched), then, for a big one, a loaded index turned into plain Maps, then
// the changes applied one document at a time. The caller (LiveSearch) decides when to run each slice.
import { DocBuilder, sameDoc, type BankLike, type Doc } from './documents';
import type { SearchIndex } from './searchIndex';

/** From this many documents to add, remove or replace, a loaded index is turned into plain Maps first. */
const PLAIN_FROM = 100;

/**
 * A sliced update: `step(deadline, now)` works until `now() >= deadline` (checked after each unit of work) and
 * returns true when the index reflects the bank. The step that ends the diff phase returns (false) without
 * touching the index, so the caller can look at `pending` before the index changes.
 */
export class IndexUpdate {
  phase: 'diff' | 'plain' | 'apply' | 'done' = 'diff';
  private readonly builder: DocBuilder;
  private readonly seen = new Set<string>();
  private readonly ops: Array<[Doc | undefined, Doc | undefined]> = [];
  private cursor = 0;

  constructor(private readonly index: SearchIndex, private readonly bank: BankLike) {
    this.builder = new DocBuilder(bank);
  }

  /** Documents to remove, add or replace (all of them known once the diff phase is over). */
  get pending(): number {
    return this.ops.length - (this.phase === 'diff' ? 0 : this.cursor);
  }

  step(deadline: number, now: () => number): boolean {
    if (this.phase === 'diff') {
      this.diff(deadline, now);
      return false;
    }
    if (this.phase === 'plain') {
      if (!this.index.plainStep(deadline, now)) return false;
      this.phase = 'apply';
    }
    if (this.phase === 'apply') {
      while (this.cursor < this.ops.length) {
        const [remove, add] = this.ops[this.cursor++];
        this.index.applyDoc(remove, add);
        if (this.cursor < this.ops.length && now() >= deadline) return false;
      }
      this.index.finish(this.bank);
      this.phase = 'done';
    }
    return this.phase === 'done';
  }

  /** Computes the bank's documents (string joins, no tokenising) and compares them with the indexed ones. */
  private diff(deadline: number, now: () => number): void {
    const current = this.index.currentDocs();
    while (this.cursor < this.builder.count) {
      const d = this.builder.at(this.cursor++);
      this.seen.add(d.id);
      const old = current.get(d.id);
      if (!old) this.ops.push([undefined, d]);
      else if (!sameDoc(old, d)) this.ops.push([old, d]);
      if (this.cursor % 64 === 0 && now() >= deadline) return;
    }
    const removed: Array<[Doc, undefined]> = [];
    for (const [id, old] of current) if (!this.seen.has(id)) removed.push([old, undefined]);
    // Removals first: the index shrinks before it grows.
    this.ops.unshift(...removed);
    this.phase = this.ops.length >= PLAIN_FROM ? 'plain' : 'apply';
    this.cursor = 0;
  }
}
