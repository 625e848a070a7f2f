// Feeds the training-code checks into a DiagnosticCollection: Python files on open, save and (debounced)
// edit; a notebook's Python cells analysed together. The checks and their parser load on first use
// (onDemand), never during activation; the findings are kept for the code-action provider.
import * as vscode from 'vscode';
import type { Check, Finding } from '../../core/checks/index';
import { onDemand } from '../shared/onDemand';
import { Commands, commandLink } from '../shared/commands';
import { CHECKS_SOURCE } from './settings';
import type { Settings } from '../shared/settings';

const EDIT_DELAY_MS = 400;
const OPEN_DELAY_MS = 30;
const SKIPPED_SCHEMES = new Set(['git', 'output', 'vscode-scm', 'gitlens', 'pr', 'review', 'comment', 'vscode-chat-code-block']);

const severity = (f: Finding) => (f.severity === 'warning' ? vscode.DiagnosticSeverity.Warning : vscode.DiagnosticSeverity.Information);
const toRange = (r: Finding['range']) => new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character);

export function openQuestionUri(questionId: string): vscode.Uri {
  return vscode.Uri.parse(commandLink(Commands.openQuestion, [questionId]));
}

export function toDiagnostic(f: Finding): vscode.Diagnostic {
  const d = new vscode.Diagnostic(toRange(f.range), f.message, severity(f));
  d.source = CHECKS_SOURCE;
  d.code = { value: f.check, target: openQuestionUri(f.questionId) };
  return d;
}

export class CheckDiagnostics implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection('tensor-tutor-checks');
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  /** Findings per document URI, for the code actions. */
  private readonly findings = new Map<string, Finding[]>();
  private readonly subscriptions: vscode.Disposable[] = [];
  private warnedLoad = false;
  private catalog: readonly Check[] = [];

  constructor(private readonly log: vscode.LogOutputChannel, private readonly config: Settings) {
    this.subscriptions.push(
      this.collection,
      vscode.workspace.onDidOpenTextDocument((doc) => this.schedule(doc, OPEN_DELAY_MS)),
      vscode.workspace.onDidSaveTextDocument((doc) => this.schedule(doc, OPEN_DELAY_MS)),
      vscode.workspace.onDidChangeTextDocument((e) => e.contentChanges.length && this.schedule(e.document, EDIT_DELAY_MS)),
      vscode.workspace.onDidCloseTextDocument((doc) => this.forget(doc.uri)),
      vscode.workspace.onDidOpenNotebookDocument((nb) => this.scheduleNotebook(nb, OPEN_DELAY_MS)),
      vscode.workspace.onDidCloseNotebookDocument((nb) => nb.getCells().forEach((c) => this.forget(c.document.uri))),
      vscode.workspace.onDidChangeNotebookDocument((e) => e.contentChanges.length && this.scheduleNotebook(e.notebook, EDIT_DELAY_MS)),
    );
  }

  /** Everything open now (activation, a settings change). */
  refreshAll(): void {
    for (const doc of vscode.workspace.textDocuments) this.schedule(doc, OPEN_DELAY_MS);
    for (const nb of vscode.workspace.notebookDocuments) this.scheduleNotebook(nb, OPEN_DELAY_MS);
  }

  findingsFor(uri: vscode.Uri): readonly Finding[] {
    return this.findings.get(uri.toString()) ?? [];
  }

  private wants(doc: vscode.TextDocument): boolean {
    return doc.languageId === 'python' && !SKIPPED_SCHEMES.has(doc.uri.scheme);
  }

  private schedule(doc: vscode.TextDocument, delay: number): void {
    if (doc.uri.scheme === 'vscode-notebook-cell') {
      const nb = vscode.workspace.notebookDocuments.find((n) => n.getCells().some((c) => c.document === doc));
      if (nb) this.scheduleNotebook(nb, delay);
      return;
    }
    if (!this.wants(doc)) return;
    this.debounce(doc.uri.toString(), delay, () => void this.analyzeDocument(doc));
  }

  private scheduleNotebook(nb: vscode.NotebookDocument, delay: number): void {
    this.debounce(nb.uri.toString(), delay, () => void this.analyzeNotebook(nb));
  }

  private debounce(key: string, delay: number, run: () => void): void {
    clearTimeout(this.timers.get(key));
    this.timers.set(key, setTimeout(() => {
      this.timers.delete(key);
      run();
    }, delay));
  }

  check(id: string): Check | undefined {
    return this.catalog.find((c) => c.id === id);
  }

  private async checks() {
    try {
      const modules = await onDemand();
      this.catalog = modules.CHECKS;
      return modules;
    } catch (error) {
      if (!this.warnedLoad) this.log.error(`training-code checks could not load: ${(error as Error).message}`);
      this.warnedLoad = true;
      return undefined;
    }
  }

  private async analyzeDocument(doc: vscode.TextDocument): Promise<void> {
    const settings = this.config.checks(doc.uri);
    if (!settings.enabled || doc.isClosed) return this.forget(doc.uri);
    const modules = await this.checks();
    if (!modules || doc.isClosed) return;
    const version = doc.version;
    const started = Date.now();
    const found = modules.analyze(doc.getText(), { disabled: settings.disabled });
    if (doc.isClosed || doc.version !== version) return; // a newer edit is scheduled
    this.log.debug(`checks: ${found.length} finding(s) in ${doc.uri.toString(true)} (${Date.now() - started} ms)`);
    this.set(doc.uri, found);
  }

  private async analyzeNotebook(nb: vscode.NotebookDocument): Promise<void> {
    const cells = nb.getCells().filter((c) => c.kind === vscode.NotebookCellKind.Code && c.document.languageId === 'python');
    const settings = this.config.checks(nb.uri);
    if (!settings.enabled || nb.isClosed) {
      nb.getCells().forEach((c) => this.forget(c.document.uri));
      return;
    }
    const modules = await this.checks();
    if (!modules || nb.isClosed) return;
    const found = modules.analyzeCells(cells.map((c) => c.document.getText()), { disabled: settings.disabled });
    cells.forEach((cell, i) => this.set(cell.document.uri, found.filter((f) => f.cell === i).map((f) => f.finding)));
  }

  private set(uri: vscode.Uri, found: Finding[]): void {
    this.findings.set(uri.toString(), found);
    this.collection.set(uri, found.map(toDiagnostic));
  }

  private forget(uri: vscode.Uri): void {
    clearTimeout(this.timers.get(uri.toString()));
    this.timers.delete(uri.toString());
    this.findings.delete(uri.toString());
    this.collection.delete(uri);
  }

  dispose(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
    for (const s of this.subscriptions) s.dispose();
  }
}
