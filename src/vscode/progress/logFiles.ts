// The review log on disk: this window's own append-only file, and reading every file for replay. In the Node
// host appends go through fs with an fsync; elsewhere (web host, remote storage) through workspace.fs, rewriting
// only this window's own file from the copy it keeps (nobody else writes it). A file that cannot be read for any
// reason other than "not found" is never treated as empty: it is set aside and reported.
import * as vscode from 'vscode';
import { LOG_FILE, logFileName, parseLog, serializeEvent, type LogEvent } from '../../core/progress/log';
import type { LogSink, LogSource } from '../../core/progress/engine';
import { nodeFs } from '../shared/nodeHost';

export interface LogReadProblem {
  file: string;
  /** Where the file was moved, if it could be. */
  setAsideTo?: vscode.Uri;
  error: string;
}

export interface DamagedLines {
  file: string;
  bad: { line: number; text: string }[];
}

export class LogFiles implements LogSink, LogSource {
  /** What this window appended, by file: its own files are read from here (they may be mid-write on disk). */
  private readonly own = new Map<string, string>();
  /** Parsed files by name, re-read only when their size or time changes. */
  private readonly cache = new Map<string, { size: number; mtime: number; events: LogEvent[]; bad: DamagedLines['bad'] }>();
  private readonly problems: LogReadProblem[] = [];

  constructor(private readonly dir: vscode.Uri, private readonly session: string, private readonly onReadProblem: (p: LogReadProblem) => void) {}

  async append(event: LogEvent): Promise<void> {
    const name = logFileName(new Date(event.at), this.session);
    const uri = vscode.Uri.joinPath(this.dir, name);
    const line = serializeEvent(event);
    const text = (this.own.get(name) ?? '') + line;
    const fs = this.dir.scheme === 'file' ? nodeFs() : undefined;
    if (fs) {
      await fs.mkdir(this.dir.fsPath, { recursive: true });
      const handle = await fs.open(uri.fsPath, 'a');
      try {
        await handle.appendFile(line, 'utf8');
        await handle.sync();
      } finally {
        await handle.close();
      }
    } else {
      await vscode.workspace.fs.createDirectory(this.dir);
      await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
    }
    this.own.set(name, text);
  }

  async readAll(): Promise<LogEvent[]> {
    return (await this.read()).flatMap((f) => f.events);
  }

  /** Lines of the log that are not events (a torn last line after a crash, a hand edit), per file. */
  async damaged(): Promise<DamagedLines[]> {
    return (await this.read()).filter((f) => f.bad.length).map((f) => ({ file: f.name, bad: f.bad }));
  }

  private async read(): Promise<{ name: string; events: LogEvent[]; bad: DamagedLines['bad'] }[]> {
    let entries: [string, vscode.FileType][];
    try {
      entries = await vscode.workspace.fs.readDirectory(this.dir);
    } catch (error) {
      if (error instanceof vscode.FileSystemError && error.code === 'FileNotFound') return [];
      throw error;
    }
    const out = [];
    for (const [name] of entries.filter(([n, t]) => t & vscode.FileType.File && LOG_FILE.test(n)).sort()) {
      const uri = vscode.Uri.joinPath(this.dir, name);
      const mine = this.own.get(name);
      if (mine !== undefined) {
        out.push({ name, ...parseLog(mine, name) });
        continue;
      }
      try {
        const stat = await vscode.workspace.fs.stat(uri);
        const cached = this.cache.get(name);
        if (cached && cached.size === stat.size && cached.mtime === stat.mtime) {
          out.push({ name, ...cached });
          continue;
        }
        const parsed = parseLog(new TextDecoder().decode(await vscode.workspace.fs.readFile(uri)), name);
        this.cache.set(name, { size: stat.size, mtime: stat.mtime, ...parsed });
        out.push({ name, ...parsed });
      } catch (error) {
        if (error instanceof vscode.FileSystemError && error.code === 'FileNotFound') continue;
        await this.setAside(name, uri, error);
      }
    }
    return out;
  }

  private async setAside(name: string, uri: vscode.Uri, error: unknown): Promise<void> {
    const problem: LogReadProblem = { file: name, error: (error as Error)?.message ?? String(error) };
    const target = vscode.Uri.joinPath(this.dir, 'backups', `unreadable-${new Date().toISOString().replace(/[:.]/g, '-')}-${name}`);
    try {
      await vscode.workspace.fs.createDirectory(vscode.Uri.joinPath(this.dir, 'backups'));
      await vscode.workspace.fs.rename(uri, target, { overwrite: false });
      problem.setAsideTo = target;
    } catch {
      // Left where it is, untouched; it is skipped until it can be read.
    }
    if (!this.problems.some((p) => p.file === name && p.setAsideTo === problem.setAsideTo)) {
      this.problems.push(problem);
      this.onReadProblem(problem);
    }
  }
}
