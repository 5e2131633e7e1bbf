// Centred second moments of two series of equal length, in float64 and two passes (the means
// first, then the sums of centred products): the one loop behind a Pearson correlation
// (metrics/nfa.ts) and a least-squares line (scaling/powerLaw.ts). Free of TensorFlow.js.

export interface CentredMoments {
  meanA: number;
  meanB: number;
  /** Σ (a − ā)², Σ (b − b̄)², Σ (a − ā)(b − b̄). */
  saa: number;
  sbb: number;
  sab: number;
}

/** The centred sums of `a` and `b` (same length ≥ 1; the caller checks). */
export function centredMoments(a: ArrayLike<number>, b: ArrayLike<number>): CentredMoments {
  const n = a.length;
  let meanA = 0;
  let meanB = 0;
  for (let i = 0; i < n; i++) {
    meanA += a[i];
    meanB += b[i];
  }
  meanA /= n;
  meanB /= n;
  let saa = 0;
  let sbb = 0;
  let sab = 0;
  for (let i = 0; i < n; i++) {
    const da = a[i] - meanA;
    const db = b[i] - meanB;
    saa += da * da;
    sbb += db * db;
    sab += da * db;
  }
  return { meanA, meanB, saa, sbb, sab };
}
