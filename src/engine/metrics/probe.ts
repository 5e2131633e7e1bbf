// The fixed probe set on which Θ_t (and the derivative correlations) are tracked: the first
// min(train, capTrain) training points followed by the first min(test, capTest) test points,
// plus a display order that sorts the probe points by input for heatmaps.

export interface ProbeSet {
  /** Indices into the training set (0..trainCount-1). */
  trainIdx: Int32Array;
  /** Indices into the test set (0..testCount-1). */
  testIdx: Int32Array;
  /** Probe inputs row-major, count × inputDim: training points first, then test points. */
  x: Float32Array;
  inputDim: number;
  count: number;
  trainCount: number;
  testCount: number;
  /** order[k] = probe index of the k-th point in display order (sorted by input). */
  order: number[];
}

export const PROBE_CAP_TRAIN = 48;
export const PROBE_CAP_TEST = 16;

/**
 * Display order of points (row-major, n × inputDim): 1D by x; 2D by angle atan2(x₂, x₁), then by radius.
 * Ties keep the original order.
 */
export function probeDisplayOrder(x: ArrayLike<number>, inputDim: number): number[] {
  const n = Math.floor(x.length / inputDim);
  const idx = Array.from({ length: n }, (_, i) => i);
  if (inputDim === 1) return idx.sort((i, j) => x[i] - x[j] || i - j);
  const angle = idx.map((i) => Math.atan2(x[i * inputDim + 1], x[i * inputDim]));
  const radius = idx.map((i) => Math.hypot(x[i * inputDim], x[i * inputDim + 1]));
  return idx.sort((i, j) => angle[i] - angle[j] || radius[i] - radius[j] || i - j);
}

/** Choose the probe set from row-major train/test inputs with the given dimension. */
export function chooseProbe(
  xTrain: ArrayLike<number>,
  xTest: ArrayLike<number>,
  inputDim: number,
  capTrain = PROBE_CAP_TRAIN,
  capTest = PROBE_CAP_TEST,
): ProbeSet {
  const trainCount = Math.min(Math.floor(xTrain.length / inputDim), capTrain);
  const testCount = Math.min(Math.floor(xTest.length / inputDim), capTest);
  const count = trainCount + testCount;
  const x = new Float32Array(count * inputDim);
  for (let i = 0; i < trainCount * inputDim; i++) x[i] = xTrain[i];
  for (let i = 0; i < testCount * inputDim; i++) x[trainCount * inputDim + i] = xTest[i];
  return {
    trainIdx: Int32Array.from({ length: trainCount }, (_, i) => i),
    testIdx: Int32Array.from({ length: testCount }, (_, i) => i),
    x,
    inputDim,
    count,
    trainCount,
    testCount,
    order: probeDisplayOrder(x, inputDim),
  };
}

/** Permute a row-major n × n matrix into display order: out[r][c] = m[order[r]][order[c]]. */
export function reorderSquare(m: ArrayLike<number>, order: readonly number[]): number[] {
  const n = order.length;
  const out = new Array<number>(n * n);
  for (let r = 0; r < n; r++) for (let c = 0; c < n; c++) out[r * n + c] = m[order[r] * n + order[c]];
  return out;
}
