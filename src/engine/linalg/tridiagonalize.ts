// Householder reduction of a symmetric matrix to tridiagonal form (EISPACK/JAMA tred2, float64), the
// first stage of symmetricEigen.ts; the layout notes there apply (the reduction works on the transpose).

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
export function tred2(w: Float64Array, n: number, d: Float64Array, e: Float64Array, accumulate: boolean): void {
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
