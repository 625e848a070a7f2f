import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    testTimeout: 20_000,
    projects: [
      { test: { name: 'unit', include: ['test/unit/**/*.test.ts'], environment: 'node', testTimeout: 20_000 } },
      {
        // The security review's reproductions, now regression tests: real adapters over a small `vscode` stand-in.
        resolve: { alias: { vscode: new URL('./test/sec/vscodeMock.ts', import.meta.url).pathname } },
        test: { name: 'security', include: ['test/sec/**/*.test.ts'], environment: 'node', testTimeout: 60_000 },
      },
    ],
  },
});
