// The search index, built on first use (or when the window is idle after activation), rebuilt when the
// bank changes. The quick pick searches as the learner types.
import * as vscode from 'vscode';
import type { SearchIndex, SearchHit } from '../../core/search/searchIndex';
import { onDemand } from '../shared/onDemand';
import type { BankService } from '../shared/bankService';

export class SearchService implements vscode.Disposable {
  private index: Promise<SearchIndex> | undefined;
  private readonly subscription: vscode.Disposable;
  buildMs = 0;

  constructor(private readonly bank: BankService) {
    this.subscription = bank.onDidChange(() => (this.index = undefined));
  }

  get(): Promise<SearchIndex> {
    this.index ??= Promise.all([this.bank.get(), onDemand()]).then(([view, { SearchIndex }]) => {
      const started = Date.now();
      const index = new SearchIndex(view.bank);
      this.buildMs = Date.now() - started;
      return index;
    });
    return this.index;
  }

  async search(query: string, options?: { limit?: number; topic?: string; kind?: 'question' | 'concept' }): Promise<SearchHit[]> {
    return (await this.get()).search(query, options);
  }

  /** The "Tensor Tutor: Search" quick pick. Resolves with the picked hit (after opening it). */
  async showQuickPick(open: (hit: SearchHit) => Thenable<unknown>, initial = ''): Promise<SearchHit | undefined> {
    const index = await this.get();
    const topics = new Map((await this.bank.get()).bank.topics.map((t) => [t.id, t.title]));
    const pick = vscode.window.createQuickPick<vscode.QuickPickItem & { hit?: SearchHit }>();
    pick.title = vscode.l10n.t('Tensor Tutor: Search');
    pick.placeholder = vscode.l10n.t('Search questions and concepts (typos and abbreviations welcome: "bn", "adma", "clip_grad_norm_")');
    pick.matchOnDescription = true;
    pick.matchOnDetail = true;
    const update = (value: string) => {
      pick.items = index.search(value, { limit: 30 }).map((hit) => ({
        label: `${hit.kind === 'concept' ? '$(symbol-key)' : '$(question)'} ${hit.title}`,
        description: hit.kind === 'concept' ? vscode.l10n.t('concept') : topics.get(hit.topic) ?? hit.topic,
        detail: hit.snippet,
        alwaysShow: true,
        hit,
      }));
    };
    pick.onDidChangeValue(update);
    pick.value = initial;
    update(initial);
    return new Promise((resolve) => {
      pick.onDidAccept(() => {
        const hit = pick.selectedItems[0]?.hit;
        pick.hide();
        if (hit) void open(hit);
        resolve(hit);
      });
      pick.onDidHide(() => {
        pick.dispose();
        resolve(undefined);
      });
      pick.show();
    });
  }

  dispose(): void {
    this.subscription.dispose();
  }
}
