// User decks: finds the deck folders (`.tensor-tutor/` in each workspace folder, `tensorTutor.deckFolders`),
// reads them through workspace.fs (virtual workspaces and the web host included), merges them into the bank
// and keeps them live through file watchers. Problems go to the Problems panel and the output channel.
// Never on the activation path: the first load starts when the bank is first used or the window is idle.
import * as vscode from 'vscode';
import { DEFAULT_DECK_LIMITS, deckFileKind, deckSlug, readDeckFile, sizeLimitOf, tooLarge, type DeckLimits } from '../core/bank/deckFiles';
import type { DeckFileText, ParseCache } from '../core/bank/decks';
import { onDemand } from './onDemand';
import type { BankDiagnostic } from '../core/bank/types';
import type { BankService } from './bankService';
import type { Settings } from './settings';

export const WORKSPACE_DECK_FOLDER = '.tensor-tutor';
/** Watcher events are gathered for this long before one reload (a save, a git checkout, a folder move). */
const DEBOUNCE_MS = 120;
/** Files read in parallel: enough to hide round trips in the web host, few enough to stay polite. */
const PARALLEL_READS = 24;
/**
 * VS Code's file watcher (1.100, Linux) sometimes never reports anything inside a folder created in the same
 * instant as its parent (a deck created by git pull or unzip). While the window is focused, the deck folders'
 * listings (names only, no file reads) are compared this often, so added and removed files are never missed.
 */
const RECONCILE_MS = 2000;

interface DeckRoot {
  name: string;
  uri: vscode.Uri;
}

interface DeckFileEntry {
  root: DeckRoot;
  uri: vscode.Uri;
  path: string;
  text?: string;
  problem?: BankDiagnostic;
}

export interface DeckLoadStats {
  decks: number;
  files: number;
  questions: number;
  problems: number;
  /** Total, and the part spent listing and reading files (the rest is parsing and merging). */
  ms: number;
  readMs: number;
}

export class DeckService implements vscode.Disposable {
  readonly diagnostics = vscode.languages.createDiagnosticCollection('tensorTutor');
  /** Lowered by the integration tests to exercise the caps without writing thousands of files. */
  limits: DeckLimits = { ...DEFAULT_DECK_LIMITS };
  lastLoad: DeckLoadStats | undefined;
  private roots: DeckRoot[] = [];
  private readonly files = new Map<string, DeckFileEntry>();
  private readonly counts = new Map<DeckRoot, number>();
  private hadDecks = false;
  private readonly missingWarned = new Set<string>();
  private rootProblems: BankDiagnostic[] = [];
  private readonly cache: ParseCache = new Map();
  private readonly watchers = new Map<string, vscode.FileSystemWatcher>();
  private readonly disposables: vscode.Disposable[] = [];
  private first: Promise<void> | undefined;
  private queue: Promise<void> = Promise.resolve();
  private pending = new Set<string>();
  private pendingTimer: ReturnType<typeof setTimeout> | undefined;
  private logged = new Set<string>();
  private readonly loaded = new vscode.EventEmitter<DeckLoadStats>();
  /** Fires after every (re)load has been merged into the bank. */
  readonly onDidLoad = this.loaded.event;

  constructor(private readonly bank: BankService, private readonly settings: Settings, private readonly log: vscode.LogOutputChannel) {
    bank.decksLoader = () => this.ensureLoaded();
    this.disposables.push(
      vscode.workspace.onDidChangeWorkspaceFolders(() => this.reloadAll()),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('tensorTutor.deckFolders')) void this.reloadAll();
      }),
      // Watchers miss nothing in practice, but saves and explorer operations are cheap extra signals.
      vscode.workspace.onDidSaveTextDocument((doc) => this.touch(doc.uri)),
      vscode.workspace.onDidCreateFiles((e) => e.files.forEach((u) => this.touch(u))),
      vscode.workspace.onDidDeleteFiles((e) => e.files.forEach((u) => this.touch(u))),
      vscode.workspace.onDidRenameFiles((e) => e.files.forEach((f) => (this.touch(f.oldUri), this.touch(f.newUri)))),
    );
  }

  private reconcileTimer: ReturnType<typeof setInterval> | undefined;
  private busy = false;

  /** Adds the files that appeared and drops those that vanished without a watcher event. */
  private async reconcile(): Promise<void> {
    if (this.busy || !this.roots.length || !vscode.window.state.focused) return;
    this.busy = true;
    try {
      await this.enqueue(async () => {
        const started = Date.now();
        const before = new Set(this.files.keys());
        const present = new Set<string>();
        for (const root of this.roots) await this.listFiles(root, root.uri, 0, present);
        const gone = [...before].filter((k) => !present.has(k));
        const added = [...present].filter((k) => !before.has(k));
        for (const k of gone) this.removeFile(k);
        const count = this.files.size;
        for (const k of added) {
          const root = this.roots.find((r) => isInside(k, r.uri));
          if (root) this.addFile(root, vscode.Uri.parse(k));
        }
        if (!gone.length && this.files.size === count) return; // nothing new (or only files over the cap)
        await this.readMissing();
        await this.apply(started);
      });
    } finally {
      this.busy = false;
    }
  }

  private async listFiles(root: DeckRoot, folder: vscode.Uri, depth: number, out: Set<string>): Promise<void> {
    if (depth > this.limits.maxDepth || out.size > this.limits.maxFiles * this.roots.length) return;
    let entries: [string, vscode.FileType][];
    try {
      entries = await vscode.workspace.fs.readDirectory(folder);
    } catch {
      return;
    }
    for (const [name, type] of entries) {
      if (name.startsWith('.') || name === 'node_modules') continue;
      const uri = vscode.Uri.joinPath(folder, name);
      if (type & vscode.FileType.Directory) await this.listFiles(root, uri, depth + 1, out);
      else if (type & vscode.FileType.File && deckFileKind(uri.path.slice(root.uri.path.length + 1)) !== 'ignored') out.add(uri.toString());
    }
  }

  /** The first load (idempotent); later changes arrive through the watchers. */
  ensureLoaded(): Promise<void> {
    if (!this.first) {
      this.first = this.reloadAll();
      this.reconcileTimer = setInterval(() => void this.reconcile(), RECONCILE_MS);
    }
    return this.first;
  }

  /** Every deck folder rescanned from scratch (settings or workspace folders changed). */
  reloadAll(): Promise<void> {
    return this.enqueue(async () => {
      const started = Date.now();
      this.roots = await this.findRoots();
      this.watch();
      this.clearFiles();
      for (const root of this.roots) await this.scanRoot(root);
      await this.readMissing();
      await this.apply(started);
    });
  }

  /** Problems written to the output channel, as `file:line: severity: message` (for the tests). */
  get loggedProblems(): ReadonlySet<string> {
    return this.logged;
  }

  /** The roots being loaded, for the New Question command and the tests. */
  get deckRoots(): readonly { name: string; uri: vscode.Uri }[] {
    return this.roots;
  }

  private enqueue(task: () => Promise<void>): Promise<void> {
    const run = this.queue.then(task, task);
    this.queue = run.catch((error) => this.log.error(`Decks: ${(error as Error)?.stack ?? error}`));
    return this.queue;
  }

  private async findRoots(): Promise<DeckRoot[]> {
    const candidates: { uri: vscode.Uri; configured: boolean }[] = [];
    for (const folder of vscode.workspace.workspaceFolders ?? []) {
      candidates.push({ uri: vscode.Uri.joinPath(folder.uri, WORKSPACE_DECK_FOLDER), configured: false });
      for (const entry of this.settings.deckFolders(folder.uri)) candidates.push({ uri: resolveFolder(entry, folder.uri), configured: true });
    }
    if (!vscode.workspace.workspaceFolders?.length) for (const entry of this.settings.deckFolders()) candidates.push({ uri: resolveFolder(entry), configured: true });
    const seen = new Set<string>();
    const names = new Set<string>();
    const roots: DeckRoot[] = [];
    for (const { uri, configured } of candidates) {
      if (seen.has(uri.toString())) continue;
      seen.add(uri.toString());
      if (!(await isDirectory(uri))) {
        if (configured && !this.missingWarned.has(uri.toString())) {
          this.missingWarned.add(uri.toString());
          this.log.warn(`Decks: the folder ${uri.toString()} named in tensorTutor.deckFolders does not exist or is not a folder`);
        }
        continue;
      }
      const base = deckSlug(uri.path.endsWith(`/${WORKSPACE_DECK_FOLDER}`) ? uri.path.split('/').slice(-2, -1)[0] : uri.path.split('/').pop() ?? '');
      let name = base;
      for (let n = 2; names.has(name); n++) name = `${base}-${n}`;
      names.add(name);
      roots.push({ name, uri });
    }
    return roots;
  }

  /** Watchers are kept while their pattern is needed: re-creating one can drop the events of that moment. */
  private watch(): void {
    const wanted = new Map<string, vscode.RelativePattern>();
    // Inside a workspace folder, the workspace's own recursive watcher serves every pattern; outside, each
    // configured deck folder needs its own.
    for (const folder of vscode.workspace.workspaceFolders ?? []) {
      wanted.set(`${folder.uri.toString()}|deck`, new vscode.RelativePattern(folder, `{${WORKSPACE_DECK_FOLDER},${WORKSPACE_DECK_FOLDER}/**}`));
    }
    for (const root of this.roots) {
      const folder = vscode.workspace.getWorkspaceFolder(root.uri);
      const rel = folder ? root.uri.path.slice(folder.uri.path.length).replace(/^\/+/, '') : undefined;
      if (rel === WORKSPACE_DECK_FOLDER) continue;
      // Patterns based on the workspace folder itself: a watcher based on a subfolder of the workspace lost the
      // events of its subfolders in VS Code 1.100 (code-server on Linux).
      wanted.set(`${root.uri.toString()}|root`, folder && rel ? new vscode.RelativePattern(folder, `{${rel},${rel}/**}`) : new vscode.RelativePattern(root.uri, '**'));
    }
    for (const [key, watcher] of [...this.watchers]) {
      if (!wanted.has(key)) {
        watcher.dispose();
        this.watchers.delete(key);
      }
    }
    for (const [key, pattern] of wanted) {
      if (this.watchers.has(key)) continue;
      const watcher = vscode.workspace.createFileSystemWatcher(pattern);
      watcher.onDidCreate((u) => this.touch(u));
      watcher.onDidChange((u) => this.touch(u));
      watcher.onDidDelete((u) => this.touch(u));
      this.watchers.set(key, watcher);
    }
  }

  /** A file or folder changed: gather events briefly, then update only what they name. */
  private touch(uri: vscode.Uri): void {
    if (!this.first) return; // not loaded yet: the first load will see it
    const key = uri.toString();
    const inDeck = this.roots.some((r) => isInside(key, r.uri)) || vscode.workspace.workspaceFolders?.some((f) => isInside(key, vscode.Uri.joinPath(f.uri, WORKSPACE_DECK_FOLDER)));
    if (!inDeck) return;
    this.pending.add(key);
    if (this.pendingTimer) clearTimeout(this.pendingTimer);
    this.pendingTimer = setTimeout(() => {
      const batch = [...this.pending].map((k) => vscode.Uri.parse(k));
      this.pending.clear();
      void this.enqueue(() => this.update(batch));
    }, DEBOUNCE_MS);
  }

  private async update(changed: vscode.Uri[]): Promise<void> {
    const started = Date.now();
    // A new `.tensor-tutor` folder (or one removed) changes the set of roots: rescan everything.
    const rootsNow = await this.findRoots();
    if (rootsNow.map((r) => r.uri.toString()).join('|') !== this.roots.map((r) => r.uri.toString()).join('|')) {
      this.roots = rootsNow;
      this.watch();
      this.clearFiles();
      for (const root of this.roots) await this.scanRoot(root);
      await this.readMissing();
      return this.apply(started);
    }
    const parents = new Map<string, { root: DeckRoot; uri: vscode.Uri }>();
    for (const uri of changed) {
      const key = uri.toString();
      const root = this.roots.find((r) => isInside(key, r.uri));
      if (!root) continue;
      const stat = await statOf(uri);
      // Gone (deleted or renamed away): drop the file, or everything under the folder.
      for (const k of [...this.files.keys()]) if (k === key || k.startsWith(`${key}/`)) this.removeFile(k);
      if (key !== root.uri.toString()) {
        const parent = vscode.Uri.joinPath(uri, '..');
        parents.set(parent.toString(), { root, uri: parent });
      }
      if (!stat) continue;
      if (stat.type & vscode.FileType.Directory) await this.scanFolder(root, uri, depthBelow(root.uri, uri));
      else this.addFile(root, uri);
    }
    // Cheap safety net for events a watcher coalesced away: siblings that appeared or vanished next to a change.
    for (const { root, uri } of parents.values()) await this.resyncFolder(root, uri);
    await this.readMissing();
    await this.apply(started);
  }

  private async scanRoot(root: DeckRoot): Promise<void> {
    await this.scanFolder(root, root.uri, 0);
  }

  private async scanFolder(root: DeckRoot, folder: vscode.Uri, depth: number): Promise<void> {
    if (depth > this.limits.maxDepth) {
      this.rootProblems.push({ file: folder.toString(), line: 1, message: `folders nested deeper than ${this.limits.maxDepth} levels inside a deck are not read`, severity: 'warning' });
      return;
    }
    let entries: [string, vscode.FileType][];
    try {
      entries = await vscode.workspace.fs.readDirectory(folder);
    } catch (error) {
      this.log.warn(`Decks: cannot list ${folder.toString()}: ${(error as Error).message}`);
      return;
    }
    entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    for (const [name, type] of entries) {
      if (name.startsWith('.') || name === 'node_modules') continue;
      const uri = vscode.Uri.joinPath(folder, name);
      if (type & vscode.FileType.Directory) await this.scanFolder(root, uri, depth + 1);
      else if (type & vscode.FileType.File) this.addFile(root, uri);
    }
  }

  /** Makes the known files directly inside `folder` match its listing (no re-read of unchanged files). */
  private async resyncFolder(root: DeckRoot, folder: vscode.Uri): Promise<void> {
    let entries: [string, vscode.FileType][];
    try {
      entries = await vscode.workspace.fs.readDirectory(folder);
    } catch {
      return;
    }
    const present = new Set(entries.filter(([n, t]) => t & vscode.FileType.File && !n.startsWith('.')).map(([n]) => vscode.Uri.joinPath(folder, n).toString()));
    const prefix = `${folder.toString()}/`;
    for (const [key, entry] of [...this.files]) {
      if (entry.root === root && key.startsWith(prefix) && !key.slice(prefix.length).includes('/') && !present.has(key)) this.removeFile(key);
    }
    for (const key of present) if (!this.files.has(key)) this.addFile(root, vscode.Uri.parse(key));
  }

  private addFile(root: DeckRoot, uri: vscode.Uri): void {
    const path = uri.path.slice(root.uri.path.length + 1);
    if (deckFileKind(path) === 'ignored') return;
    if (this.files.has(uri.toString())) return;
    if ((this.counts.get(root) ?? 0) >= this.limits.maxFiles) {
      const message = `this deck has more than ${this.limits.maxFiles} question and glossary files; the rest (in name order) are not loaded`;
      if (!this.rootProblems.some((p) => p.file === root.uri.toString() && p.message === message)) {
        this.rootProblems.push({ file: root.uri.toString(), line: 1, message, severity: 'warning' });
      }
      return;
    }
    this.files.set(uri.toString(), { root, uri, path });
    this.counts.set(root, (this.counts.get(root) ?? 0) + 1);
  }

  private removeFile(key: string): void {
    const entry = this.files.get(key);
    if (!entry) return;
    this.files.delete(key);
    this.counts.set(entry.root, (this.counts.get(entry.root) ?? 1) - 1);
  }

  private clearFiles(): void {
    this.files.clear();
    this.counts.clear();
    this.rootProblems = [];
  }

  /** Reads every file not read yet: size checked before reading, decoded strictly, a byte budget per deck. */
  private async readMissing(): Promise<void> {
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
          // Deleted between listing and reading: the watcher's delete event will drop it.
          if (error instanceof vscode.FileSystemError && error.code === 'FileNotFound') this.removeFile(file);
          else entry.problem = { file, line: 1, message: `cannot read this file: ${(error as Error).message}`, severity: 'error' };
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(PARALLEL_READS, todo.length) }, worker));
  }

  private async apply(started: number): Promise<void> {
    if (!this.roots.length && !this.hadDecks) {
      // No deck anywhere (the common case): nothing to merge, the bank and its indexes stay as they are.
      this.diagnostics.clear();
      this.lastLoad = { decks: 0, files: 0, questions: 0, problems: 0, ms: Date.now() - started, readMs: Date.now() - started };
      this.loaded.fire(this.lastLoad);
      return;
    }
    this.hadDecks = this.roots.length > 0;
    const readMs = Date.now() - started;
    const base = await this.bank.bundledBank();
    const decks = this.roots.map((root) => ({
      name: root.name,
      // Name order, whatever order the watcher reported them in: "first wins" on duplicate ids stays stable.
      files: [...this.files.values()].filter((f) => f.root === root && f.text !== undefined)
        .map((f): DeckFileText => ({ path: f.path, file: f.uri.toString(), text: f.text! }))
        .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)),
    }));
    for (const key of [...this.cache.keys()]) if (!this.files.has(key)) this.cache.delete(key);
    const { compileDecks } = await onDemand();
    const result = compileDecks(base, decks, this.cache);
    const problems = [...this.rootProblems, ...[...this.files.values()].flatMap((f) => (f.problem ? [f.problem] : [])), ...result.diagnostics];
    this.publish(problems);
    this.bank.applyDecks(result.bank);
    this.lastLoad = { decks: this.roots.length, files: this.files.size, questions: result.questionCount, problems: problems.length, ms: Date.now() - started, readMs };
    if (this.roots.length) {
      this.log.info(`Decks: ${this.roots.map((r) => r.uri.toString()).join(', ')}: ${this.files.size} files, ${result.questionCount} questions, ${problems.length} problem(s) (${this.lastLoad.ms} ms, ${readMs} ms reading)`);
    }
    this.loaded.fire(this.lastLoad);
  }

  /** Problems panel (one entry per file and line) and output channel (each problem logged once). */
  private publish(problems: BankDiagnostic[]): void {
    const byFile = new Map<string, vscode.Diagnostic[]>();
    const logged = new Set<string>();
    for (const p of problems) {
      const line = Math.max(0, p.line - 1);
      const d = new vscode.Diagnostic(new vscode.Range(line, 0, line, 10_000), p.message, p.severity === 'error' ? vscode.DiagnosticSeverity.Error : vscode.DiagnosticSeverity.Warning);
      d.source = 'Tensor Tutor';
      const list = byFile.get(p.file) ?? [];
      list.push(d);
      byFile.set(p.file, list);
      const text = `${p.file}:${p.line}: ${p.severity}: ${p.message}`;
      logged.add(text);
      if (!this.logged.has(text)) (p.severity === 'error' ? this.log.error : this.log.warn).call(this.log, `Deck problem: ${text}`);
    }
    this.logged = logged;
    this.diagnostics.clear();
    this.diagnostics.set([...byFile].map(([file, list]) => [vscode.Uri.parse(file), list]));
  }

  dispose(): void {
    if (this.pendingTimer) clearTimeout(this.pendingTimer);
    if (this.reconcileTimer) clearInterval(this.reconcileTimer);
    for (const w of this.watchers.values()) w.dispose();
    this.watchers.clear();
    for (const d of this.disposables.splice(0)) d.dispose();
    this.diagnostics.dispose();
    this.loaded.dispose();
  }
}

/** Absolute paths keep the workspace folder's scheme and authority (remote, virtual); others are relative to it. */
export function resolveFolder(entry: string, folder?: vscode.Uri): vscode.Uri {
  const path = entry.replace(/\\/g, '/');
  const absolute = path.startsWith('/') || /^[a-zA-Z]:\//.test(path);
  if (/^[a-z][a-z0-9+.-]+:\/\//i.test(entry)) return vscode.Uri.parse(entry);
  if (absolute) return folder ? folder.with({ path: path.startsWith('/') ? path : `/${path}` }) : vscode.Uri.file(path);
  return folder ? vscode.Uri.joinPath(folder, path) : vscode.Uri.file(path);
}

function isInside(key: string, folder: vscode.Uri): boolean {
  const base = folder.toString();
  return key === base || key.startsWith(`${base}/`);
}

function depthBelow(root: vscode.Uri, uri: vscode.Uri): number {
  return uri.path.slice(root.path.length).split('/').filter(Boolean).length;
}

async function statOf(uri: vscode.Uri): Promise<vscode.FileStat | undefined> {
  try {
    return await vscode.workspace.fs.stat(uri);
  } catch {
    return undefined;
  }
}

async function isDirectory(uri: vscode.Uri): Promise<boolean> {
  return ((await statOf(uri))?.type ?? 0) & vscode.FileType.Directory ? true : false;
}
