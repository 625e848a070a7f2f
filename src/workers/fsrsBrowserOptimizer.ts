// The Optimizer adapter over fsrs-browser (fsrs-rs, the optimizer Anki uses, compiled to WebAssembly). It runs
// single-threaded: we never call its initThreadPool (that needs nested workers sharing memory, which the web
// host cannot set up), and its rayon helper module is replaced at build time by a stub. Its WebAssembly memory
// is still declared shared: Node and Chromium allow that without cross-origin isolation (tested); a browser
// that does not makes `loadFsrsBrowser` throw, and the command says the optimizer cannot run there.
// fsrs-rs reports each finished epoch through `console.info`; the adapter listens there and reads the progress
// counters fsrs-browser keeps in the module's memory.
import { Fsrs, Progress, getProgress, initSync, type InitOutput } from 'fsrs-browser';
import { XzReadableStream } from 'xz-decompress';
import type { Optimizer, OptimizerProgress } from '../core/study/optimizer';
import type { PackedItems } from '../core/study/trainingSet';

// The worker's global (Node and browsers alike); the project's TypeScript lib has no WebAssembly types.
declare const WebAssembly: { compile(bytes: Uint8Array): Promise<object> };

const XZ_MAGIC = [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00];

/** The module's bytes: as shipped (xz-compressed in the VSIX), or plain. */
export async function wasmBytes(data: Uint8Array): Promise<Uint8Array> {
  if (!XZ_MAGIC.every((b, i) => data[i] === b)) return data;
  const stream = new XzReadableStream(new Blob([data as Uint8Array<ArrayBuffer>]).stream());
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

/** Compiles and instantiates the module (once per worker: the glue keeps one instance). */
export async function loadFsrsBrowser(data: Uint8Array): Promise<Optimizer & { memoryBytes(): number }> {
  const module = await WebAssembly.compile(await wasmBytes(data));
  const exports: InitOutput = initSync({ module } as Parameters<typeof initSync>[0]);
  return {
    name: 'fsrs-browser 5.2.0 (fsrs-rs, WebAssembly, single-threaded)',
    memoryBytes: () => exports.memory.buffer.byteLength,
    fit(items: PackedItems, onProgress: (p: OptimizerProgress) => void): Float32Array {
      const progress = Progress.new();
      const pointer = progress.pointer(); // read before the call: the call takes ownership of `progress`
      const info = console.info;
      console.info = (message: unknown) => {
        const text = String(message);
        const epoch = /^epoch: (\d+)/.exec(text);
        if (!epoch) return;
        const { itemsProcessed, itemsTotal } = getProgress(exports.memory.buffer as ArrayBuffer, pointer);
        onProgress({ fraction: itemsTotal ? Math.min(1, itemsProcessed / itemsTotal) : 0, label: `epoch ${epoch[1]}` });
      };
      try {
        return new Fsrs().computeParameters(items.ratings, items.deltas, items.lengths, progress, true);
      } finally {
        console.info = info;
      }
    },
  };
}
