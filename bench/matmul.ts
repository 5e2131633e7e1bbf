// matMul throughput per variant (plain, transposeA, transposeB, tf.transpose + plain) on the active
// backend: the measurement behind src/engine/nn/dense.ts's per-backend choice. GFLOP/s = 2mkn / time.
import { tf } from '../src/engine/tf';

export interface MatMulCell {
  backend: string;
  shape: string;
  variant: 'plain' | 'transposeA' | 'transposeB' | 'transpose + plain';
  ms: number;
  gflops: number;
}

/** m × k · k × n: the shapes of issue 11's table (batch 256, widths 256/1024). */
export const MATMUL_SHAPES: [number, number, number][] = [
  [256, 1024, 1024],
  [1024, 256, 1024],
  [256, 256, 256],
];

const VARIANTS: MatMulCell['variant'][] = ['plain', 'transposeA', 'transposeB', 'transpose + plain'];

/** Median wall time (ms) of fn() including a readback, over up to `maxRuns` runs within `budgetMs`. */
async function medianMs(fn: () => tf.Tensor, budgetMs: number, maxRuns = 9): Promise<number> {
  const warm = fn();
  await warm.data();
  warm.dispose();
  const times: number[] = [];
  const end = performance.now() + budgetMs;
  while (times.length < maxRuns && (times.length < 3 || performance.now() < end)) {
    const t0 = performance.now();
    const r = fn();
    await r.data();
    times.push(performance.now() - t0);
    r.dispose();
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

function uniform(n: number): Float32Array {
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) out[i] = Math.random() - 0.5;
  return out;
}

/** The product m×k · k×n in each variant (operands laid out as the variant needs). */
export async function matMulBench(label: string, shapes: [number, number, number][], budgetMs: number, log: (s: string) => void): Promise<MatMulCell[]> {
  const cells: MatMulCell[] = [];
  for (const [m, k, n] of shapes) {
    const a = tf.tensor2d(uniform(m * k), [m, k]);
    const b = tf.tensor2d(uniform(k * n), [k, n]);
    const aT = tf.transpose(a) as tf.Tensor2D; // k × m
    const bT = tf.transpose(b) as tf.Tensor2D; // n × k
    const run: Record<MatMulCell['variant'], () => tf.Tensor> = {
      plain: () => tf.matMul(a, b),
      transposeA: () => tf.matMul(aT, b, true, false),
      transposeB: () => tf.matMul(a, bT, false, true),
      'transpose + plain': () => tf.tidy(() => tf.matMul(a, tf.transpose(bT))),
    };
    for (const v of VARIANTS) {
      const ms = await medianMs(run[v], budgetMs);
      const cell = { backend: label, shape: `${m}×${k} · ${k}×${n}`, variant: v, ms, gflops: (2 * m * k * n) / (ms * 1e6) };
      cells.push(cell);
      log(`  ${label} matmul ${cell.shape} ${v}: ${cell.gflops.toFixed(2)} GFLOP/s`);
    }
    tf.dispose([a, b, aT, bT]);
  }
  return cells;
}
