import { describe, expect, it } from 'vitest';
import { plainMath, texToPlain } from '../../src/core/text/plainMath';

describe('plainMath (TeX in hovers)', () => {
  it('turns common TeX into readable Unicode', () => {
    expect(texToPlain('\\theta \\leftarrow \\theta - \\eta\\lambda\\theta')).toBe('θ ← θ - ηλθ');
    expect(texToPlain('\\frac{\\partial L}{\\partial \\theta}')).toBe('(∂ L)/(∂ θ)');
    expect(texToPlain('W_{l+1}^\\top \\delta_{l+1}')).toBe('W_(l+1)ᵀ δ_(l+1)');
    expect(texToPlain('\\hat{m}_t / (\\sqrt{\\hat{v}_t} + \\epsilon)')).toBe('m̂_t / (√(v̂_t) + ε)');
    expect(texToPlain('\\mathbb{E}[x]')).toBe('𝔼[x]');
  });
  it('replaces only the $…$ spans of a sentence', () => {
    expect(plainMath('Adam with decay, $\\theta \\leftarrow \\theta - \\eta\\lambda\\theta$, outside the scaling; costs $5.'))
      .toBe('Adam with decay, θ ← θ - ηλθ, outside the scaling; costs $5.');
  });
  it('never throws on unbalanced input', () => {
    for (const s of ['\\frac{', '{{{', '\\', '_', '^{', '\\begin{', '}}}']) expect(typeof texToPlain(s)).toBe('string');
  });
});
