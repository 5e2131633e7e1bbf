// Symmetric eigendecomposition in float64, the algorithm of LAPACK's dsyevd:
//   1. Householder reduction to tridiagonal form, A = Q T Qᵀ (tridiagonalize.ts: EISPACK/JAMA tred2,
//      ~(4/3)n³ flops; Q is kept as its reflectors, never formed);
//   2. eigenpairs of T, T = Z Λ Zᵀ, by Cuppen's divide and conquer (tridiagonalEigen.ts, with the
//      secular-equation merge of secular.ts; at most ~(4/3)n³ flops, fewer when components deflate);
//   3. back-transformation V = Q Z, the reflectors applied to Z in blocks (backTransform.ts, 2n³).
// Steps 2 and 3 are matrix products (matmul.ts). Eigenvalues alone take step 1 and the implicit QL
// iteration on T (tql2.ts, O(n²)).
//
// Layout: JAMA's tred2 works on V[row][col] and runs its inner loops down columns; here it works on
// the transpose (w[col·n + row] = V[row][col]) so that its inner loops walk contiguous memory. The input
// is symmetric, so its storage order does not matter; only its symmetric part ½(A + Aᵀ) is used.
//
// Cost (bench/eigen.mjs, Node 20 on the 2-core dev machine, nothing else running; tables in
// bench/README.md): the full decomposition at n = 1024 took 1.24 s wall, against 2.44 s in the same
// run for the previous Householder + QL eigenvector path (bench/legacyQl.ts), whose QL rotations
// alone are ~5.6 GFLOP at that size; all eigenvalues with the top 16 vectors 0.50 s, eigenvalues
// alone 0.41 s.

import { symmetricPart, tred2 } from './tridiagonalize';
import { tql2 } from './tql2';
import { tridiagonalEigen } from './tridiagonalEigen';
import { applyReflectors } from './backTransform';

/** Eigenvalues (descending) and orthonormal eigenvectors of a symmetric matrix. */
export interface SymmetricEigen {
  /** Eigenvalues in descending order. */
  values: number[];
  /** Row-major n × n: vectors[i·n + k] = component i of the eigenvector of values[k] (columns). */
  vectors: Float64Array;
}

/**
 * Eigen-decomposition of a symmetric n × n matrix (row-major; only its symmetric part is used) in
 * float64 (see the file header). Eigenvalues descending; eigenvectors orthonormal, as columns
 * (vectors[i·n + k] = component i of vector k), with no sign convention. A matrix with a non-finite
 * entry gives NaN eigenvalues and vectors.
 */
export function symmetricEigen(a: ArrayLike<number>, n: number): SymmetricEigen {
  return symmetricEigenTop(a, n, n);
}

/**
 * symmetricEigen with only the eigenvectors of the `count` largest eigenvalues: every eigenvalue
 * (descending), and vectors as an n × count row-major array (vectors[i·count + k] = component i of
 * the vector of values[k]). The back-transformation then costs 2n²·count flops instead of 2n³, and
 * the divide and conquer's top merge multiplies only those columns.
 */
export function symmetricEigenTop(a: ArrayLike<number>, n: number, count: number): SymmetricEigen {
  if (!Number.isInteger(n) || n < 0) throw new Error(`symmetricEigen: n must be a non-negative integer, got ${n}`);
  const k = Math.max(0, Math.min(n, Math.floor(count)));
  const w = symmetricPart(a, n);
  if (w === null) return { values: new Array<number>(n).fill(NaN), vectors: new Float64Array(n * k).fill(NaN) };
  if (n === 0) return { values: [], vectors: new Float64Array(0) };
  const d = new Float64Array(n);
  const e = new Float64Array(n);
  const h = new Float64Array(n);
  tred2(w, n, d, e, h);
  const z = tridiagonalEigen(d, e.subarray(1), n, k); // d ascending; the last k columns formed
  // The last k columns of Z, in descending order of their eigenvalues, then V = Q·Z.
  const vectors = k === n ? z : new Float64Array(n * k);
  for (let i = 0; i < n; i++) {
    if (k === n) z.subarray(i * n, i * n + n).reverse();
    else for (let c = 0; c < k; c++) vectors[i * k + c] = z[i * n + n - 1 - c];
  }
  applyReflectors(w, h, n, vectors, k);
  return { values: Array.from(d).reverse(), vectors };
}

/**
 * Eigenvalues of a symmetric n × n matrix (row-major), descending, in float64: the same reduction and
 * implicit QL on the tridiagonal, without any eigenvector.
 */
export function symmetricEigenvalues(a: ArrayLike<number>, n: number): number[] {
  if (!Number.isInteger(n) || n < 0) throw new Error(`symmetricEigenvalues: n must be a non-negative integer, got ${n}`);
  const w = symmetricPart(a, n);
  if (w === null) return new Array<number>(n).fill(NaN);
  if (n === 0) return [];
  const d = new Float64Array(n);
  const e = new Float64Array(n);
  tred2(w, n, d, e);
  tql2(d, e, n, null);
  return Array.from(d).sort((p, q) => q - p);
}
