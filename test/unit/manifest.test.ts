// Localisation readiness and the walkthrough, checked on the manifest itself: every user-visible
// contributed string comes from package.nls.json, every %key% resolves, the walkthrough's media ship.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { root } from './bankFixture';

const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const nls: Record<string, string> = JSON.parse(readFileSync(join(root, 'package.nls.json'), 'utf8'));
const VISIBLE = new Set(['title', 'description', 'markdownDescription', 'name', 'contextualTitle', 'contents', 'displayName', 'enumDescriptions', 'markdownEnumDescriptions', 'altText', 'category', 'patternErrorMessage']);

function visibleStrings(value: unknown, path: string, out: [string, string][] = []): [string, string][] {
  if (Array.isArray(value)) value.forEach((v, i) => visibleStrings(v, `${path}[${i}]`, out));
  else if (value && typeof value === 'object') {
    for (const [key, v] of Object.entries(value)) {
      if (VISIBLE.has(key) && typeof v === 'string') out.push([`${path}.${key}`, v]);
      else if (VISIBLE.has(key) && Array.isArray(v)) v.forEach((x, i) => typeof x === 'string' && out.push([`${path}.${key}[${i}]`, x]));
      else visibleStrings(v, `${path}.${key}`, out);
    }
  }
  return out;
}

describe('manifest localisation', () => {
  const strings = visibleStrings({ displayName: pkg.displayName, description: pkg.description, contributes: pkg.contributes, capabilities: pkg.capabilities }, 'package');

  it('every user-visible contributed string is a %key% that package.nls.json defines', () => {
    expect(strings.length).toBeGreaterThan(30);
    for (const [path, value] of strings) {
      const m = /^%([\w.-]+)%$/.exec(value);
      expect(m, `${path} = ${JSON.stringify(value)} is not localised`).toBeTruthy();
      expect(nls[m![1]], `${path}: ${m![1]} missing from package.nls.json`).toBeTypeOf('string');
    }
  });

  it('package.nls.json has no unused keys', () => {
    const used = new Set(strings.map(([, v]) => v.slice(1, -1)));
    expect(Object.keys(nls).filter((k) => !used.has(k))).toEqual([]);
  });

  it('runtime notifications go through vscode.l10n.t', () => {
    const dir = join(root, 'src', 'vscode');
    const files = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts'));
    expect(files.length).toBeGreaterThan(20);
    for (const file of files) {
      const text = readFileSync(join(dir, file), 'utf8');
      // A literal message is UI text; a template that starts with data (`${concept.name}…`) is bank content.
      expect(text, file).not.toMatch(/show(Information|Warning|Error)Message\(\s*(['"]|`[^$])/);
      expect(text, file).not.toMatch(/setStatusBarMessage\(\s*(['"]|`[^$])/);
    }
  });
});

describe('walkthrough', () => {
  const [walkthrough] = pkg.contributes.walkthroughs;

  it('has 3–5 steps, each with Markdown media that ships and a completion event', () => {
    expect(walkthrough.steps.length).toBeGreaterThanOrEqual(3);
    expect(walkthrough.steps.length).toBeLessThanOrEqual(5);
    const ignore = readFileSync(join(root, '.vscodeignore'), 'utf8');
    for (const step of walkthrough.steps) {
      expect(existsSync(join(root, step.media.markdown)), step.media.markdown).toBe(true);
      expect(step.completionEvents.length, step.id).toBeGreaterThan(0);
      for (const event of step.completionEvents) expect(event).toMatch(/^(onCommand|onView):tensorTutor\./);
    }
    expect(ignore).toContain('!media/walkthrough/*.md');
    expect(ignore).toContain('!samples/getting_started.py');
    expect(existsSync(join(root, 'samples', 'getting_started.py'))).toBe(true);
  });

  it('every command a step links to or completes on is contributed (or is the view focus command)', () => {
    const contributed = new Set<string>(pkg.contributes.commands.map((c: { command: string }) => c.command));
    const views = new Set<string>(Object.values(pkg.contributes.views).flat().map((v) => (v as { id: string }).id));
    for (const step of walkthrough.steps) {
      const text = nls[step.description.slice(1, -1)];
      const linked = [...text.matchAll(/\(command:([\w.]+)\)/g)].map((m) => m[1]);
      const completing = step.completionEvents.filter((e: string) => e.startsWith('onCommand:')).map((e: string) => e.slice('onCommand:'.length));
      for (const id of [...linked, ...completing]) {
        const ok = contributed.has(id) || (id.endsWith('.focus') && views.has(id.slice(0, -'.focus'.length)));
        expect(ok, `${step.id} names ${id}`).toBe(true);
      }
    }
  });
});
