// Entry point loaded by VS Code as `extensionTestsPath` (Node and web-worker extension hosts).
import { runAll } from './framework';
import './activation.test';
import './hover.test';
import './quiz.test';
import './browse.test';
import './decks.test';
import './features.test';
import './study.test';

export async function run(): Promise<void> {
  const { passed, failed } = await runAll(typeof process !== 'undefined' ? process.env.TT_TEST_FILTER : undefined);
  console.log(`TT-RESULT ${JSON.stringify({ passed, failed })}`);
  console.log(`[tt] ${passed} passed, ${failed} failed`);
  if (failed) throw new Error(`${failed} integration test(s) failed`);
}
