import { describe, expect, it } from 'vitest';
import { gaussHermiteRule, gaussianExpectation } from '../../src/engine/earlyTime/quadrature';
import { gaussianMoments, kernelDiagonalShift, quadratureMoments } from '../../src/engine/earlyTime/earlyTimeMoments';

describe('Gauss–Hermite quadrature', () => {
  it('integrates Gaussian polynomial moments exactly', () => {
    const { weights } = gaussHermiteRule(20);
    expect(weights.reduce((a, b) => a + b, 0)).toBeCloseTo(Math.sqrt(Math.PI), 13);
    expect(gaussianExpectation(() => 1, 20)).toBeCloseTo(1, 13);
    expect(gaussianExpectation((g) => g * g, 20)).toBeCloseTo(1, 12);
    expect(gaussianExpectation((g) => g ** 4, 20)).toBeCloseTo(3, 11);
    expect(gaussianExpectation((g) => g ** 6, 20)).toBeCloseTo(15, 10);
    expect(gaussianExpectation((g) => g ** 5, 20)).toBeCloseTo(0, 12);
    // E[cos g] = e^{−1/2}
    expect(gaussianExpectation(Math.cos, 160)).toBeCloseTo(Math.exp(-0.5), 13);
    expect(() => gaussHermiteRule(200)).toThrow(/1 to 180/);
  });

  it('reproduces the erf closed forms to 1e-6 (smooth φ)', () => {
    const q = quadratureMoments('erf');
    const c = gaussianMoments('erf');
    for (const k of ['zeta', 'nu', 'phi2', 'dphi2'] as const) expect(Math.abs(q[k] - c[k])).toBeLessThan(1e-6);
    expect(Math.abs(q.zeta - 2 / Math.sqrt(3 * Math.PI))).toBeLessThan(1e-10);
  });

  it('is measurably wrong for relu (the kink), so relu uses the closed form', () => {
    const q = quadratureMoments('relu');
    const c = gaussianMoments('relu');
    expect(c.method).toBe('closed form');
    expect(Math.abs(c.zeta - 0.5)).toBeLessThan(1e-15);
    expect(Math.abs(c.nu - 1 / Math.sqrt(2 * Math.PI))).toBeLessThan(1e-15);
    // the quadrature's error on relu is far above 1e-6 (it converges only algebraically)
    expect(Math.abs(q.nu - c.nu) + Math.abs(q.zeta - c.zeta)).toBeGreaterThan(1e-5);
  });

  it('tanh: ζ ≈ 0.6057, ν = 0, converged in the quadrature order', () => {
    const m = gaussianMoments('tanh');
    expect(m.method).toBe('Gauss–Hermite');
    expect(m.zeta).toBeCloseTo(0.6057, 4);
    expect(Math.abs(m.nu)).toBeLessThan(1e-14);
    const hi = quadratureMoments('tanh', 180);
    for (const k of ['zeta', 'phi2', 'dphi2'] as const) expect(Math.abs(hi[k] - m[k])).toBeLessThan(1e-9);
  });

  it('linear φ: ζ = 1, ν = 0 and no diagonal excess (Θ₀ = XXᵀ/d·2 exactly in expectation)', () => {
    const m = gaussianMoments('linear');
    expect(m).toMatchObject({ zeta: 1, nu: 0 });
    expect(kernelDiagonalShift(m)).toBe(0);
    expect(kernelDiagonalShift(gaussianMoments('relu'))).toBeCloseTo(1 - 1 / (2 * Math.PI) - 0.5, 14);
  });
});
