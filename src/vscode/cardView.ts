// Question → what the webview shows. Also the l10n strings the webview needs (it has no vscode.l10n).
import * as vscode from 'vscode';
import type { BankView } from '../core/bank/loadBank';
import type { Question } from '../core/bank/types';
import type { CardView } from '../shared/protocol';

export function cardView(bank: BankView, q: Question, conceptName: (id: string) => string | undefined): CardView {
  return {
    id: q.id,
    title: q.title,
    topicTitle: bank.topicsById.get(q.topic)?.title ?? q.topic,
    difficulty: q.difficulty,
    answer: q.answer,
    ...(q.choices ? { choices: q.choices } : {}),
    ...(q.keyPoints ? { keyPoints: q.keyPoints } : {}),
    concepts: q.concepts.map((id) => ({ id, name: conceptName(id) ?? id })),
    related: q.related.flatMap((id) => {
      const r = bank.questionsById.get(id);
      return r ? [{ id, title: r.title }] : [];
    }),
  };
}

export function webviewStrings(): Record<string, string> {
  const t = vscode.l10n.t;
  return {
    showAnswer: t('Show answer'),
    hideAnswer: t('Hide answer'),
    again: t('Again'),
    hard: t('Hard'),
    good: t('Good'),
    easy: t('Easy'),
    undo: t('Undo'),
    skip: t('Skip'),
    remaining: t('remaining'),
    of: t('of'),
    correct: t('Correct'),
    incorrect: t('Not quite'),
    keyPoints: t('Key points: tick what your answer covered'),
    yourAnswer: t('Your answer (optional)'),
    suggested: t('Suggested grade'),
    summary: t('Session complete'),
    reviewed: t('Reviewed'),
    correctPercent: t('Correct'),
    time: t('Time'),
    dueNext: t('Next due'),
    studyMore: t('Study more'),
    close: t('Close'),
    concepts: t('Concepts'),
    related: t('Related questions'),
    quizMe: t('Quiz me'),
    markKnown: t('Mark as known'),
    back: t('Back'),
    forward: t('Forward'),
    empty: t('Nothing to study here right now.'),
    gradeAnnounce: t('Graded {0}.'),
    progressAnnounce: t('Card {0} of {1}.'),
    pickHint: t('Pick an answer (1–{0})'),
    revealHint: t('Space or Enter to reveal'),
    gradeHint: t('1–4 to grade · u undo · s skip'),
    topic: t('Topic'),
    elapsed: t('Elapsed'),
    // mock interview
    timeLeft: t('Time left for this question'),
    overTime: t('over'),
    oneMinuteLeft: t('One minute left for this question.'),
    timeUp: t('Time is up for this question. Finish your answer, then grade it.'),
    mockReport: t('Mock interview report'),
    question: t('Question'),
    grade: t('Grade'),
    skipped: t('Skipped'),
    asked: t('Asked'),
    averageTime: t('Average time'),
    overBudget: t('Over the {0} budget'),
    byTopic: t('By topic'),
    // statistics
    statsTitle: t('Tensor Tutor Statistics'),
    currentStreak: t('Current streak'),
    longestStreak: t('Longest streak'),
    days: t('{0} days'),
    retention: t('Retention achieved'),
    retentionHint: t('Reviews of already-studied cards not rated Again'),
    last30: t('last 30 days: {0}'),
    notYet: t('not measured yet'),
    mastered: t('Mastered'),
    studied: t('Studied'),
    dueNow: t('Due now'),
    totalReviews: t('Reviews'),
    reviewsPerDay: t('Reviews per day'),
    heatmapSummary: t('{0} reviews on {1} of the last {2} days'),
    dayReviews: t('{0}: {1} reviews'),
    less: t('Less'),
    more: t('More'),
    masteryByTopic: t('Mastery by topic'),
    learning: t('Learning'),
    newCards: t('New'),
    masteryLegend: t('mastered = next review at least 3 weeks away'),
  };
}
