// Deck problems in the Problems panel (one entry per file and line) and the output channel (each logged once).
import * as vscode from 'vscode';
import type { BankDiagnostic } from '../../core/bank/types';

export class DeckProblems implements vscode.Disposable {
  readonly collection = vscode.languages.createDiagnosticCollection('tensorTutor');
  private logged = new Set<string>();

  constructor(private readonly log: vscode.LogOutputChannel) {}

  /** `file:line: severity: message` of every problem published (for the tests). */
  get loggedProblems(): ReadonlySet<string> {
    return this.logged;
  }

  publish(problems: readonly BankDiagnostic[]): void {
    const byFile = new Map<string, vscode.Diagnostic[]>();
    const logged = new Set<string>();
    for (const p of problems) {
      const line = Math.max(0, p.line - 1);
      const d = new vscode.Diagnostic(new vscode.Range(line, 0, line, 10_000), p.message, p.severity === 'error' ? vscode.DiagnosticSeverity.Error : vscode.DiagnosticSeverity.Warning);
      d.source = 'Tensor Tutor';
      const list = byFile.get(p.file) ?? [];
      list.push(d);
      byFile.set(p.file, list);
      const text = `${p.file}:${p.line}: ${p.severity}: ${p.message}`;
      logged.add(text);
      if (!this.logged.has(text)) (p.severity === 'error' ? this.log.error : this.log.warn).call(this.log, `Deck problem: ${text}`);
    }
    this.logged = logged;
    this.collection.clear();
    this.collection.set([...byFile].map(([file, list]) => [vscode.Uri.parse(file), list]));
  }

  dispose(): void {
    this.collection.dispose();
  }
}
