// Security review 3.7 / 3.8 as regression tests: the workspace deck folder on a real disk — symlinks out of the
// workspace, symlink fan-out — through the real DeckService (and the bank that reads it through DeckSource).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { config, fsStats } from './vscodeMock';
import { DeckService } from '../../src/vscode/decks/deckService';
import { compileDecks } from '../../src/core/bank/decks';
import { realBank } from '../unit/bankFixture';

const log = { info() {}, warn() {}, error() {}, trace() {}, debug() {} } as never;
let root: string;
const settings = { deckFolders: () => (config['deckFolders'] as string[] | undefined) ?? [] } as never;
const question = (id: string, topic: string) => `---\nid: ${id}\ntopic: ${topic}\ndifficulty: basic\n---\n# Secret question ${id}?\n\nThe secret answer.\n`;

async function load(decks: DeckService) {
  const snapshot = await decks.load();
  return compileDecks(realBank().bank, snapshot.decks).bank;
}

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'tt-ws-'));
  fsStats.readDirectory = 0;
  fsStats.readFile = 0;
  delete config['deckFolders'];
  (vscode.workspace as { isTrusted: boolean }).isTrusted = true;
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('workspace deck folder and workspace trust', () => {
  it('FIXED (3.7): in Restricted Mode a .tensor-tutor symlink out of the workspace is not followed', async () => {
    const outside = join(root, 'home-of-user', 'notes');
    mkdirSync(outside, { recursive: true });
    writeFileSync(join(outside, 'private.md'), question('private-note', realBank().bank.topics[0].id));
    const ws = join(root, 'cloned-repo');
    mkdirSync(ws);
    symlinkSync(outside, join(ws, '.tensor-tutor'));
    vscode.workspace.workspaceFolders = [{ uri: vscode.Uri.file(ws), name: 'repo', index: 0 }];
    (vscode.workspace as { isTrusted: boolean }).isTrusted = false;
    const decks = new DeckService(settings, log);
    const bank = await load(decks);
    expect(bank.questions.some((q) => q.id.endsWith(':private-note'))).toBe(false);
    expect(fsStats.readFile).toBe(0);
    decks.dispose();
  });

  it('FIXED (3.7): inside a deck, a link whose target leaves the deck root is never followed, trusted or not', async () => {
    const outside = join(root, 'elsewhere');
    mkdirSync(outside);
    writeFileSync(join(outside, 'private.md'), question('leaked', realBank().bank.topics[0].id));
    const ws = join(root, 'repo');
    const deck = join(ws, '.tensor-tutor');
    mkdirSync(deck, { recursive: true });
    symlinkSync(outside, join(deck, 'linked-folder'));
    symlinkSync(join(outside, 'private.md'), join(deck, 'linked-file.md'));
    writeFileSync(join(deck, 'own.md'), question('own', realBank().bank.topics[0].id));
    vscode.workspace.workspaceFolders = [{ uri: vscode.Uri.file(ws), name: 'repo', index: 0 }];
    const decks = new DeckService(settings, log);
    const bank = await load(decks);
    expect(bank.questions.some((q) => q.id.endsWith(':own'))).toBe(true);
    expect(bank.questions.some((q) => q.id.endsWith(':leaked'))).toBe(false);
    decks.dispose();
  });

  it('FIXED (3.8): symlink fan-out inside a deck: each real folder is listed once, and listings are capped', async () => {
    const ws = join(root, 'repo');
    const deck = join(ws, '.tensor-tutor', 'd');
    mkdirSync(deck, { recursive: true });
    for (let i = 0; i < 6; i++) symlinkSync('.', join(deck, `l${i}`)); // each link points back at its own folder
    vscode.workspace.workspaceFolders = [{ uri: vscode.Uri.file(ws), name: 'repo', index: 0 }];
    const decks = new DeckService(settings, log);
    decks.folder.limits = { ...decks.folder.limits, maxDepth: 8 }; // the default: 335,924 listings before the fix
    const t = performance.now();
    await decks.load();
    const listings = fsStats.readDirectory;
    console.log(`fan-out 6 at depth 8: ${listings} readDirectory calls in ${Math.round(performance.now() - t)} ms (review: 335,924)`);
    expect(listings).toBeLessThanOrEqual(3);
    decks.dispose();
  });

  it('deckFolders from settings: relative paths are taken from the workspace folder (trusted workspaces only; VS Code filters it in Restricted Mode)', async () => {
    const outside = join(root, 'elsewhere');
    mkdirSync(outside);
    writeFileSync(join(outside, 'x.md'), question('x', realBank().bank.topics[0].id));
    const ws = join(root, 'repo2');
    mkdirSync(ws);
    vscode.workspace.workspaceFolders = [{ uri: vscode.Uri.file(ws), name: 'repo2', index: 0 }];
    config['deckFolders'] = ['../elsewhere'];
    const decks = new DeckService(settings, log);
    expect((await load(decks)).questions.some((q) => q.id.endsWith(':x'))).toBe(true);
    decks.dispose();
  });
});
