// The files of the deck folders: one walker for every listing (full scan, a changed folder, the periodic
// reconcile), then bounded reading (size checked before reading, strict UTF-8, a byte budget per deck).
// Links: in Restricted Mode none is followed; otherwise only a link whose real target stays inside the deck
// root, once (a visited set of real folders, so links to "." cannot multiply the walk), and only where the real
// path can be resolved (the Node host on local files). Listings per deck are capped as well as files.
import * as vscode from 'vscode';
import { DEFAULT_DECK_LIMITS, deckFileKind, readDeckFile, sizeLimitOf, tooLarge, type DeckLimits } from '../../core/bank/deckFiles';
import type { BankDiagnostic } from '../../core/bank/types';
import { nodeFs } from '../shared/nodeHost';
import type { DeckRoot } from './deckRoots';

/** Directory listings per deck root and scan; the rest is reported and left out. */
export const MAX_LISTINGS = 2000;
/** Files read in parallel: enough to hide round trips in the web host, few enough to stay polite. */
const PARALLEL_READS = 24;

export interface DeckFileEntry {
  root: DeckRoot;
  uri: vscode.Uri;
  path: string;
  text?: string;
  problem?: BankDiagnostic;
}

export class DeckFolder {
  /** Lowered by the tests to exercise the caps without writing thousands of files. */
  limits: DeckLimits = { ...DEFAULT_DECK_LIMITS };
  readonly files = new Map<string, DeckFileEntry>();
  private readonly counts = new Map<DeckRoot, number>();
  rootProblems: BankDiagnostic[] = [];
  /** Directory listings made so far (tests and the bench watch it). */
  listings = 0;

  clear(): void {
    this.files.clear();
    this.counts.clear();
    this.rootProblems = [];
  }

  /** Every deck file under `folder` (recursively, within the limits), as URI strings. */
  async list(root: DeckRoot, folder: vscode.Uri = root.uri, recursive = true): Promise<Set<string>> {
    const out = new Set<string>();
    const fs = root.uri.scheme === 'file' ? nodeFs() : undefined;
    const rootReal = fs ? await fs.realpath(root.uri.fsPath).catch(() => undefined) : undefined;
    const visited = new Set<string>();
    let listings = 0;
    const walk = async (dir: vscode.Uri, depth: number): Promise<void> => {
      if (depth > this.limits.maxDepth) return this.warn(dir, `folders nested deeper than ${this.limits.maxDepth} levels inside a deck are not read`);
      if (fs) {
        // Each real folder is listed once, however many links lead to it.
        const real = await fs.realpath(dir.fsPath).catch(() => undefined);
        if (!real || visited.has(real)) return;
        visited.add(real);
      }
      if (++listings > MAX_LISTINGS) return this.warn(root.uri, `this deck has more than ${MAX_LISTINGS} folders; the rest are not read`);
      this.listings++;
      let entries: [string, vscode.FileType][];
      try {
        entries = await vscode.workspace.fs.readDirectory(dir);
      } catch {
        return;
      }
      entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
      for (const [name, type] of entries) {
        if (name.startsWith('.') || name === 'node_modules') continue;
        const uri = vscode.Uri.joinPath(dir, name);
        if (type & vscode.FileType.SymbolicLink && !(await this.linkAllowed(uri, rootReal))) continue;
        if (type & vscode.FileType.Directory) {
          if (recursive) await walk(uri, depth + 1);
        } else if (type & vscode.FileType.File && deckFileKind(relative(root, uri)) !== 'ignored') out.add(uri.toString());
      }
    };
    await walk(folder, depthBelow(root.uri, folder));
    return out;
  }

  /** A link is followed only in a trusted workspace, and only where its real target stays inside the root. */
  private async linkAllowed(uri: vscode.Uri, rootReal: string | undefined): Promise<boolean> {
    const fs = nodeFs();
    if (!vscode.workspace.isTrusted || !fs || !rootReal) return false;
    const real = await fs.realpath(uri.fsPath).catch(() => undefined);
    return !!real && (real === rootReal || real.startsWith(`${rootReal}/`));
  }

  private warn(where: vscode.Uri, message: string): void {
    if (!this.rootProblems.some((p) => p.message === message && p.file === where.toString())) this.rootProblems.push({ file: where.toString(), line: 1, message, severity: 'warning' });
  }

  add(root: DeckRoot, uri: vscode.Uri): void {
    const key = uri.toString();
    if (this.files.has(key) || deckFileKind(relative(root, uri)) === 'ignored') return;
    if ((this.counts.get(root) ?? 0) >= this.limits.maxFiles) {
      return this.warn(root.uri, `this deck has more than ${this.limits.maxFiles} question and glossary files; the rest (in name order) are not loaded`);
    }
    this.files.set(key, { root, uri, path: relative(root, uri) });
    this.counts.set(root, (this.counts.get(root) ?? 0) + 1);
  }

  remove(key: string): void {
    const entry = this.files.get(key);
    if (!entry) return;
    this.files.delete(key);
    this.counts.set(entry.root, (this.counts.get(entry.root) ?? 1) - 1);
  }

  /** Makes the known files of `root` under `folder` match `present`. Returns whether anything changed. */
  sync(root: DeckRoot, folder: vscode.Uri, present: ReadonlySet<string>, recursive: boolean): boolean {
    const prefix = `${folder.toString()}/`;
    let changed = false;
    for (const [key, entry] of [...this.files]) {
      const inside = key.startsWith(prefix) && (recursive || !key.slice(prefix.length).includes('/'));
      if (entry.root === root && inside && !present.has(key)) {
        this.remove(key);
        changed = true;
      }
    }
    for (const key of present) {
      if (this.files.has(key)) continue;
      this.add(root, vscode.Uri.parse(key));
      changed ||= this.files.has(key);
    }
    return changed;
  }

  /** Reads every file not read yet: size checked before reading, decoded strictly, a byte budget per deck. */
  async readMissing(): Promise<void> {
    const todo = [...this.files.values()].filter((f) => f.text === undefined && !f.problem);
    const budget = new Map<DeckRoot, number>();
    for (const f of this.files.values()) if (f.text !== undefined) budget.set(f.root, (budget.get(f.root) ?? 0) + f.text.length);
    let next = 0;
    const worker = async () => {
      while (next < todo.length) {
        const entry = todo[next++];
        const kind = deckFileKind(entry.path);
        const file = entry.uri.toString();
        try {
          const stat = await vscode.workspace.fs.stat(entry.uri);
          if (stat.size > sizeLimitOf(kind)) {
            entry.problem = tooLarge(file, stat.size, sizeLimitOf(kind));
            continue;
          }
          const used = budget.get(entry.root) ?? 0;
          if (used + stat.size > this.limits.maxDeckBytes) {
            entry.problem = { file, line: 1, message: `not loaded: this deck already holds ${Math.round(used / 1048576)} MB of files (limit ${Math.round(this.limits.maxDeckBytes / 1048576)} MB)`, severity: 'warning' };
            continue;
          }
          budget.set(entry.root, used + stat.size);
          const read = readDeckFile(file, kind, await vscode.workspace.fs.readFile(entry.uri));
          entry.text = read.text;
          entry.problem = read.diagnostic;
        } catch (error) {
          // Deleted between listing and reading: the watcher's delete event drops it.
          if (error instanceof vscode.FileSystemError && error.code === 'FileNotFound') this.remove(file);
          else entry.problem = { file, line: 1, message: `cannot read this file: ${(error as Error).message}`, severity: 'error' };
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(PARALLEL_READS, todo.length) }, worker));
  }
}

export function relative(root: DeckRoot, uri: vscode.Uri): string {
  return uri.path.slice(root.uri.path.length + 1);
}

export function depthBelow(root: vscode.Uri, uri: vscode.Uri): number {
  return uri.path.slice(root.path.length).split('/').filter(Boolean).length;
}
