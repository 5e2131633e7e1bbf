// Small matrix helpers for kernel panels.
// Pure (no DOM, no React); unit-tested in tests/unit/plotMath.test.ts.

/** Elementwise a − b (NaN where either is missing). */
export function subtract(a: ArrayLike<number>, b: ArrayLike<number>): number[] {
  const n = Math.max(a.length, b.length);
  const out = new Array<number>(n);
  for (let i = 0; i < n; i++) out[i] = i < a.length && i < b.length ? a[i] - b[i] : NaN;
  return out;
}

/** The side of a square matrix stored in `len` entries, or 0 when `len` is not a square. */
export function squareSide(len: number): number {
  const n = Math.round(Math.sqrt(len));
  return n * n === len ? n : 0;
}
