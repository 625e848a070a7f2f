// Deck compilation off the extension host's thread: a worker_threads Worker in the Node host, a Web Worker in
// the web host. It keeps the bundled bank's essentials and a parse cache between compiles, says which file it is
// parsing (so the host can stop a file that takes too long), and sends back only what the decks change.
import { compileDeckDelta, deckFileKind, parseDeckFile, type DeckBase, type DeckInput, type ParseCache } from '../core/bank/decks';
import type { BankDiagnostic } from '../core/bank/types';

export type ToWorker = { type: 'init'; base: DeckBase } | { type: 'compile'; id: number; decks: DeckInput[]; skip: string[] };
export type FromWorker =
  | { type: 'ready' }
  | { type: 'parsing'; id: number; file: string }
  | { type: 'done'; id: number; delta: ReturnType<typeof compileDeckDelta> }
  | { type: 'error'; id: number; message: string };

interface Port {
  post(message: FromWorker): void;
  listen(handler: (message: ToWorker) => void): void;
}

declare const require: (id: string) => unknown;

function port(): Port {
  const scope = globalThis as unknown as { postMessage?: (m: unknown) => void; addEventListener?: (t: string, h: (e: { data: unknown }) => void) => void; process?: { versions?: { node?: string } } };
  if (!scope.process?.versions?.node && scope.postMessage && scope.addEventListener) {
    return { post: (m) => scope.postMessage!(m), listen: (h) => scope.addEventListener!('message', (e) => h(e.data as ToWorker)) };
  }
  const { parentPort } = require('node:worker_threads') as { parentPort: { postMessage(m: unknown): void; on(t: string, h: (m: unknown) => void): void } };
  return { post: (m) => parentPort.postMessage(m), listen: (h) => parentPort.on('message', (m) => h(m as ToWorker)) };
}

let base: DeckBase | undefined;
const cache: ParseCache = new Map();
const channel = port();

channel.listen((message) => {
  if (message.type === 'init') {
    base = message.base;
    cache.clear();
    channel.post({ type: 'ready' });
    return;
  }
  try {
    const skip = new Set(message.skip);
    const skipped: BankDiagnostic[] = [];
    const decks = message.decks.map((d) => ({ ...d, files: d.files.filter((f) => !skip.has(f.file) || (skipped.push({ file: f.file, line: 1, message: 'skipped: parsing this file took too long (it is probably far larger or deeper than a question or glossary file should be)', severity: 'error' }), false)) }));
    const extendable = new Set(base!.concepts.map((c) => c.id));
    for (const d of decks) {
      for (const f of d.files) {
        if (deckFileKind(f.path) === 'ignored' || cache.get(f.file)?.text === f.text) continue;
        channel.post({ type: 'parsing', id: message.id, file: f.file });
        parseDeckFile(f, extendable, [], cache); // a failure is reported by the compile below
      }
    }
    const present = new Set(decks.flatMap((d) => d.files.map((f) => f.file)));
    for (const key of [...cache.keys()]) if (!present.has(key)) cache.delete(key);
    const delta = compileDeckDelta(base!, decks, cache);
    delta.diagnostics.unshift(...skipped);
    channel.post({ type: 'done', id: message.id, delta });
  } catch (error) {
    channel.post({ type: 'error', id: message.id, message: (error as Error)?.message ?? String(error) });
  }
});
