// Node side of `npm run bench`, loaded through scripts/vite-node-runner.mjs: the NTK grid and the
// training throughput on the tfjs 'cpu' and 'wasm' backends (src/engine/nodeBackend.ts).
import { tf } from '../src/engine/tf';
import { useNodeBackend, type NodeBackend } from '../src/engine/nodeBackend';
import { execFileSync } from 'node:child_process';
import { matMulBench, MATMUL_SHAPES } from './matmul';
import { SCALING_FULL, SCALING_QUICK, trainScaling } from './train-scaling';
import { FULL_OPTIONS, QUICK_OPTIONS, ntkGrid, trainBench, type BackendResult, type BenchOptions, type Log } from './common';

export async function runNode(backends: NodeBackend[], quick: boolean, log: Log, overrides: Partial<BenchOptions> = {}): Promise<BackendResult[]> {
  const opts = { ...(quick ? QUICK_OPTIONS : FULL_OPTIONS), ...overrides };
  const results: BackendResult[] = [];
  for (const name of backends) {
    const label = `node-${name}`;
    try {
      const info: Record<string, unknown> = {};
      const t0 = performance.now();
      info.active = await useNodeBackend(name);
      const setupMs = performance.now() - t0;
      if (name === 'wasm') {
        info.simd = await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT');
        info.threads = await tf.env().getAsync('WASM_HAS_MULTITHREAD_SUPPORT');
      }
      log(`[bench] ${label}: ${JSON.stringify(info)}`);
      const matmul = name === 'wasm' ? await matMulBench(label, MATMUL_SHAPES, quick ? 500 : 1000, log) : undefined;
      // before/after A/B of the dense layer: only wasm has slow transposed kernels (cpu uses the flags)
      const scaling = await trainScaling(label, { ...(quick ? SCALING_QUICK : SCALING_FULL), before: name === 'wasm' }, log, numpyReference);
      const { cells, checks } = await ntkGrid(label, opts, log);
      const train = await trainBench(label, opts, log);
      results.push({ backend: label, ntk: cells, checks, train, info, scaling, matmul, setupMs });
    } catch (e) {
      log(`[bench] ${label} failed: ${String(e)}`);
      results.push({ backend: label, ntk: [], train: [], error: String(e) });
    }
  }
  return results;
}

/**
 * bench/numpy_step.py at one width, with BLAS's default threads and with one thread (on a loaded
 * 2-core machine multithreaded OpenBLAS can be 10× slower); the faster, or null without numpy.
 */
export function numpyReference(width: number): number | null {
  if (process.env.BENCH_NO_NUMPY) return null;
  let best: number | null = null;
  for (const one of [false, true]) {
    const env = { ...process.env, ...(one ? { OPENBLAS_NUM_THREADS: '1', OMP_NUM_THREADS: '1', MKL_NUM_THREADS: '1' } : {}) };
    try {
      const out = execFileSync('python3', ['bench/numpy_step.py', '1', String(width)], { env, encoding: 'utf8', timeout: 120_000 });
      const sps = (JSON.parse(out) as { cells: { stepsPerSec: number }[] }).cells[0].stepsPerSec;
      best = Math.max(best ?? 0, sps);
    } catch {
      return null;
    }
  }
  return best;
}
