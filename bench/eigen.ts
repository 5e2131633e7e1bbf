// Symmetric eigendecomposition in float64, before/after issue 24: the cyclic-Jacobi solver the engine
// used (bench/legacyJacobi.ts, verbatim) vs Householder + implicit QL
// (src/engine/linalg/symmetricEigen.ts), full decomposition and eigenvalues only, on the same matrix.
// Run by bench/eigen.mjs, which prints the table. Never asserts on times.
import { symmetricEigen, symmetricEigenvalues } from '../src/engine/linalg/symmetricEigen';
import { normals } from '../src/engine/prng';
import { jacobiEigen } from './legacyJacobi';

/** Wall and CPU time (this process, user + system) of one call, in ms. */
export interface Timing {
  wallMs: number;
  cpuMs: number;
}

export interface EigenBenchRow {
  n: number;
  /** Jacobi, full decomposition, one run (null when skipped above jacobiMax). */
  jacobi: Timing | null;
  /** Householder + QL, full decomposition, the run with the median wall time. */
  ql: Timing;
  /** Householder + QL, eigenvalues only, the run with the median wall time. */
  qlValues: Timing;
  /** max_k |λ_k(QL) − λ_k(Jacobi)| / λ_1 (null without Jacobi). */
  agreement: number | null;
  /** max_ik |(A V − V Λ)_ik| / λ_1 for the QL result. */
  residual: number;
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

export function eigenBench(sizes: number[], jacobiMax: number, runs = 3, log: (s: string) => void = () => {}): EigenBenchRow[] {
  symmetricEigen(gramMatrix(64), 64); // warm up the JIT
  const rows: EigenBenchRow[] = [];
  for (const n of sizes) {
    const a = gramMatrix(n);
    let ql: ReturnType<typeof symmetricEigen> | undefined;
    const qlTime = median(Array.from({ length: runs }, () => time(() => (ql = symmetricEigen(a, n)))));
    const qlValues = median(Array.from({ length: runs }, () => time(() => symmetricEigenvalues(a, n))));
    const { values, vectors } = ql!;
    let residual = 0;
    for (let i = 0; i < n; i++)
      for (let k = 0; k < n; k++) {
        let s = 0;
        for (let j = 0; j < n; j++) s += a[i * n + j] * vectors[j * n + k];
        residual = Math.max(residual, Math.abs(s - values[k] * vectors[i * n + k]));
      }
    residual /= values[0];
    let jacobi: Timing | null = null;
    let agreement: number | null = null;
    if (n <= jacobiMax) {
      let ref: number[] = [];
      jacobi = time(() => (ref = jacobiEigen(a, n).values));
      agreement = values.reduce((m, v, k) => Math.max(m, Math.abs(v - ref[k])), 0) / values[0];
    }
    const fmt = (t: Timing) => `${t.wallMs.toFixed(0)} ms (cpu ${t.cpuMs.toFixed(0)})`;
    log(`[eigen] n=${n}: QL ${fmt(qlTime)}, values only ${fmt(qlValues)}, Jacobi ${jacobi === null ? 'skipped' : fmt(jacobi)}`);
    rows.push({ n, jacobi, ql: qlTime, qlValues, agreement, residual });
  }
  return rows;
}
