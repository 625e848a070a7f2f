// Security review, part 4 (data safety), as regression tests: each scenario of the review's reproduction is
// kept, the assertion now states the fixed behaviour. Drives the real ProgressService / QuizPanel /
// ProgressCommands against the vscode stand-in, with globalState modelled as VS Code's ExtHostMemento (per-window
// cache, update resolves on acceptance) and the review log on the real disk.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { faults, messages, posted } from './vscodeMock';
import { ProgressService, type Clock } from '../../src/vscode/progress/progressService';
import { ProgressCommands } from '../../src/vscode/progress/progressCommands';
import { QuizPanel, type QuizPanelDeps } from '../../src/vscode/quiz/quizPanel';
import { createSession } from '../../src/core/quiz/session';
import { CARDS_KEY } from '../../src/core/progress/cardRecord';
import { parseLog } from '../../src/core/progress/log';
import { parseProgressFile, mergeProgress } from '../../src/core/progress/exchange';
import { BankView } from '../../src/core/bank/loadBank';
import { GlossaryIndex } from '../../src/core/glossary/glossaryIndex';
import { realBank } from '../unit/bankFixture';

/** The application storage shared by all windows (VS Code's main process), plus what reached disk. */
class SharedStorage {
  live = new Map<string, string>();
  disk = new Map<string, string>();
  windows: WindowMemento[] = [];
  flush() {
    this.disk = new Map(this.live);
  }
  crash() {
    this.live = new Map(this.disk);
  }
}
/** One window's globalState: a cache; `update` resolves once the main process accepted the value (not on disk). */
class WindowMemento {
  private cache = new Map<string, unknown>();
  constructor(private readonly shared: SharedStorage) {
    for (const [k, v] of shared.live) this.cache.set(k, JSON.parse(v));
    shared.windows.push(this);
  }
  get<T>(key: string, fallback?: T): T | undefined {
    return (this.cache.has(key) ? (structuredClone(this.cache.get(key)) as T) : fallback);
  }
  keys() {
    return [...this.cache.keys()];
  }
  setKeysForSync() {}
  async update(key: string, value: unknown): Promise<void> {
    this.cache.set(key, value);
    await new Promise((r) => setTimeout(r, 1));
    if (value === undefined) this.shared.live.delete(key);
    else this.shared.live.set(key, JSON.stringify(value));
    // VS Code propagates application-scope changes to the other windows' caches (best case: immediately).
    for (const w of this.shared.windows) if (w !== this) w.cache.set(key, value);
  }
}

const settings = { desiredRetention: () => 0.9 } as never;
const log = { info() {}, warn() {}, error() {}, trace() {}, debug() {} } as never;
let dir: string;
let clockMs = Date.parse('2026-12-04T10:00:00Z');
const clock: Clock = { now: () => new Date(clockMs) };
function windowOf(shared: SharedStorage, storage = dir) {
  const context = { globalState: new WindowMemento(shared), globalStorageUri: vscode.Uri.file(storage) } as never;
  return new ProgressService(context, settings, log, clock);
}
const logFiles = () => readdirSync(dir).filter((n) => n.endsWith('.jsonl'));
const logEvents = () => logFiles().flatMap((n) => parseLog(readFileSync(join(dir, n), 'utf8'), n).events);
const logIds = () => logEvents().filter((e) => e.t === 'review').map((e) => (e as { id: string }).id);
const storedCards = (shared: SharedStorage, where: 'live' | 'disk' = 'live') => Object.keys((JSON.parse(shared[where].get(CARDS_KEY) ?? '{"cards":{}}') as { cards: object }).cards);
const told = (kinds: string[]) => messages.filter((m) => kinds.includes(m.kind));

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'tt-sec-'));
  messages.length = 0;
  posted.length = 0;
  delete faults.readFile;
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('when a grade is persisted (4.1)', () => {
  it('order: the review log first, the card state second; a restart after a crash rebuilds the state from the log', async () => {
    const shared = new SharedStorage();
    const w = windowOf(shared);
    const order: string[] = [];
    const memento = w['context'].globalState as unknown as WindowMemento;
    const origUpdate = memento.update.bind(memento);
    memento.update = async (k, v) => (order.push(`globalState:${k}`), origUpdate(k, v));
    const append = w.logs.append.bind(w.logs);
    w.logs.append = async (event) => {
      await append(event);
      order.push(`log:${logFiles().join(',').replace(/\.[^.]+\.jsonl/, '.<session>.jsonl')}`);
    };
    await w.grade('q1', 'good', 1000);
    expect(order).toEqual(['log:reviews-2026-12.<session>.jsonl', `globalState:${CARDS_KEY}`]);
    // VS Code is killed before application storage reached disk (it flushes on a delay); the log file is on disk.
    shared.crash();
    const restarted = windowOf(shared);
    await restarted.replay();
    expect(logIds()).toEqual(['q1']);
    expect(restarted.get('q1')?.reps).toBe(1); // replay restored it
    expect(restarted.status('q1')).not.toBe('new');
  });
});

describe('two windows (or Settings Sync) grading (4.2)', () => {
  it('FIXED: no writer replaces another\'s cards or log lines; a fresh window knows every review', async () => {
    const shared = new SharedStorage();
    const a = windowOf(shared);
    const b = windowOf(shared);
    await a.grade('qa1', 'good', 1000);
    clockMs += 60_000;
    await b.grade('qb1', 'good', 1000);
    clockMs += 60_000;
    await a.grade('qa2', 'good', 1000);
    expect(storedCards(shared).sort()).toEqual(['qa1', 'qa2', 'qb1']);
    expect(logIds().sort()).toEqual(['qa1', 'qa2', 'qb1']);
    expect(logFiles()).toHaveLength(2); // one append-only file per window session
    const fresh = windowOf(shared);
    expect(fresh.get('qb1')?.reps).toBe(1);
  });
});

describe('review log read and write failures (4.3, 4.4, 4.5)', () => {
  it('FIXED: a failed read (not "file not found") never counts as an empty file: nothing is overwritten, the file is set aside, the learner is told', async () => {
    const shared = new SharedStorage();
    const w1 = windowOf(shared);
    for (let i = 0; i < 5; i++) {
      clockMs += 1000;
      await w1.grade(`q${i}`, 'good', 1000);
    }
    expect(logIds()).toHaveLength(5);
    const before = logFiles().map((n) => readFileSync(join(dir, n), 'utf8')).join('');
    const w2 = windowOf(shared);
    faults.readFile = (p) => (p.endsWith('.jsonl') ? Object.assign(new Error('EBUSY: resource busy or locked'), { code: 'EBUSY' }) : undefined);
    clockMs += 1000;
    await w2.grade('q5', 'good', 1000);
    await w2.replay(); // reads every log: the first window's file cannot be read
    delete faults.readFile;
    const backups = readdirSync(join(dir, 'backups')).filter((n) => n.startsWith('unreadable-'));
    expect(backups).toHaveLength(1);
    expect(readFileSync(join(dir, 'backups', backups[0]), 'utf8')).toBe(before); // the five reviews, byte for byte
    expect(logIds()).toEqual(['q5']); // the live folder holds the new review; the old file is safe in backups
    expect(told(['warning', 'error']).some((m) => /could not read the review log/.test(m.text))).toBe(true);
    expect(w2.get('q0')?.reps).toBe(1); // the card states were never touched
  });

  it('FIXED: a log write failure keeps the review, tells the learner, and retries; grading again is not needed (no double count)', async () => {
    const shared = new SharedStorage();
    const w = windowOf(shared);
    // The disk is full for the log's append (Node fs in the desktop host, workspace.fs elsewhere).
    const append = w.logs.append.bind(w.logs);
    w.logs.append = async () => {
      throw new Error('ENOSPC: no space left on device');
    };
    const receipt = await w.grade('q1', 'good', 1000);
    w.logs.append = append;
    expect(receipt.card.reps).toBe(1);
    expect(w.get('q1')?.reps).toBe(1);
    expect(told(['error']).some((m) => /could not save your review/.test(m.text))).toBe(true);
    expect(w.engine.pendingCount).toBe(1);
    clockMs += 1000;
    await w.grade('q2', 'good', 1000); // the next write retries the waiting one first
    expect(logIds()).toEqual(['q1', 'q2']);
    expect(w.engine.pendingCount).toBe(0);
    expect(w.get('q1')?.reps).toBe(1);
  });

  it('a partial last line (crash mid-write) is copied to a backup once by recover(); the append-only file is never rewritten', async () => {
    const shared = new SharedStorage();
    const w = windowOf(shared);
    await w.grade('q1', 'good', 1000);
    const [file] = logFiles();
    writeFileSync(join(dir, file), `${readFileSync(join(dir, file), 'utf8')}{"t":"review","rid":"x","id":"q2","grade":"go`);
    const w2 = windowOf(shared);
    clockMs += 1000;
    await w2.grade('q3', 'good', 1000);
    const text = readFileSync(join(dir, file), 'utf8');
    expect(parseLog(text, file).bad.map((b) => b.line)).toEqual([2]);
    const backup = await w2.recover();
    expect(backup).toBeDefined();
    expect(JSON.parse(readFileSync(backup!.path, 'utf8')).reviewLog[0].text).toContain('"grade":"go');
    expect(readFileSync(join(dir, file), 'utf8')).toBe(text);
    expect(logIds().sort()).toEqual(['q1', 'q3']);
    expect(await w2.recover()).toBeUndefined(); // told once
  });
});

describe('quiz panel: a double keypress / double click on a grade (4.6)', () => {
  it('FIXED: two grade messages before the first is persisted grade the card once and the next card is shown', async () => {
    const shared = new SharedStorage();
    const progress = windowOf(shared);
    const bank = realBank().bank;
    const view = new BankView(bank);
    const ids = view.cards.cards.filter((c) => c.kind === 'flashcard').slice(0, 3).map((c) => c.id);
    const deps: QuizPanelDeps = {
      extensionUri: vscode.Uri.file('/ext'),
      bank: { current: view, get: async () => view, withDecks: async () => view, glossaryIndex: async () => new GlossaryIndex(bank.concepts) } as never,
      progress, log,
    };
    const panel = await QuizPanel.open(deps, createSession('t', ids, Date.now()));
    await panel.receive({ type: 'reveal', card: ids[0] });
    await Promise.all([panel.receive({ type: 'grade', card: ids[0], grade: 'good' }), panel.receive({ type: 'grade', card: ids[0], grade: 'good' })]);
    const state = panel.sessionState;
    expect(progress.get(ids[0])?.reps).toBe(1);
    expect(progress.get(ids[1])).toBeUndefined();
    expect(state.results.map((r) => r.id)).toEqual([ids[0]]);
    expect(state.position).toBe(1);
    expect(logIds()).toEqual([ids[0]]);
    panel.dispose();
  });
});

describe('reset and import from any caller (4.7, 4.8, 4.9)', () => {
  const commandsFor = (w: ProgressService) => new ProgressCommands(w, vscode.Uri.file(dir), log, async () => (id: string) => !id.startsWith('x'));

  it('FIXED: the reset command takes no "confirmed" argument: it always asks, and a cancelled question changes nothing', async () => {
    const shared = new SharedStorage();
    const w = windowOf(shared);
    await w.grade('q1', 'good', 1000);
    const commands = commandsFor(w);
    const reset = commands.reset as unknown as (options: unknown) => Promise<vscode.Uri | undefined>;
    const backup = await reset.call(commands, { confirmed: true });
    expect(backup).toBeUndefined();
    expect(w.engine.entries().map(([id]) => id)).toEqual(['q1']);
    expect(told(['warning']).some((m) => /Reset all Tensor Tutor progress/.test(m.text))).toBe(true);
  });

  it('FIXED: import validates ranges; a card from the future cannot win the merge nor break grading', async () => {
    const shared = new SharedStorage();
    const w = windowOf(shared);
    await w.grade('q1', 'good', 1000);
    const hostile = {
      format: 'tensor-tutor-progress', version: 1, exportedAt: 'x',
      cards: {
        q1: { due: '+275760-09-13T00:00:00.000Z', stability: -1, difficulty: 1e308, scheduled_days: 1e308, reps: -5, lapses: 0, state: 99, last_review: '+275760-01-01T00:00:00.000Z' },
        ['x'.repeat(300)]: { due: '2020-01-01', stability: 0, difficulty: 0, scheduled_days: 0, reps: 0, lapses: 0, state: 2 },
      },
    };
    const parsed = parseProgressFile(JSON.stringify(hostile), clock.now());
    expect(parsed.ok).toBe(false);
    // Plausible values but a review dated next year: refused too.
    const future = { ...hostile, cards: { q1: { ...w.get('q1')!, last_review: '2027-12-01T00:00:00.000Z' } } };
    expect(parseProgressFile(JSON.stringify(future), clock.now())).toMatchObject({ ok: false, error: expect.stringMatching(/future/) });
    // Through the command's file route: refused, nothing changed, the learner told.
    const file = join(dir, 'hostile.json');
    writeFileSync(file, JSON.stringify(hostile));
    expect(await commandsFor(w).importFrom(vscode.Uri.file(file))).toBeUndefined();
    expect(w.get('q1')?.reps).toBe(1);
    expect(w.status('q1')).not.toBe('due');
    expect(told(['error']).some((m) => /Your progress was not changed/.test(m.text))).toBe(true);
    expect(mergeProgress((id) => w.get(id), new Map()).changes.size).toBe(0);
  });

  it('FIXED: import has a size cap, ignores ids the bank does not know, and writes a backup before changing anything', async () => {
    const cards: Record<string, unknown> = {};
    for (let i = 0; i < 200_000; i++) cards[`id-${i}`] = { due: '2026-01-01T00:00:00Z', stability: 1, difficulty: 1, scheduled_days: 1, reps: 1, lapses: 0, state: 2 };
    const text = JSON.stringify({ format: 'tensor-tutor-progress', version: 1, exportedAt: 'x', cards });
    const t = performance.now();
    const parsed = parseProgressFile(text, clock.now());
    const ms = Math.round(performance.now() - t);
    expect(parsed.ok).toBe(false); // more than the 100,000-card cap
    expect(ms).toBeLessThan(5000);
    const big = 'x'.repeat(21 * 1024 * 1024);
    expect(parseProgressFile(big, clock.now())).toMatchObject({ ok: false, error: expect.stringMatching(/larger than 20 MB/) });
    const shared = new SharedStorage();
    const w = windowOf(shared);
    await w.grade('q1', 'good', 1000);
    const small = join(dir, 'small.json');
    const incoming = { ...w.get('q1')!, last_review: new Date(clockMs + 1000).toISOString() };
    writeFileSync(small, JSON.stringify({ format: 'tensor-tutor-progress', version: 1, exportedAt: 'x', cards: { q1: incoming, xunknown: incoming } }));
    clockMs += 2000;
    const outcome = await commandsFor(w).importFrom(vscode.Uri.file(small));
    expect(outcome).toMatchObject({ updated: 1, unknown: 1 });
    expect(outcome?.backup?.path).toContain('/backups/progress-before-import-');
    expect(readFileSync(outcome!.backup!.path, 'utf8')).toContain('"q1"');
    expect(w.get('xunknown')).toBeUndefined();
  });

  it('FIXED (4.9): export and import commands take no target from a caller: they always ask', async () => {
    const shared = new SharedStorage();
    const w = windowOf(shared);
    const commands = commandsFor(w);
    const target = vscode.Uri.file(join(dir, 'chosen-by-a-link.json'));
    await (commands.export as unknown as (u: unknown) => Promise<unknown>).call(commands, target);
    await (commands.import as unknown as (u: unknown) => Promise<unknown>).call(commands, target);
    expect(readdirSync(dir)).not.toContain('chosen-by-a-link.json');
    expect(told(['saveDialog', 'openDialog']).length).toBe(2);
  });
});
