// Implicit QL on a symmetric tridiagonal matrix (EISPACK/JAMA tql2, float64): the eigenvalues-only
// path of symmetricEigen.ts, and the divide and conquer's small blocks (tridiagonalEigen.ts), with the
// eigenvector rotations applied in cache-sized batches.

/** Iterations of the QL step allowed per eigenvalue before giving up (LAPACK allows 30 on average). */
const MAX_QL_ITERATIONS = 60;

/** √(a² + b²) without overflow or destructive underflow (LAPACK's dlapy2; Math.hypot is slow in V8). */
function pythag(a: number, b: number): number {
  const x = Math.abs(a);
  const y = Math.abs(b);
  const big = x > y ? x : y;
  if (big === 0 || big === Infinity) return big;
  const r = (x > y ? y : x) / big;
  return big * Math.sqrt(1 + r * r);
}

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
    // ~256 KB of rotations per batch (cache-sized), at least one full sweep; no more than n² (small n:
    // the divide and conquer's leaves).
    this.rot = new Float64Array(2 * Math.max(n, Math.min(16384, n * n)));
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
export function tql2(d: Float64Array, e: Float64Array, n: number, v: Float64Array | null): void {
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
        let r = pythag(p, 1);
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
          r = pythag(p, e[i]);
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
