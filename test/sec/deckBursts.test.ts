// A burst of deck changes (git checkout, unzip, a 2,000-file deck still being reported by the watcher) must not
// queue one compile per event: the bank compiles what is current when a compile starts, and drops the snapshots
// that a newer one replaced while it waited.
import { describe, expect, it } from 'vitest';
import * as vscode from 'vscode';
import { BankService, type DeckSnapshot } from '../../src/vscode/shared/bankService';
import type { Bank } from '../../src/core/bank/types';

const log = { info() {}, warn() {}, error() {}, trace() {}, debug() {} } as never;
const snapshot = (name: string): DeckSnapshot => ({ decks: [{ name, files: [] }], problems: [] });

describe('deck changes in bursts', () => {
  it('compiles the latest snapshot once per free slot, never once per event', async () => {
    const changes = new vscode.EventEmitter<DeckSnapshot>();
    const compiled: string[] = [];
    const compiler = {
      async compile(base: Bank, decks: readonly { name: string }[]) {
        compiled.push(decks[0].name);
        await new Promise((r) => setTimeout(r, 30)); // a compile takes a while (worker round trip)
        return { bank: { ...base, topics: [{ id: decks[0].name, title: decks[0].name }] } as Bank, diagnostics: [], questionCount: 0 };
      },
    };
    const source = { load: async () => ({ decks: [], problems: [] }), onDidChange: changes.event };
    // No dist/bank.json here: the bank is empty, which is all this test needs.
    const bank = new BankService(vscode.Uri.file('/no/such/extension'), log, { source, compiler });
    await bank.withDecks();

    for (let i = 0; i < 10; i++) changes.fire(snapshot(`first-${i}`));
    await new Promise((r) => setTimeout(r, 10)); // the first compile is running
    for (let i = 0; i < 5; i++) changes.fire(snapshot(`second-${i}`));
    await bank.withDecks();

    expect(compiled).toEqual(['first-9', 'second-4']);
    expect(bank.current?.bank.topics.map((t) => t.id)).toEqual(['second-4']);
  });
});
