// Owns the bank: the bundled one (dist/bank.json, read through workspace.fs on first use, so the desktop and
// web hosts behave alike) merged with the user decks, which it reads through the DeckSource interface and
// compiles through a DeckCompiler (off the extension host's thread). `get()` never waits for decks.
import * as vscode from 'vscode';
import { BankView, loadBank } from '../../core/bank/loadBank';
import type { Bank, BankDiagnostic } from '../../core/bank/types';
import type { DeckInput, DeckResult } from '../../core/bank/decks';
import { GlossaryIndex } from '../../core/glossary/glossaryIndex';
import { SerialQueue } from '../../core/text/serialQueue';

export interface DeckSnapshot {
  decks: DeckInput[];
  /** Problems found while listing and reading (size, encoding…), before any parsing. */
  problems: BankDiagnostic[];
}

/** Where user decks come from (the decks feature): files, read once and then kept live. */
export interface DeckSource {
  load(): Promise<DeckSnapshot>;
  readonly onDidChange: vscode.Event<DeckSnapshot>;
}

export interface DeckCompiler {
  compile(base: Bank, decks: readonly DeckInput[]): Promise<DeckResult>;
}

export interface DeckMerge {
  decks: number;
  questions: number;
  diagnostics: BankDiagnostic[];
  ms: number;
}

const EMPTY: Bank = { formatVersion: 1, topics: [], questions: [], concepts: [] };

export class BankService implements vscode.Disposable {
  private loading: Promise<BankView> | undefined;
  private view: BankView | undefined;
  private bundled: Bank | undefined;
  private glossary: GlossaryIndex | undefined;
  private decksLoaded: Promise<void> | undefined;
  private readonly merges = new SerialQueue((error) => this.log.error(`Decks: ${(error as Error)?.stack ?? error}`));
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private readonly merged = new vscode.EventEmitter<DeckMerge>();
  /** Fires after decks were compiled and merged (with their diagnostics), or found absent. */
  readonly onDidMergeDecks = this.merged.event;
  private readonly subscription: vscode.Disposable | undefined;
  /** The newest deck snapshot: a merge waiting in the queue compiles this one (only the latest state matters). */
  private latest: DeckSnapshot | undefined;
  /** Milliseconds spent reading and indexing the bundled bank, for the benchmark. */
  loadMs = 0;

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly log: vscode.LogOutputChannel,
    private readonly decks?: { source: DeckSource; compiler: DeckCompiler },
  ) {
    this.subscription = decks?.source.onDidChange((snapshot) => this.mergeLatest(snapshot));
  }

  /** The bank, loading it on first call. Never rejects: a broken bank logs and yields an empty one. */
  get(): Promise<BankView> {
    this.loading ??= this.load();
    return this.loading;
  }

  /** The bank as shipped (dist/bank.json), without user decks: what dist/search-index.json indexes. */
  async bundledBank(): Promise<Bank> {
    await this.get();
    return this.bundled!;
  }

  /** Synchronous access for hot paths once loaded (hover); undefined before the first load finishes. */
  get current(): BankView | undefined {
    return this.view;
  }

  get currentGlossary(): GlossaryIndex | undefined {
    if (!this.glossary && this.view) this.glossary = new GlossaryIndex(this.view.bank.concepts);
    return this.glossary;
  }

  async glossaryIndex(): Promise<GlossaryIndex> {
    await this.get();
    return this.currentGlossary!;
  }

  /** The bank once the user decks are merged in (for ids that may come from a deck). */
  async withDecks(): Promise<BankView> {
    await this.get();
    await this.ensureDecks();
    await this.merges.idle();
    return this.view!;
  }

  /** Loads the decks once (idle time or first need); later changes arrive through the source's events. */
  ensureDecks(): Promise<void> {
    this.decksLoaded ??= this.decks
      ? this.decks.source.load().then((snapshot) => this.merges.run(() => this.merge(snapshot)))
      : Promise.resolve();
    return this.decksLoaded;
  }

  private mergeLatest(snapshot: DeckSnapshot): void {
    this.latest = snapshot;
    this.merges.runOnce('merge', () => this.merge(this.latest!));
  }

  private async merge(snapshot: DeckSnapshot): Promise<void> {
    const started = Date.now();
    await this.get();
    const base = this.bundled!;
    if (!snapshot.decks.length) {
      if (this.view?.bank !== base) this.replace(base);
      this.merged.fire({ decks: 0, questions: 0, diagnostics: snapshot.problems, ms: Date.now() - started });
      return;
    }
    const result = await this.decks!.compiler.compile(base, snapshot.decks);
    this.replace(result.bank);
    this.merged.fire({ decks: snapshot.decks.length, questions: result.questionCount, diagnostics: [...snapshot.problems, ...result.diagnostics], ms: Date.now() - started });
  }

  private replace(bank: Bank): void {
    this.view = new BankView(bank);
    this.glossary = undefined;
    this.loading = Promise.resolve(this.view);
    this.changed.fire();
  }

  private async load(): Promise<BankView> {
    const started = Date.now();
    const uri = vscode.Uri.joinPath(this.extensionUri, 'dist', 'bank.json');
    try {
      const bytes = await vscode.workspace.fs.readFile(uri);
      this.bundled = loadBank(new TextDecoder().decode(bytes));
    } catch (error) {
      this.log.error(`Could not load the question bank from ${uri.toString()}: ${(error as Error).message}`);
      this.bundled = EMPTY;
    }
    this.view = new BankView(this.bundled);
    this.loadMs = Date.now() - started;
    this.log.info(`Question bank: ${this.view.bank.questions.length} questions, ${this.view.bank.concepts.length} concepts (${this.loadMs} ms)`);
    this.changed.fire();
    // First use of the bank: bring in the user decks in the background.
    void this.ensureDecks();
    return this.view;
  }

  dispose(): void {
    this.subscription?.dispose();
    this.changed.dispose();
    this.merged.dispose();
  }
}
