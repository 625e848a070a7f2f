// The review log as the source of truth: simulated windows (each with its own globalState cache, as VS Code's
// ExtHostMemento) writing over one storage folder, crashes, failed writes, undo across a reload, imports.
import { describe, expect, it } from 'vitest';
import { ProgressEngine, PENDING_KEY, type KeyValueStore } from '../../src/core/progress/engine';
import { CARDS_KEY, LEGACY_PROGRESS_KEY, QUARANTINE_KEY } from '../../src/core/progress/cardRecord';
import { parseLog, serializeEvent, logFileName, type LogEvent } from '../../src/core/progress/log';
import { deriveStates, effectiveReviews } from '../../src/core/progress/replay';
import { Scheduler, type Grade4, type StoredCard } from '../../src/core/quiz/scheduler';
import { mergeProgress, parseProgressFile, serializeProgressFile } from '../../src/core/progress/exchange';
import { seededRandom, shuffle } from '../../src/core/quiz/random';

/** Application storage shared by all windows, with what reached disk (VS Code flushes it later). */
class SharedStorage {
  live = new Map<string, string>();
  disk = new Map<string, string>();
  windows: WindowMemento[] = [];
  /** false: other windows' caches see a write only when `propagate()` is called. */
  instant = true;
  flush() {
    this.disk = new Map(this.live);
  }
  crash() {
    this.live = new Map(this.disk);
  }
  propagate() {
    for (const w of this.windows) w.reloadCache();
  }
}
class WindowMemento implements KeyValueStore {
  private cache = new Map<string, unknown>();
  constructor(private readonly shared: SharedStorage) {
    this.reloadCache();
    shared.windows.push(this);
  }
  reloadCache() {
    this.cache = new Map([...this.shared.live].map(([k, v]) => [k, JSON.parse(v)]));
  }
  get<T>(key: string): T | undefined {
    return this.cache.has(key) ? (structuredClone(this.cache.get(key)) as T) : undefined;
  }
  async update(key: string, value: unknown): Promise<void> {
    this.cache.set(key, value === undefined ? undefined : JSON.parse(JSON.stringify(value)));
    await Promise.resolve();
    if (value === undefined) this.shared.live.delete(key);
    else this.shared.live.set(key, JSON.stringify(value));
    if (this.shared.instant) for (const w of this.shared.windows) if (w !== this) w.cache.set(key, JSON.parse(JSON.stringify(value ?? null)));
  }
}

/** The global storage folder: each window appends to its own file, replay reads all of them. */
class Folder {
  files = new Map<string, string>();
  failAppend = false;
}

let clockMs = Date.parse('2026-12-04T10:00:00Z');
const clock = { now: () => new Date(clockMs) };
let ids = 0;

function windowOf(shared: SharedStorage, folder: Folder, session: string, problems: unknown[] = []) {
  const kv = new WindowMemento(shared);
  const engine = new ProgressEngine({
    kv,
    clock,
    newId: () => `${session}-${String(++ids).padStart(6, '0')}`,
    scheduler: () => new Scheduler(0.9),
    sink: {
      async append(event) {
        if (folder.failAppend) throw new Error('ENOSPC: no space left on device');
        const name = logFileName(new Date(event.at), session);
        folder.files.set(name, (folder.files.get(name) ?? '') + serializeEvent(event));
      },
    },
    source: { async readAll() { return [...folder.files].flatMap(([name, text]) => parseLog(text, name).events); } },
    onLogProblem: (error) => problems.push(error),
  });
  return { kv, engine };
}
const tick = (minutes = 1) => (clockMs += minutes * 60_000);
const logIds = (folder: Folder) => [...folder.files].flatMap(([n, t]) => parseLog(t, n).events).filter((e) => e.t === 'review').map((e) => (e as { id: string }).id).sort();

describe('two windows (or Settings Sync) grading: no review is lost', () => {
  it('alternating grades in two windows all survive in the card states and the log', async () => {
    const shared = new SharedStorage();
    const folder = new Folder();
    const a = windowOf(shared, folder, 'A');
    const b = windowOf(shared, folder, 'B');
    await a.engine.grade('qa1', 'good', 1000); tick();
    await b.engine.grade('qb1', 'good', 1000); tick();
    await a.engine.grade('qa2', 'good', 1000);
    expect(Object.keys(JSON.parse(shared.live.get(CARDS_KEY)!).cards).sort()).toEqual(['qa1', 'qa2', 'qb1']);
    expect(logIds(folder)).toEqual(['qa1', 'qa2', 'qb1']);
    expect(windowOf(shared, folder, 'C').engine.get('qb1')?.reps).toBe(1);
  });

  it('a window with a stale cache overwrites nothing for good: replay on focus brings every review back', async () => {
    const shared = new SharedStorage();
    shared.instant = false; // the worst case: B never sees A's writes until it reloads its cache
    const folder = new Folder();
    const a = windowOf(shared, folder, 'A');
    const b = windowOf(shared, folder, 'B');
    await a.engine.grade('x', 'good', 1); tick();
    await b.engine.grade('y', 'good', 1); tick(); // B writes its stale map without x
    expect(Object.keys(JSON.parse(shared.live.get(CARDS_KEY)!).cards)).toEqual(['y']);
    await b.engine.replay(); // B gets focus: the log has x
    expect(b.engine.get('x')?.reps).toBe(1);
    expect(Object.keys(JSON.parse(shared.live.get(CARDS_KEY)!).cards).sort()).toEqual(['x', 'y']);
  });

  it('the same card graded in both windows: the later review wins everywhere, both stay in the log', async () => {
    const shared = new SharedStorage();
    const folder = new Folder();
    const a = windowOf(shared, folder, 'A');
    const b = windowOf(shared, folder, 'B');
    await a.engine.grade('q', 'again', 1); tick(60 * 24);
    await b.engine.grade('q', 'easy', 1);
    await a.engine.replay();
    expect(a.engine.get('q')).toEqual(b.engine.get('q'));
    expect(a.engine.get('q')?.reps).toBe(2);
    expect(logIds(folder)).toEqual(['q', 'q']);
  });
});

describe('crashes and failed writes', () => {
  it('killed right after a grade, before globalState reached disk: the restart replays the log', async () => {
    const shared = new SharedStorage();
    const folder = new Folder();
    const w = windowOf(shared, folder, 'A');
    await w.engine.grade('q1', 'good', 1000);
    shared.crash(); // the state write never reached disk; the log line did
    const restarted = windowOf(shared, folder, 'A2');
    expect(restarted.engine.get('q1')).toBeUndefined();
    expect(await restarted.engine.replay()).toBe(1);
    expect(restarted.engine.get('q1')?.reps).toBe(1);
    expect(restarted.engine.status('q1')).not.toBe('new');
  });

  it('the log entry is written before the card state', async () => {
    const shared = new SharedStorage();
    const folder = new Folder();
    const order: string[] = [];
    const w = windowOf(shared, folder, 'A');
    const update = w.kv.update.bind(w.kv);
    w.kv.update = async (k, v) => (order.push(`state:${k}`), update(k, v));
    const origSet = folder.files.set.bind(folder.files);
    folder.files.set = (k, v) => (order.push('log'), origSet(k, v));
    await w.engine.grade('q', 'good', 1);
    expect(order).toEqual(['log', `state:${CARDS_KEY}`]);
  });

  it('a failed log write tells the caller, keeps the review, and retries it with the next write', async () => {
    const shared = new SharedStorage();
    const folder = new Folder();
    const problems: unknown[] = [];
    const w = windowOf(shared, folder, 'A', problems);
    folder.failAppend = true;
    const receipt = await w.engine.grade('q1', 'good', 1);
    expect(receipt.card.reps).toBe(1);
    expect(w.engine.get('q1')?.reps).toBe(1); // graded once, not twice
    expect(String(problems[0])).toMatch(/ENOSPC/);
    expect(w.engine.pendingCount).toBe(1);
    folder.failAppend = false;
    tick();
    await w.engine.grade('q2', 'good', 1);
    expect(logIds(folder)).toEqual(['q1', 'q2']);
    expect(w.kv.get(PENDING_KEY)).toBeUndefined();
    expect(problems.at(-1)).toBeUndefined(); // "recovered"
  });
});

describe('undo', () => {
  it('appends a compensating entry; the statistics skip the undone review; a replay does not bring it back', async () => {
    const shared = new SharedStorage();
    const folder = new Folder();
    const w = windowOf(shared, folder, 'A');
    const first = await w.engine.grade('q', 'good', 1); tick();
    const second = await w.engine.grade('q', 'again', 1); tick();
    expect(await w.engine.undo('q', second.rid)).toBe(true);
    expect(w.engine.get('q')).toEqual(first.card);
    const events = [...folder.files].flatMap(([n, t]) => parseLog(t, n).events);
    expect(events.map((e) => e.t)).toEqual(['review', 'review', 'undo']);
    expect(effectiveReviews(events).map((r) => r.grade)).toEqual(['good']);
    await w.engine.replay();
    expect(w.engine.get('q')).toEqual(first.card);
    expect(await w.engine.undo('q', first.rid)).toBe(true);
    expect(w.engine.get('q')).toBeUndefined();
  });

  it('after a window reload, undo takes back exactly the review it names, once', async () => {
    const shared = new SharedStorage();
    const folder = new Folder();
    const w = windowOf(shared, folder, 'A');
    const r = await w.engine.grade('q', 'good', 1); tick();
    const reloaded = windowOf(shared, folder, 'A-reloaded'); // knows the review only from the log
    expect(await reloaded.engine.undo('q', r.rid)).toBe(true);
    expect(await reloaded.engine.undo('q', r.rid)).toBe(false); // a second undo of the same review does nothing
    expect(reloaded.engine.get('q')).toBeUndefined();
    await reloaded.engine.grade('q', 'good', 1);
    expect(reloaded.engine.get('q')?.reps).toBe(1); // counted once
  });

  it('refuses to undo a review that is no longer the card\'s latest event', async () => {
    const shared = new SharedStorage();
    const folder = new Folder();
    const w = windowOf(shared, folder, 'A');
    const old = await w.engine.grade('q', 'good', 1); tick();
    await w.engine.grade('q', 'good', 1);
    expect(await w.engine.undo('q', old.rid)).toBe(false);
  });
});

describe('replay', () => {
  it('is deterministic: shuffled and duplicated events give the same states', async () => {
    const shared = new SharedStorage();
    const folder = new Folder();
    const w = windowOf(shared, folder, 'A');
    for (const [id, g] of [['a', 'good'], ['b', 'again'], ['a', 'hard'], ['c', 'easy'], ['b', 'good']] as const) {
      await w.engine.grade(id, g, 1);
      tick(30);
    }
    const events = [...folder.files].flatMap(([n, t]) => parseLog(t, n).events);
    const fold = (card: StoredCard | undefined, grade: Grade4, at: Date) => new Scheduler().grade(card, grade, at);
    const reference = deriveStates(events, fold);
    for (let seed = 1; seed < 6; seed++) {
      const mixed = shuffle([...events, ...events.slice(0, 2)], seededRandom(seed));
      expect(deriveStates(mixed, fold)).toEqual(reference);
    }
  });

  it('reads version-1 logs and the version-1 state map (migration keeps every card)', async () => {
    const shared = new SharedStorage();
    const folder = new Folder();
    const old = new Scheduler().grade(undefined, 'good', new Date(clockMs));
    shared.live.set(LEGACY_PROGRESS_KEY, JSON.stringify({ version: 1, cards: { q: old, broken: { due: 'yesterday' } } }));
    folder.files.set('reviews-2026-12.jsonl', `${JSON.stringify({ id: 'q', grade: 'good', state: 1, reviewedAt: new Date(clockMs).toISOString(), due: old.due, durationMs: 5, previousState: 0 })}\n{"torn":`);
    const w = windowOf(shared, folder, 'A');
    expect(w.engine.lastLoad).toMatchObject({ migrated: 1, setAside: 1 });
    expect(w.engine.get('q')).toEqual(old);
    expect(JSON.stringify(w.kv.get(QUARANTINE_KEY))).toContain('yesterday');
    expect(await w.engine.replay()).toBe(0); // the recomputed version-1 state never beats the stored one
    const parsed = parseLog(folder.files.get('reviews-2026-12.jsonl')!, 'reviews-2026-12.jsonl');
    expect(parsed.bad).toEqual([{ line: 2, text: '{"torn":' }]);
    expect(effectiveReviews(parsed.events)).toMatchObject([{ id: 'q', wasNew: true }]);
  });

  it('a record written by a newer version is read but never overwritten', async () => {
    const shared = new SharedStorage();
    const folder = new Folder();
    const newer = { version: 3, cards: { q: { card: null, at: new Date(clockMs).toISOString(), rid: 'x' } }, extra: 'future field' };
    shared.live.set(CARDS_KEY, JSON.stringify(newer));
    const w = windowOf(shared, folder, 'A');
    expect(w.engine.isReadOnly).toBe(true);
    await w.engine.grade('p', 'good', 1);
    expect(JSON.parse(shared.live.get(CARDS_KEY)!)).toEqual(newer);
    expect(logIds(folder)).toEqual(['p']); // the review itself is safe in the log
  });
});

describe('reset and import', () => {
  it('reset masks every earlier state, also ones synced in later from before the reset; the log keeps the reviews', async () => {
    const shared = new SharedStorage();
    const folder = new Folder();
    const w = windowOf(shared, folder, 'A');
    await w.engine.grade('q', 'good', 1); tick();
    await w.engine.reset(); tick();
    expect(w.engine.get('q')).toBeUndefined();
    await w.engine.replay();
    expect(w.engine.get('q')).toBeUndefined();
    await w.engine.grade('q', 'easy', 1);
    expect(w.engine.get('q')?.reps).toBe(1);
    expect(logIds(folder)).toEqual(['q', 'q']);
  });

  it('import validates values, refuses future reviews and cannot be won by a made-up date', () => {
    const now = new Date(clockMs);
    const card = new Scheduler().grade(undefined, 'good', now);
    const file = (cards: Record<string, unknown>) => JSON.stringify({ format: 'tensor-tutor-progress', version: 1, exportedAt: now.toISOString(), cards });
    expect(parseProgressFile(file({ q: { ...card, state: 99 } }), now)).toMatchObject({ ok: false });
    expect(parseProgressFile(file({ q: { ...card, reps: -2 } }), now)).toMatchObject({ ok: false });
    expect(parseProgressFile(file({ q: { ...card, last_review: '2030-01-01T00:00:00Z' } }), now)).toMatchObject({ ok: false, error: expect.stringMatching(/future/) });
    expect(parseProgressFile(file({ q: { ...card, last_review: '+275760-09-13T00:00:00.000Z' } }), now)).toMatchObject({ ok: false });
    const parsed = parseProgressFile(file({ q: card, 'not-a-question': card }), now, (id) => id === 'q');
    expect(parsed).toMatchObject({ ok: true, unknownIds: ['not-a-question'] });
    const round = parseProgressFile(serializeProgressFile([['q', card]], now), now);
    expect(round.ok && mergeProgress(() => card, round.cards).keptLocal).toBe(1);
    expect(parseProgressFile('x'.repeat(21 * 1024 * 1024), now)).toMatchObject({ ok: false, error: expect.stringMatching(/MB/) });
  });

  it('imported states are set events in the log: a replay keeps them', async () => {
    const shared = new SharedStorage();
    const folder = new Folder();
    const w = windowOf(shared, folder, 'A');
    const card = new Scheduler().grade(undefined, 'easy', new Date(clockMs - 86_400_000));
    await w.engine.setCards([['q', card]]);
    shared.crash();
    const restarted = windowOf(shared, folder, 'B');
    await restarted.engine.replay();
    expect(restarted.engine.get('q')).toEqual(card);
    const events: LogEvent[] = [...folder.files].flatMap(([n, t]) => parseLog(t, n).events);
    expect(events.map((e) => e.t)).toEqual(['set']);
  });
});
