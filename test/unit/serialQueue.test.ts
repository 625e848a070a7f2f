import { describe, expect, it } from 'vitest';
import { SerialQueue } from '../../src/core/text/serialQueue';

describe('SerialQueue.runOnce', () => {
  it('a burst queues one run per key while it waits; a run that has started lets the next one queue', async () => {
    const queue = new SerialQueue();
    const ran: string[] = [];
    let state = 0;
    let release!: () => void;
    void queue.run(() => new Promise<void>((r) => (release = r))); // the queue is busy
    for (let i = 1; i <= 5; i++) {
      state = i;
      queue.runOnce('update', () => ran.push(`update ${state}`));
      queue.runOnce('reconcile', () => ran.push('reconcile'));
    }
    await new Promise((r) => setTimeout(r, 0)); // the busy task has started
    release();
    await queue.idle();
    expect(ran).toEqual(['update 5', 'reconcile']);

    let finish!: () => void;
    queue.runOnce('update', () => new Promise<void>((r) => ((finish = r), ran.push('long update'))));
    await new Promise((r) => setTimeout(r, 0)); // it has started
    queue.runOnce('update', () => ran.push('after it'));
    finish();
    await queue.idle();
    expect(ran).toEqual(['update 5', 'reconcile', 'long update', 'after it']);
  });

  it('a failing run is reported and does not block its key', async () => {
    const errors: unknown[] = [];
    const queue = new SerialQueue((e) => errors.push(e));
    queue.runOnce('k', () => {
      throw new Error('boom');
    });
    await queue.idle();
    let ran = false;
    queue.runOnce('k', () => (ran = true));
    await queue.idle();
    expect([errors.length, ran]).toEqual([1, true]);
  });
});
