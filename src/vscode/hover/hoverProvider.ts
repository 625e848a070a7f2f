// Explains the deep-learning concept under the cursor. The lookup itself is core/glossary/matcher.ts;
// this adapter only finds the line context and renders a MarkdownString with allow-listed command links.
import * as vscode from 'vscode';
import type { Concept } from '../../core/bank/types';
import { FRAMEWORK_LABELS } from '../../core/bank/types';
import { matchAt, type TermMatch } from '../../core/glossary/matcher';
import { plainMath } from '../../core/text/plainMath';
import { escapeMarkdown, escapeWithCodeSpans } from '../../core/text/escape';
import type { BankService } from '../shared/bankService';
import { DocumentContexts, isProseLanguage } from './documentContext';
import { Commands, HOVER_COMMANDS, commandLink } from '../shared/commands';
import type { Settings } from '../shared/settings';

export interface ConceptStatus {
  /** 'new' | 'learning' | 'due' | 'mastered', or undefined when no progress exists yet. */
  statusOf(concept: Concept): string | undefined;
}

export class DlHoverProvider implements vscode.HoverProvider {
  constructor(
    private readonly bank: BankService,
    private readonly contexts: DocumentContexts,
    private readonly settings: Settings,
    private readonly status?: ConceptStatus,
  ) {}

  async provideHover(document: vscode.TextDocument, position: vscode.Position, token: vscode.CancellationToken): Promise<vscode.Hover | undefined> {
    if (!this.settings.hoverEnabled()) return undefined;
    const index = this.bank.currentGlossary ?? (await this.bank.glossaryIndex());
    if (token.isCancellationRequested) return undefined;
    const match = findMatch(index, document, position, this.contexts);
    if (!match) return undefined;
    const range = new vscode.Range(position.line, match.start, position.line, match.end);
    return new vscode.Hover(renderHover(match, this.status?.statusOf(match.concept)), range);
  }
}

/** Lines longer than this get no hover (minified or generated text): the matcher refuses them anyway. */
const MAX_LINE = 2000;

export function findMatch(index: Parameters<typeof matchAt>[0], document: vscode.TextDocument, position: vscode.Position, contexts: DocumentContexts): TermMatch | undefined {
  const line = document.lineAt(position.line).text;
  if (line.length > MAX_LINE) return undefined;
  const ctx = contexts.get(document);
  const prose = isProseLanguage(document.languageId) !== ctx.flipped.has(position.line);
  const before = prose ? undefined : previousLines(document, position.line, 4);
  return matchAt(index, line, position.character, { mode: prose ? 'prose' : 'code', imports: ctx.imports, before, words: ctx.words });
}

/** The few lines before `line`, each cut to its last MAX_LINE characters: bounded work under huge lines. */
function previousLines(document: vscode.TextDocument, line: number, count: number): string {
  const out: string[] = [];
  for (let i = Math.max(0, line - count); i < line; i++) out.push(document.lineAt(i).text.slice(-MAX_LINE));
  return out.join('\n');
}

export function renderHover(match: TermMatch, status?: string): vscode.MarkdownString {
  const { concept } = match;
  const md = new vscode.MarkdownString('', true);
  md.supportHtml = false;
  md.isTrusted = { enabledCommands: [...HOVER_COMMANDS] };
  md.appendMarkdown(`**${escapeMarkdown(concept.name)}**`);
  if (status) md.appendMarkdown(` · _${status}_`);
  md.appendMarkdown('\n\n');
  md.appendMarkdown(escapeMarkdown(plainMath(concept.definition)));
  if (match.api) {
    md.appendMarkdown(`\n\n---\n\n\`${match.api.id}\` · ${FRAMEWORK_LABELS[match.api.framework]}`);
    if (match.api.note) md.appendMarkdown('  \n').appendMarkdown(escapeWithCodeSpans(plainMath(match.api.note)));
  } else if (match.kind === 'kwarg') {
    md.appendMarkdown(`\n\n---\n\nKeyword argument${match.callee ? ` of \`${match.callee.replace(/`/g, '')}\`` : ''}`);
  } else if (match.kind === 'method') {
    md.appendMarkdown('\n\n---\n\nMethod call');
  }
  const links: string[] = [];
  const n = concept.questionIds.length;
  if (n) {
    links.push(`[$(question) Related questions (${n})](${commandLink(Commands.openQuestion, [concept.questionIds[0]])} "Open the first question about ${escapeMarkdown(concept.name)}")`);
    links.push(`[$(mortar-board) Quiz me on this](${commandLink(Commands.quizConcept, [concept.id])})`);
  }
  links.push(`[$(list-tree) Show in topic browser](${commandLink(Commands.showInTopicBrowser, [concept.id])})`);
  md.appendMarkdown(`\n\n${links.join(' · ')}`);
  return md;
}
