// Names as the checks compare them: the dotted text of an expression, and module paths in one canonical
// spelling (`tensorflow.keras.layers` and `keras.layers` are the same thing), and their last segment.
import type { Expr } from './python/ast';

/** Canonical module paths: `tensorflow` → `tf`, and Keras under TensorFlow is Keras. */
export function canonical(path: string): string {
  let p = path.startsWith('tensorflow') ? `tf${path.slice('tensorflow'.length)}` : path;
  if (p === 'tf.keras' || p.startsWith('tf.keras.')) p = p.slice(3);
  if (p.startsWith('tf.compat.v1.keras')) p = p.slice('tf.compat.v1.'.length);
  return p;
}

/** `a.b.c` for names and attribute chains, '' for anything else. */
export function dotted(e: Expr): string {
  if (e.t === 'name') return e.id;
  if (e.t === 'attr') {
    const base = dotted(e.obj);
    return base ? `${base}.${e.name}` : '';
  }
  return '';
}

/** The last segment of a dotted name (`torch.nn.Dropout` → `Dropout`; a name without dots is its own). */
export function lastSegment(path: string): string {
  return path.slice(path.lastIndexOf('.') + 1);
}
