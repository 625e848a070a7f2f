// esbuild bundles .svg files as text (see esbuild.mjs).
declare module '*.svg' {
  const source: string;
  export default source;
}
