// The divide-and-conquer path of the float64 eigensolver, piece by piece and on the inputs that stress
// it: the matrix product (matmul.ts) against a triple loop; the blocked Householder back-transformation
// (backTransform.ts) against the explicit product of the reflectors; the rank-one merge (secular.ts)
// against the tests' own Jacobi solver (tests/reference/eigen64.ts); the tridiagonal solver
// (tridiagonalEigen.ts) on closed forms, exact multiplicities, a torn split (β = 0) and glued
// Wilkinson matrices (clusters of eigenvalues ~1e−14 apart, where deflation and the secular equation
// have the least room); and the whole symmetricEigen at n = 300: ‖VᵀV − I‖ and ‖AV − VΛ‖ in float64,
// and its top-k variant.
import { describe, expect, it } from 'vitest';
import { matmul } from '../../src/engine/linalg/matmul';
import { applyReflectors } from '../../src/engine/linalg/backTransform';
import { rankOneEigen } from '../../src/engine/linalg/secular';
import { tridiagonalEigen } from '../../src/engine/linalg/tridiagonalEigen';
import { symmetricEigen, symmetricEigenTop, symmetricEigenvalues } from '../../src/engine/linalg/symmetricEigen';
import { normals } from '../../src/engine/prng';
import { jacobiEigen64 } from '../reference/eigen64';

const maxAbs = (xs: ArrayLike<number>) => Array.from(xs).reduce((m, x) => Math.max(m, Math.abs(x)), 0);

/** max |(T Z − Z Λ)_ij| and max |(ZᵀZ − I)_ij| for the tridiagonal (d, off), Z row-major, columns = vectors. */
function tridiagonalResiduals(d: number[], off: number[], lambda: Float64Array, z: Float64Array): { tz: number; ortho: number } {
  const n = d.length;
  let tz = 0;
  let ortho = 0;
  for (let k = 0; k < n; k++) {
    for (let i = 0; i < n; i++) {
      let s = d[i] * z[i * n + k];
      if (i > 0) s += off[i - 1] * z[(i - 1) * n + k];
      if (i < n - 1) s += off[i] * z[(i + 1) * n + k];
      tz = Math.max(tz, Math.abs(s - lambda[k] * z[i * n + k]));
    }
    for (let m = k; m < n; m++) {
      let s = 0;
      for (let i = 0; i < n; i++) s += z[i * n + k] * z[i * n + m];
      ortho = Math.max(ortho, Math.abs(s - (k === m ? 1 : 0)));
    }
  }
  return { tz, ortho };
}

/** tridiagonalEigen on copies of (d, off); returns the eigenvalues and vectors. */
function solveTridiagonal(d: number[], off: number[]): { lambda: Float64Array; z: Float64Array } {
  const lambda = Float64Array.from(d);
  const z = tridiagonalEigen(lambda, Float64Array.from(off), d.length);
  return { lambda, z };
}

describe('matmul', () => {
  it('equals a triple loop for odd sizes, strided (transposed) A, and set/add/sub', () => {
    const [m, q, p] = [7, 70, 301];
    const a = normals(1, 'mm-a', m * q);
    const at = new Float64Array(q * m); // Aᵀ stored row-major: read A through strides (1, m)
    for (let i = 0; i < m; i++) for (let k = 0; k < q; k++) at[k * m + i] = a[i * q + k];
    const b = normals(1, 'mm-b', q * p);
    const c0 = normals(1, 'mm-c', m * p);
    const want = new Float64Array(m * p);
    for (let i = 0; i < m; i++)
      for (let j = 0; j < p; j++) {
        let s = 0;
        for (let k = 0; k < q; k++) s += a[i * q + k] * b[k * p + j];
        want[i * p + j] = s;
      }
    const bv = { data: b, off: 0, rs: p, cs: 1 };
    for (const mode of ['set', 'add', 'sub'] as const) {
      const c = c0.slice();
      matmul(m, q, p, { data: at, off: 0, rs: 1, cs: m }, bv, { data: c, off: 0, rs: p, cs: 1 }, mode);
      const expected = want.map((x, i) => (mode === 'set' ? x : mode === 'add' ? c0[i] + x : c0[i] - x));
      expect(maxAbs(c.map((x, i) => x - expected[i]))).toBeLessThan(1e-12);
    }
  });
});

describe('applyReflectors', () => {
  it('equals H_{n−1} ⋯ H_1 Z formed explicitly (including a skipped reflector, h = 0)', () => {
    const n = 75; // more than two blocks of 32
    const w = normals(2, 'refl-w', n * n);
    const h = new Float64Array(n);
    for (let m = 1; m < n; m++) {
      let uu = 0;
      for (let k = 0; k < m; k++) uu += w[m * n + k] ** 2;
      h[m] = m === 40 ? 0 : uu / 2; // I − uuᵀ/(uᵀu/2) is orthogonal
    }
    const z = normals(2, 'refl-z', n * n);
    const want = z.slice();
    for (let m = 1; m < n; m++) {
      if (h[m] === 0) continue;
      for (let j = 0; j < n; j++) {
        let g = 0;
        for (let k = 0; k < m; k++) g += w[m * n + k] * want[k * n + j];
        for (let k = 0; k < m; k++) want[k * n + j] -= (g / h[m]) * w[m * n + k];
      }
    }
    applyReflectors(w, h, n, z);
    expect(maxAbs(z.map((x, i) => x - want[i]))).toBeLessThan(1e-12 * maxAbs(want));
  });
});

describe('rankOneEigen (secular equation + Löwner vectors)', () => {
  it('D + ρzzᵀ agrees with the Jacobi reference, including components near a pole and close poles', () => {
    const k = 40;
    const d = Float64Array.from({ length: k }, (_, i) => i * 0.25 + (i === 21 ? 1e-9 : 0));
    d[20] = d[21] - 1e-7; // two poles 1e-7 apart
    const z = Float64Array.from(normals(3, 'r1-z', k), (x, i) => (i === 5 ? 1e-7 : x));
    const rho = 0.7;
    const { lambda, u } = rankOneEigen(d, z, k, rho);
    const a = new Float64Array(k * k);
    for (let i = 0; i < k; i++) for (let j = 0; j < k; j++) a[i * k + j] = (i === j ? d[i] : 0) + rho * z[i] * z[j];
    const ref = jacobiEigen64(a, k).values.slice().reverse(); // ascending
    expect(maxAbs(Array.from(lambda, (v, i) => v - ref[i]))).toBeLessThan(1e-13 * ref[k - 1]);
    // interlacing: d_j < λ_j < d_{j+1}
    for (let j = 0; j < k - 1; j++) expect(lambda[j] > d[j] && lambda[j] < d[j + 1]).toBe(true);
    let av = 0;
    let ortho = 0;
    for (let j = 0; j < k; j++) {
      for (let i = 0; i < k; i++) {
        let s = 0;
        for (let m = 0; m < k; m++) s += a[i * k + m] * u[m * k + j];
        av = Math.max(av, Math.abs(s - lambda[j] * u[i * k + j]));
      }
      for (let m = j; m < k; m++) {
        let s = 0;
        for (let i = 0; i < k; i++) s += u[i * k + j] * u[i * k + m];
        ortho = Math.max(ortho, Math.abs(s - (j === m ? 1 : 0)));
      }
    }
    expect(av).toBeLessThan(1e-13 * ref[k - 1]);
    expect(ortho).toBeLessThan(1e-14);
  });
});

describe('tridiagonalEigen (divide and conquer)', () => {
  it('the 1-2-1 Toeplitz matrix at n = 500: λ_k = 2 − 2cos(kπ/(n+1)) and orthonormal vectors', () => {
    const n = 500;
    const d = new Array<number>(n).fill(2);
    const off = new Array<number>(n - 1).fill(-1);
    const { lambda, z } = solveTridiagonal(d, off);
    const exact = Array.from({ length: n }, (_, k) => 2 - 2 * Math.cos(((k + 1) * Math.PI) / (n + 1)));
    expect(maxAbs(Array.from(lambda, (v, k) => v - exact[k]))).toBeLessThan(1e-14);
    const { tz, ortho } = tridiagonalResiduals(d, off, lambda, z);
    expect(tz).toBeLessThan(1e-14);
    expect(ortho).toBeLessThan(1e-13);
  });

  it('glued Wilkinson W21⁺ × 12 (coupling 1e−10: eigenvalue clusters ~1e−14 wide) and a torn split (β = 0)', () => {
    // W21⁺: diagonal |10 − i|, off-diagonal 1; its top eigenvalues come in pairs agreeing to ~1e−14.
    const blocks = 12;
    const d: number[] = [];
    const off: number[] = [];
    for (let b = 0; b < blocks; b++) {
      for (let i = 0; i < 21; i++) d.push(Math.abs(10 - i));
      for (let i = 0; i < 20; i++) off.push(1);
      if (b < blocks - 1) off.push(1e-10);
    }
    off[125] = 0; // the first split point of n = 252 (mid = 126): T is block diagonal there
    const { lambda, z } = solveTridiagonal(d, off);
    const { tz, ortho } = tridiagonalResiduals(d, off, lambda, z);
    console.log(`glued Wilkinson n=${d.length}: ‖TZ − ZΛ‖_max ${tz.toExponential(2)}, ‖ZᵀZ − I‖_max ${ortho.toExponential(2)}`);
    expect(tz).toBeLessThan(1e-13);
    expect(ortho).toBeLessThan(1e-13);
    for (let k = 1; k < d.length; k++) expect(lambda[k]).toBeGreaterThanOrEqual(lambda[k - 1]);
  });

  it('exact multiplicities (identity plus rank two, n = 200) and the zero matrix', () => {
    const n = 200;
    const u = normals(4, 'mult-u', n);
    const v = normals(4, 'mult-v', n);
    const a = new Float64Array(n * n);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) a[i * n + j] = (i === j ? 1 : 0) + u[i] * u[j] + 0.5 * v[i] * v[j];
    const { values, vectors } = symmetricEigen(a, n);
    // 1 has multiplicity n − 2; the other two are 1 + the eigenvalues of the 2 × 2 Gram form.
    expect(maxAbs(values.slice(2).map((x) => x - 1))).toBeLessThan(1e-13 * values[0]);
    const [uu, vv, uv] = [u, v, u].map((x, i) => x.reduce((s, xi, k) => s + xi * [u, v, v][i][k], 0));
    const [p, q, r] = [uu, 0.5 * vv, Math.SQRT1_2 * uv]; // [[uu, √½uv], [√½uv, ½vv]]
    const top = 1 + (p + q) / 2 + Math.sqrt(((p - q) / 2) ** 2 + r * r);
    expect(Math.abs(values[0] - top)).toBeLessThan(1e-13 * top);
    let ortho = 0;
    for (let k = 0; k < n; k++)
      for (let m = k; m < n; m++) {
        let s = 0;
        for (let i = 0; i < n; i++) s += vectors[i * n + k] * vectors[i * n + m];
        ortho = Math.max(ortho, Math.abs(s - (k === m ? 1 : 0)));
      }
    expect(ortho).toBeLessThan(1e-13);
    // only the top columns (count < n): the same values, the same top vectors, zeros elsewhere
    const dd = Array.from({ length: 90 }, (_, i) => Math.cos(i));
    const oo = Array.from({ length: 89 }, (_, i) => 0.3 + 0.1 * Math.sin(i));
    const full = solveTridiagonal(dd, oo);
    const part = Float64Array.from(dd);
    const zPart = tridiagonalEigen(part, Float64Array.from(oo), 90, 5);
    expect(maxAbs(part.map((v, i) => v - full.lambda[i]))).toBe(0);
    expect(maxAbs(zPart.map((v, i) => (i % 90 >= 85 ? v - full.z[i] : v)))).toBeLessThan(1e-15);
    const zero = solveTridiagonal(new Array<number>(40).fill(0), new Array<number>(39).fill(0));
    expect(maxAbs(zero.lambda)).toBe(0);
    expect(tridiagonalResiduals(new Array<number>(40).fill(0), new Array<number>(39).fill(0), zero.lambda, zero.z).ortho).toBe(0);
  });
});

describe('symmetricEigen at n = 300 (Householder + divide and conquer + back-transformation)', () => {
  it('NTK-like Gram B Bᵀ/n: ‖VᵀV − I‖, ‖AV − VΛ‖ at float64 precision; eigenvalues agree with the QL path and Jacobi', () => {
    const n = 300;
    const b = normals(6, 'gram300', n * n);
    const a = new Float64Array(n * n);
    for (let i = 0; i < n; i++)
      for (let j = 0; j <= i; j++) {
        let s = 0;
        for (let k = 0; k < n; k++) s += b[i * n + k] * b[j * n + k];
        a[i * n + j] = a[j * n + i] = s / n;
      }
    const { values, vectors } = symmetricEigen(a, n);
    let av = 0;
    let ortho = 0;
    for (let k = 0; k < n; k++) {
      for (let i = 0; i < n; i++) {
        let s = 0;
        for (let j = 0; j < n; j++) s += a[i * n + j] * vectors[j * n + k];
        av = Math.max(av, Math.abs(s - values[k] * vectors[i * n + k]));
      }
      for (let m = k; m < n; m++) {
        let s = 0;
        for (let i = 0; i < n; i++) s += vectors[i * n + k] * vectors[i * n + m];
        ortho = Math.max(ortho, Math.abs(s - (k === m ? 1 : 0)));
      }
    }
    console.log(`symmetricEigen Gram n=${n}: ‖AV − VΛ‖_max/λ₁ ${(av / values[0]).toExponential(2)}, ‖VᵀV − I‖_max ${ortho.toExponential(2)}`);
    expect(av).toBeLessThan(1e-14 * values[0] * 10);
    expect(ortho).toBeLessThan(1e-13);
    // the eigenvalues-only path (implicit QL on the same tridiagonal) and the Jacobi reference
    const ql = symmetricEigenvalues(a, n);
    expect(maxAbs(ql.map((v, k) => v - values[k]))).toBeLessThan(1e-13 * values[0]);
    const m = 120;
    const sub = new Float64Array(m * m);
    for (let i = 0; i < m; i++) for (let j = 0; j < m; j++) sub[i * m + j] = a[i * n + j];
    const ref = jacobiEigen64(sub, m).values;
    expect(maxAbs(symmetricEigen(sub, m).values.map((v, k) => v - ref[k]))).toBeLessThan(1e-13 * ref[0]);
    // the top-k variant (modes): the same values and the first k vectors (n × k layout)
    const k = 17;
    const top = symmetricEigenTop(a, n, k);
    expect(top.vectors.length).toBe(n * k);
    expect(maxAbs(top.values.map((v, i) => v - values[i]))).toBe(0);
    let diff = 0;
    for (let i = 0; i < n; i++) for (let c = 0; c < k; c++) diff = Math.max(diff, Math.abs(top.vectors[i * k + c] - vectors[i * n + c]));
    expect(diff).toBeLessThan(1e-14);
    // count clamped to [0, n]; non-finite input gives NaN of the requested shape
    expect(symmetricEigenTop(a, n, 0).vectors.length).toBe(0);
    expect(symmetricEigenTop([2, 1, 1, 2], 2, 5).vectors.length).toBe(4);
    const bad = symmetricEigenTop([1, NaN, NaN, 1], 2, 1);
    expect(bad.values.every(Number.isNaN) && bad.vectors.length === 2 && Array.from(bad.vectors).every(Number.isNaN)).toBe(true);
  });
});
