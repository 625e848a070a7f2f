// Code actions on a check's diagnostic: the quick fix where one is safe, Explain (opens the question),
// Quiz me on this, ignore this line, and don't warn about this check.
import * as vscode from 'vscode';
import type { Check, Finding } from '../../core/checks/index';
import { Commands } from '../shared/commands';
import { CHECKS_SOURCE } from './settings';

export const EXPLAIN_KIND = vscode.CodeActionKind.QuickFix.append('tensorTutor.explain');
export const QUIZ_KIND = vscode.CodeActionKind.QuickFix.append('tensorTutor.quiz');
export const IGNORE_KIND = vscode.CodeActionKind.QuickFix.append('tensorTutor.ignore');
export const DISABLE_KIND = vscode.CodeActionKind.QuickFix.append('tensorTutor.disable');

export interface CheckActionDeps {
  findingsFor(uri: vscode.Uri): readonly Finding[];
  /** Check titles, once the checks have loaded (undefined before: the titles fall back to the id). */
  check(id: string): Pick<Check, 'title'> | undefined;
}

const codeOf = (d: vscode.Diagnostic) => (typeof d.code === 'object' ? String(d.code.value) : String(d.code ?? ''));

export class CheckCodeActions implements vscode.CodeActionProvider {
  static readonly metadata: vscode.CodeActionProviderMetadata = { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] };

  constructor(private readonly deps: CheckActionDeps) {}

  provideCodeActions(doc: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): vscode.CodeAction[] {
    const actions: vscode.CodeAction[] = [];
    const findings = this.deps.findingsFor(doc.uri);
    for (const diagnostic of context.diagnostics) {
      if (diagnostic.source !== CHECKS_SOURCE) continue;
      const finding = findings.find((f) => f.check === codeOf(diagnostic) && f.range.start.line === diagnostic.range.start.line && f.range.start.character === diagnostic.range.start.character);
      if (!finding) continue;
      const title = this.deps.check(finding.check)?.title ?? finding.check;
      if (finding.fix) {
        const fix = new vscode.CodeAction(finding.fix.title, vscode.CodeActionKind.QuickFix);
        fix.edit = new vscode.WorkspaceEdit();
        for (const e of finding.fix.edits) {
          fix.edit.replace(doc.uri, new vscode.Range(e.range.start.line, e.range.start.character, e.range.end.line, e.range.end.character), e.newText);
        }
        fix.diagnostics = [diagnostic];
        fix.isPreferred = true;
        actions.push(fix);
      }
      const explain = new vscode.CodeAction(vscode.l10n.t('Explain: {0}', title), EXPLAIN_KIND);
      explain.command = { command: Commands.openQuestion, title: explain.title, arguments: [finding.questionId] };
      explain.diagnostics = [diagnostic];
      const quiz = new vscode.CodeAction(vscode.l10n.t('Quiz me on this'), QUIZ_KIND);
      quiz.command = { command: Commands.quizConcept, title: quiz.title, arguments: [finding.conceptId] };
      quiz.diagnostics = [diagnostic];
      const line = doc.lineAt(diagnostic.range.start.line);
      const comment = ignoreEdit(line.text, finding.check);
      const ignore = new vscode.CodeAction(vscode.l10n.t('Ignore {0} on this line', finding.check), IGNORE_KIND);
      if (comment) {
        ignore.edit = new vscode.WorkspaceEdit();
        ignore.edit.insert(doc.uri, new vscode.Position(line.lineNumber, comment.character), comment.text);
        ignore.diagnostics = [diagnostic];
      }
      const disable = new vscode.CodeAction(vscode.l10n.t("Don't warn about this check ({0})", finding.check), DISABLE_KIND);
      disable.command = { command: Commands.disableCheck, title: disable.title, arguments: [finding.check, title] };
      disable.diagnostics = [diagnostic];
      actions.push(explain, quiz, ...(comment ? [ignore] : []), disable);
    }
    return actions;
  }
}

/** Where and what to insert to silence `check` on a line: extends an existing directive, else appends one. */
export function ignoreEdit(line: string, check: string): { character: number; text: string } | undefined {
  if (/\\\s*$/.test(line)) return undefined; // a comment after a line continuation would break the code
  const existing = /#\s*tensor-tutor:\s*ignore\[([^\]]*)\]/.exec(line);
  if (existing) return { character: existing.index + existing[0].length - 1, text: `, ${check}` };
  const trimmed = line.replace(/\s+$/, '');
  return { character: trimmed.length, text: `  # tensor-tutor: ignore[${check}]` };
}
