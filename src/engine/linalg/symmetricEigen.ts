// Symmetric eigendecomposition in float64: Householder reduction to tridiagonal form followed by the
// implicit QL algorithm with Wilkinson-type shifts — the algorithm of LAPACK's dsyev path and of
// EISPACK's tred2/tql2, here as in JAMA's EigenvalueDecomposition (public domain), line for line.
// Cost: ~(4/3)n³ flops for the reduction, ~(4/3)n³ more to accumulate the Householder transforms and
// ~3n³ for the QL rotations when eigenvectors are wanted; eigenvalues alone skip both of the latter.
//
// Layout: JAMA works on V[row][col] and runs its inner loops down columns. Here the reduction and the
// accumulation work on the transpose (w[col·n + row] = V[row][col]), so their inner loops walk
// contiguous memory; the QL stage then transposes back and applies each sweep's rotations row by row
// in cache-sized batches (RotationBatch). The input is symmetric, so its storage order does not matter for the
// reduction; only its symmetric part ½(A + Aᵀ) is used.

import { symmetricPart, tred2 } from './tridiagonalize';
import { tql2 } from './tql2';

/** Eigenvalues (descending) and orthonormal eigenvectors of a symmetric matrix. */
export interface SymmetricEigen {
  /** Eigenvalues in descending order. */
  values: number[];
  /** Row-major n × n: vectors[i·n + k] = component i of the eigenvector of values[k] (columns). */
  vectors: Float64Array;
}

/** Indices 0…n−1 ordered by descending d (stable). */
function descendingOrder(d: Float64Array): number[] {
  return Array.from(d, (_, i) => i).sort((i, j) => d[j] - d[i] || i - j);
}

/**
 * Eigen-decomposition of a symmetric n × n matrix (row-major; only its symmetric part is used) in
 * float64 by Householder tridiagonalisation and implicit QL. Eigenvalues descending; eigenvectors
 * orthonormal, as columns (vectors[i·n + k] = component i of vector k), with no sign convention.
 * A matrix with a non-finite entry gives NaN eigenvalues and vectors.
 */
export function symmetricEigen(a: ArrayLike<number>, n: number): SymmetricEigen {
  if (!Number.isInteger(n) || n < 0) throw new Error(`symmetricEigen: n must be a non-negative integer, got ${n}`);
  const w = symmetricPart(a, n);
  if (w === null) return { values: new Array<number>(n).fill(NaN), vectors: new Float64Array(n * n).fill(NaN) };
  if (n === 0) return { values: [], vectors: new Float64Array(0) };
  const d = new Float64Array(n);
  const e = new Float64Array(n);
  tred2(w, n, d, e, true);
  // Q into JAMA layout for the QL stage (in-place transpose): v[k·n + i] = Q[k][i].
  const v = w;
  for (let i = 0; i < n; i++)
    for (let k = i + 1; k < n; k++) {
      const t = v[i * n + k];
      v[i * n + k] = v[k * n + i];
      v[k * n + i] = t;
    }
  tql2(d, e, n, v);
  const order = descendingOrder(d);
  const vectors = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    const row = i * n;
    for (let k = 0; k < n; k++) vectors[row + k] = v[row + order[k]];
  }
  return { values: order.map((i) => d[i]), vectors };
}

/**
 * Eigenvalues of a symmetric n × n matrix (row-major), descending, in float64: the same reduction and
 * QL without forming any eigenvector (about a third of the work of symmetricEigen).
 */
export function symmetricEigenvalues(a: ArrayLike<number>, n: number): number[] {
  if (!Number.isInteger(n) || n < 0) throw new Error(`symmetricEigenvalues: n must be a non-negative integer, got ${n}`);
  const w = symmetricPart(a, n);
  if (w === null) return new Array<number>(n).fill(NaN);
  if (n === 0) return [];
  const d = new Float64Array(n);
  const e = new Float64Array(n);
  tred2(w, n, d, e, false);
  tql2(d, e, n, null);
  return descendingOrder(d).map((i) => d[i]);
}
