// Runs async tasks one at a time, in order. A failing task rejects its own promise only; the queue goes on.
// Used wherever two events may race on the same state: webview messages, log writes, deck reloads.

export class SerialQueue {
  private tail: Promise<unknown> = Promise.resolve();

  constructor(private readonly onError?: (error: unknown) => void) {}

  run<T>(task: () => Promise<T> | T): Promise<T> {
    const next = this.tail.then(task, task);
    this.tail = next.catch((error) => this.onError?.(error));
    return next;
  }

  /** Resolves once everything queued so far has finished. */
  idle(): Promise<void> {
    return this.tail.then(() => undefined, () => undefined);
  }
}
