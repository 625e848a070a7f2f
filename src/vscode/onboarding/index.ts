// The onboarding feature: the Get Started walkthrough and its sample file.
import type { App } from '../app';
import { Commands, type CommandTable } from '../shared/commands';
import { openSample, openWalkthrough } from './walkthrough';

export function registerOnboarding(app: App): { commands: CommandTable } {
  return { commands: { [Commands.openSample]: () => openSample(app.extensionUri), [Commands.getStarted]: () => openWalkthrough() } };
}
