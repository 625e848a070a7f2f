import { describe, expect, it } from 'vitest';
import { analyze, analyzeCells, blankMagics, CHECKS, type Finding } from '../../src/core/checks/index';
import { parsePython } from '../../src/core/checks/python/parse';
import type { Stmt } from '../../src/core/checks/python/ast';
import { FIXTURES } from './checkFixtures';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

function applyFix(text: string, f: Finding): string {
  const lines = text.split('\n');
  const offset = (p: { line: number; character: number }) => lines.slice(0, p.line).reduce((n, l) => n + l.length + 1, 0) + p.character;
  const edits = f.fix!.edits.map((e) => ({ s: offset(e.range.start), e: offset(e.range.end), t: e.newText })).sort((a, b) => b.s - a.s);
  for (const e of edits) text = text.slice(0, e.s) + e.t + text.slice(e.e);
  return text;
}

const markedLine = (text: string) => text.split('\n').findIndex((l) => l.includes('# <-'));

describe('training-code checks: one positive and one negative fixture each', () => {
  it('every check has fixtures, and at least 15 checks exist', () => {
    expect(CHECKS.length).toBeGreaterThanOrEqual(15);
    expect(Object.keys(FIXTURES).sort()).toEqual(CHECKS.map((c) => c.id).sort());
  });

  for (const check of CHECKS) {
    const fixture = FIXTURES[check.id];
    it(`${check.id}: reports the planted mistake on its line`, () => {
      const found = analyze(fixture.bad).filter((f) => f.check === check.id);
      expect(found.map((f) => f.range.start.line)).toEqual([markedLine(fixture.bad)]);
      expect(found[0].questionId).toBe(check.questionId);
      expect(['information', 'warning']).toContain(found[0].severity);
    });
    it(`${check.id}: stays quiet on the correct version`, () => {
      expect(analyze(fixture.good).filter((f) => f.check === check.id)).toEqual([]);
    });
    if (fixture.fixed) {
      it(`${check.id}: the quick fix gives the corrected code and the diagnostic goes away`, () => {
        const [finding] = analyze(fixture.bad).filter((f) => f.check === check.id);
        expect(finding.fix).toBeDefined();
        const after = applyFix(fixture.bad, finding);
        expect(after).toBe(fixture.fixed);
        expect(analyze(after).filter((f) => f.check === check.id)).toEqual([]);
      });
    }
  }
});

describe('check metadata', () => {
  const questionIds = new Set<string>();
  it('names concepts and questions that exist in the bank', () => {
    const root = join(__dirname, '../../questions');
    const visit = (d: string) => {
      for (const name of readdirSync(d)) {
        const p = join(d, name);
        if (statSync(p).isDirectory()) visit(p);
        else if (name.endsWith('.md') && name !== 'README.md') {
          const id = /^id: (\S+)$/m.exec(readFileSync(p, 'utf8'))?.[1];
          if (id) questionIds.add(id);
        }
      }
    };
    visit(root);
    const glossary = readdirSync(join(root, 'glossary')).map((f) => readFileSync(join(root, 'glossary', f), 'utf8')).join('\n');
    for (const c of CHECKS) {
      expect(questionIds, c.id).toContain(c.questionId);
      expect(glossary, c.id).toMatch(new RegExp(`^- id: ${c.conceptId}$`, 'm'));
    }
  });
  it('ids are kebab-case and unique; severities are never errors', () => {
    expect(new Set(CHECKS.map((c) => c.id)).size).toBe(CHECKS.length);
    for (const c of CHECKS) {
      expect(c.id).toMatch(/^[a-z0-9]+(?:-[a-z0-9]+)*$/);
      expect(['information', 'warning']).toContain(c.severity);
    }
  });
});

describe('runner', () => {
  const bad = FIXTURES['torch-load-weights-only'].bad;
  it('a # tensor-tutor: ignore[check-id] comment silences its line only', () => {
    const silenced = bad.replace('# <-', '# tensor-tutor: ignore[torch-load-weights-only]');
    expect(analyze(silenced)).toEqual([]);
    const other = bad.replace('# <-', '# tensor-tutor: ignore[dropout-high-p]');
    expect(analyze(other).map((f) => f.check)).toEqual(['torch-load-weights-only']);
    expect(analyze(bad.replace('# <-', '# tensor-tutor: ignore'))).toEqual([]);
    expect(analyze(`${bad}\n# tensor-tutor: ignore[torch-load-weights-only]\n`).length).toBe(1);
  });
  it('disabled checks do not run', () => {
    expect(analyze(bad, { disabled: ['torch-load-weights-only'] })).toEqual([]);
  });
  it('notebook cells are analysed together and mapped back to their cell', () => {
    const cells = ['import torch\nfrom torch.utils.data import DataLoader', '%matplotlib inline\nx = 1', 'val_loader = DataLoader(val_set, shuffle=True)'];
    const found = analyzeCells(cells);
    expect(found.map((f) => [f.cell, f.finding.check, f.finding.range.start.line])).toEqual([[2, 'shuffle-validation', 0]]);
    expect(found[0].finding.fix?.edits[0].range.start.line).toBe(0);
  });
  it('blanks IPython magics without moving anything', () => {
    const text = 'x = 1\n%timeit f()\n  !ls -la\ny = 2';
    expect(blankMagics(text).length).toBe(text.length);
    expect(blankMagics(text).split('\n')[1].trim()).toBe('');
  });
  it('never throws on broken or hostile input', () => {
    const inputs = ['def (:\n  ))) [[[', 'x = """unterminated', "if x:\n\tpass\n  else:\n y", '\\\n'.repeat(50), '('.repeat(5000), 'for for for in in in:\n'.repeat(100), '\u0000\uffff', '', '-'.repeat(20000) + '1', 'not '.repeat(5000) + 'x', 'a' + '.b'.repeat(20000), 'f' + '()'.repeat(20000),
      Array.from({ length: 3000 }, (_, i) => `${' '.repeat(i)}if x:`).join('\n'), 'x = [' + '1, '.repeat(100000) + ']'];
    for (const input of inputs) expect(() => analyze(input)).not.toThrow();
  });
});

describe('the Python parser', () => {
  const kinds = (src: string) => {
    const out: string[] = [];
    const walk = (b: Stmt[]) => b.forEach((s) => { out.push(s.t); walk(s.body); });
    walk(parsePython(src).body);
    return out;
  };
  it('parses the statements the checks rely on', () => {
    expect(kinds('import torch\nfor x in y:\n    with a() as b, c:\n        z += 1\n    else_ = 2\nclass A(B):\n    def f(self, *, k=1):\n        return k\n'))
      .toEqual(['import', 'for', 'with', 'aug', 'assign', 'class', 'def', 'return']);
  });
  it('reads modern syntax without errors', () => {
    const src = [
      '@dataclass(frozen=True)', 'class C:', '    x: int = 1', 'async def f(a, /, b=2, *args, c: int = 3, **kw) -> dict[str, int]:',
      '    if (n := len(a)) > 1: return {k: v for k, v in kw.items() if v}', '    print(f"{a!r:>10}", end="")', '    l = lambda q, r=1: q + r',
      '    x[1:2, ::3, ...] = 0', '    match cmd:', '        case [p, *rest] if p:', '            pass', '    try:', '        yield from g()',
      '    except (A, B) as e:', '        raise ValueError() from e', '    finally:', '        z = [*a, *b]', '    return a if b else c', 'x = 1; y = 2',
    ].join('\n');
    expect(kinds(src)).not.toContain('error');
  });
  it('recovers: one bad line becomes an error statement, the rest parses', () => {
    expect(kinds('print "py2"\nx = 1\nfor i in r:\n    y = )\n    z = 2\n')).toEqual(['error', 'assign', 'for', 'error', 'assign']);
  });
  it('parses every corpus script without error statements', () => {
    const dirs = ['checks-corpus/tuned', 'checks-corpus/held-out', 'hover-corpus'].map((d) => join(__dirname, '../fixtures', d));
    for (const dir of dirs) {
      for (const file of readdirSync(dir).filter((f) => f.endsWith('.py'))) {
        expect(kinds(readFileSync(join(dir, file), 'utf8')), file).not.toContain('error');
      }
    }
  });
});

describe('manifest', () => {
  it('tensorTutor.checks.disabled offers exactly the check ids', () => {
    const pkg = JSON.parse(readFileSync(join(__dirname, '../../package.json'), 'utf8'));
    const enumIds = pkg.contributes.configuration.properties['tensorTutor.checks.disabled'].items.enum;
    expect(enumIds).toEqual(CHECKS.map((c) => c.id));
  });
});
