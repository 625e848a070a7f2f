// Hovers cannot typeset math, so the TeX between $…$ in glossary text is turned into readable Unicode
// there (θ ← θ − η∇L). The quiz and reader webviews typeset the same TeX with KaTeX instead.
import { replaceMath } from './mathSpans';

const SYMBOLS: Record<string, string> = {
  alpha: 'α', beta: 'β', gamma: 'γ', delta: 'δ', epsilon: 'ε', varepsilon: 'ε', zeta: 'ζ', eta: 'η', theta: 'θ',
  iota: 'ι', kappa: 'κ', lambda: 'λ', mu: 'μ', nu: 'ν', xi: 'ξ', pi: 'π', rho: 'ρ', sigma: 'σ', tau: 'τ', phi: 'φ',
  varphi: 'φ', chi: 'χ', psi: 'ψ', omega: 'ω', Gamma: 'Γ', Delta: 'Δ', Theta: 'Θ', Lambda: 'Λ', Xi: 'Ξ', Pi: 'Π',
  Sigma: 'Σ', Phi: 'Φ', Psi: 'Ψ', Omega: 'Ω', ell: 'ℓ', partial: '∂', nabla: '∇', cdot: '·', times: '×', odot: '⊙',
  otimes: '⊗', leftarrow: '←', gets: '←', rightarrow: '→', to: '→', Rightarrow: '⇒', le: '≤', leq: '≤', ge: '≥',
  geq: '≥', ne: '≠', neq: '≠', approx: '≈', sim: '∼', propto: '∝', infty: '∞', sum: 'Σ', prod: 'Π', int: '∫', in: '∈',
  pm: '±', ldots: '…', dots: '…', cdots: '⋯', top: 'ᵀ', mid: '|', lVert: '‖', rVert: '‖', Vert: '‖', langle: '⟨',
  rangle: '⟩', lceil: '⌈', rceil: '⌉', lfloor: '⌊', rfloor: '⌋', quad: '  ', qquad: '   ', log: 'log', ln: 'ln',
  exp: 'exp', max: 'max', min: 'min', arg: 'arg', tanh: 'tanh', sin: 'sin', cos: 'cos', sup: 'sup', ll: '≪', gg: '≫',
  equiv: '≡', lt: '<', gt: '>', neg: '¬', wedge: '∧', vee: '∨', subset: '⊂',
};
// Commands that only change size or font: drop the command, keep the argument.
const TRANSPARENT = new Set(['mathrm', 'text', 'mathbf', 'mathit', 'operatorname', 'boldsymbol', 'textstyle', 'displaystyle',
  'left', 'right', 'big', 'Big', 'bigl', 'bigr', 'Bigl', 'Bigr', 'mathcal', 'underbrace', 'overrightarrow', 'overleftarrow']);
const ACCENTS: Record<string, string> = { hat: '\u0302', bar: '\u0304', tilde: '\u0303', vec: '\u20d7' };
const BLACKBOARD: Record<string, string> = { E: '𝔼', R: 'ℝ', N: 'ℕ', Z: 'ℤ', P: 'ℙ' };

/** Replaces every math span of `text` (the shared rule in mathSpans.ts) with a plain-text rendering of its TeX. */
export function plainMath(text: string): string {
  return replaceMath(text, (span) => texToPlain(span.tex));
}

export function texToPlain(tex: string): string {
  let i = 0;
  // Reads one argument: a {group} or a single (command) token.
  const arg = (): string => {
    while (tex[i] === ' ') i++;
    if (tex[i] === '{') {
      let depth = 0;
      const start = i;
      for (; i < tex.length; i++) {
        if (tex[i] === '{') depth++;
        else if (tex[i] === '}' && --depth === 0) break;
      }
      const inner = tex.slice(start + 1, i);
      i++;
      return texToPlain(inner);
    }
    return token();
  };
  const token = (): string => {
    const c = tex[i];
    if (c === undefined) return '';
    if (c !== '\\') {
      i++;
      return c === '{' || c === '}' ? '' : c;
    }
    const name = /^\\([a-zA-Z]+|.)/.exec(tex.slice(i))?.[1] ?? '';
    i += 1 + name.length;
    if (name === 'frac' || name === 'tfrac' || name === 'dfrac') {
      const num = arg();
      const den = arg();
      // Escaped: esbuild leaves regular expressions as written, and a page read in another encoding would break them.
      const wrap = (s: string) => (s.length > 1 && /[^\w\u03b1-\u03c9\u0391-\u03a9\u2202\u2113]/.test(s) ? `(${s})` : s);
      return `${wrap(num)}/${wrap(den)}`;
    }
    if (name === 'sqrt') return `√(${arg()})`;
    if (name === 'mathbb') {
      const a = arg();
      return BLACKBOARD[a] ?? a;
    }
    if (ACCENTS[name]) return arg() + ACCENTS[name];
    if (TRANSPARENT.has(name)) return tex[i] === '{' || tex[i] === ' ' ? arg() : '';
    if (name === 'begin' || name === 'end') {
      arg();
      return '';
    }
    if (SYMBOLS[name]) return SYMBOLS[name]!;
    if (name === ',' || name === ';' || name === ' ') return ' ';
    if (name === '!') return '';
    if (name === '|') return '‖';
    if (name === '\\') return '; ';
    return name; // an unknown command or escaped character: its name, without the backslash
  };
  let out = '';
  while (i < tex.length) {
    const c = tex[i];
    if (c === '_' || c === '^') {
      i++;
      const script = arg();
      out += c === '^' && script === 'ᵀ' ? 'ᵀ' : script.length === 1 ? `${c === '_' ? '_' : '^'}${script}` : `${c}(${script})`;
      continue;
    }
    out += token();
  }
  return out.replace(/\s{2,}/g, (s) => (s.length > 3 ? '   ' : s)).trim();
}
