// Node side of `npm run bench`, loaded through scripts/vite-node-runner.mjs: the NTK grid and the
// training throughput on the tfjs 'cpu' and 'wasm' backends (src/engine/nodeBackend.ts).
import { tf } from '../src/engine/tf';
import { useNodeBackend, type NodeBackend } from '../src/engine/nodeBackend';
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
      const scaling = await trainScaling(label, { ...(quick ? SCALING_QUICK : SCALING_FULL), before: name === 'wasm' }, log);
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
