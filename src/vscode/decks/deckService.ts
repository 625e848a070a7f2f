// User decks as a source for the bank: finds the deck folders, keeps their files (read through workspace.fs, so
// virtual workspaces and the web host work) and tells the bank when they change. It knows nothing of the bank:
// compiling and merging are the bank's business. Never on the activation path.
import * as vscode from 'vscode';
import type { DeckInput } from '../../core/bank/decks';
import { SerialQueue } from '../../core/text/serialQueue';
import type { DeckSnapshot, DeckSource } from '../shared/bankService';
import type { Settings } from '../shared/settings';
import { DeckRoots, isInside, statOf, type DeckRoot } from './deckRoots';
import { DeckFolder } from './deckFolder';
import { DeckWatcher } from './deckWatcher';

export interface DeckLoadStats {
  decks: number;
  files: number;
  /** Total, and the part spent listing and reading files. */
  ms: number;
  readMs: number;
}

export class DeckService implements DeckSource, vscode.Disposable {
  readonly folder = new DeckFolder();
  private readonly roots: DeckRoots;
  private current: DeckRoot[] = [];
  private readonly queue: SerialQueue;
  private readonly watcher: DeckWatcher;
  private readonly changed = new vscode.EventEmitter<DeckSnapshot>();
  readonly onDidChange = this.changed.event;
  private first: Promise<DeckSnapshot> | undefined;
  /** Changed files not handled yet: the one queued update takes them all (a burst of events is one update). */
  private readonly dirty = new Map<string, vscode.Uri>();
  private readonly disposables: vscode.Disposable[];
  lastLoad: DeckLoadStats | undefined;

  constructor(settings: Settings, private readonly log: vscode.LogOutputChannel) {
    this.roots = new DeckRoots(settings, log);
    this.queue = new SerialQueue((error) => log.error(`Decks: ${(error as Error)?.stack ?? error}`));
    this.watcher = new DeckWatcher((uris) => this.changedFiles(uris), () => this.queue.runOnce('reconcile', () => this.reconcile()));
    this.disposables = [
      vscode.workspace.onDidChangeWorkspaceFolders(() => this.reloadAll()),
      vscode.workspace.onDidGrantWorkspaceTrust(() => this.reloadAll()),
      vscode.workspace.onDidChangeConfiguration((e) => e.affectsConfiguration('tensorTutor.deckFolders') && void this.reloadAll()),
    ];
  }

  load(): Promise<DeckSnapshot> {
    this.first ??= this.queue.run(() => this.scanAll());
    return this.first;
  }

  /** Every deck folder rescanned from scratch (settings, trust or workspace folders changed). */
  reloadAll(): Promise<void> {
    if (!this.first) return Promise.resolve();
    return this.queue.run(async () => this.changed.fire(await this.scanAll()));
  }

  private async scanAll(): Promise<DeckSnapshot> {
    const started = Date.now();
    this.current = await this.roots.find();
    this.watcher.watch(this.current);
    this.folder.clear();
    for (const root of this.current) for (const key of await this.folder.list(root)) this.folder.add(root, vscode.Uri.parse(key));
    return this.read(started);
  }

  private async update(changed: vscode.Uri[]): Promise<void> {
    const started = Date.now();
    const roots = await this.roots.find();
    // A new `.tensor-tutor` (or one removed) changes the set of roots: rescan everything.
    if (roots.map((r) => r.uri.toString()).join('|') !== this.current.map((r) => r.uri.toString()).join('|')) {
      this.changed.fire(await this.scanAll());
      return;
    }
    const folders = new Map<string, { root: DeckRoot; uri: vscode.Uri; recursive: boolean }>();
    for (const uri of changed) {
      const root = this.current.find((r) => isInside(uri.toString(), r.uri));
      if (!root) continue;
      const entry = this.folder.files.get(uri.toString());
      if (entry) entry.text = entry.problem = undefined; // changed content: read it again
      const stat = await statOf(uri);
      // A changed folder is listed whole; a changed file re-lists its parent (siblings a watcher coalesced away).
      const target = stat && stat.type & vscode.FileType.Directory ? uri : vscode.Uri.joinPath(uri, '..');
      const within = isInside(target.toString(), root.uri) ? target : root.uri;
      folders.set(within.toString(), { root, uri: within, recursive: within === uri });
      if (!stat) for (const key of [...this.folder.files.keys()]) if (key === uri.toString() || key.startsWith(`${uri.toString()}/`)) this.folder.remove(key);
    }
    for (const f of folders.values()) this.folder.sync(f.root, f.uri, await this.folder.list(f.root, f.uri, f.recursive), f.recursive);
    this.changed.fire(await this.read(started));
  }

  private changedFiles(uris: vscode.Uri[]): void {
    for (const uri of uris) this.dirty.set(uri.toString(), uri);
    this.queue.runOnce('update', () => {
      const batch = [...this.dirty.values()];
      this.dirty.clear();
      return this.update(batch);
    });
  }

  /** Files that appeared or vanished without a watcher event. */
  private async reconcile(): Promise<void> {
    const started = Date.now();
    let changed = false;
    for (const root of this.current) changed = this.folder.sync(root, root.uri, await this.folder.list(root), true) || changed;
    if (changed) this.changed.fire(await this.read(started));
  }

  private async read(started: number): Promise<DeckSnapshot> {
    await this.folder.readMissing();
    const decks: DeckInput[] = this.current.map((root) => ({
      name: root.name,
      // Name order, whatever order the watcher reported them in: "first wins" on duplicate ids stays stable.
      files: [...this.folder.files.values()].filter((f) => f.root === root && f.text !== undefined)
        .map((f) => ({ path: f.path, file: f.uri.toString(), text: f.text! }))
        .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)),
    }));
    const problems = [...this.folder.rootProblems, ...[...this.folder.files.values()].flatMap((f) => (f.problem ? [f.problem] : []))];
    const ms = Date.now() - started;
    this.lastLoad = { decks: this.current.length, files: this.folder.files.size, ms, readMs: ms };
    if (this.current.length) this.log.info(`Decks: ${this.current.map((r) => r.uri.toString()).join(', ')}: ${this.folder.files.size} files read in ${ms} ms`);
    return { decks, problems };
  }

  dispose(): void {
    this.watcher.dispose();
    for (const d of this.disposables.splice(0)) d.dispose();
    this.changed.dispose();
  }
}
