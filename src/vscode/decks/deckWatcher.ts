// Change signals for the deck folders: file-system watchers (kept while their pattern is needed: re-creating one
// can drop the events of that moment), explorer and save events, and a periodic listing while the window is
// focused, because VS Code's watcher (1.100, Linux) sometimes reports nothing inside a folder created in the
// same instant as its parent (a deck created by git pull or unzip). Events are gathered briefly, then delivered.
import * as vscode from 'vscode';
import { WORKSPACE_DECK_FOLDER, isInside, type DeckRoot } from './deckRoots';

const DEBOUNCE_MS = 120;
const RECONCILE_MS = 2000;

export class DeckWatcher implements vscode.Disposable {
  private readonly watchers = new Map<string, vscode.FileSystemWatcher>();
  private readonly disposables: vscode.Disposable[] = [];
  private readonly pending = new Set<string>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private reconcileTimer: ReturnType<typeof setInterval> | undefined;
  private roots: DeckRoot[] = [];

  constructor(private readonly onChanged: (uris: vscode.Uri[]) => void, private readonly onReconcile: () => void) {
    this.disposables.push(
      vscode.workspace.onDidSaveTextDocument((doc) => this.touch(doc.uri)),
      vscode.workspace.onDidCreateFiles((e) => e.files.forEach((u) => this.touch(u))),
      vscode.workspace.onDidDeleteFiles((e) => e.files.forEach((u) => this.touch(u))),
      vscode.workspace.onDidRenameFiles((e) => e.files.forEach((f) => (this.touch(f.oldUri), this.touch(f.newUri)))),
    );
  }

  /** Watches the given roots (and every workspace's `.tensor-tutor`, which may appear later). */
  watch(roots: DeckRoot[]): void {
    this.roots = roots;
    this.reconcileTimer ??= setInterval(() => vscode.window.state.focused && this.roots.length && this.onReconcile(), RECONCILE_MS);
    const wanted = new Map<string, vscode.RelativePattern>();
    for (const folder of vscode.workspace.workspaceFolders ?? []) {
      wanted.set(`${folder.uri.toString()}|deck`, new vscode.RelativePattern(folder, `{${WORKSPACE_DECK_FOLDER},${WORKSPACE_DECK_FOLDER}/**}`));
    }
    for (const root of roots) {
      const folder = vscode.workspace.getWorkspaceFolder(root.uri);
      const rel = folder ? root.uri.path.slice(folder.uri.path.length).replace(/^\/+/, '') : undefined;
      if (rel === WORKSPACE_DECK_FOLDER) continue;
      // Based on the workspace folder itself: a watcher based on a subfolder lost its subfolders' events in 1.100.
      wanted.set(`${root.uri.toString()}|root`, folder && rel ? new vscode.RelativePattern(folder, `{${rel},${rel}/**}`) : new vscode.RelativePattern(root.uri, '**'));
    }
    for (const [key, watcher] of [...this.watchers]) {
      if (wanted.has(key)) continue;
      watcher.dispose();
      this.watchers.delete(key);
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

  private touch(uri: vscode.Uri): void {
    const key = uri.toString();
    const inDeck = this.roots.some((r) => isInside(key, r.uri)) || vscode.workspace.workspaceFolders?.some((f) => isInside(key, vscode.Uri.joinPath(f.uri, WORKSPACE_DECK_FOLDER)));
    if (!inDeck) return;
    this.pending.add(key);
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      const batch = [...this.pending].map((k) => vscode.Uri.parse(k));
      this.pending.clear();
      this.onChanged(batch);
    }, DEBOUNCE_MS);
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    if (this.reconcileTimer) clearInterval(this.reconcileTimer);
    for (const w of this.watchers.values()) w.dispose();
    this.watchers.clear();
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}
