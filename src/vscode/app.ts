// The services every feature registers against, built once by the composition root (extension.ts).
import type * as vscode from 'vscode';
import type { BankService } from './shared/bankService';
import type { Settings } from './shared/settings';
import type { ProgressService } from './progress/progressService';
import type { SearchService } from './browse/searchService';

export interface App {
  context: vscode.ExtensionContext;
  extensionUri: vscode.Uri;
  log: vscode.LogOutputChannel;
  settings: Settings;
  bank: BankService;
  progress: ProgressService;
  search: SearchService;
  /** Background work (decks, replay, recovery) starts this long after activation, off its path. */
  idleStartMs: number;
}
