// Node-only capabilities, present when the extension runs in the desktop (Node) extension host and absent in
// the web-worker host. Looked up at run time so one code path serves both hosts; callers fall back to
// workspace.fs or to in-thread work when a capability is missing.
import type * as FsPromises from 'node:fs/promises';
import type * as WorkerThreads from 'node:worker_threads';

declare const require: ((id: string) => unknown) | undefined;

function load<T>(id: string): T | undefined {
  try {
    const isNode = typeof process !== 'undefined' && typeof process.versions?.node === 'string';
    return isNode && typeof require === 'function' ? (require(id) as T) : undefined;
  } catch {
    return undefined;
  }
}

export function nodeFs(): typeof FsPromises | undefined {
  return load<typeof FsPromises>('node:fs/promises');
}

export function nodeWorkerThreads(): typeof WorkerThreads | undefined {
  return load<typeof WorkerThreads>('node:worker_threads');
}
