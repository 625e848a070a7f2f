// "Tensor Tutor: Set Interview Date…": the date (empty turns the plan off), the scope (whole bank, chosen
// topics, or the mock-interview preset), then the minutes a day. Every step can be cancelled with Escape;
// nothing is saved until the last one.
import * as vscode from 'vscode';
import { parseIsoDate, type Scope, type ScopeKind } from '../../core/study/scope';
import type { BankService } from '../shared/bankService';
import type { Settings } from '../shared/settings';
import { localIsoDate } from './interviewPlan';

const DAY_MS = 86_400_000;

export async function setInterviewDate(bank: BankService, settings: Settings, now: Date, showStatistics: () => Thenable<unknown>): Promise<string | undefined> {
  const t = vscode.l10n.t;
  const today = localIsoDate(now);
  const current = settings.interviewDate();
  const input = await vscode.window.showInputBox({
    title: t('Tensor Tutor: Interview Date (1/3)'),
    prompt: t('The date of your interview, YYYY-MM-DD. Leave empty to turn the plan off.'),
    placeHolder: localIsoDate(new Date(now.getTime() + 14 * DAY_MS)),
    value: current ?? localIsoDate(new Date(now.getTime() + 14 * DAY_MS)),
    ignoreFocusOut: true,
    validateInput: (value) => {
      if (!value.trim()) return undefined;
      const date = parseIsoDate(value);
      if (!date) return t('A date like {0}', today);
      return date > today ? undefined : t('Pick a day after today.');
    },
  });
  if (input === undefined) return undefined;
  if (!input.trim()) {
    await settings.setInterview({ date: undefined });
    void vscode.window.showInformationMessage(t('Interview plan turned off: Due now asks the plain FSRS queue again.'));
    return undefined;
  }
  const date = parseIsoDate(input)!;

  const view = await bank.get();
  const scope = settings.interviewScope();
  type ScopeItem = vscode.QuickPickItem & { kind2: ScopeKind };
  const items: ScopeItem[] = [
    { kind2: 'all', label: `$(library) ${t('Whole bank')}`, description: `${view.cards.cards.length} ${t('cards')}`, detail: t('Every question and cloze deletion') },
    { kind2: 'topics', label: `$(list-tree) ${t('Chosen topics…')}`, detail: t('Only the topics you pick next') },
    { kind2: 'mock', label: `$(person) ${t('Mock-interview preset')}`, description: `${view.cards.cards.filter((c) => c.kind !== 'cloze').length} ${t('cards')}`, detail: t('Every interview question as a mock interview asks it, without the cloze drills') },
  ];
  const picked = await pick(items, t('Tensor Tutor: What the interview covers (2/3)'), items.find((i) => i.kind2 === scope.kind));
  if (!picked) return undefined;
  let chosen: Scope = { kind: picked.kind2 };
  if (picked.kind2 === 'topics') {
    const selected = new Set(scope.topics ?? []);
    const topicItems = view.bank.topics.map((tp) => ({ label: tp.title, description: `${view.questionsOfTopic(tp.id).length}`, id: tp.id, picked: selected.has(tp.id) }));
    const topics = await vscode.window.showQuickPick(topicItems, { title: t('Tensor Tutor: Topics of the interview'), canPickMany: true, ignoreFocusOut: true });
    if (!topics?.length) return undefined;
    chosen = { kind: 'topics', topics: topics.map((x) => x.id) };
  }

  const minutes = await vscode.window.showInputBox({
    title: t('Tensor Tutor: Minutes a day (3/3)'),
    prompt: t('How long you can study each day until the interview (5–480 minutes).'),
    value: String(settings.interviewMinutesPerDay()),
    ignoreFocusOut: true,
    validateInput: (value) => (/^\d+$/.test(value.trim()) && Number(value) >= 5 && Number(value) <= 480 ? undefined : t('A number of minutes from 5 to 480')),
  });
  if (minutes === undefined) return undefined;

  await settings.setInterview({ date, scope: chosen, minutesPerDay: Number(minutes) });
  const days = Math.round((Date.parse(`${date}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / DAY_MS);
  void vscode.window.showInformationMessage(t('Interview plan set for {0} ({1} days): Due now follows it.', date, days), t('Show Readiness')).then((action) => action && showStatistics());
  return date;
}

function pick<T extends vscode.QuickPickItem>(items: T[], title: string, active: T | undefined): Promise<T | undefined> {
  return new Promise((resolve) => {
    const qp = vscode.window.createQuickPick<T>();
    qp.title = title;
    qp.items = items;
    qp.ignoreFocusOut = true;
    if (active) qp.activeItems = [active];
    let result: T | undefined;
    qp.onDidAccept(() => {
      result = qp.selectedItems[0];
      qp.hide();
    });
    qp.onDidHide(() => {
      qp.dispose();
      resolve(result);
    });
    qp.show();
  });
}
