// The interview readiness section of the statistics view: a text summary, an SVG line chart (built element by
// element; every text through textContent) of the predicted share of the scope recalled day by day up to the
// date — with the plan, and with no further study — its data as a table, and the topics at risk.
import type { Readiness } from '../core/study/readiness';
import type { StatsMessage } from '../shared/protocol';
import { button, h } from './dom';

type Str = (key: string, ...args: (string | number)[]) => string;
const SVG = 'http://www.w3.org/2000/svg';
const W = 560;
const H = 220;
const M = { left: 40, right: 44, top: 12, bottom: 28 };

function svg<K extends keyof SVGElementTagNameMap>(tag: K, attrs: Record<string, string | number>, ...children: (Node | string)[]): SVGElementTagNameMap[K] {
  const el = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  el.append(...children);
  return el;
}

const pct = (v: number) => `${Math.round(100 * v)}%`;
const shortDate = (iso: string) => new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric', timeZone: 'UTC' }).format(new Date(`${iso}T00:00:00Z`));

export function readinessChart(r: Readiness, s: Str, label: string): SVGSVGElement {
  const n = r.points.length;
  const plotW = W - M.left - M.right;
  const plotH = H - M.top - M.bottom;
  const x = (i: number) => M.left + (n > 1 ? (i / (n - 1)) * plotW : plotW / 2);
  const y = (v: number) => M.top + (1 - Math.min(1, Math.max(0, v))) * plotH;
  const root = svg('svg', { class: 'readiness-chart', viewBox: `0 0 ${W} ${H}`, width: W, height: H, role: 'img', 'aria-label': label, 'data-points': n });
  root.append(svg('title', {}, label));
  for (const v of [0, 0.25, 0.5, 0.75, 1]) {
    root.append(svg('line', { class: 'readiness-grid', x1: M.left, x2: W - M.right, y1: y(v), y2: y(v) }));
    root.append(svg('text', { class: 'readiness-axis', x: M.left - 6, y: y(v) + 3, 'text-anchor': 'end' }, pct(v)));
  }
  root.append(svg('line', { class: 'readiness-threshold', x1: M.left, x2: W - M.right, y1: y(r.riskBelow), y2: y(r.riskBelow) }, svg('title', {}, s('riskLine', pct(r.riskBelow)))));
  const labelled = new Set([0, n - 1, ...(n > 6 ? [Math.round((n - 1) / 2)] : [])]);
  for (const i of labelled) {
    const anchor = i === 0 && n > 1 ? 'start' : i === n - 1 && n > 1 ? 'end' : 'middle';
    root.append(svg('text', { class: 'readiness-axis', x: x(i), y: H - 8, 'text-anchor': anchor }, i === n - 1 ? s('interviewDay', shortDate(r.points[i].date)) : i === 0 ? s('now') : shortDate(r.points[i].date)));
  }
  const line = (key: 'plan' | 'noStudy') => svg('polyline', { class: `readiness-line readiness-${key === 'plan' ? 'plan' : 'no-study'}`, points: r.points.map((p, i) => `${x(i).toFixed(1)},${y(p[key]).toFixed(1)}`).join(' ') });
  root.append(line('noStudy'), line('plan'));
  r.points.forEach((p, i) => {
    root.append(svg('circle', { class: 'readiness-dot', cx: x(i), cy: y(p.plan), r: i === n - 1 ? 4 : 2.5, 'data-date': p.date },
      svg('title', {}, s('readinessPoint', p.date, pct(p.plan), pct(p.noStudy)))));
  });
  const last = r.points[n - 1];
  if (last) {
    root.append(svg('text', { class: 'readiness-end readiness-end-plan', x: x(n - 1) + 6, y: y(last.plan) + 4 }, pct(last.plan)));
    if (Math.abs(y(last.plan) - y(last.noStudy)) > 12) root.append(svg('text', { class: 'readiness-end', x: x(n - 1) + 6, y: y(last.noStudy) + 4 }, pct(last.noStudy)));
  }
  return root;
}

export function renderReadiness(r: Readiness, s: Str, send: (m: StatsMessage) => void): HTMLElement {
  const last = r.points[r.points.length - 1];
  const summary = s('readinessSummary', r.date, r.daysLeft, pct(last?.plan ?? 0), pct(last?.noStudy ?? 0), r.cards);
  const legend = h('p', { class: 'readiness-legend' },
    h('span', { class: 'swatch swatch-plan', 'aria-hidden': 'true' }), ` ${s('withPlan')} `,
    h('span', { class: 'swatch swatch-no-study', 'aria-hidden': 'true' }), ` ${s('noFurtherStudy')} `,
    h('span', { class: 'swatch swatch-threshold', 'aria-hidden': 'true' }), ` ${s('riskLine', pct(r.riskBelow))}`);
  const days = h('table', { class: 'readiness-days' },
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, s('date')), h('th', { scope: 'col' }, s('withPlan')), h('th', { scope: 'col' }, s('noFurtherStudy')))),
    h('tbody', {}, ...r.points.map((p) => h('tr', {}, h('th', { scope: 'row' }, p.date), h('td', {}, pct(p.plan)), h('td', {}, pct(p.noStudy))))));
  const risks = r.atRisk.length
    ? h('table', { class: 'readiness-risks' },
      h('caption', { class: 'visually-hidden' }, s('topicsAtRisk')),
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, s('topic')), h('th', { scope: 'col' }, s('withPlan')), h('th', { scope: 'col' }, s('noFurtherStudy')),
        h('th', { scope: 'col' }, s('notStudiedYet')), h('th', { scope: 'col' }, h('span', { class: 'visually-hidden' }, s('quizMe'))))),
      h('tbody', {}, ...r.atRisk.map((t) => h('tr', { 'data-topic': t.id },
        h('th', { scope: 'row' }, t.title),
        h('td', {}, pct(t.plan)),
        h('td', {}, pct(t.noStudy)),
        h('td', {}, `${t.unseen} / ${t.cards}`),
        h('td', {}, button(s('quizMe'), { class: 'secondary small', 'aria-label': `${s('quizMe')}: ${t.title}` }, () => send({ type: 'quizTopic', id: t.id })))))))
    : h('p', { class: 'hint' }, s('noTopicsAtRisk', pct(r.riskBelow)));
  return h('section', { class: 'readiness', 'aria-labelledby': 'readiness-title' },
    h('h2', { id: 'readiness-title' }, s('readinessTitle')),
    h('p', { class: 'readiness-summary' }, summary),
    h('p', {}, s('readinessToday', r.today.reviews, r.today.newCards, r.today.minutes, r.minutesPerDay)),
    h('div', { class: 'readiness-wrap' }, readinessChart(r, s, summary) as unknown as Node),
    legend,
    h('p', { class: 'hint' }, s('readinessHint', r.runs)),
    h('details', {}, h('summary', {}, s('dayByDay')), days),
    h('h3', {}, s('topicsAtRisk')),
    risks);
}
