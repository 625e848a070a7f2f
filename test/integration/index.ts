// Entry point loaded by VS Code as `extensionTestsPath` (Node and web-worker extension hosts).
// Run options arrive as user settings written by the harness (the web host has no environment variables).
import * as vscode from 'vscode';
import { runAll } from './framework';
import './activation.test';
import './hover.test';
import './quiz.test';
import './browse.test';
import './decks.test';
import './features.test';
import './checks.test';
import './plan.test';
import './optimizer.test';
import './progress.test';

export async function run(): Promise<void> {
  const config = vscode.workspace.getConfiguration('tensorTutorTest');
  const filter = config.get<string>('filter') || undefined;
  const shuffleSeed = config.get<number>('shuffleSeed');
  const { passed, failed } = await runAll({ ...(filter ? { filter } : {}), ...(typeof shuffleSeed === 'number' ? { shuffleSeed } : {}) });
  console.log(`TT-RESULT ${JSON.stringify({ passed, failed })}`);
  console.log(`[tt] ${passed} passed, ${failed} failed`);
  if (failed) throw new Error(`${failed} integration test(s) failed`);
}
