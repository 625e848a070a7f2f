// The learner's FSRS parameters in globalState (synced: ProgressService registers the key), and the one way they
// change: store the record, then let the scheduler use its active set.
import type * as vscode from 'vscode';
import { PARAMETERS_KEY, applyParameters, readParameterRecord, undoParameters, type ParameterRecord, type ParameterSet } from '../../core/study/parameters';
import type { ProgressService } from '../progress/progressService';

export class ParameterStore {
  constructor(private readonly state: vscode.Memento, private readonly progress: ProgressService) {}

  read(): ParameterRecord {
    return readParameterRecord(this.state.get(PARAMETERS_KEY));
  }

  async apply(set: ParameterSet): Promise<void> {
    await this.write(applyParameters(this.read(), set));
  }

  /** Back to the parameters before the last change; false when there is nothing to undo. */
  async undo(): Promise<ParameterRecord | undefined> {
    const next = undoParameters(this.read());
    if (next) await this.write(next);
    return next;
  }

  /** A record that arrived through Settings Sync: schedule with it from now on. Returns whether anything changed. */
  sync(): boolean {
    const weights = this.read().active?.weights;
    if (JSON.stringify(weights) === JSON.stringify(this.progress.weights)) return false;
    this.progress.useWeights(weights);
    return true;
  }

  private async write(record: ParameterRecord): Promise<void> {
    await this.state.update(PARAMETERS_KEY, record);
    this.progress.useWeights(record.active?.weights);
  }
}
