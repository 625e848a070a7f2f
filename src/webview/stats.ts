// The statistics view: headline numbers, mastery per topic, and the reviews-per-day heatmap drawn as SVG
// built element by element (every text goes in through textContent; no markup strings).
import type { StatsMessage, StatsView } from '../shared/protocol';
import type { Stats } from '../core/quiz/stats';
import { h } from './dom';
import { renderReadiness } from './readiness';

type Str = (key: string, ...args: (string | number)[]) => string;
const SVG = 'http://www.w3.org/2000/svg';
const CELL = 11;
const GAP = 2;
const LEFT = 28;
const TOP = 16;

function svg<K extends keyof SVGElementTagNameMap>(tag: K, attrs: Record<string, string | number>, ...children: (Node | string)[]): SVGElementTagNameMap[K] {
  const el = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  el.append(...children);
  return el;
}

/** Day i of the heatmap as a Date at UTC midnight (the host already placed days in the learner's zone). */
function dayAt(start: string, i: number): Date {
  return new Date(Date.parse(`${start}T00:00:00Z`) + i * 86_400_000);
}

export function renderHeatmap(stats: Stats, s: Str): SVGSVGElement {
  const { counts, levels, start } = stats.heatmap;
  const weeks = Math.ceil(counts.length / 7);
  const width = LEFT + weeks * (CELL + GAP);
  const height = TOP + 7 * (CELL + GAP);
  const activeDays = counts.filter((c) => c > 0).length;
  const label = s('heatmapSummary', stats.heatmap.total, activeDays, counts.length);
  const root = svg('svg', { class: 'heatmap', viewBox: `0 0 ${width} ${height}`, width, height, role: 'img', 'aria-label': label });
  root.append(svg('title', {}, label));
  const month = new Intl.DateTimeFormat(undefined, { month: 'short', timeZone: 'UTC' });
  const weekday = new Intl.DateTimeFormat(undefined, { weekday: 'short', timeZone: 'UTC' });
  // Weekday labels on Monday, Wednesday, Friday rows.
  for (const row of [0, 2, 4]) {
    root.append(svg('text', { x: 0, y: TOP + row * (CELL + GAP) + CELL - 2, class: 'heatmap-label' }, weekday.format(dayAt(start, row))));
  }
  let lastMonth = -1;
  counts.forEach((count, i) => {
    const date = dayAt(start, i);
    const col = Math.floor(i / 7);
    const row = i % 7;
    if (row === 0 && date.getUTCMonth() !== lastMonth) {
      lastMonth = date.getUTCMonth();
      if (col < weeks - 1) root.append(svg('text', { x: LEFT + col * (CELL + GAP), y: TOP - 5, class: 'heatmap-label' }, month.format(date)));
    }
    const iso = date.toISOString().slice(0, 10);
    root.append(svg('rect', {
      x: LEFT + col * (CELL + GAP), y: TOP + row * (CELL + GAP), width: CELL, height: CELL, rx: 2,
      class: `heat heat-${levels[i] ?? 0}`, 'data-date': iso, 'data-count': count,
    }, svg('title', {}, s('dayReviews', iso, count))));
  });
  return root;
}

function legend(s: Str): HTMLElement {
  const box = svg('svg', { width: 5 * (CELL + GAP), height: CELL, 'aria-hidden': 'true' });
  for (let level = 0; level <= 4; level++) box.append(svg('rect', { x: level * (CELL + GAP), y: 0, width: CELL, height: CELL, rx: 2, class: `heat heat-${level}` }));
  return h('p', { class: 'heatmap-legend' }, s('less'), ' ', box as unknown as Node, ' ', s('more'));
}

function percent(value: number | null, s: Str): string {
  return value === null ? s('notYet') : `${value}%`;
}

export function renderStats(view: StatsView, s: Str, send: (m: StatsMessage) => void = () => {}): HTMLElement {
  const { stats } = view;
  const tiles = h('dl', { class: 'stat-tiles' },
    tile(s('currentStreak'), s('days', stats.streak.current), s('longestStreak') + ': ' + s('days', stats.streak.longest)),
    tile(s('retention'), percent(stats.retention.percent, s), s('last30', percent(stats.retention30.percent, s)), s('retentionHint')),
    tile(s('mastered'), `${stats.totals.mastered} / ${stats.totals.cards}`, `${s('studied')}: ${stats.totals.studied} · ${s('dueNow')}: ${stats.totals.due}`),
    tile(s('totalReviews'), String(stats.totals.reviews)),
  );
  const table = h('table', { class: 'mastery' },
    h('caption', { class: 'visually-hidden' }, s('masteryByTopic')),
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, s('topic')), h('th', { scope: 'col' }, s('mastered')), h('th', { scope: 'col' }, s('learning')),
      h('th', { scope: 'col' }, s('dueNow')), h('th', { scope: 'col' }, s('newCards')), h('th', { scope: 'col', class: 'bar-col' }, '%'))));
  const body = h('tbody');
  for (const t of stats.topics) {
    const bar = h('div', { class: 'mastery-bar', role: 'img', 'aria-label': `${t.masteryPercent}%` });
    for (const [key, count] of [['mastered', t.counts.mastered], ['review', t.counts.review + t.counts.learning], ['due', t.counts.due]] as const) {
      const seg = h('span', { class: `seg seg-${key}` });
      seg.style.width = `${t.total ? (100 * count) / t.total : 0}%`;
      bar.append(seg);
    }
    body.append(h('tr', { 'data-topic': t.id },
      h('th', { scope: 'row' }, t.title),
      h('td', {}, String(t.counts.mastered)),
      h('td', {}, String(t.counts.learning + t.counts.review)),
      h('td', {}, String(t.counts.due)),
      h('td', {}, String(t.counts.new)),
      h('td', { class: 'bar-col' }, bar, ` ${t.masteryPercent}%`)));
  }
  table.append(body);
  return h('section', { class: 'stats-view' },
    h('h1', { tabindex: '-1', 'data-autofocus': true }, s('statsTitle')),
    tiles,
    view.readiness ? renderReadiness(view.readiness, s, send) : null,
    h('h2', {}, s('reviewsPerDay')),
    h('div', { class: 'heatmap-wrap' }, renderHeatmap(stats, s) as unknown as Node),
    legend(s),
    h('h2', {}, s('masteryByTopic')),
    h('p', { class: 'hint' }, s('masteryLegend')),
    table);
}

function tile(label: string, value: string, ...notes: string[]): HTMLElement {
  return h('div', { class: 'tile' }, h('dt', {}, label), h('dd', {}, h('span', { class: 'tile-value' }, value), ...notes.map((n) => h('span', { class: 'tile-note' }, n))));
}
