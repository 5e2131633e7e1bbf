// The cyclic-Jacobi symmetric eigensolver the engine used before issue 24 (src/engine/metrics/
// kernelMetrics.ts at ed534ee, verbatim): the "before" of bench/eigen.ts, nothing else. Tests use
// their own Jacobi (tests/reference/eigen64.ts).

/** Off-diagonal Frobenius mass Σ_{i≠j} a_ij² of a row-major n × n Float64Array. */
function offDiagonalSquares(a: Float64Array, n: number): number {
  let s = 0;
  for (let i = 0; i < n; i++)
    for (let j = 0; j < n; j++) if (i !== j) s += a[i * n + j] * a[i * n + j];
  return s;
}

/**
 * Eigen-decomposition of a symmetric n × n matrix (row-major, only its symmetric part is used) by
 * cyclic Jacobi rotations in float64. Returns eigenvalues in descending order and the matching
 * eigenvectors as columns of a row-major n × n array (vectors[i*n + k] = component i of vector k).
 */
export function jacobiEigen(a: ArrayLike<number>, n: number, maxSweeps = 100): { values: number[]; vectors: Float64Array } {
  const m = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) m[i * n + j] = 0.5 * (a[i * n + j] + a[j * n + i]);
  const v = new Float64Array(n * n);
  for (let i = 0; i < n; i++) v[i * n + i] = 1;
  let total = 0;
  for (let i = 0; i < n * n; i++) total += m[i] * m[i];
  for (let sweep = 0; sweep < maxSweeps; sweep++) {
    if (offDiagonalSquares(m, n) <= 1e-30 * total) break;
    for (let p = 0; p < n - 1; p++)
      for (let q = p + 1; q < n; q++) {
        const apq = m[p * n + q];
        if (apq === 0) continue;
        const app = m[p * n + p];
        const aqq = m[q * n + q];
        // Rotation angle that zeroes m[p][q] (Golub & Van Loan, symmetric Schur decomposition).
        const tau = (aqq - app) / (2 * apq);
        const t = Math.sign(tau || 1) / (Math.abs(tau) + Math.sqrt(1 + tau * tau));
        const c = 1 / Math.sqrt(1 + t * t);
        const s = t * c;
        for (let k = 0; k < n; k++) {
          // columns p, q of m ← m J
          const mkp = m[k * n + p];
          const mkq = m[k * n + q];
          m[k * n + p] = c * mkp - s * mkq;
          m[k * n + q] = s * mkp + c * mkq;
        }
        for (let k = 0; k < n; k++) {
          // rows p, q of m ← Jᵀ m
          const mpk = m[p * n + k];
          const mqk = m[q * n + k];
          m[p * n + k] = c * mpk - s * mqk;
          m[q * n + k] = s * mpk + c * mqk;
        }
        for (let k = 0; k < n; k++) {
          const vkp = v[k * n + p];
          const vkq = v[k * n + q];
          v[k * n + p] = c * vkp - s * vkq;
          v[k * n + q] = s * vkp + c * vkq;
        }
      }
  }
  const order = Array.from({ length: n }, (_, i) => i).sort((i, j) => m[j * n + j] - m[i * n + i]);
  const values = order.map((i) => m[i * n + i]);
  const vectors = new Float64Array(n * n);
  order.forEach((src, k) => {
    for (let i = 0; i < n; i++) vectors[i * n + k] = v[i * n + src];
  });
  return { values, vectors };
}
