// Dense float64 matrix product C ← C ± A·B (or C ← A·B) on views into flat arrays: the one kernel the
// divide-and-conquer eigensolver (tridiagonalEigen.ts) and the Householder back-transformation
// (backTransform.ts) spend their time in. Plain TypeScript, no tfjs (float32 would not do).
//
// Row-major B and C with unit column stride, so the innermost loop walks contiguous memory; A is read
// through a (row stride, column stride) pair, so a transposed A costs nothing. Two rows of C and four
// rows of B per pass (16 flops per 4 loads of B and 2 loads + 2 stores of C), over cache blocks of
// B (KB rows × JB columns, ~128 KB) so that B stays in cache while every row pair of C runs over it.

/** A view of a matrix in a flat array: element (i, j) at data[off + i·rs + j·cs]. */
export interface MatView {
  data: Float64Array;
  off: number;
  /** Row stride. */
  rs: number;
  /** Column stride (1 for row-major B and C). */
  cs: number;
}

/** Rows of B per cache block. */
const KB = 64;
/** Columns of B and C per cache block. */
const JB = 256;

/**
 * C (m × p) ← mode·A·B + (mode === 'set' ? 0 : C), A m × q, B q × p. `mode`: 'set' overwrites C,
 * 'add' adds A·B, 'sub' subtracts it. B and C must have unit column stride; A any strides.
 */
export function matmul(m: number, q: number, p: number, a: MatView, b: MatView, c: MatView, mode: 'set' | 'add' | 'sub'): void {
  if (b.cs !== 1 || c.cs !== 1) throw new Error('matmul: B and C must have unit column stride');
  const cd = c.data;
  if (mode === 'set')
    for (let i = 0; i < m; i++) cd.fill(0, c.off + i * c.rs, c.off + i * c.rs + p);
  if (m === 0 || p === 0 || q === 0) return;
  const sign = mode === 'sub' ? -1 : 1;
  for (let j0 = 0; j0 < p; j0 += JB) {
    const jn = Math.min(JB, p - j0);
    for (let k0 = 0; k0 < q; k0 += KB) {
      const kn = Math.min(KB, q - k0);
      let i = 0;
      for (; i + 1 < m; i += 2) rowPair(a, b, c, i, k0, kn, j0, jn, sign);
      if (i < m) singleRow(a, b, c, i, k0, kn, j0, jn, sign);
    }
  }
}

/** C[i..i+1][j0..j0+jn) += sign · A[i..i+1][k0..k0+kn) · B[k0..k0+kn)[j0..j0+jn). */
function rowPair(a: MatView, b: MatView, c: MatView, i: number, k0: number, kn: number, j0: number, jn: number, sign: number): void {
  const ad = a.data;
  const bd = b.data;
  const cd = c.data;
  const ars = a.rs;
  const acs = a.cs;
  const ldb = b.rs;
  const c0 = c.off + i * c.rs + j0;
  const c1 = c0 + c.rs;
  const a0 = a.off + i * ars;
  const a1 = a0 + ars;
  let k = k0;
  for (; k + 3 < k0 + kn; k += 4) {
    const ka = k * acs;
    const x00 = sign * ad[a0 + ka];
    const x01 = sign * ad[a0 + ka + acs];
    const x02 = sign * ad[a0 + ka + 2 * acs];
    const x03 = sign * ad[a0 + ka + 3 * acs];
    const x10 = sign * ad[a1 + ka];
    const x11 = sign * ad[a1 + ka + acs];
    const x12 = sign * ad[a1 + ka + 2 * acs];
    const x13 = sign * ad[a1 + ka + 3 * acs];
    const b0 = b.off + k * ldb + j0;
    const b1 = b0 + ldb;
    const b2 = b1 + ldb;
    const b3 = b2 + ldb;
    for (let j = 0; j < jn; j++) {
      const y0 = bd[b0 + j];
      const y1 = bd[b1 + j];
      const y2 = bd[b2 + j];
      const y3 = bd[b3 + j];
      cd[c0 + j] += x00 * y0 + x01 * y1 + (x02 * y2 + x03 * y3);
      cd[c1 + j] += x10 * y0 + x11 * y1 + (x12 * y2 + x13 * y3);
    }
  }
  for (; k < k0 + kn; k++) {
    const x0 = sign * ad[a0 + k * acs];
    const x1 = sign * ad[a1 + k * acs];
    const b0 = b.off + k * ldb + j0;
    for (let j = 0; j < jn; j++) {
      const y = bd[b0 + j];
      cd[c0 + j] += x0 * y;
      cd[c1 + j] += x1 * y;
    }
  }
}

/** rowPair for the odd last row. */
function singleRow(a: MatView, b: MatView, c: MatView, i: number, k0: number, kn: number, j0: number, jn: number, sign: number): void {
  const ad = a.data;
  const bd = b.data;
  const cd = c.data;
  const c0 = c.off + i * c.rs + j0;
  const a0 = a.off + i * a.rs;
  for (let k = k0; k < k0 + kn; k++) {
    const x = sign * ad[a0 + k * a.cs];
    if (x === 0) continue;
    const b0 = b.off + k * b.rs + j0;
    for (let j = 0; j < jn; j++) cd[c0 + j] += x * bd[b0 + j];
  }
}
