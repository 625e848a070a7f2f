// Runs the optimizer worker (src/workers/optimizerWorker.ts) off the extension host's thread, as the deck
// compiler does: worker_threads in the Node host, a Web Worker made from the bundled script as a blob URL in the
// web-worker host. The optimizer's WebAssembly (xz-compressed in the VSIX) is read only now, never on
// activation. Cancelling terminates the worker, which stops the fit at once (it is one synchronous call).
import * as vscode from 'vscode';
import type { FitResult, OptimizerProgress } from '../../core/study/optimizer';
import type { CardHistory } from '../../core/study/trainingSet';
import type { FromOptimizer, ToOptimizer } from '../../workers/optimizerWorker';
import { nodeWorkerThreads } from '../shared/nodeHost';

export type RunOutcome =
  | { type: 'done'; result: FitResult; optimizer: string; memoryBytes: number; loadMs: number }
  | { type: 'cancelled' }
  /** `load`: the optimizer cannot run in this host (no worker, or WebAssembly it refuses); `fit`: it failed. */
  | { type: 'error'; stage: 'load' | 'fit'; message: string };

interface WorkerLike {
  post(message: ToOptimizer, transfer: ArrayBuffer[]): void;
  onMessage(handler: (message: FromOptimizer) => void): void;
  onError(handler: (error: unknown) => void): void;
  terminate(): void;
}

export async function runOptimizer(
  extensionUri: vscode.Uri,
  request: { histories: CardHistory[]; current: readonly number[] | undefined },
  onProgress: (p: OptimizerProgress) => void,
  token: vscode.CancellationToken,
): Promise<RunOutcome> {
  let worker: WorkerLike;
  let wasm: Uint8Array;
  try {
    wasm = await vscode.workspace.fs.readFile(vscode.Uri.joinPath(extensionUri, 'dist', 'fsrs-optimizer.wasm.xz'));
    worker = await spawn(extensionUri);
  } catch (error) {
    return { type: 'error', stage: 'load', message: (error as Error)?.message ?? String(error) };
  }
  if (token.isCancellationRequested) {
    worker.terminate();
    return { type: 'cancelled' };
  }
  return new Promise<RunOutcome>((resolve) => {
    let loadMs = 0;
    const finish = (outcome: RunOutcome) => {
      subscription.dispose();
      worker.terminate();
      resolve(outcome);
    };
    const subscription = token.onCancellationRequested(() => finish({ type: 'cancelled' }));
    worker.onError((error) => finish({ type: 'error', stage: loadMs ? 'fit' : 'load', message: (error as Error)?.message ?? String(error) }));
    worker.onMessage((m) => {
      if (m.type === 'loaded') loadMs = m.ms;
      else if (m.type === 'progress') onProgress(m);
      else if (m.type === 'done') finish({ type: 'done', result: m.result, optimizer: m.optimizer, memoryBytes: m.memoryBytes, loadMs });
      else finish({ type: 'error', stage: m.stage, message: m.message });
    });
    const copy = wasm.slice();
    worker.post({ type: 'fit', wasm: copy, histories: request.histories, current: request.current ? [...request.current] : null }, [copy.buffer]);
  });
}

async function spawn(extensionUri: vscode.Uri): Promise<WorkerLike> {
  const threads = nodeWorkerThreads();
  if (threads && extensionUri.scheme === 'file') {
    const w = new threads.Worker(vscode.Uri.joinPath(extensionUri, 'dist', 'optimizerWorker.js').fsPath);
    w.unref();
    return {
      post: (m, transfer) => w.postMessage(m, transfer),
      onMessage: (h) => w.on('message', h),
      onError: (h) => w.on('error', h),
      terminate: () => void w.terminate(),
    };
  }
  type WebWorker = { postMessage(m: unknown, transfer: ArrayBuffer[]): void; onmessage: ((e: { data: FromOptimizer }) => void) | null; onerror: ((e: { message?: string }) => void) | null; terminate(): void };
  const WorkerCtor = (globalThis as unknown as { Worker?: new (url: string) => WebWorker }).Worker;
  if (!WorkerCtor) throw new Error(vscode.l10n.t('this extension host cannot start a worker'));
  const source = await vscode.workspace.fs.readFile(vscode.Uri.joinPath(extensionUri, 'dist', 'optimizerWorker.js'));
  const url = URL.createObjectURL(new Blob([source], { type: 'text/javascript' }));
  const w = new WorkerCtor(url);
  return {
    post: (m, transfer) => w.postMessage(m, transfer),
    onMessage: (h) => (w.onmessage = (e) => h(e.data)),
    onError: (h) => (w.onerror = (e) => h(new Error(e.message ?? 'the optimizer worker failed'))),
    terminate: () => (w.terminate(), URL.revokeObjectURL(url)),
  };
}
