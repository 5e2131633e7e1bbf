// Eigenvalues and eigenvectors of a symmetric tridiagonal matrix by Cuppen's divide and conquer, as in
// LAPACK's dstedc/dlaed0–dlaed3 (float64): tear T into two halves plus a rank-one term, solve the
// halves recursively (small ones by implicit QL, tql2.ts), and merge: deflate the components the
// rank-one term barely touches, solve the secular equation for the rest (secular.ts) and multiply the
// halves' eigenvectors by the merge's (matmul.ts). Most of the work is in those products, which run
// several times faster per flop than the row rotations of QL, and deflation often skips a large share.

import { matmul } from './matmul';
import { rankOneEigen } from './secular';
import { tql2 } from './tql2';

/** Blocks at most this large are solved by QL directly (LAPACK's SMLSIZ is 25). */
const LEAF = 32;
const EPS = 2 ** -52;

/**
 * Eigenpairs of the symmetric tridiagonal with diagonal d (n entries) and off-diagonal
 * off[i] = T[i][i+1] (n − 1 entries). On return d holds the eigenvalues ascending; the result is the
 * row-major n × n matrix whose column j is the unit eigenvector of d[j]. d and off must be finite.
 * With count < n only the columns of the `count` largest eigenvalues are formed (the others are zero):
 * the top merge, the most expensive product, then multiplies only those.
 */
export function tridiagonalEigen(d: Float64Array, off: Float64Array, n: number, count = n): Float64Array {
  const z = new Float64Array(n * n);
  // Work at unit scale (the secular equation's products then neither overflow nor underflow).
  let scale = 0;
  for (let i = 0; i < n; i++) scale = Math.max(scale, Math.abs(d[i]), i < n - 1 ? Math.abs(off[i]) : 0);
  if (scale === 0) {
    for (let i = 0; i < n; i++) z[i * n + i] = 1;
    return z;
  }
  const e = new Float64Array(Math.max(n - 1, 0));
  for (let i = 0; i < n; i++) d[i] /= scale;
  for (let i = 0; i < n - 1; i++) e[i] = off[i] / scale;
  solve(d, e, z, n, 0, n, Math.max(0, Math.min(n, count)));
  for (let i = 0; i < n; i++) d[i] *= scale;
  return z;
}

/**
 * Solve the block [lo, hi): afterwards d[lo..hi) ascending, z[lo..hi)×[lo..hi) its eigenvectors (only
 * the last `keep` columns; the others zero when keep < hi − lo, which the top level alone asks for).
 */
function solve(d: Float64Array, e: Float64Array, z: Float64Array, n: number, lo: number, hi: number, keep = hi - lo): void {
  if (hi - lo <= LEAF) {
    leaf(d, e, z, n, lo, hi);
    for (let i = lo; i < hi; i++) z.fill(0, i * n + lo, i * n + hi - keep);
    return;
  }
  const mid = lo + ((hi - lo) >> 1);
  // T = diag(T1 − |β| e_last e_lastᵀ, T2 − |β| e_1 e_1ᵀ) + |β| v vᵀ, v = (e_last; sign(β) e_1).
  const beta = e[mid - 1];
  d[mid - 1] -= Math.abs(beta);
  d[mid] -= Math.abs(beta);
  solve(d, e, z, n, lo, mid);
  solve(d, e, z, n, mid, hi);
  merge(d, z, n, lo, mid, hi, beta, keep);
}

/** A small block by implicit QL from the identity, sorted ascending. */
function leaf(d: Float64Array, e: Float64Array, z: Float64Array, n: number, lo: number, hi: number): void {
  const s = hi - lo;
  const dd = d.slice(lo, hi);
  const ee = new Float64Array(s); // tql2's convention: ee[i] = T[i][i − 1]
  for (let i = 1; i < s; i++) ee[i] = e[lo + i - 1];
  const v = new Float64Array(s * s);
  for (let i = 0; i < s; i++) v[i * s + i] = 1;
  tql2(dd, ee, s, v);
  const order = ascendingOrder(dd);
  for (let j = 0; j < s; j++) d[lo + j] = dd[order[j]];
  for (let i = 0; i < s; i++) {
    const row = (lo + i) * n + lo;
    for (let j = 0; j < s; j++) z[row + j] = v[i * s + order[j]];
  }
}

function ascendingOrder(x: ArrayLike<number>): number[] {
  return Array.from({ length: x.length }, (_, i) => i).sort((i, j) => x[i] - x[j] || i - j);
}

/** Where a column of the merged block has non-zeros: the top half's rows, the bottom's, or both. */
const TOP = 1;
const BOTTOM = 2;
const BOTH = 3;

/**
 * Merge the solved halves [lo, mid) and [mid, hi) coupled by off-diagonal β: the eigenpairs of
 * diag(Λ1, Λ2) + ρ z zᵀ in the halves' eigenbases, then back to the block's coordinates.
 */
function merge(d: Float64Array, z: Float64Array, n: number, lo: number, mid: number, hi: number, beta: number, keep: number): void {
  const s = hi - lo;
  const n1 = mid - lo;
  const n2 = hi - mid;
  // z = Qᵀv / √2 (last row of Q1, sign(β)·first row of Q2), ρ = 2|β|: ‖z‖ = 1.
  const sign = beta >= 0 ? 1 : -1;
  const zz = new Float64Array(s);
  for (let j = 0; j < n1; j++) zz[j] = z[(mid - 1) * n + lo + j] / Math.SQRT2;
  for (let j = n1; j < s; j++) zz[j] = (sign * z[mid * n + lo + j]) / Math.SQRT2;
  const rho = 2 * Math.abs(beta);
  const dd = d.slice(lo, hi);
  const type = new Uint8Array(s).fill(TOP, 0, n1).fill(BOTTOM, n1);
  let dMax = 0;
  let zMax = 0;
  for (let j = 0; j < s; j++) {
    dMax = Math.max(dMax, Math.abs(dd[j]));
    zMax = Math.max(zMax, Math.abs(zz[j]));
  }
  const tol = 8 * EPS * Math.max(dMax, rho * zMax);

  // Deflation (dlaed2): a component with ρ|z_j| ≤ tol keeps (d_j, its column); of two components with
  // close d, a rotation of their columns zeroes one z (which then keeps its column) when the
  // off-diagonal it leaves, |(d_j − d_p)·c·s|, is ≤ tol.
  const kept: number[] = [];
  const deflated: number[] = [];
  let p = -1;
  for (const j of ascendingOrder(dd)) {
    if (rho * Math.abs(zz[j]) <= tol) {
      deflated.push(j);
      continue;
    }
    if (p < 0) {
      p = j;
      continue;
    }
    const r = Math.sqrt(zz[j] * zz[j] + zz[p] * zz[p]);
    const c = zz[j] / r;
    const sn = -zz[p] / r;
    if (Math.abs((dd[j] - dd[p]) * c * sn) <= tol) {
      zz[j] = r;
      zz[p] = 0;
      for (let i = 0; i < s; i++) {
        const at = (lo + i) * n + lo;
        const x = z[at + p];
        const y = z[at + j];
        z[at + p] = c * x + sn * y;
        z[at + j] = c * y - sn * x;
      }
      if (type[p] !== type[j]) type[j] = BOTH;
      const dp = dd[p] * c * c + dd[j] * sn * sn;
      dd[j] = dd[p] * sn * sn + dd[j] * c * c;
      dd[p] = dp;
      deflated.push(p);
    } else kept.push(p);
    p = j;
  }
  if (p >= 0) kept.push(p);

  const k = kept.length;
  const eig = k > 0 ? rankOneEigen(Float64Array.from(kept, (j) => dd[j]), Float64Array.from(kept, (j) => zz[j]), k, rho) : null;
  const lambda = eig?.lambda ?? new Float64Array(0);
  // All s eigenpairs ascending: index < k is lambda[index], else deflated[index − k]; only the last
  // `keep` are formed.
  const value = (t: number) => (t < k ? lambda[t] : dd[deflated[t - k]]);
  const order = Array.from({ length: s }, (_, t) => t).sort((a, b) => value(a) - value(b) || a - b);
  for (let t = 0; t < s; t++) d[lo + t] = value(order[t]);
  const first = s - keep;
  // The new eigenpairs wanted (columns of U), and where each lands in out.
  const want = order.slice(first).filter((o) => o < k);
  const slot = new Int32Array(k).fill(-1);
  want.forEach((o, c) => (slot[o] = c));
  const kw = want.length;
  const outTop = new Float64Array(n1 * kw);
  const outBot = new Float64Array(n2 * kw);
  if (eig !== null && kw > 0) {
    // New columns = (kept columns of the block) · U, top and bottom rows apart, each over the kept
    // columns that have non-zeros there (columns ordered TOP, BOTH, BOTTOM).
    const byType = (t: number) => kept.map((j, i) => i).filter((i) => type[kept[i]] === t);
    const top = [...byType(TOP), ...byType(BOTH)];
    const bot = [...byType(BOTH), ...byType(BOTTOM)];
    product(z, n, lo, n1, lo, kept, top, eig.u, k, want, outTop);
    product(z, n, mid, n2, lo, kept, bot, eig.u, k, want, outBot);
  }

  // Deflated columns, copied before the block is overwritten (row-major s × deflated.length).
  const nd = deflated.length;
  const defCols = new Float64Array(s * nd);
  for (let i = 0; i < s; i++) {
    const at = (lo + i) * n + lo;
    for (let c = 0; c < nd; c++) defCols[i * nd + c] = z[at + deflated[c]];
  }
  for (let i = 0; i < s; i++) {
    const at = (lo + i) * n + lo;
    const src = i < n1 ? outTop : outBot;
    const srcRow = (i < n1 ? i : i - n1) * kw;
    z.fill(0, at, at + first);
    for (let t = first; t < s; t++) {
      const o = order[t];
      z[at + t] = o < k ? src[srcRow + slot[o]] : defCols[i * nd + o - k];
    }
  }
}

/**
 * out (rows × want.length) = rows [r0, r0 + rows) of the block's kept columns listed in `cols`
 * (indices into `kept`, column lo + kept[·] of z) times the matching rows of U (k × k), columns `want`.
 */
function product(
  z: Float64Array,
  n: number,
  r0: number,
  rows: number,
  lo: number,
  kept: number[],
  cols: number[],
  u: Float64Array,
  k: number,
  want: number[],
  out: Float64Array,
): void {
  const m = cols.length;
  if (m === 0 || rows === 0) return;
  const q = new Float64Array(rows * m);
  for (let i = 0; i < rows; i++) {
    const at = (r0 + i) * n + lo;
    for (let c = 0; c < m; c++) q[i * m + c] = z[at + kept[cols[c]]];
  }
  const kw = want.length;
  const ub = new Float64Array(m * kw);
  if (kw === k) for (let c = 0; c < m; c++) ub.set(u.subarray(cols[c] * k, cols[c] * k + k), c * k);
  else for (let c = 0; c < m; c++) for (let w = 0; w < kw; w++) ub[c * kw + w] = u[cols[c] * k + want[w]];
  matmul(rows, m, kw, { data: q, off: 0, rs: m, cs: 1 }, { data: ub, off: 0, rs: kw, cs: 1 }, { data: out, off: 0, rs: kw, cs: 1 }, 'set');
}
