// Compiles user decks off the extension host's thread (src/workers/deckWorker.ts, one script for both hosts):
// worker_threads in the Node host, a Web Worker (from the bundled script, as a blob) in the web host. A file whose
// parse runs longer than the budget stops the worker; it is restarted and that file reported as skipped. The
// parsers live only in the worker: where no worker can start, decks are reported as not loaded (never parsed on
// this thread, where a hostile file could freeze the editor).
import * as vscode from 'vscode';
import { applyDeckDelta, deckBaseOf, type DeckBase } from '../../core/bank/deckDelta';
import type { DeckInput, DeckResult } from '../../core/bank/decks';
import type { Bank, BankDiagnostic } from '../../core/bank/types';
import type { FromWorker, ToWorker } from '../../workers/deckWorker';
import type { DeckCompiler } from '../shared/bankService';
import { nodeWorkerThreads } from '../shared/nodeHost';

/** Longest a single file may take to parse before it is skipped. */
export const FILE_BUDGET_MS = 5000;
/** A worker that does not answer its first message within this is given up. */
const START_BUDGET_MS = 3000;

interface WorkerLike {
  post(message: ToWorker): void;
  onMessage(handler: (message: FromWorker) => void): void;
  terminate(): void;
}

export function createDeckCompiler(extensionUri: vscode.Uri, log: vscode.LogOutputChannel): DeckCompiler & vscode.Disposable & { mode: () => string } {
  let worker: WorkerLike | undefined;
  let workerBase: Bank | undefined;
  let mode = 'not started';
  let nextId = 0;
  const skip = new Set<string>();

  async function start(base: Bank): Promise<WorkerLike | undefined> {
    if (worker && workerBase === base) return worker;
    worker?.terminate();
    worker = await spawn(extensionUri).catch((error) => {
      log.error(`Decks: no worker could be started (${(error as Error).message}); decks are not loaded`);
      return undefined;
    });
    if (worker && !(await handshake(worker, deckBaseOf(base)))) {
      log.error(`Decks: the worker did not start within ${START_BUDGET_MS} ms; decks are not loaded`);
      worker.terminate();
      worker = undefined;
    }
    mode = worker ? 'worker' : 'unavailable';
    workerBase = base;
    return worker;
  }

  function handshake(w: WorkerLike, base: DeckBase): Promise<boolean> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve(false), START_BUDGET_MS);
      w.onMessage((m) => m.type === 'ready' && (clearTimeout(timer), resolve(true)));
      w.post({ type: 'init', base });
    });
  }

  async function inWorker(w: WorkerLike, base: Bank, decks: readonly DeckInput[]): Promise<DeckResult | 'restart'> {
    const id = ++nextId;
    return new Promise((resolve, reject) => {
      let current: string | undefined;
      let timer: ReturnType<typeof setTimeout> | undefined;
      const arm = () => {
        if (timer) clearTimeout(timer);
        timer = setTimeout(() => {
          if (current) skip.add(current);
          log.warn(`Decks: parsing ${current ?? 'a deck file'} took over ${FILE_BUDGET_MS} ms; the file is skipped and the worker restarted`);
          w.terminate();
          worker = undefined;
          resolve('restart');
        }, FILE_BUDGET_MS);
      };
      arm();
      w.onMessage((m) => {
        if (m.type === 'ready' || m.id !== id) return;
        if (m.type === 'parsing') {
          current = m.file;
          arm();
        } else {
          if (timer) clearTimeout(timer);
          if (m.type === 'error') return reject(new Error(m.message));
          resolve({ bank: applyDeckDelta(base, m.delta), diagnostics: m.delta.diagnostics, questionCount: m.delta.questions.length });
        }
      });
      w.post({ type: 'compile', id, decks: decks as DeckInput[], skip: [...skip] });
    });
  }

  return {
    mode: () => mode,
    async compile(base, decks) {
      for (let attempt = 0; attempt < 20; attempt++) {
        const w = await start(base);
        if (!w) return unavailable(base, decks);
        const result = await inWorker(w, base, decks);
        if (result !== 'restart') return result;
      }
      throw new Error('deck compilation kept timing out');
    },
    dispose() {
      worker?.terminate();
      worker = undefined;
    },
  };
}

/** The decks stay out, and each says why in the Problems panel (on its first file). */
function unavailable(base: Bank, decks: readonly DeckInput[]): DeckResult {
  const diagnostics: BankDiagnostic[] = decks.flatMap((d) => d.files.slice(0, 1).map((f) => ({
    file: f.file, line: 1, severity: 'error' as const,
    message: `deck "${d.name}" was not loaded: this editor could not start the worker that reads decks (see the Tensor Tutor log)`,
  })));
  return { bank: base, diagnostics, questionCount: 0 };
}

async function spawn(extensionUri: vscode.Uri): Promise<WorkerLike> {
  const threads = nodeWorkerThreads();
  if (threads && extensionUri.scheme === 'file') {
    const w = new threads.Worker(vscode.Uri.joinPath(extensionUri, 'dist', 'deckWorker.js').fsPath);
    let handler: ((m: FromWorker) => void) | undefined;
    w.on('message', (m: FromWorker) => handler?.(m));
    w.unref();
    return { post: (m) => w.postMessage(m), onMessage: (h) => (handler = h), terminate: () => void w.terminate() };
  }
  const WorkerCtor = (globalThis as unknown as { Worker?: new (url: string) => { postMessage(m: unknown): void; onmessage: ((e: { data: FromWorker }) => void) | null; terminate(): void } }).Worker;
  if (!WorkerCtor) throw new Error('this host has no Worker');
  const source = await vscode.workspace.fs.readFile(vscode.Uri.joinPath(extensionUri, 'dist', 'deckWorker.js'));
  const url = URL.createObjectURL(new Blob([source], { type: 'text/javascript' }));
  const w = new WorkerCtor(url);
  let handler: ((m: FromWorker) => void) | undefined;
  w.onmessage = (e) => handler?.(e.data);
  return { post: (m) => w.postMessage(m), onMessage: (h) => (handler = h), terminate: () => (w.terminate(), URL.revokeObjectURL(url)) };
}
