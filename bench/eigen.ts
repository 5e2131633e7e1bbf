// Symmetric eigendecomposition in float64, before/after issue 24: the cyclic-Jacobi solver the engine
// used (bench/legacyJacobi.ts, verbatim), the Householder + implicit QL that replaced it
// (bench/legacyQl.ts, verbatim) and today's Householder + divide and conquer
// (src/engine/linalg/symmetricEigen.ts), full decompositions and eigenvalues only, on the same matrix.
// Run by bench/eigen.mjs, which prints the table. Never asserts on times.
import { symmetricEigen, symmetricEigenTop, symmetricEigenvalues } from '../src/engine/linalg/symmetricEigen';
import { normals } from '../src/engine/prng';
import { jacobiEigen } from './legacyJacobi';
import { qlEigen } from './legacyQl';

/** Wall and CPU time (this process, user + system) of one call, in ms. */
export interface Timing {
  wallMs: number;
  cpuMs: number;
}

export interface EigenBenchRow {
  n: number;
  /** Jacobi, full decomposition, one run (null when skipped above jacobiMax). */
  jacobi: Timing | null;
  /** Householder + QL (bench/legacyQl.ts), full decomposition, the run with the median wall time. */
  ql: Timing;
  /** Householder + divide and conquer (symmetricEigen), full decomposition, median run. */
  dc: Timing;
  /** Householder + divide and conquer, all eigenvalues and the top 16 vectors (the modes default), median run. */
  dcTop16: Timing;
  /** Householder + QL, eigenvalues only (symmetricEigenvalues), median run. */
  qlValues: Timing;
  /** max_k |λ_k(D&C) − λ_k(Jacobi)| / λ_1 (null without Jacobi). */
  agreement: number | null;
  /** max_k |λ_k(D&C) − λ_k(QL)| / λ_1. */
  agreementQl: number;
  /** max_ik |(A V − V Λ)_ik| / λ_1 for the QL and the D&C results. */
  residualQl: number;
  residual: number;
  /** max_jk |(VᵀV − I)_jk| for the QL and the D&C results. */
  orthoQl: number;
  ortho: number;
}

/** An NTK-like PSD Gram matrix B Bᵀ / n (B: n × n standard normal), row-major. */
export function gramMatrix(n: number): Float64Array {
  const b = normals(17, `eigen-bench-${n}`, n * n);
  const a = new Float64Array(n * n);
  for (let i = 0; i < n; i++)
    for (let j = 0; j <= i; j++) {
      let s = 0;
      for (let k = 0; k < n; k++) s += b[i * n + k] * b[j * n + k];
      a[i * n + j] = a[j * n + i] = s / n;
    }
  return a;
}

function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

function time(fn: () => void): Timing {
  const c0 = cpuMs();
  const t0 = performance.now();
  fn();
  return { wallMs: performance.now() - t0, cpuMs: cpuMs() - c0 };
}

/** The run with the median wall time. */
function median(xs: Timing[]): Timing {
  return xs.slice().sort((p, q) => p.wallMs - q.wallMs)[Math.floor(xs.length / 2)];
}

/** max_ik |(A V − V Λ)_ik| / λ_1 and max_jk |(VᵀV − I)_jk| (every 4th column when n > 512, for time). */
function quality(a: Float64Array, n: number, values: number[], vectors: Float64Array): { residual: number; ortho: number } {
  const step = n > 512 ? 4 : 1;
  let residual = 0;
  let ortho = 0;
  const col = new Float64Array(n);
  for (let k = 0; k < n; k += step) {
    for (let i = 0; i < n; i++) col[i] = vectors[i * n + k];
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let j = 0; j < n; j++) s += a[i * n + j] * col[j];
      residual = Math.max(residual, Math.abs(s - values[k] * col[i]));
    }
    for (let m = 0; m < n; m++) {
      let s = 0;
      for (let i = 0; i < n; i++) s += vectors[i * n + m] * col[i];
      ortho = Math.max(ortho, Math.abs(s - (m === k ? 1 : 0)));
    }
  }
  return { residual: residual / Math.abs(values[0]), ortho };
}

export function eigenBench(sizes: number[], jacobiMax: number, runs = 3, log: (s: string) => void = () => {}): EigenBenchRow[] {
  // Warm up the JIT (at a size where the divide and conquer merges).
  const warm = gramMatrix(200);
  for (let r = 0; r < 2; r++) {
    symmetricEigen(warm, 200);
    qlEigen(warm, 200);
  }
  const rows: EigenBenchRow[] = [];
  for (const n of sizes) {
    const a = gramMatrix(n);
    let ql: ReturnType<typeof qlEigen> | undefined;
    let dc: ReturnType<typeof symmetricEigen> | undefined;
    // Alternate the two solvers run by run, so that a change in the machine's load hits both alike.
    const qlTimes: Timing[] = [];
    const dcTimes: Timing[] = [];
    for (let r = 0; r < runs; r++) {
      qlTimes.push(time(() => (ql = qlEigen(a, n))));
      dcTimes.push(time(() => (dc = symmetricEigen(a, n))));
    }
    const qlValues = median(Array.from({ length: runs }, () => time(() => symmetricEigenvalues(a, n))));
    const dcTop16 = median(Array.from({ length: runs }, () => time(() => symmetricEigenTop(a, n, 16))));
    const q = quality(a, n, ql!.values, ql!.vectors);
    const c = quality(a, n, dc!.values, dc!.vectors);
    const values = dc!.values;
    const agreementQl = values.reduce((m, v, k) => Math.max(m, Math.abs(v - ql!.values[k])), 0) / values[0];
    let jacobi: Timing | null = null;
    let agreement: number | null = null;
    if (n <= jacobiMax) {
      let ref: number[] = [];
      jacobi = time(() => (ref = jacobiEigen(a, n).values));
      agreement = values.reduce((m, v, k) => Math.max(m, Math.abs(v - ref[k])), 0) / values[0];
    }
    const fmt = (t: Timing) => `${t.wallMs.toFixed(0)} ms (cpu ${t.cpuMs.toFixed(0)})`;
    const row = { n, jacobi, ql: median(qlTimes), dc: median(dcTimes), dcTop16, qlValues, agreement, agreementQl, residualQl: q.residual, residual: c.residual, orthoQl: q.ortho, ortho: c.ortho };
    log(`[eigen] n=${n}: D&C ${fmt(row.dc)}, top 16 ${fmt(dcTop16)}, QL ${fmt(row.ql)}, values only ${fmt(qlValues)}, Jacobi ${jacobi === null ? 'skipped' : fmt(jacobi)}`);
    rows.push(row);
  }
  return rows;
}
