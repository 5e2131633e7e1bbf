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
 * Householder reduction of the symmetric matrix in w (transposed JAMA layout, see the file header) to
 * tridiagonal form T = QᵀAQ: on return d holds the diagonal and e[1..n−1] the subdiagonal (e[0] = 0).
 * Q = H_{n−1} ⋯ H_1 with H_m = I − u_m u_mᵀ/h_m: u_m is left in w[m·n .. m·n + m) and, with `hOut`,
 * h_m in hOut[m] (h_m = 0 when step m had nothing to reduce: H_m = I). backTransform.ts applies Q.
 */
export function tred2(w: Float64Array, n: number, d: Float64Array, e: Float64Array, hOut?: Float64Array): void {
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
  hOut?.set(d);
  // The tridiagonal's diagonal is left on w's diagonal.
  for (let j = 0; j < n; j++) d[j] = w[j * n + j];
  e[0] = 0;
}
