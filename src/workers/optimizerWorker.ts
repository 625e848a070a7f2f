// Optimize Scheduling off the extension host's thread: one script for both hosts (a worker_threads Worker in
// the Node host, a Web Worker made from this script as a blob in the web host). It receives the optimizer's
// WebAssembly (xz-compressed, as shipped), the learner's review histories and the parameters in use; it fits,
// evaluates both parameter sets and reports progress per epoch. Cancelling = the host terminates it.
import { fitParameters, type FitResult } from '../core/study/optimizer';
import type { CardHistory } from '../core/study/trainingSet';
import { loadFsrsBrowser } from './fsrsBrowserOptimizer';

export type ToOptimizer = { type: 'fit'; wasm: Uint8Array; histories: CardHistory[]; current: number[] | null };
export type FromOptimizer =
  | { type: 'loaded'; ms: number }
  | { type: 'progress'; fraction: number; label?: string }
  | { type: 'done'; result: FitResult; optimizer: string; memoryBytes: number }
  | { type: 'error'; message: string; stage: 'load' | 'fit' };

declare const require: (id: string) => unknown;

interface Port {
  post(message: FromOptimizer): void;
  listen(handler: (message: ToOptimizer) => void): void;
}

function port(): Port {
  const scope = globalThis as unknown as { postMessage?: (m: unknown) => void; addEventListener?: (t: string, h: (e: { data: unknown }) => void) => void; process?: { versions?: { node?: string } } };
  if (!scope.process?.versions?.node && scope.postMessage && scope.addEventListener) {
    return { post: (m) => scope.postMessage!(m), listen: (h) => scope.addEventListener!('message', (e) => h(e.data as ToOptimizer)) };
  }
  const { parentPort } = require('node:worker_threads') as { parentPort: { postMessage(m: unknown): void; on(t: string, h: (m: unknown) => void): void } };
  return { post: (m) => parentPort.postMessage(m), listen: (h) => parentPort.on('message', (m) => h(m as ToOptimizer)) };
}

const channel = port();

channel.listen((message) => {
  void run(message);
});

async function run(message: ToOptimizer): Promise<void> {
  const started = performance.now();
  let optimizer;
  try {
    optimizer = await loadFsrsBrowser(message.wasm);
  } catch (error) {
    return channel.post({ type: 'error', stage: 'load', message: (error as Error)?.message ?? String(error) });
  }
  channel.post({ type: 'loaded', ms: performance.now() - started });
  try {
    const result: FitResult = await fitParameters(message.histories, message.current ?? undefined, optimizer, (p) => channel.post({ type: 'progress', ...p }), () => performance.now());
    channel.post({ type: 'done', result, optimizer: optimizer.name, memoryBytes: optimizer.memoryBytes() });
  } catch (error) {
    channel.post({ type: 'error', stage: 'fit', message: (error as Error)?.message ?? String(error) });
  }
}
