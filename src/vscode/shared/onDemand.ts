// Code only some sessions need: the search index, the Anki exporter and the training-code checks (with their
// Python parser). The Node host build puts it in a second file, dist/onDemand.js, required on first use, so
// activation loads a small bundle; the web host (one file per extension) bundles it in. See esbuild.mjs.
import type * as OnDemand from './onDemandModules';

/** Set by esbuild: true for the Node host bundle. */
declare const TT_SPLIT_ON_DEMAND: boolean;

let loaded: Promise<typeof OnDemand> | undefined;

export function onDemand(): Promise<typeof OnDemand> {
  loaded ??= typeof TT_SPLIT_ON_DEMAND !== 'undefined' && TT_SPLIT_ON_DEMAND
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- a sibling file of dist/extension.js, external to the bundle
    ? Promise.resolve(require('./onDemand.js') as typeof OnDemand)
    : import('./onDemandModules');
  return loaded;
}
