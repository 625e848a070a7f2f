// The interview-date plan: its command. **Due now** (quiz/quizLauncher) and the statistics view
// (stats/statsPanel) ask an InterviewPlan for today's queue and the readiness curve.
import * as vscode from 'vscode';
import type { App } from '../app';
import { Commands, type CommandTable } from '../shared/commands';
import { setInterviewDate } from './setInterviewDate';

export function registerStudy(app: App): { commands: CommandTable } {
  return {
    commands: {
      [Commands.setInterviewDate]: () => setInterviewDate(app.bank, app.settings, app.progress.clock.now(), () => vscode.commands.executeCommand(Commands.showStatistics)),
    },
  };
}
