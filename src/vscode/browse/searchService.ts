// Search for the quick pick and the public API. On first use it loads the bundled bank's index, serialised at
// build time (dist/search-index.json), and from then on keeps it in step with the bank as user decks come and
// go, in slices that never hold the extension host for long (core/search/liveSearch.ts). A big deck change is
// answered by a small title-and-concept index until the full one has caught up; the quick pick answers at once
// and refreshes when a better index is ready, the API waits (briefly) for an index that covers the current bank.
import * as vscode from 'vscode';
import type { LiveSearch } from '../../core/search/liveSearch';
import type { SearchHit, SearchOptions } from '../../core/search/query';
import { plainMath } from '../../core/text/plainMath';
import { onDemand } from '../shared/onDemand';
import type { BankService } from '../shared/bankService';

/**
 * At most how long an API query waits, after a deck change, for an index that covers it: the full index after a
 * small change (within a slice), the fallback after a big one (well under a second at 10k questions, more on a
 * busy machine or while decks keep changing). The host is never held meanwhile: the indexing runs in slices.
 */
const COVER_MS = 10_000;

export class SearchService implements vscode.Disposable {
  private live: Promise<LiveSearch> | undefined;
  private readonly subscription: vscode.Disposable;
  /** Milliseconds from the first search to the index being ready (file read, parse, load), for the logs and tests. */
  loadMs = 0;

  constructor(private readonly bank: BankService, private readonly extensionUri: vscode.Uri, private readonly log: vscode.LogOutputChannel) {
    this.subscription = bank.onDidChange(() => void this.live?.then((live) => this.sync(live)));
  }

  /** The live index, loaded on first call. */
  get(): Promise<LiveSearch> {
    this.live ??= this.load();
    return this.live;
  }

  private async load(): Promise<LiveSearch> {
    const started = Date.now();
    const file = vscode.Uri.joinPath(this.extensionUri, 'dist', 'search-index.json');
    const [bundled, bytes, { SearchIndex, LiveSearch }] = await Promise.all([
      this.bank.bundledBank(),
      Promise.resolve(vscode.workspace.fs.readFile(file)).catch((error: unknown) => {
        this.log.warn(`Search: could not read ${file.toString()}: ${(error as Error).message}`);
        return undefined;
      }),
      onDemand(),
    ]);
    let index = bytes && SearchIndex.load(JSON.parse(new TextDecoder().decode(bytes)), bundled);
    if (!index) {
      // Only a broken build gets here: index the bank in slices instead (queries use the fallback meanwhile).
      this.log.warn('Search: dist/search-index.json is missing or does not match dist/bank.json; indexing the bank now');
      index = SearchIndex.empty();
    }
    const live = new LiveSearch(index, { now: () => performance.now(), yieldToHost: () => new Promise((resolve) => setTimeout(resolve, 0)) });
    this.loadMs = Date.now() - started;
    this.log.info(`Search: index ${index.origin === 'serialized' ? 'loaded' : 'empty'} in ${this.loadMs} ms`);
    void this.sync(live, bundled);
    // Right after loading, while the quick pick waits for the first keystroke: warm code answers it in ~1 ms.
    if (index.origin === 'serialized') setTimeout(() => index.warmUp(), 0);
    return live;
  }

  /** Brings the index to the current bank (user decks included); logs big updates. */
  private async sync(live: LiveSearch, bank = this.bank.current?.bank): Promise<void> {
    if (!bank) return;
    await live.sync(this.bank.current?.bank ?? bank);
    const stats = live.lastSync;
    if (stats && stats.ops >= 100) {
      this.log.info(`Search: ${stats.ops} documents indexed in ${Math.round(stats.ms)} ms (${stats.slices} slices, longest ${Math.round(stats.longestSliceMs)} ms)`);
    }
  }

  async search(query: string, options?: SearchOptions): Promise<SearchHit[]> {
    const live = await this.get();
    const bank = this.bank.current?.bank;
    void this.sync(live);
    if (bank) await Promise.race([live.whenCovering(bank), new Promise((resolve) => setTimeout(resolve, COVER_MS))]);
    return this.current(live.search(query, options));
  }

  /** Where the index stands, for the logs and tests. */
  async state(): Promise<{ answering: 'index' | 'fallback'; settled: boolean; covers: boolean; documents: number; lastSync?: object }> {
    const live = await this.get();
    const bank = this.bank.current?.bank;
    return { answering: live.answering, settled: live.settled, covers: !!bank && live.covers(bank), documents: live.index.size, lastSync: live.lastSync };
  }

  /** Hits still in the bank (an index a moment behind a deck change may name a removed question). */
  private current(hits: SearchHit[]): SearchHit[] {
    const view = this.bank.current;
    return view ? hits.filter((h) => h.kind === 'concept' || view.questionsById.has(h.id)) : hits;
  }

  /** The "Tensor Tutor: Search" quick pick. Resolves with the picked hit (after opening it). */
  async showQuickPick(open: (hit: SearchHit) => Thenable<unknown>, initial = ''): Promise<SearchHit | undefined> {
    const pick = vscode.window.createQuickPick<vscode.QuickPickItem & { hit?: SearchHit }>();
    pick.title = vscode.l10n.t('Tensor Tutor: Search');
    pick.placeholder = vscode.l10n.t('Search questions and concepts (typos and abbreviations welcome: "bn", "adma", "clip_grad_norm_")');
    pick.matchOnDescription = true;
    pick.matchOnDetail = true;
    pick.value = initial;
    pick.busy = true;
    const picked = new Promise<SearchHit | undefined>((resolve) => {
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
    });
    pick.show();
    const live = await this.get();
    const topics = new Map((await this.bank.get()).bank.topics.map((t) => [t.id, t.title]));
    const update = (value: string) => {
      pick.items = this.current(live.search(value, { limit: 30 })).map((hit) => ({
        label: `${hit.kind === 'concept' ? '$(symbol-key)' : '$(question)'} ${plainMath(hit.title)}`,
        description: hit.kind === 'concept' ? vscode.l10n.t('concept') : topics.get(hit.topic) ?? hit.topic,
        detail: hit.snippet,
        alwaysShow: true,
        hit,
      }));
    };
    pick.onDidChangeValue(update);
    update(pick.value);
    pick.busy = false;
    // Answers come at once from what is indexed; when the fallback or the full index catches up with a deck
    // change, the items are refreshed for what is typed.
    const bank = this.bank.current?.bank;
    if (bank && !live.covers(bank)) void live.whenCovering(bank).then(() => update(pick.value));
    void this.sync(live).then(() => update(pick.value));
    return picked;
  }

  dispose(): void {
    this.subscription.dispose();
  }
}
