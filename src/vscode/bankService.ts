// Owns the loaded bank and the indexes derived from it. Loading reads dist/bank.json through
// workspace.fs (works in the desktop and web hosts); nothing is parsed until the first use.
// User decks (DeckService) are merged in afterwards: `get()` never waits for them.
import * as vscode from 'vscode';
import { BankView, loadBank } from '../core/bank/loadBank';
import type { Bank } from '../core/bank/types';
import { GlossaryIndex } from '../core/glossary/glossaryIndex';

export class BankService implements vscode.Disposable {
  private loading: Promise<BankView> | undefined;
  private view: BankView | undefined;
  private bundled: Bank | undefined;
  /** Set by the DeckService: loads the user decks (once) and resolves when they are merged. */
  decksLoader: (() => Promise<void>) | undefined;
  private glossary: GlossaryIndex | undefined;
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  /** Milliseconds spent reading and indexing the bank, for the benchmark. */
  loadMs = 0;

  constructor(private readonly extensionUri: vscode.Uri, private readonly log: vscode.LogOutputChannel) {}

  /** The bank, loading it on first call. Never rejects: a broken bank logs and yields an empty one. */
  get(): Promise<BankView> {
    this.loading ??= this.load();
    return this.loading;
  }

  /** Synchronous access for hot paths once loaded (hover); undefined before the first load finishes. */
  get current(): BankView | undefined {
    return this.view;
  }

  get currentGlossary(): GlossaryIndex | undefined {
    if (!this.glossary && this.view) this.glossary = new GlossaryIndex(this.view.bank.concepts);
    return this.glossary;
  }

  /** The bank as shipped, without decks (what decks are compiled against). */
  async bundledBank(): Promise<Bank> {
    await this.get();
    return this.bundled!;
  }

  /** The bank once the user decks are merged in (for ids that may come from a deck). */
  async withDecks(): Promise<BankView> {
    await this.get();
    await this.decksLoader?.();
    return this.view!;
  }

  /** Replaces the merged bank (bundled + decks); indexes are rebuilt on next use. */
  applyDecks(bank: Bank): void {
    this.view = new BankView(bank);
    this.glossary = undefined;
    this.loading = Promise.resolve(this.view);
    this.changed.fire();
  }

  async glossaryIndex(): Promise<GlossaryIndex> {
    await this.get();
    return this.currentGlossary!;
  }

  private async load(): Promise<BankView> {
    const started = Date.now();
    const uri = vscode.Uri.joinPath(this.extensionUri, 'dist', 'bank.json');
    try {
      const bytes = await vscode.workspace.fs.readFile(uri);
      this.bundled = loadBank(new TextDecoder().decode(bytes));
      this.view = new BankView(this.bundled);
    } catch (error) {
      this.log.error(`Could not load the question bank from ${uri.toString()}: ${(error as Error).message}`);
      this.bundled = { formatVersion: 1, topics: [], questions: [], concepts: [] };
      this.view = new BankView(this.bundled);
    }
    this.loadMs = Date.now() - started;
    this.log.info(`Question bank: ${this.view.bank.questions.length} questions, ${this.view.bank.concepts.length} concepts (${this.loadMs} ms)`);
    this.changed.fire();
    // First use of the bank: bring in the user decks in the background (they fire onDidChange when merged).
    void this.decksLoader?.();
    return this.view;
  }

  dispose(): void {
    this.changed.dispose();
  }
}
