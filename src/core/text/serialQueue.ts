// Runs async tasks one at a time, in order. A failing task rejects its own promise only; the queue goes on.
// Used wherever two events may race on the same state: webview messages, log writes, deck reloads.

export class SerialQueue {
  private tail: Promise<unknown> = Promise.resolve();
  private readonly waiting = new Set<string>();

  constructor(private readonly onError?: (error: unknown) => void) {}

  run<T>(task: () => Promise<T> | T): Promise<T> {
    const next = this.tail.then(task, task);
    this.tail = next.catch((error) => this.onError?.(error));
    return next;
  }

  /**
   * Queues `task` unless the one queued under `key` has not started yet: a burst of events then costs one run, which
   * reads the latest state when it starts (a reload after many file events, a compile of the newest snapshot).
   */
  runOnce(key: string, task: () => Promise<unknown> | unknown): void {
    if (this.waiting.has(key)) return;
    this.waiting.add(key);
    // A failure is reported by onError through the tail; this copy of the promise needs no handler of its own.
    this.run(() => (this.waiting.delete(key), task())).catch(() => undefined);
  }

  /** Resolves once everything queued so far has finished. */
  idle(): Promise<void> {
    return this.tail.then(() => undefined, () => undefined);
  }
}
