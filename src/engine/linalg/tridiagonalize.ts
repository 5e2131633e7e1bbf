// Householder reduction of a symmetric matrix to tridiagonal form (EISPACK/JAMA tred2, float64), the
// first stage of symmetricEigen.ts (see the layout note there).

/** ½(A + Aᵀ) of a row-major n × n array, as a fresh Float64Array; null when an entry is not finite. */
export function symmetricPart(a: ArrayLike<number>, n: number): Float64Array | null {
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

/**
 * Step i's reflector from row i of the current matrix (in u[0..i), unscaled): scales u in place into
 * the Householder vector, stores it in w's row i, sets e[i] (the subdiagonal T[i][i−1]) and h[i].
 * Returns false when the row is already zero (no reflector: h[i] = 0).
 */
function reflector(w: Float64Array, n: number, i: number, u: Float64Array, e: Float64Array, h: Float64Array): boolean {
  let scale = 0;
  for (let k = 0; k < i; k++) scale += Math.abs(u[k]);
  if (scale === 0) {
    e[i] = 0;
    h[i] = 0;
    w.fill(0, i * n, i * n + i);
    return false;
  }
  // Scaled to avoid under/overflow.
  let hh = 0;
  for (let k = 0; k < i; k++) {
    u[k] /= scale;
    hh += u[k] * u[k];
  }
  const f = u[i - 1];
  const g = f > 0 ? -Math.sqrt(hh) : Math.sqrt(hh);
  e[i] = scale * g;
  h[i] = hh - f * g;
  u[i - 1] = f - g;
  w.set(u.subarray(0, i), i * n);
  return true;
}

/** p[0..i) = (leading i × i block of the matrix)·u, one pass over the lower triangle (columns of w's rows). */
function symmetricProduct(w: Float64Array, n: number, i: number, u: Float64Array, p: Float64Array): void {
  p.fill(0, 0, i);
  for (let j = 0; j < i; j++) {
    const fu = u[j];
    const col = j * n;
    let g0 = p[j] + w[col + j] * fu;
    let g1 = 0;
    let k = j + 1;
    for (; k + 1 < i; k += 2) {
      const x0 = w[col + k];
      const x1 = w[col + k + 1];
      g0 += x0 * u[k];
      g1 += x1 * u[k + 1];
      p[k] += x0 * fu;
      p[k + 1] += x1 * fu;
    }
    if (k < i) {
      g0 += w[col + k] * u[k];
      p[k] += w[col + k] * fu;
    }
    p[j] = g0 + g1;
  }
}

/**
 * Householder reduction of the symmetric matrix in w (transposed JAMA layout, see symmetricEigen.ts) to
 * tridiagonal form T = QᵀAQ: on return d holds the diagonal and e[1..n−1] the subdiagonal (e[0] = 0).
 * Q = H_{n−1} ⋯ H_1 with H_m = I − u_m u_mᵀ/h_m: u_m is left in w[m·n .. m·n + m) and, with `hOut`,
 * h_m in hOut[m] (h_m = 0 when step m had nothing to reduce: H_m = I). backTransform.ts applies Q.
 *
 * JAMA's arithmetic, with one change of schedule: step i's rank-two update A ← A − u pᵀ − p uᵀ and
 * step i − 1's product A·u′ share one pass over the trailing triangle (u′ is row i − 1 after the
 * update, computed first), so the matrix streams through memory once per step instead of twice.
 */
export function tred2(w: Float64Array, n: number, d: Float64Array, e: Float64Array, hOut?: Float64Array): void {
  const h = hOut ?? new Float64Array(n);
  let u = new Float64Array(n);
  let p = new Float64Array(n);
  let u2 = new Float64Array(n);
  let p2 = new Float64Array(n);
  if (n > 1) {
    for (let j = 0; j < n - 1; j++) u[j] = w[j * n + n - 1];
    if (reflector(w, n, n - 1, u, e, h)) symmetricProduct(w, n, n - 1, u, p);
  }
  for (let i = n - 1; i > 0; i--) {
    const next = i - 1; // the step after this one (none when 0)
    if (h[i] === 0) {
      // Nothing to update; the next step starts from row i − 1 as it is.
      for (let j = 0; j < next; j++) u2[j] = w[j * n + next];
      if (next > 0 && reflector(w, n, next, u2, e, h)) symmetricProduct(w, n, next, u2, p2);
    } else {
      // p ← p/h − (uᵀp/2h²)·u: the update is A ← A − u pᵀ − p uᵀ.
      const hi = h[i];
      let f = 0;
      for (let j = 0; j < i; j++) {
        p[j] /= hi;
        f += p[j] * u[j];
      }
      const hh = f / (hi + hi);
      for (let j = 0; j < i; j++) p[j] -= hh * u[j];
      // Row i − 1 after the update (the same expression the update below stores).
      const pl = p[next];
      const ul = u[next];
      for (let j = 0; j < next; j++) u2[j] = w[j * n + next] - (u[j] * pl + p[j] * ul);
      if (next > 0 && reflector(w, n, next, u2, e, h)) fusedUpdate(w, n, i, u, p, u2, p2);
      else
        for (let j = 0; j < i; j++) {
          const fj = u[j];
          const gj = p[j];
          const col = j * n;
          for (let k = j; k < i; k++) w[col + k] -= fj * p[k] + gj * u[k];
        }
    }
    [u, u2] = [u2, u];
    [p, p2] = [p2, p];
  }
  for (let j = 0; j < n; j++) d[j] = w[j * n + j];
  e[0] = 0;
}

/**
 * Step i's update A ← A − u pᵀ − p uᵀ (leading i × i lower triangle) and, on the updated values,
 * p2 = A·u2 for step i − 1 (leading (i−1) × (i−1)), in one pass over w, two columns at a time (they
 * share the loads of u, p, u2 and p2).
 */
function fusedUpdate(w: Float64Array, n: number, i: number, u: Float64Array, p: Float64Array, u2: Float64Array, p2: Float64Array): void {
  const m = i - 1;
  p2.fill(0, 0, m);
  let j = 0;
  for (; j + 1 < m; j += 2) {
    const ca = j * n;
    const cb = ca + n;
    const fa = u[j];
    const ga = p[j];
    const ua = u2[j];
    const fb = u[j + 1];
    const gb = p[j + 1];
    const ub = u2[j + 1];
    // Column j at rows j and j + 1, then column j + 1 at its diagonal.
    const xa0 = w[ca + j] - (fa * p[j] + ga * u[j]);
    const xa1 = w[ca + j + 1] - (fa * p[j + 1] + ga * u[j + 1]);
    w[ca + j] = xa0;
    w[ca + j + 1] = xa1;
    let sa = p2[j] + xa0 * ua + xa1 * u2[j + 1];
    p2[j + 1] += xa1 * ua;
    const xb1 = w[cb + j + 1] - (fb * p[j + 1] + gb * u[j + 1]);
    w[cb + j + 1] = xb1;
    let sb = p2[j + 1] + xb1 * ub;
    for (let k = j + 2; k < m; k++) {
      const uk = u[k];
      const pk = p[k];
      const vk = u2[k];
      const xa = w[ca + k] - (fa * pk + ga * uk);
      const xb = w[cb + k] - (fb * pk + gb * uk);
      w[ca + k] = xa;
      w[cb + k] = xb;
      sa += xa * vk;
      sb += xb * vk;
      p2[k] += xa * ua + xb * ub;
    }
    w[ca + m] -= fa * p[m] + ga * u[m];
    w[cb + m] -= fb * p[m] + gb * u[m];
    p2[j] = sa;
    p2[j + 1] = sb;
  }
  if (j < m) {
    // The last column (m − 1) when m is odd: its diagonal and row m only.
    const c = j * n;
    const f = u[j];
    const g = p[j];
    const x = w[c + j] - (f * p[j] + g * u[j]);
    w[c + j] = x;
    p2[j] += x * u2[j];
    w[c + m] -= f * p[m] + g * u[m];
  }
  w[m * n + m] -= u[m] * p[m] + p[m] * u[m];
}
