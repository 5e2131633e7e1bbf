// The Householder + implicit QL eigensolver the engine used from issue 24 part 6 until the divide and
// conquer replaced its eigenvector path (src/engine/linalg/ at 0f8f8e8: tridiagonalize.ts, tql2.ts and
// symmetricEigen.ts, verbatim but for the imports and exports; the eigenvalues-only path, unchanged
// since, is not copied): the "QL" column of bench/eigen.ts, nothing else. Tests do not use it.
// Householder reduction of a symmetric matrix to tridiagonal form (EISPACK/JAMA tred2, float64), the
// first stage of symmetricEigen.ts; the layout notes there apply (the reduction works on the transpose).

/** ½(A + Aᵀ) of a row-major n × n array, as a fresh Float64Array; null when an entry is not finite. */
function symmetricPart(a: ArrayLike<number>, n: number): Float64Array | null {
  if (a.length < n * n) throw new Error(`symmetricEigen: expected ${n * n} entries for a ${n} × ${n} matrix, got ${a.length}`);
  const w = new Float64Array(n * n);
  for (let i = 0; i < n; i++)
    for (let j = 0; j < n; j++) {
      const x = 0.5 * (a[i * n + j] + a[j * n + i]);
      if (!Number.isFinite(x)) return null;
      w[i * n + j] = x;
    }
  return w;
}

/** Σ_{k < len} x[a + k]·x[b + k], with four partial sums (one chain of adds is latency-bound). */
function dot(x: Float64Array, a: number, b: number, len: number): number {
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let k = 0;
  for (; k + 3 < len; k += 4) {
    s0 += x[a + k] * x[b + k];
    s1 += x[a + k + 1] * x[b + k + 1];
    s2 += x[a + k + 2] * x[b + k + 2];
    s3 += x[a + k + 3] * x[b + k + 3];
  }
  for (; k < len; k++) s0 += x[a + k] * x[b + k];
  return s0 + s1 + (s2 + s3);
}

/**
 * Householder reduction of the symmetric matrix in w (transposed JAMA layout, see the file header) to
 * tridiagonal form: on return d holds the diagonal and e[1..n−1] the subdiagonal (e[0] = 0). With
 * `accumulate`, w then holds the orthogonal Q (row k of w = column k of Q) with A = Q T Qᵀ.
 */
function tred2(w: Float64Array, n: number, d: Float64Array, e: Float64Array, accumulate: boolean): void {
  for (let j = 0; j < n; j++) d[j] = w[j * n + n - 1];
  for (let i = n - 1; i > 0; i--) {
    // Scale to avoid under/overflow.
    let scale = 0;
    let h = 0;
    for (let k = 0; k < i; k++) scale += Math.abs(d[k]);
    if (scale === 0) {
      e[i] = d[i - 1];
      for (let j = 0; j < i; j++) {
        d[j] = w[j * n + i - 1];
        w[j * n + i] = 0;
        w[i * n + j] = 0;
      }
    } else {
      // Generate the Householder vector.
      for (let k = 0; k < i; k++) {
        d[k] /= scale;
        h += d[k] * d[k];
      }
      let f = d[i - 1];
      let g = Math.sqrt(h);
      if (f > 0) g = -g;
      e[i] = scale * g;
      h -= f * g;
      d[i - 1] = f - g;
      for (let j = 0; j < i; j++) e[j] = 0;
      // Apply the similarity transformation to the remaining columns.
      for (let j = 0; j < i; j++) {
        f = d[j];
        w[i * n + j] = f;
        const col = j * n;
        // g = e[j] + Σ_{k ≥ j} V[k][j]·d[k], with two partial sums (an unbroken chain of adds is
        // latency-bound); e[k] += V[k][j]·f for k > j.
        let g0 = e[j] + w[col + j] * f;
        let g1 = 0;
        let k = j + 1;
        for (; k + 1 <= i - 1; k += 2) {
          const x0 = w[col + k];
          const x1 = w[col + k + 1];
          g0 += x0 * d[k];
          g1 += x1 * d[k + 1];
          e[k] += x0 * f;
          e[k + 1] += x1 * f;
        }
        if (k <= i - 1) {
          g0 += w[col + k] * d[k];
          e[k] += w[col + k] * f;
        }
        e[j] = g0 + g1;
      }
      f = 0;
      for (let j = 0; j < i; j++) {
        e[j] /= h;
        f += e[j] * d[j];
      }
      const hh = f / (h + h);
      for (let j = 0; j < i; j++) e[j] -= hh * d[j];
      for (let j = 0; j < i; j++) {
        f = d[j];
        g = e[j];
        const col = j * n;
        for (let k = j; k <= i - 1; k++) w[col + k] -= f * e[k] + g * d[k];
        d[j] = w[col + i - 1];
        w[col + i] = 0;
      }
    }
    d[i] = h;
  }
  if (!accumulate) {
    // The tridiagonal's diagonal is left on w's diagonal (JAMA moves it there in its accumulation loop).
    for (let j = 0; j < n; j++) d[j] = w[j * n + j];
    e[0] = 0;
    return;
  }
  // Accumulate the transformations.
  for (let i = 0; i < n - 1; i++) {
    w[i * n + n - 1] = w[i * n + i];
    w[i * n + i] = 1;
    const h = d[i + 1];
    const next = (i + 1) * n;
    if (h !== 0) {
      for (let k = 0; k <= i; k++) d[k] = w[next + k] / h;
      // Columns j of V (rows of w) two at a time: V[·][j] −= (uᵀV[·][j])·u/h with u = V[0..i][i+1].
      let j = 0;
      for (; j + 1 <= i; j += 2) {
        const ca = j * n;
        const cb = ca + n;
        let ga0 = 0;
        let ga1 = 0;
        let gb0 = 0;
        let gb1 = 0;
        let k = 0;
        for (; k + 1 <= i; k += 2) {
          const u0 = w[next + k];
          const u1 = w[next + k + 1];
          ga0 += u0 * w[ca + k];
          ga1 += u1 * w[ca + k + 1];
          gb0 += u0 * w[cb + k];
          gb1 += u1 * w[cb + k + 1];
        }
        if (k <= i) {
          ga0 += w[next + k] * w[ca + k];
          gb0 += w[next + k] * w[cb + k];
        }
        const ga = ga0 + ga1;
        const gb = gb0 + gb1;
        for (k = 0; k <= i; k++) {
          const dk = d[k];
          w[ca + k] -= ga * dk;
          w[cb + k] -= gb * dk;
        }
      }
      for (; j <= i; j++) {
        const col = j * n;
        const g = dot(w, next, col, i + 1);
        for (let k = 0; k <= i; k++) w[col + k] -= g * d[k];
      }
    }
    for (let k = 0; k <= i; k++) w[next + k] = 0;
  }
  for (let j = 0; j < n; j++) {
    d[j] = w[j * n + n - 1];
    w[j * n + n - 1] = 0;
  }
  w[(n - 1) * n + n - 1] = 1;
  e[0] = 0;
}
// Implicit QL on a symmetric tridiagonal matrix (EISPACK/JAMA tql2, float64), the second stage of
// symmetricEigen.ts, with the eigenvector rotations applied in cache-sized batches.

/** Iterations of the QL step allowed per eigenvalue before giving up (LAPACK allows 30 on average). */
const MAX_QL_ITERATIONS = 60;

/**
 * The rotations of QL sweeps not yet applied to the eigenvectors. JAMA rotates columns i and i + 1 of
 * V for i = m − 1 down to l inside each sweep, streaming all of V through memory once per sweep. The
 * rotations do not depend on V, so they are recorded here and applied in batches (flush): for a fixed
 * row k of V a sweep is a chain along contiguous memory with one carried value (the new V[k][i],
 * rotated again by the next step), and one row group stays in cache while every recorded sweep runs
 * over it. Same arithmetic, same order per row as JAMA; V is read once per batch instead of per sweep.
 */
class RotationBatch {
  /** (c, s) of the rotation at i of a sweep over [l, m]: rot[2(offset + i − l)], rot[2(offset + i − l) + 1]. */
  readonly rot: Float64Array;
  /** (l, m, offset) per recorded sweep, in order. */
  private readonly sweeps: number[] = [];
  private used = 0;

  constructor(
    private readonly v: Float64Array,
    private readonly n: number,
  ) {
    // ~256 KB of rotations per batch (cache-sized), at least one full sweep.
    this.rot = new Float64Array(2 * Math.max(n, 16384));
  }

  /** Start a sweep over [l, m]; returns the offset at which its rotations are to be written. */
  begin(l: number, m: number): number {
    if (2 * (this.used + m - l) > this.rot.length) this.flush();
    const offset = this.used;
    this.sweeps.push(l, m, offset);
    this.used += m - l;
    return offset;
  }

  /** Apply every recorded sweep to V, four rows side by side (to overlap the chains' latencies). */
  flush(): void {
    const { v, n, rot, sweeps } = this;
    let k = 0;
    for (; k + 3 < n; k += 4) {
      const r0 = k * n;
      const r1 = r0 + n;
      const r2 = r1 + n;
      const r3 = r2 + n;
      for (let q = 0; q < sweeps.length; q += 3) {
        const l = sweeps[q];
        const m = sweeps[q + 1];
        const base = 2 * (sweeps[q + 2] - l);
        let h0 = v[r0 + m];
        let h1 = v[r1 + m];
        let h2 = v[r2 + m];
        let h3 = v[r3 + m];
        for (let i = m - 1; i >= l; i--) {
          const c = rot[base + 2 * i];
          const s = rot[base + 2 * i + 1];
          const a0 = v[r0 + i];
          const a1 = v[r1 + i];
          const a2 = v[r2 + i];
          const a3 = v[r3 + i];
          v[r0 + i + 1] = s * a0 + c * h0;
          v[r1 + i + 1] = s * a1 + c * h1;
          v[r2 + i + 1] = s * a2 + c * h2;
          v[r3 + i + 1] = s * a3 + c * h3;
          h0 = c * a0 - s * h0;
          h1 = c * a1 - s * h1;
          h2 = c * a2 - s * h2;
          h3 = c * a3 - s * h3;
        }
        v[r0 + l] = h0;
        v[r1 + l] = h1;
        v[r2 + l] = h2;
        v[r3 + l] = h3;
      }
    }
    for (; k < n; k++) {
      const r = k * n;
      for (let q = 0; q < sweeps.length; q += 3) {
        const l = sweeps[q];
        const m = sweeps[q + 1];
        const base = 2 * (sweeps[q + 2] - l);
        let h = v[r + m];
        for (let i = m - 1; i >= l; i--) {
          const c = rot[base + 2 * i];
          const s = rot[base + 2 * i + 1];
          const a = v[r + i];
          v[r + i + 1] = s * a + c * h;
          h = c * a - s * h;
        }
        v[r + l] = h;
      }
    }
    this.sweeps.length = 0;
    this.used = 0;
  }
}

/**
 * Implicit QL on the symmetric tridiagonal (d, e[1..n−1]) from tred2. On return d holds the
 * eigenvalues (unsorted); with `v` (the accumulated Q in JAMA layout, v[k·n + i] = Q[k][i]), its
 * columns are rotated into the matching eigenvectors. Throws if an eigenvalue does not converge
 * (never seen on finite input).
 */
function tql2(d: Float64Array, e: Float64Array, n: number, v: Float64Array | null): void {
  for (let i = 1; i < n; i++) e[i - 1] = e[i];
  e[n - 1] = 0;
  const batch = v === null ? null : new RotationBatch(v, n);
  const rot = batch?.rot;
  let f = 0;
  let tst1 = 0;
  const eps = 2 ** -52;
  for (let l = 0; l < n; l++) {
    // Find a small subdiagonal element.
    tst1 = Math.max(tst1, Math.abs(d[l]) + Math.abs(e[l]));
    let m = l;
    while (m < n - 1 && Math.abs(e[m]) > eps * tst1) m++;
    // If m === l, d[l] is an eigenvalue; otherwise iterate.
    if (m > l) {
      let iter = 0;
      do {
        if (++iter > MAX_QL_ITERATIONS) throw new Error(`symmetricEigen: QL did not converge for eigenvalue ${l} of ${n}`);
        // Compute the implicit shift.
        let g = d[l];
        let p = (d[l + 1] - g) / (2 * e[l]);
        let r = Math.hypot(p, 1);
        if (p < 0) r = -r;
        d[l] = e[l] / (p + r);
        d[l + 1] = e[l] * (p + r);
        const dl1 = d[l + 1];
        let h = g - d[l];
        for (let i = l + 2; i < n; i++) d[i] -= h;
        f += h;
        // Implicit QL transformation.
        const base = batch === null ? 0 : 2 * (batch.begin(l, m) - l);
        p = d[m];
        let c = 1;
        let c2 = c;
        let c3 = c;
        const el1 = e[l + 1];
        let s = 0;
        let s2 = 0;
        for (let i = m - 1; i >= l; i--) {
          c3 = c2;
          c2 = c;
          s2 = s;
          g = c * e[i];
          h = c * p;
          r = Math.hypot(p, e[i]);
          e[i + 1] = s * r;
          s = e[i] / r;
          c = p / r;
          p = c * d[i] - s * g;
          d[i + 1] = h + s * (c * g + s * d[i]);
          if (rot !== undefined) {
            // Accumulate the transformation (recorded; applied to V by batch.flush()).
            rot[base + 2 * i] = c;
            rot[base + 2 * i + 1] = s;
          }
        }
        p = (-s * s2 * c3 * el1 * e[l]) / dl1;
        e[l] = s * p;
        d[l] = c * p;
        // Check for convergence.
      } while (Math.abs(e[l]) > eps * tst1);
    }
    d[l] += f;
    e[l] = 0;
  }
  batch?.flush();
}
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


/** Eigenvalues (descending) and orthonormal eigenvectors of a symmetric matrix. */
interface SymmetricEigen {
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
export function qlEigen(a: ArrayLike<number>, n: number): SymmetricEigen {
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
