// Tiny DOM helpers: elements are built with textContent, never innerHTML (only sanitised Markdown is
// inserted as a fragment).
import { iconSvg, type IconName } from './icons';

export type Child = Node | string | null | undefined | false;

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string | boolean | undefined> = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === undefined || value === false) continue;
    el.setAttribute(key, value === true ? '' : value);
  }
  for (const child of children) if (child !== null && child !== undefined && child !== false) el.append(child);
  return el;
}

export function icon(name: IconName): HTMLElement {
  const span = h('span', { class: `codicon codicon-${name}`, 'aria-hidden': 'true' });
  span.append(iconSvg(name));
  return span;
}

export function button(label: Child, attrs: Record<string, string | boolean | undefined>, onClick: () => void, ...extra: Child[]): HTMLButtonElement {
  const b = h('button', { type: 'button', ...attrs }, ...extra, label);
  b.addEventListener('click', onClick);
  return b;
}
