// Minimal stand-in for the `vscode` module (from the security review's reproductions), enough to drive the
// adapters (ProgressService, QuizPanel, ProgressCommands, DeckService, hover rendering, commands) from Node in
// the regression tests of test/sec/. Behaviour mirrors VS Code where it matters for the findings: the disk file
// system follows symlinks like DiskFileSystemProvider, writeFile truncates, dialogs are recorded and cancelled.
import * as nodeFs from 'node:fs/promises';
import * as nodePath from 'node:path';

export class Disposable {
  constructor(private readonly fn: () => void = () => {}) {}
  dispose(): void {
    this.fn();
  }
  static from(...d: { dispose(): void }[]) {
    return new Disposable(() => d.forEach((x) => x.dispose()));
  }
}

export class EventEmitter<T> {
  private listeners: ((e: T) => void)[] = [];
  event = (listener: (e: T) => void) => {
    this.listeners.push(listener);
    return new Disposable(() => (this.listeners = this.listeners.filter((l) => l !== listener)));
  };
  fire(e?: T): void {
    for (const l of [...this.listeners]) l(e as T);
  }
  dispose(): void {
    this.listeners = [];
  }
}

export class Uri {
  constructor(readonly scheme: string, readonly authority: string, readonly path: string, readonly query = '', readonly fragment = '') {}
  static file(p: string): Uri {
    return new Uri('file', '', p.replace(/\\/g, '/'));
  }
  static parse(s: string): Uri {
    const m = /^([a-zA-Z][\w+.-]*):(?:\/\/([^/?#]*))?([^?#]*)(?:\?([^#]*))?(?:#(.*))?$/.exec(s);
    if (!m) return new Uri('file', '', s);
    return new Uri(m[1].toLowerCase(), m[2] ?? '', decodeURIComponent(m[3] ?? ''), m[4] ?? '', m[5] ?? '');
  }
  static joinPath(base: Uri, ...parts: string[]): Uri {
    return new Uri(base.scheme, base.authority, nodePath.posix.normalize([base.path, ...parts].join('/')));
  }
  with(change: Partial<{ scheme: string; authority: string; path: string; query: string }>): Uri {
    return new Uri(change.scheme ?? this.scheme, change.authority ?? this.authority, change.path ?? this.path, change.query ?? this.query);
  }
  get fsPath(): string {
    return this.path;
  }
  toString(): string {
    return `${this.scheme}://${this.authority}${this.path}${this.query ? `?${this.query}` : ''}`;
  }
}

export enum FileType { Unknown = 0, File = 1, Directory = 2, SymbolicLink = 64 }

export class FileSystemError extends Error {
  constructor(message: string, readonly code: string) {
    super(message);
  }
  static FileNotFound(m?: string) {
    return new FileSystemError(m ?? 'not found', 'FileNotFound');
  }
}

/** Counters and fault injection for the tests. */
export const fsStats = { readDirectory: 0, readFile: 0, writeFile: 0 };
export const faults: { readFile?: (path: string) => Error | undefined } = {};

async function typeOf(p: string): Promise<number> {
  const l = await nodeFs.lstat(p);
  const s = l.isSymbolicLink() ? await nodeFs.stat(p) : l;
  return (s.isDirectory() ? FileType.Directory : s.isFile() ? FileType.File : FileType.Unknown) | (l.isSymbolicLink() ? FileType.SymbolicLink : 0);
}

function fsError(error: unknown): never {
  const e = error as NodeJS.ErrnoException;
  if (e.code === 'ENOENT') throw FileSystemError.FileNotFound(e.message);
  throw new FileSystemError(e.message, e.code ?? 'Unknown');
}

export const diskFs = {
  async stat(uri: Uri) {
    try {
      const s = await nodeFs.stat(uri.path);
      return { type: await typeOf(uri.path), size: s.size, ctime: s.ctimeMs, mtime: s.mtimeMs };
    } catch (e) {
      fsError(e);
    }
  },
  async readDirectory(uri: Uri): Promise<[string, FileType][]> {
    fsStats.readDirectory++;
    let names: string[];
    try {
      names = await nodeFs.readdir(uri.path);
    } catch (e) {
      fsError(e);
    }
    const out: [string, FileType][] = [];
    for (const n of names) {
      try {
        out.push([n, await typeOf(nodePath.join(uri.path, n))]);
      } catch {
        // broken symlink: ignored, like VS Code
      }
    }
    return out;
  },
  async readFile(uri: Uri): Promise<Uint8Array> {
    fsStats.readFile++;
    const injected = faults.readFile?.(uri.path);
    if (injected) throw injected;
    try {
      return new Uint8Array(await nodeFs.readFile(uri.path));
    } catch (e) {
      fsError(e);
    }
  },
  async writeFile(uri: Uri, content: Uint8Array): Promise<void> {
    fsStats.writeFile++;
    await nodeFs.mkdir(nodePath.dirname(uri.path), { recursive: true });
    await nodeFs.writeFile(uri.path, content);
  },
  async createDirectory(uri: Uri): Promise<void> {
    await nodeFs.mkdir(uri.path, { recursive: true });
  },
  async delete(uri: Uri): Promise<void> {
    await nodeFs.rm(uri.path, { recursive: true, force: true });
  },
  async rename(from: Uri, to: Uri): Promise<void> {
    try {
      await nodeFs.rename(from.path, to.path);
    } catch (e) {
      fsError(e);
    }
  },
};

export const messages: { kind: string; text: string; args: unknown[] }[] = [];
const noop = () => new Disposable();
export const config: Record<string, unknown> = {};

export const workspace = {
  fs: diskFs,
  isTrusted: true,
  onDidGrantWorkspaceTrust: noop,
  asRelativePath: (u: Uri) => u.path,
  workspaceFolders: undefined as { uri: Uri; name: string; index: number }[] | undefined,
  getConfiguration: (_section?: string) => ({
    get: <T>(key: string, fallback?: T): T => (key in config ? (config[key] as T) : (fallback as T)),
  }),
  getWorkspaceFolder: (uri: Uri) => workspace.workspaceFolders?.find((f) => uri.path === f.uri.path || uri.path.startsWith(`${f.uri.path}/`)),
  onDidChangeWorkspaceFolders: noop,
  onDidChangeConfiguration: noop,
  onDidSaveTextDocument: noop,
  onDidCreateFiles: noop,
  onDidDeleteFiles: noop,
  onDidRenameFiles: noop,
  createFileSystemWatcher: () => ({ onDidCreate: noop, onDidChange: noop, onDidDelete: noop, dispose() {} }),
};

export class RelativePattern {
  constructor(readonly base: unknown, readonly pattern: string) {}
}

export const window = {
  state: { focused: true },
  onDidChangeWindowState: noop,
  showQuickPick: async (...args: unknown[]) => (messages.push({ kind: 'quickPick', text: '', args }), undefined),
  showSaveDialog: async (...args: unknown[]) => (messages.push({ kind: 'saveDialog', text: '', args }), undefined),
  showOpenDialog: async (...args: unknown[]) => (messages.push({ kind: 'openDialog', text: '', args }), undefined),
  withProgress: async (_o: unknown, task: () => unknown) => task(),
  showWarningMessage: async (text: string, ...args: unknown[]) => (messages.push({ kind: 'warning', text, args }), undefined),
  showInformationMessage: async (text: string, ...args: unknown[]) => (messages.push({ kind: 'info', text, args }), undefined),
  showErrorMessage: async (text: string, ...args: unknown[]) => (messages.push({ kind: 'error', text, args }), undefined),
  setStatusBarMessage: (text: string) => (messages.push({ kind: 'status', text, args: [] }), new Disposable()),
  showTextDocument: async () => undefined,
  createWebviewPanel: (_type: string, title: string) => fakePanel(title),
};

export const posted: unknown[] = [];
export function fakePanel(title: string) {
  const receive = new EventEmitter<unknown>();
  const disposed = new EventEmitter<void>();
  return {
    title,
    visible: true,
    iconPath: undefined as unknown,
    webview: {
      html: '',
      options: {},
      cspSource: 'vscode-webview://fake',
      asWebviewUri: (u: Uri) => u,
      postMessage: async (m: unknown) => (posted.push(m), true),
      onDidReceiveMessage: receive.event,
    },
    receive,
    onDidDispose: disposed.event,
    onDidChangeViewState: noop,
    reveal() {},
    dispose() {
      disposed.fire();
    },
  };
}

export const l10n = { t: (s: string, ...args: unknown[]) => s.replace(/\{(\d+)\}/g, (_, i) => String(args[Number(i)])) };

export const languages = {
  createDiagnosticCollection: () => {
    const map = new Map<string, unknown[]>();
    return { set: (entries: [Uri, unknown[]][]) => entries.forEach(([u, d]) => map.set(u.toString(), d)), clear: () => map.clear(), dispose() {}, map };
  },
  registerHoverProvider: noop,
};

export const env = { openExternal: async (uri: Uri) => (messages.push({ kind: 'openExternal', text: uri.toString(), args: [] }), true) };
export const commands = { executeCommand: async (...args: unknown[]) => (messages.push({ kind: 'command', text: String(args[0]), args: args.slice(1) }), undefined), registerCommand: noop };

export enum ViewColumn { Active = -1, One = 1 }
export enum QuickPickItemKind { Separator = -1, Default = 0 }
export enum ProgressLocation { SourceControl = 1, Window = 10, Notification = 15 }
export enum ExtensionMode { Production = 1, Development = 2, Test = 3 }
export enum DiagnosticSeverity { Error = 0, Warning = 1 }
export class Position {
  constructor(readonly line: number, readonly character: number) {}
}
export class Range {
  constructor(readonly a: number, readonly b: number, readonly c: number, readonly d: number) {}
}
export class Diagnostic {
  source?: string;
  constructor(readonly range: Range, readonly message: string, readonly severity: DiagnosticSeverity) {}
}
export class Hover {
  constructor(readonly contents: unknown, readonly range?: Range) {}
}
export class MarkdownString {
  isTrusted: unknown;
  supportHtml = false;
  constructor(public value = '', public supportThemeIcons = false) {}
  appendMarkdown(s: string): this {
    this.value += s;
    return this;
  }
}
