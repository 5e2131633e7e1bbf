// Browser side of `npm run bench`: one page load per backend (?backend=webgl|wasm|cpu|webgpu,
// &quick=1). Runs the same engine modules as the app; progress goes to the console ("[bench] …")
// and the results to window.__benchResults (window.__benchDone = true when finished).
// tfjs-core's entry first: Vite's dev pre-bundling splits the engine's deep imports
// (register_all_gradients) into their own entry, which would otherwise run before tfjs-core's
// flags are registered ("Cannot evaluate flag 'DEBUG'").
import '@tensorflow/tfjs-core';
import { tf } from '../../src/engine/tf';
import { matMulBench, MATMUL_SHAPES } from '../matmul';
import { SCALING_FULL, SCALING_QUICK, trainScaling } from '../train-scaling';
import { FULL_OPTIONS, QUICK_OPTIONS, ntkGrid, trainBench, type BackendResult } from '../common';
import { liftWasmThreadCap } from '../../src/worker/wasmThreads';

declare global {
  interface Window {
    __benchResults?: BackendResult;
    __benchDone?: boolean;
  }
}

const params = new URLSearchParams(location.search);
const backend = params.get('backend') ?? 'cpu';
const quick = params.get('quick') === '1';
const budget = Number(params.get('budget'));
/** wasm pool threads to request (&threads=N); tfjs-wasm's own default (⌊cores / 2⌋) when absent. */
const threads = Number(params.get('threads')) || 0;
const out = document.getElementById('out')!;
const log = (msg: string) => {
  console.log(`[bench] ${msg}`);
  out.textContent += `\n${msg}`;
};

async function setUp(name: string): Promise<Record<string, unknown>> {
  switch (name) {
    case 'cpu':
      await import('@tensorflow/tfjs-backend-cpu');
      break;
    case 'webgl':
      await import('@tensorflow/tfjs-backend-webgl');
      break;
    case 'wasm': {
      const wasm = await import('@tensorflow/tfjs-backend-wasm');
      wasm.setWasmPaths(new URL('/node_modules/@tensorflow/tfjs-backend-wasm/dist/', location.href).href);
      if (threads > 0) {
        liftWasmThreadCap(threads);
        wasm.setThreadsCount(threads);
      }
      break;
    }
    case 'webgpu':
      await import('@tensorflow/tfjs-backend-webgpu');
      break;
    default:
      throw new Error(`unknown backend ${name}`);
  }
  const ok = await tf.setBackend(name);
  if (!ok) throw new Error(`tf.setBackend('${name}') failed`);
  await tf.ready();
  const info: Record<string, unknown> = { active: tf.getBackend(), crossOriginIsolated };
  if (name === 'wasm') {
    info.simd = await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT');
    info.threads = await tf.env().getAsync('WASM_HAS_MULTITHREAD_SUPPORT');
    info.poolThreads = (await import('@tensorflow/tfjs-backend-wasm')).getThreadsCount();
  }
  if (name === 'webgl') {
    const gl = document.createElement('canvas').getContext('webgl2');
    const ext = gl?.getExtension('WEBGL_debug_renderer_info');
    info.renderer = gl && ext ? gl.getParameter(ext.UNMASKED_RENDERER_WEBGL) : null;
  }
  if (name === 'webgpu') {
    const gpu = (navigator as unknown as { gpu?: { requestAdapter(): Promise<{ info?: Record<string, string> } | null> } }).gpu;
    const adapter = await gpu?.requestAdapter();
    info.adapter = adapter?.info ? `${adapter.info.vendor} ${adapter.info.architecture}` : null;
  }
  return info;
}

async function main(): Promise<void> {
  const result: BackendResult = { backend, ntk: [], train: [] };
  try {
    const t0 = performance.now();
    result.info = await setUp(backend);
    result.setupMs = performance.now() - t0;
    log(`${backend}: ${JSON.stringify(result.info)}`);
    const base = quick ? QUICK_OPTIONS : FULL_OPTIONS;
    // Browser GPU backends keep tensors in textures/buffers: a smaller Jacobian cap than Node.
    const opts = { ...base, jacobianBudgetMB: Math.min(base.jacobianBudgetMB, 256), ...(budget > 0 ? { autodiffBudgetS: budget } : {}) };
    // WebGPU here is SwiftShader's software adapter: correctness only, so the small grid suffices.
    if (backend === 'webgpu') Object.assign(opts, { ns: QUICK_OPTIONS.ns, widths: QUICK_OPTIONS.widths });
    if (backend === 'wasm') result.matmul = await matMulBench(backend, MATMUL_SHAPES, quick ? 500 : 1000, log);
    // steps/s per width (software WebGPU: the small widths only); before/after A/B on wasm
    const grid = quick ? SCALING_QUICK : SCALING_FULL;
    result.scaling = await trainScaling(backend, { ...grid, widths: backend === 'webgpu' ? [64, 256] : grid.widths, before: backend === 'wasm' && threads === 0 }, log);
    const { cells, checks } = await ntkGrid(backend, opts, log);
    result.ntk = cells;
    result.checks = checks;
    result.train = await trainBench(backend, opts, log);
  } catch (e) {
    result.error = String(e);
    log(`${backend} failed: ${String(e)}`);
  }
  window.__benchResults = result;
  window.__benchDone = true;
}

void main();
