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

export async function runAll(filter?: string): Promise<{ passed: number; failed: number }> {
  let passed = 0;
  let failed = 0;
  for (const t of tests) {
    if (filter && !t.name.includes(filter)) continue;
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
