// Node side of `npm run bench`, loaded through scripts/vite-node-runner.mjs: the NTK grid and the
// training throughput on the tfjs 'cpu' and 'wasm' backends (src/engine/nodeBackend.ts).
import { tf } from '../src/engine/tf';
import { useNodeBackend, type NodeBackend } from '../src/engine/nodeBackend';
import { FULL_OPTIONS, QUICK_OPTIONS, ntkGrid, trainBench, type BackendResult, type BenchOptions, type Log } from './common';

export async function runNode(backends: NodeBackend[], quick: boolean, log: Log, overrides: Partial<BenchOptions> = {}): Promise<BackendResult[]> {
  const opts = { ...(quick ? QUICK_OPTIONS : FULL_OPTIONS), ...overrides };
  const results: BackendResult[] = [];
  for (const name of backends) {
    const label = `node-${name}`;
    try {
      const info: Record<string, unknown> = {};
      info.active = await setBackend(name, info, log);
      if (name === 'wasm') {
        info.simd = await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT');
        info.threads = await tf.env().getAsync('WASM_HAS_MULTITHREAD_SUPPORT');
      }
      log(`[bench] ${label}: ${JSON.stringify(info)}`);
      const { cells, checks } = await ntkGrid(label, opts, log);
      const train = await trainBench(label, opts, log);
      results.push({ backend: label, ntk: cells, checks, train, info });
    } catch (e) {
      log(`[bench] ${label} failed: ${String(e)}`);
      results.push({ backend: label, ntk: [], train: [], error: String(e) });
    }
  }
  return results;
}

/**
 * useNodeBackend from the engine; if the wasm backend fails to load through the Vite module runner
 * (its ESM entry imports emscripten's CommonJS glue, wasm-out/*.worker.js: "module is not defined"),
 * load the self-contained ESM bundle dist/tf-backend-wasm.fesm.js instead (with a __dirname shim) and say so.
 */
async function setBackend(name: NodeBackend, info: Record<string, unknown>, log: Log): Promise<string> {
  try {
    return await useNodeBackend(name);
  } catch (e) {
    if (name !== 'wasm') throw e;
    log(`[bench] useNodeBackend('wasm') failed (${String(e)}); loading tfjs-backend-wasm's fesm bundle instead`);
    info.workaround = 'useNodeBackend(wasm) failed; loaded dist/tf-backend-wasm.fesm.js';
    const { createRequire } = await import('node:module');
    const path = await import('node:path');
    const req = createRequire(import.meta.url);
    const dir = path.dirname(req.resolve('@tensorflow/tfjs-backend-wasm/package.json'));
    const wasm = (await import(/* @vite-ignore */ path.join(dir, 'dist', 'tf-backend-wasm.fesm.js'))) as typeof import('@tensorflow/tfjs-backend-wasm');
    wasm.setWasmPaths(path.join(dir, 'dist') + path.sep);
    // Emscripten's Node branch reads __dirname, which modules run by Vite's module runner lack.
    (globalThis as { __dirname?: string }).__dirname ??= path.join(dir, 'dist');
    if (!(await tf.setBackend('wasm'))) throw new Error('tfjs wasm backend failed to initialise');
    await tf.ready();
    return tf.getBackend();
  }
}
