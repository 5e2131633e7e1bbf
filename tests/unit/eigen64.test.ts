// The oracles' own Jacobi eigensolver (tests/reference/eigen64.ts) and erf (net64.ts): checked by
// their defining identities and known values, and then against the engine's solver — two
// independent codes agreeing.
import { describe, expect, it } from 'vitest';
import { jacobiEigen64 } from '../reference/eigen64';
import { erf64 } from '../reference/net64';
import { gaussians64 } from '../reference/reference64';
import { symmetricEigen } from '../../src/engine/linalg/symmetricEigen';

function randomSymmetric(n: number, seed: number): Float64Array {
  const g = gaussians64(seed, n * n);
  const a = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) a[i * n + j] = g[i * n + j] + g[j * n + i];
  return a;
}

describe('jacobiEigen64', () => {
  it('a 2 × 2 matrix with known eigenpairs', () => {
    // [[2, 1], [1, 2]]: λ = 3 along (1, 1)/√2, λ = 1 along (1, −1)/√2
    const { values, vectors } = jacobiEigen64([2, 1, 1, 2], 2);
    expect(values[0]).toBeCloseTo(3, 14);
    expect(values[1]).toBeCloseTo(1, 14);
    expect(Math.abs(vectors[0] - vectors[2])).toBeLessThan(1e-14); // (1, 1) direction
  });

  for (const n of [1, 5, 24])
    it(`A V = V Λ, VᵀV = I, descending, trace kept (n = ${n})`, () => {
      const a = randomSymmetric(n, 7 + n);
      const { values, vectors } = jacobiEigen64(a, n);
      let scale = 0;
      for (const v of a) scale = Math.max(scale, Math.abs(v));
      for (let k = 0; k < n; k++) {
        if (k > 0) expect(values[k]).toBeLessThanOrEqual(values[k - 1]);
        for (let i = 0; i < n; i++) {
          let av = 0;
          for (let j = 0; j < n; j++) av += a[i * n + j] * vectors[j * n + k];
          expect(Math.abs(av - values[k] * vectors[i * n + k])).toBeLessThan(1e-12 * scale * n);
        }
        for (let m = 0; m < n; m++) {
          let d = 0;
          for (let i = 0; i < n; i++) d += vectors[i * n + k] * vectors[i * n + m];
          expect(Math.abs(d - (k === m ? 1 : 0))).toBeLessThan(1e-12);
        }
      }
      let trace = 0;
      for (let i = 0; i < n; i++) trace += a[i * n + i];
      expect(Math.abs(values.reduce((s, v) => s + v, 0) - trace)).toBeLessThan(1e-11 * scale * n);
    });

  it('agrees with the engine’s symmetricEigen on the eigenvalues (independent codes)', () => {
    const n = 16;
    const a = randomSymmetric(n, 99);
    const ours = jacobiEigen64(a, n).values;
    const engine = symmetricEigen(a, n).values;
    for (let k = 0; k < n; k++) expect(Math.abs(ours[k] - engine[k])).toBeLessThan(1e-10);
  });
});

describe('erf64', () => {
  it('known values to float64 precision', () => {
    // erf(0.5), erf(1), erf(2), erf(3) (Abramowitz & Stegun, 7.1, 15+ digits)
    expect(erf64(0)).toBe(0);
    expect(Math.abs(erf64(0.5) - 0.5204998778130465)).toBeLessThan(1e-15);
    expect(Math.abs(erf64(1) - 0.8427007929497149)).toBeLessThan(1e-15);
    expect(Math.abs(erf64(2) - 0.9953222650189527)).toBeLessThan(1e-15);
    expect(Math.abs(erf64(-3) + 0.9999779095030014)).toBeLessThan(1e-15);
    expect(erf64(7)).toBe(1);
  });
});
