// Where user decks live: `.tensor-tutor/` in each workspace folder and the folders named in
// `tensorTutor.deckFolders`. A root that is a symbolic link is refused in an untrusted workspace (it could show
// files from outside the workspace as if they were part of it).
import * as vscode from 'vscode';
import { deckSlug } from '../../core/bank/deckFiles';
import type { Settings } from '../shared/settings';

export const WORKSPACE_DECK_FOLDER = '.tensor-tutor';

export interface DeckRoot {
  name: string;
  uri: vscode.Uri;
}

export class DeckRoots {
  private readonly warned = new Set<string>();

  constructor(private readonly settings: Settings, private readonly log: vscode.LogOutputChannel) {}

  async find(): Promise<DeckRoot[]> {
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
      const type = (await statOf(uri))?.type ?? 0;
      if (!(type & vscode.FileType.Directory)) {
        if (configured) this.warnOnce(uri, `Decks: the folder ${uri.toString()} named in tensorTutor.deckFolders does not exist or is not a folder`);
        continue;
      }
      if (type & vscode.FileType.SymbolicLink && !vscode.workspace.isTrusted) {
        this.warnOnce(uri, `Decks: ${uri.toString()} is a symbolic link; it is not followed in Restricted Mode (trust the workspace to load it)`);
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

  private warnOnce(uri: vscode.Uri, message: string): void {
    if (this.warned.has(uri.toString())) return;
    this.warned.add(uri.toString());
    this.log.warn(message);
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

export function isInside(key: string, folder: vscode.Uri): boolean {
  const base = folder.toString();
  return key === base || key.startsWith(`${base}/`);
}

export async function statOf(uri: vscode.Uri): Promise<vscode.FileStat | undefined> {
  try {
    return await vscode.workspace.fs.stat(uri);
  } catch {
    return undefined;
  }
}
