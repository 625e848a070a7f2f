// Lint rules that guard the architecture: src/core and src/shared are pure (no vscode, no Node-only
// modules) so the same code runs in the desktop host, the web-worker host, the webview and the tests.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

const nodeOnly = ['node:*', 'fs', 'fs/*', 'path', 'os', 'child_process', 'crypto', 'util', 'stream', 'worker_threads'];

/** Modules only onDemand() may load (src/vscode/shared/onDemandModules.ts), and the libraries behind them. */
const onDemandOnly = ['**/core/bank/decks', '**/core/bank/compileBank', '**/core/bank/parseQuestion', '**/core/bank/parseGlossary',
  '**/core/bank/frontMatter', '**/core/search/*', '**/core/export/anki', '**/core/checks/**', '**/core/study/model',
  '**/core/study/planner', '**/core/study/readiness', '**/core/study/pace', '**/core/study/simulate', '**/core/study/optimizer',
  '**/core/study/metrics', '**/core/study/trainingSet', '**/vscode/optimizer/optimizeCommand', '**/vscode/optimizer/optimizerRun',
  '**/vscode/shared/onDemandModules', 'yaml', 'minisearch', 'marked'];

export default tseslint.config(
  { ignores: ['dist/**', 'dist-test/**', 'dist-tools/**', 'dist-package/**', 'node_modules/**', '.vscode-test/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    rules: {
      eqeqeq: ['error', 'always', { null: 'ignore' }],
      'no-eval': 'error',
      'no-implied-eval': 'error',
      'no-new-func': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      '@typescript-eslint/no-explicit-any': 'error',
    },
  },
  { files: ['**/*.mjs'], languageOptions: { globals: { ...globals.node } } },
  { files: ['**/*.cjs'], languageOptions: { sourceType: 'commonjs', globals: { ...globals.node } }, rules: { '@typescript-eslint/no-require-imports': 'off' } },
  { files: ['src/webview/**/*.ts'], languageOptions: { globals: { ...globals.browser } } },
  {
    files: ['src/core/**/*.ts', 'src/shared/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [{ name: 'vscode', message: 'src/core and src/shared are pure: no vscode import (keep adapters in src/vscode).' }],
        patterns: [
          { group: nodeOnly, message: 'src/core must run in the browser too: no Node-only modules.' },
          { group: ['**/vscode/**', '../vscode/*', '../../vscode/*'], message: 'The core must not depend on the VS Code adapters.' },
        ],
      }],
    },
  },
  {
    // The activation path stays small: the search index, the Anki exporter, the training-code checks, the interview
    // planner and the optimizer command load through src/vscode/shared/onDemand.ts only (the deck parsers run only in
    // the deck worker). Type imports are free. The on-demand modules themselves may import each other.
    files: ['src/vscode/**/*.ts'],
    ignores: ['src/vscode/shared/onDemandModules.ts', 'src/vscode/optimizer/optimizeCommand.ts', 'src/vscode/optimizer/optimizerRun.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [{
          group: onDemandOnly,
          allowTypeImports: true,
          message: 'Activation-path code loads this through onDemand() (src/vscode/shared/onDemand.ts), or it lands in the activation bundle.',
        }, {
          group: ['**/testInternals'],
          message: 'Only the composition root (src/extension.ts) hands out internals, and only in ExtensionMode.Test.',
        }],
      }],
    },
  },
  {
    files: ['src/extension.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [{
          group: onDemandOnly,
          allowTypeImports: true,
          message: 'Activation-path code loads this through onDemand() (src/vscode/shared/onDemand.ts), or it lands in the activation bundle.',
        }],
      }],
    },
  },
  {
    files: ['src/webview/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [{ name: 'vscode', message: 'The webview runs in a browser sandbox: talk to the host through src/shared/protocol.ts.' }],
        patterns: [{ group: nodeOnly, message: 'The webview runs in a browser: no Node-only modules.' }],
      }],
    },
  },
);
