// Small typed readers for untrusted front-matter records. Each problem is reported, never thrown.

export type Report = (path: (string | number)[], message: string) => void;

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export const KEBAB_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export function readString(rec: Record<string, unknown>, key: string, report: Report, required = true): string | undefined {
  const value = rec[key];
  if (value === undefined || value === null) {
    if (required) report([key], `missing required field "${key}"`);
    return undefined;
  }
  if (typeof value !== 'string' && typeof value !== 'number') {
    report([key], `"${key}" must be text`);
    return undefined;
  }
  const text = String(value).trim();
  if (required && !text) report([key], `"${key}" is empty`);
  return text;
}

export function readStringList(rec: Record<string, unknown>, key: string, report: Report, max = 500): string[] {
  const value = rec[key];
  if (value === undefined || value === null) return [];
  if (typeof value === 'string') return [value.trim()].filter(Boolean);
  if (!Array.isArray(value)) {
    report([key], `"${key}" must be a list`);
    return [];
  }
  const out: string[] = [];
  value.slice(0, max).forEach((item, i) => {
    if (typeof item === 'string' || typeof item === 'number') {
      const text = String(item).trim();
      if (text) out.push(text);
    } else report([key, i], `"${key}" item ${i + 1} must be text`);
  });
  if (value.length > max) report([key], `"${key}" has more than ${max} items; the rest are ignored`);
  return out;
}

export function warnUnknownKeys(rec: Record<string, unknown>, known: readonly string[], report: Report): void {
  for (const key of Object.keys(rec)) {
    if (!known.includes(key)) report([key], `unknown field "${key}" (ignored)`);
  }
}
