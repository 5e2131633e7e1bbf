// The float64 symmetric eigensolver (src/engine/linalg/symmetricEigen.ts: Householder + divide and conquer)
// against references that do not use it: closed-form spectra and eigenvectors (tridiagonal Toeplitz),
// matrices built as Q·diag(λ)·Qᵀ from a random orthogonal Q (a product of Householder reflectors
// written here), the tests' own cyclic-Jacobi solver (tests/reference/eigen64.ts, another algorithm), and
// the identities A V = V Λ, VᵀV = I, trace = Σλ, ‖A‖_F² = Σλ².
import { describe, expect, it } from 'vitest';
import { symmetricEigen, symmetricEigenvalues } from '../../src/engine/linalg/symmetricEigen';
import { normals } from '../../src/engine/prng';
import { jacobiEigen64 } from '../reference/eigen64';

/** Tridiagonal Toeplitz (a on the diagonal, b beside it), row-major n × n. */
function toeplitz(n: number, a: number, b: number): Float64Array {
  const m = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    m[i * n + i] = a;
    if (i + 1 < n) m[i * n + i + 1] = m[(i + 1) * n + i] = b;
  }
  return m;
}

/** A random orthogonal n × n matrix (row-major): the product of n Householder reflectors I − 2vvᵀ/vᵀv. */
function randomOrthogonal(n: number, tag: string): Float64Array {
  const q = new Float64Array(n * n);
  for (let i = 0; i < n; i++) q[i * n + i] = 1;
  const z = normals(11, tag, n * n);
  for (let r = 0; r < n; r++) {
    const v = z.subarray(r * n, (r + 1) * n);
    let vv = 0;
    for (let i = 0; i < n; i++) vv += v[i] * v[i];
    // q ← q (I − 2vvᵀ/vᵀv)
    for (let i = 0; i < n; i++) {
      let qv = 0;
      for (let k = 0; k < n; k++) qv += q[i * n + k] * v[k];
      const c = (2 * qv) / vv;
      for (let k = 0; k < n; k++) q[i * n + k] -= c * v[k];
    }
  }
  return q;
}

/** Q diag(λ) Qᵀ, row-major, symmetrised exactly. */
function withSpectrum(q: Float64Array, lambda: number[]): Float64Array {
  const n = lambda.length;
  const a = new Float64Array(n * n);
  for (let i = 0; i < n; i++)
    for (let j = 0; j <= i; j++) {
      let s = 0;
      for (let k = 0; k < n; k++) s += q[i * n + k] * lambda[k] * q[j * n + k];
      a[i * n + j] = a[j * n + i] = s;
    }
  return a;
}

/** A random symmetric matrix (entries N(0,1), symmetrised), row-major. */
function randomSymmetric(n: number, tag: string): Float64Array {
  const z = normals(5, tag, n * n);
  const a = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) a[i * n + j] = 0.5 * (z[i * n + j] + z[j * n + i]);
  return a;
}

/** max_ij |(A V − V Λ)_ij| and max_ij |(VᵀV − I)_ij|. */
function residuals(a: ArrayLike<number>, n: number, values: number[], vectors: Float64Array): { av: number; ortho: number } {
  let av = 0;
  let ortho = 0;
  for (let i = 0; i < n; i++)
    for (let k = 0; k < n; k++) {
      let s = 0;
      let o = 0;
      for (let j = 0; j < n; j++) {
        s += a[i * n + j] * vectors[j * n + k];
        o += vectors[j * n + i] * vectors[j * n + k];
      }
      av = Math.max(av, Math.abs(s - values[k] * vectors[i * n + k]));
      ortho = Math.max(ortho, Math.abs(o - (i === k ? 1 : 0)));
    }
  return { av, ortho };
}

const maxAbs = (xs: ArrayLike<number>) => Array.from(xs).reduce((m, x) => Math.max(m, Math.abs(x)), 0);
const descending = (xs: number[]) => xs.slice().sort((p, q) => q - p);

describe('symmetricEigen (Householder + divide and conquer, float64)', () => {
  it('small matrices with known spectra', () => {
    expect(symmetricEigenvalues([2, 1, 1, 2], 2).map((v) => +v.toFixed(13))).toEqual([3, 1]);
    expect(symmetricEigenvalues([1, 0, 0, 0, -2, 0, 0, 0, 5], 3)).toEqual([5, 1, -2]);
    expect(symmetricEigenvalues([7], 1)).toEqual([7]);
    expect(symmetricEigenvalues([], 0)).toEqual([]);
    const one = symmetricEigen([7], 1);
    expect(one.values).toEqual([7]);
    expect(Array.from(one.vectors)).toEqual([1]);
    // [[0, 1], [1, 0]]: ±1 with vectors (1, 1)/√2 and (1, −1)/√2
    const { values, vectors } = symmetricEigen([0, 1, 1, 0], 2);
    expect(values[0]).toBeCloseTo(1, 14);
    expect(values[1]).toBeCloseTo(-1, 14);
    expect(Math.abs(vectors[0])).toBeCloseTo(Math.SQRT1_2, 14);
    expect(vectors[0] * vectors[2]).toBeCloseTo(0.5, 14); // column 0 ∝ (1, 1)
    expect(vectors[1] * vectors[3]).toBeCloseTo(-0.5, 14); // column 1 ∝ (1, −1)
  });

  it('tridiagonal Toeplitz: λ_k = a + 2b cos(kπ/(n+1)), u_k(i) ∝ sin(ikπ/(n+1))', () => {
    const n = 60;
    const [a, b] = [2, -1];
    const { values, vectors } = symmetricEigen(toeplitz(n, a, b), n);
    // b < 0: k = 1 … n gives λ ascending, so the k-th largest is k' = n + 1 − k.
    let valErr = 0;
    let vecErr = 0;
    for (let col = 0; col < n; col++) {
      const k = n - col;
      valErr = Math.max(valErr, Math.abs(values[col] - (a + 2 * b * Math.cos((k * Math.PI) / (n + 1)))));
      const norm = Math.sqrt((n + 1) / 2);
      const sign = Math.sign(vectors[0 * n + col]);
      for (let i = 0; i < n; i++) vecErr = Math.max(vecErr, Math.abs(sign * vectors[i * n + col] - Math.sin(((i + 1) * k * Math.PI) / (n + 1)) / norm));
    }
    console.log(`symmetricEigen vs Toeplitz closed form (n=${n}): values ${valErr.toExponential(2)}, vectors ${vecErr.toExponential(2)}`);
    expect(valErr).toBeLessThan(1e-13);
    expect(vecErr).toBeLessThan(1e-12);
    // a larger one, eigenvalues only
    const m = 400;
    const ev = symmetricEigenvalues(toeplitz(m, 1, 0.5), m);
    const exact = descending(Array.from({ length: m }, (_, k) => 1 + Math.cos(((k + 1) * Math.PI) / (m + 1))));
    expect(maxAbs(ev.map((v, k) => v - exact[k]))).toBeLessThan(1e-13);
  });

  it('Q·diag(λ)·Qᵀ with a random orthogonal Q: prescribed spectrum (repeated, zero, negative) and eigenvectors', () => {
    const n = 80;
    const q = randomOrthogonal(n, 'qdq');
    // distinct values, a triple, zeros and negatives, spanning 1e−3 … 1e3
    const lambda = Array.from({ length: n }, (_, k) => (k < 3 ? 7 : k < 6 ? 0 : k % 2 === 0 ? 10 ** (3 - (6 * k) / n) : -(10 ** (2 - (4 * k) / n))));
    const a = withSpectrum(q, lambda);
    const { values, vectors } = symmetricEigen(a, n);
    const want = descending(lambda);
    const scale = maxAbs(lambda);
    const valErr = maxAbs(values.map((v, k) => v - want[k]));
    const { av, ortho } = residuals(a, n, values, vectors);
    console.log(`symmetricEigen on Q·diag·Qᵀ (n=${n}): values ${(valErr / scale).toExponential(2)} × max|λ|, ‖AV − VΛ‖_max ${av.toExponential(2)}, ‖VᵀV − I‖_max ${ortho.toExponential(2)}`);
    expect(valErr).toBeLessThan(1e-12 * scale);
    expect(av).toBeLessThan(1e-12 * scale);
    expect(ortho).toBeLessThan(1e-13);
    // a simple eigenvalue's vector is ± the matching column of Q
    const top = lambda.indexOf(want[0]);
    let dot = 0;
    for (let i = 0; i < n; i++) dot += vectors[i * n + 0] * q[i * n + top];
    expect(Math.abs(dot)).toBeCloseTo(1, 12);
    // the triple 7: the three vectors span the same space as Q's columns 0…2 (projector difference)
    const col = values.findIndex((v) => Math.abs(v - 7) < 1e-9);
    let projErr = 0;
    for (let i = 0; i < n; i++)
      for (let j = 0; j < n; j++) {
        let p = 0;
        for (let k = 0; k < 3; k++) p += vectors[i * n + col + k] * vectors[j * n + col + k] - q[i * n + k] * q[j * n + k];
        projErr = Math.max(projErr, Math.abs(p));
      }
    expect(projErr).toBeLessThan(1e-10);
  });

  it('random symmetric n = 250: A V = V Λ, VᵀV = I, trace and Frobenius identities; eigenvalues-only agrees', () => {
    const n = 250;
    const a = randomSymmetric(n, 'resid');
    const { values, vectors } = symmetricEigen(a, n);
    for (let k = 1; k < n; k++) expect(values[k]).toBeLessThanOrEqual(values[k - 1]);
    const { av, ortho } = residuals(a, n, values, vectors);
    const scale = maxAbs(values);
    console.log(`symmetricEigen random n=${n}: ‖AV − VΛ‖_max ${av.toExponential(2)} (max|λ| ${scale.toFixed(1)}), ‖VᵀV − I‖_max ${ortho.toExponential(2)}`);
    expect(av).toBeLessThan(1e-12 * scale);
    expect(ortho).toBeLessThan(1e-12);
    let tr = 0;
    let fro = 0;
    for (let i = 0; i < n; i++) tr += a[i * n + i];
    for (let i = 0; i < n * n; i++) fro += a[i] * a[i];
    expect(values.reduce((s, v) => s + v, 0)).toBeCloseTo(tr, 9);
    expect(values.reduce((s, v) => s + v * v, 0) / fro).toBeCloseTo(1, 12);
    const only = symmetricEigenvalues(a, n);
    expect(maxAbs(only.map((v, k) => v - values[k]))).toBeLessThan(1e-12 * scale);
  });

  it('agrees with the cyclic-Jacobi reference on an NTK-like PSD Gram matrix of low rank', () => {
    const [n, r] = [90, 12];
    const b = normals(9, 'gram', n * r);
    const a = new Float64Array(n * n);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) for (let k = 0; k < r; k++) a[i * n + j] += b[i * r + k] * b[j * r + k];
    const ev = symmetricEigenvalues(a, n);
    const ref = jacobiEigen64(a, n).values;
    expect(maxAbs(ev.map((v, k) => v - ref[k]))).toBeLessThan(1e-11 * ref[0]);
    // rank r: the trailing n − r eigenvalues vanish to rounding
    expect(maxAbs(ev.slice(r))).toBeLessThan(1e-12 * ev[0]);
    expect(ev[r - 1]).toBeGreaterThan(1e-3 * ev[0]);
  });

  it('uses the symmetric part, handles zero/diagonal/graded/huge/tiny matrices, and maps non-finite input to NaN', () => {
    // non-symmetric input: ½(A + Aᵀ) of [[1, 4], [0, 1]] is [[1, 2], [2, 1]] → 3, −1
    expect(symmetricEigenvalues([1, 4, 0, 1], 2).map((v) => +v.toFixed(13))).toEqual([3, -1]);
    // zero matrix: every Householder step takes the scale = 0 branch
    const z = symmetricEigen(new Float64Array(16), 4);
    expect(z.values).toEqual([0, 0, 0, 0]);
    expect(residuals(new Float64Array(16), 4, z.values, z.vectors).ortho).toBe(0);
    // diagonal: exact, sorted
    const d = new Float64Array(25);
    [3, -1, 9, 0.5, 2].forEach((v, i) => (d[i * 5 + i] = v));
    expect(symmetricEigenvalues(d, 5)).toEqual([9, 3, 2, 0.5, -1]);
    // scale invariance far from 1 (the scaling in tred2 avoids over/underflow)
    const base = randomSymmetric(20, 'scale');
    const ref = symmetricEigenvalues(base, 20);
    for (const s of [1e-150, 1e150]) {
      const ev = symmetricEigenvalues(base.map((x) => x * s), 20);
      expect(maxAbs(ev.map((v, k) => v / s - ref[k]))).toBeLessThan(1e-12 * maxAbs(ref));
    }
    // strongly graded spectrum (1 … 1e−12): every eigenvalue to absolute 1e−15 of the largest
    const n = 30;
    const graded = Array.from({ length: n }, (_, k) => 10 ** (-(12 * k) / (n - 1)));
    const ev = symmetricEigenvalues(withSpectrum(randomOrthogonal(n, 'graded'), graded), n);
    expect(maxAbs(ev.map((v, k) => v - graded[k]))).toBeLessThan(1e-15);
    // non-finite entries: NaN out, no hang, no throw
    expect(symmetricEigenvalues([1, NaN, NaN, 1], 2).every(Number.isNaN)).toBe(true);
    const inf = symmetricEigen([Infinity, 0, 0, 1], 2);
    expect(inf.values.every(Number.isNaN) && Array.from(inf.vectors).every(Number.isNaN)).toBe(true);
    expect(() => symmetricEigen([1, 2, 3], 2)).toThrow(/expected 4 entries/);
    expect(() => symmetricEigenvalues([1], 1.5)).toThrow(/non-negative integer/);
  });
});
