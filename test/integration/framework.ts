// A minimal test runner for the extension host (Node and web worker alike: no mocha, no Node APIs).
// Tests run in registration order; the result line is picked up by the harness from the log.

type TestFn = () => Promise<void> | void;
const tests: { name: string; fn: TestFn }[] = [];

export function test(name: string, fn: TestFn): void {
  tests.push({ name, fn });
}

export class AssertionError extends Error {}

export function assert(condition: unknown, message: string): asserts condition {
  if (!condition) throw new AssertionError(message);
}

export function assertEqual<T>(actual: T, expected: T, message = ''): void {
  if (JSON.stringify(actual) !== JSON.stringify(expected)) {
    throw new AssertionError(`${message}${message ? ': ' : ''}expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
  }
}

/** Polls until `check` returns a truthy value; event-driven waits are preferred where an event exists. */
export async function waitFor<T>(check: () => T | Promise<T>, what: string, ms = 10_000): Promise<NonNullable<T>> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value) return value as NonNullable<T>;
    if (Date.now() > deadline) throw new AssertionError(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

export interface RunOptions {
  /** Only tests whose name contains this text. */
  filter?: string;
  /** Run in an order shuffled by this seed (tests must not depend on each other's order). */
  shuffleSeed?: number;
}

export async function runAll(options: RunOptions = {}): Promise<{ passed: number; failed: number }> {
  let passed = 0;
  let failed = 0;
  const selected = tests.filter((t) => !options.filter || t.name.includes(options.filter));
  if (options.shuffleSeed !== undefined) {
    shuffle(selected, options.shuffleSeed);
    console.log(`[tt] order shuffled with seed ${options.shuffleSeed}: ${selected.map((t) => JSON.stringify(t.name.slice(0, 40))).join(', ')}`);
  }
  for (const t of selected) {
    const started = Date.now();
    try {
      await t.fn();
      passed++;
      console.log(`[tt] ✓ ${t.name} (${Date.now() - started} ms)`);
    } catch (error) {
      failed++;
      console.log(`[tt] ✗ ${t.name}: ${(error as Error).stack ?? error}`);
    }
  }
  return { passed, failed };
}

/** Fisher–Yates with a small seeded generator (mulberry32), so a failing order can be replayed. */
function shuffle<T>(items: T[], seed: number): void {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [items[i], items[j]] = [items[j], items[i]];
  }
}
