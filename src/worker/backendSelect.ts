// Picks the tfjs backend inside the worker.
//
// - WebGPU: probed with navigator.gpu.requestAdapter() first (tfjs's own factory would throw a
//   TypeError on a null adapter). A real adapter wins outright; a software fallback adapter
//   (SwiftShader) is not chosen automatically: it is ~10× slower than webgl and ~50× than wasm.
// - Otherwise webgl (through OffscreenCanvas), wasm and cpu are each timed on a few training steps
//   of a small net (warm-up first, then timed with an awaited readback) and the fastest wins.
// - `?backend=` forces one; if it cannot start, the automatic choice runs and the reason is shown.
import { tf } from '../engine/tf';
import { getThreadsCount, setThreadsCount, setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import wasmPlain from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreaded from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import { forward, initParams, toVariables, type MlpSpec } from '../engine/nn/mlp';
import { mseLoss, sgdUpdate } from '../engine/nn/train';
import { makeDataset } from '../engine/data/datasets';
import type { BackendInfo, BackendMeasurement, BackendName, LostBackend, RememberedProbe } from './protocol';
import { fallbackCandidates, forcedAfterLoss, lostSentence } from './fallback';
import { liftWasmThreadCap, wasmThreadTarget } from './wasmThreads';
import { probeCanStop, stoppedNote } from './probeStop';

// wasm threads: the threaded SIMD build runs when the page is cross-origin isolated (COOP/COEP);
// vite.config.ts's tfjsWasmThreads plugin keeps its pthread workers working in the bundle.
// One XNNPACK thread per logical core but one (left to the page), up to 4, past tfjs-wasm's own
// ⌊cores / 2⌋ cap (wasmThreads.ts; must be set before the backend starts).
const LOGICAL_CORES = globalThis.navigator?.hardwareConcurrency ?? 1;
const WASM_THREADS = wasmThreadTarget(LOGICAL_CORES);
liftWasmThreadCap(WASM_THREADS);
setThreadsCount(WASM_THREADS);
setWasmPaths({
  'tfjs-backend-wasm.wasm': wasmPlain,
  'tfjs-backend-wasm-simd.wasm': wasmSimd,
  'tfjs-backend-wasm-threaded-simd.wasm': wasmThreaded,
});

// webgpu, webgl and cpu are loaded on demand (each import registers its backend): a page whose
// browser has no WebGPU adapter never downloads or parses the WebGPU backend, and the worker's
// first chunk stays small. wasm stays static: it is the common choice and its set-up lines above
// must run before it starts.
const LOADERS: Partial<Record<BackendName, () => Promise<unknown>>> = {
  webgpu: () => import('@tensorflow/tfjs-backend-webgpu'),
  webgl: () => import('@tensorflow/tfjs-backend-webgl'),
  cpu: () => import('@tensorflow/tfjs-backend-cpu'),
};
const loading = new Map<BackendName, Promise<unknown>>();

/** Imports (once) the module that registers backend `name`. */
export function loadBackend(name: BackendName): Promise<unknown> {
  let p = loading.get(name);
  if (!p) {
    p = LOADERS[name]?.() ?? Promise.resolve();
    loading.set(name, p);
  }
  return p;
}

interface AdapterLike {
  isFallbackAdapter?: boolean;
  info?: { vendor?: string; architecture?: string; description?: string; device?: string; isFallbackAdapter?: boolean };
}
interface GpuLike {
  requestAdapter(opts?: { powerPreference?: string }): Promise<AdapterLike | null>;
}

export interface AdapterProbe {
  ok: boolean;
  software: boolean;
  /** Human-readable adapter description, or why there is none. */
  text: string;
}

/** What navigator.gpu offers, without touching tfjs. */
export async function probeWebGpuAdapter(): Promise<AdapterProbe> {
  const gpu = (globalThis.navigator as unknown as { gpu?: GpuLike } | undefined)?.gpu;
  if (!gpu) return { ok: false, software: false, text: 'WebGPU unavailable: navigator.gpu missing in this browser' };
  let adapter: AdapterLike | null = null;
  try {
    adapter = await gpu.requestAdapter({ powerPreference: 'high-performance' });
  } catch (e) {
    return { ok: false, software: false, text: `WebGPU unavailable: requestAdapter failed (${(e as Error).message})` };
  }
  if (!adapter) return { ok: false, software: false, text: 'WebGPU unavailable: no adapter' };
  const info = adapter.info ?? {};
  const name = [info.vendor, info.architecture, info.description || info.device].filter(Boolean).join(' ') || 'unknown adapter';
  const software =
    adapter.isFallbackAdapter === true || info.isFallbackAdapter === true || /swiftshader|llvmpipe|software|microsoft basic/i.test(name);
  return { ok: true, software, text: software ? `${name} (software fallback adapter)` : name };
}

/**
 * The WebGL renderer string as seen from this worker (OffscreenCanvas), or null. A software
 * renderer (SwiftShader, llvmpipe) makes webgl slower than wasm and its shader compilation alone
 * takes seconds, so it is not probed automatically.
 */
function webglRenderer(): { renderer: string; software: boolean } | null {
  if (typeof OffscreenCanvas === 'undefined') return null;
  try {
    const gl = new OffscreenCanvas(1, 1).getContext('webgl2') as WebGL2RenderingContext | null;
    if (!gl) return null;
    const ext = gl.getExtension('WEBGL_debug_renderer_info');
    const renderer = String(gl.getParameter(ext ? ext.UNMASKED_RENDERER_WEBGL : gl.RENDERER) ?? '');
    gl.getExtension('WEBGL_lose_context')?.loseContext();
    return { renderer, software: /swiftshader|llvmpipe|softpipe|software|microsoft basic/i.test(renderer) };
  } catch {
    return null;
  }
}

const PROBE_SPEC: MlpSpec = { inputDim: 1, width: 256, depth: 2, activation: 'tanh', param: 'ntk', sigmaW2: 1, sigmaB2: 0.1, bias: true };
const PROBE_N = 64;

/**
 * Milliseconds per training step of a small net (width 256, depth 2, 64 points) on the current
 * backend (median of the timed steps), and how many steps were timed.
 */
async function timeTrainingStep(budgetMs: number, bestMs: number | null): Promise<{ ms: number; steps: number }> {
  const ds = makeDataset('sine', PROBE_N, 4, 1);
  const x = tf.tensor2d(ds.xTrain, [PROBE_N, 1]);
  const y = tf.tensor1d(ds.yTrain);
  const vars = toVariables(initParams(PROBE_SPEC, 1));
  try {
    const readLoss = async () => {
      const l = tf.tidy(() => mseLoss(forward(PROBE_SPEC, vars, x), y));
      await l.data();
      l.dispose();
    };
    // Warm-up: compiles shaders / JITs kernels.
    sgdUpdate(PROBE_SPEC, vars, x, y, 0.1).dispose();
    await readLoss();
    const times: number[] = [];
    const start = performance.now();
    while (times.length < 5 && (times.length < 2 || performance.now() - start < budgetMs) && !probeCanStop(times, bestMs)) {
      const t0 = performance.now();
      sgdUpdate(PROBE_SPEC, vars, x, y, 0.1).dispose();
      await readLoss();
      times.push(performance.now() - t0);
    }
    times.sort((a, b) => a - b);
    return { ms: times[Math.floor(times.length / 2)], steps: times.length };
  } finally {
    x.dispose();
    y.dispose();
    for (const v of vars) {
      v.W.dispose();
      v.b?.dispose();
    }
  }
}

async function trySetBackend(name: BackendName): Promise<string | null> {
  try {
    await loadBackend(name);
    const ok = await tf.setBackend(name);
    if (!ok) return `${name} failed to initialise`;
    await tf.ready();
    return null;
  } catch (e) {
    return `${name} failed: ${(e as Error).message}`;
  }
}

/** `best`: the fastest candidate measured so far (a much slower one is timed on one step only). */
async function measure(name: BackendName, budgetMs: number, best: BackendMeasurement | null = null): Promise<BackendMeasurement> {
  const t0 = performance.now();
  const probeMs = () => Math.round(performance.now() - t0);
  const err = await trySetBackend(name);
  if (err) return { backend: name, msPerStep: null, note: err, probeMs: probeMs() };
  try {
    const { ms, steps } = await timeTrainingStep(budgetMs, best?.msPerStep ?? null);
    const note = stoppedNote(name, steps, ms, best, fmt);
    return { backend: name, msPerStep: ms, probeMs: probeMs(), ...(note ? { note } : {}) };
  } catch (e) {
    return { backend: name, msPerStep: null, note: `${name} failed in the probe: ${(e as Error).message}`, probeMs: probeMs() };
  }
}

/** The fastest successful measurement among webgl, wasm and cpu (webgpu wins outright or not at all). */
function fastest(ms: readonly BackendMeasurement[]): BackendMeasurement | null {
  return ms.filter((m) => m.msPerStep !== null && m.backend !== 'webgpu').sort((a, b) => a.msPerStep! - b.msPerStep!)[0] ?? null;
}

const shorten = (s: string) => (s.length > 60 ? `${s.slice(0, 57)}…` : s);
const fmt = (ms: number) => (ms >= 10 ? ms.toFixed(0) : ms >= 1 ? ms.toFixed(1) : ms.toFixed(2));

/**
 * Chooses, initialises and returns the backend; tf.getBackend() is `info.name` afterwards.
 * `lost`: backends whose device was lost earlier in this page (not tried again, see fallback.ts).
 */
export async function selectBackend(forced: BackendName | null, lost: readonly LostBackend[] = [], remembered?: RememberedProbe): Promise<BackendInfo> {
  const t0 = performance.now();
  const info = await chooseBackend(forcedAfterLoss(forced, lost), fallbackCandidates(lost), lost.length === 0 ? remembered : undefined);
  const threads = info.name === 'wasm' ? await wasmThreads() : null;
  const lostText = lostSentence(lost);
  const reason = [lostText, info.reason, threads?.text].filter(Boolean).join('. ');
  return {
    ...info,
    reason,
    ...(threads ? { wasmThreads: threads.count } : {}),
    ...(lost.length > 0 ? { lost: [...lost] } : {}),
    probeMs: Math.round(performance.now() - t0),
  };
}

/** How many threads the running wasm backend uses, and a sentence for the badge. */
async function wasmThreads(): Promise<{ count: number; text: string }> {
  const count = getThreadsCount();
  if (count > 1) return { count, text: `wasm runs ${count} threads` };
  const supported = await tf.env().getAsync('WASM_HAS_MULTITHREAD_SUPPORT');
  const why = WASM_THREADS === 1
    ? LOGICAL_CORES <= 1
      ? 'one logical core'
      : `${LOGICAL_CORES} logical cores, one left to the page`
    : !globalThis.crossOriginIsolated
      ? 'page not cross-origin isolated (COOP/COEP)'
      : !supported
        ? 'no shared-memory WebAssembly threads here'
        : `threaded build loaded, but its pool has 1 of ${WASM_THREADS} threads`;
  return { count, text: `wasm runs 1 thread (${why})` };
}

/** What the automatic choice depends on: the browser, its WebGPU adapter and its WebGL renderer. */
function probeFingerprint(adapter: AdapterProbe, gl: { renderer: string } | null): string {
  const ua = globalThis.navigator?.userAgent ?? 'unknown browser';
  return [ua, adapter.ok ? `webgpu ${adapter.text}` : 'no webgpu', gl ? `webgl ${gl.renderer}` : 'no webgl2'].join(' | ');
}

/** The remembered choice, when it was measured in this same browser set-up and still starts. */
async function useRemembered(remembered: RememberedProbe | undefined, fingerprint: string, allowed: readonly BackendName[]): Promise<BackendInfo | null> {
  if (!remembered || remembered.fingerprint !== fingerprint || remembered.info.forced) return null;
  const { name, measurements } = remembered.info;
  if (!allowed.includes(name) || (await trySetBackend(name)) !== null) return null;
  const timings = measurements.flatMap((m) => (m.msPerStep !== null ? [`${m.backend} ${fmt(m.msPerStep)}`] : [])).join(', ');
  const day = new Date(remembered.at).toISOString().slice(0, 10);
  return {
    ...remembered.info,
    reason: `fastest measured earlier in this browser (${day}; ms/step: ${timings}); not timed again — "Measure again" re-runs the probe`,
    rememberedAt: remembered.at,
    fingerprint,
  };
}

async function chooseBackend(forced: BackendName | null, allowed: readonly BackendName[], remembered?: RememberedProbe): Promise<BackendInfo> {
  const measurements: BackendMeasurement[] = [];
  const why: string[] = [];
  const adapter = await probeWebGpuAdapter();
  // Automatic choice only: the fingerprint the page remembers it under.
  let glInfo: ReturnType<typeof webglRenderer> | undefined;
  const gl = () => (glInfo === undefined ? (glInfo = webglRenderer()) : glInfo);
  const fingerprint = forced ? undefined : probeFingerprint(adapter, gl());
  if (fingerprint !== undefined) {
    const known = await useRemembered(remembered, fingerprint, allowed);
    if (known) return known;
  }

  if (forced) {
    let err: string | null;
    if (forced === 'webgpu' && !adapter.ok) err = adapter.text;
    else err = await trySetBackend(forced);
    if (!err) {
      // Forced: no timing (on a slow backend the probe would only delay the first step).
      const soft = forced === 'webgpu' && adapter.software ? ` on ${adapter.text}, which is slow` : '';
      measurements.push({ backend: forced, msPerStep: null, note: 'forced, not timed' });
      return {
        name: forced,
        forced: true,
        reason: `${forced} forced by ?backend=${soft}`,
        measurements,
        adapter: adapter.ok ? adapter.text : undefined,
      };
    }
    why.push(`?backend=${forced} could not start (${err}); chose automatically instead`);
  }

  if (!allowed.includes('webgpu')) {
    // lost earlier in this page: the badge says so (lostSentence)
  } else if (adapter.ok && !adapter.software && forced !== 'webgpu') {
    const m = await measure('webgpu', 150);
    measurements.push(m);
    if (m.msPerStep !== null) {
      return {
        name: 'webgpu',
        forced: false,
        reason: [...why, `WebGPU adapter ${adapter.text}; ${fmt(m.msPerStep)} ms/step in the start-up probe`].join('. '),
        measurements,
        adapter: adapter.text,
        ...(fingerprint !== undefined ? { fingerprint } : {}),
      };
    }
    why.push(`WebGPU failed: ${m.note}`);
  } else if (!adapter.ok) {
    if (forced !== 'webgpu') why.push(adapter.text);
  } else if (adapter.software) {
    why.push(`WebGPU not used: ${adapter.text} is slower than webgl/wasm`);
  }

  const candidates = (['webgl', 'wasm', 'cpu'] as const).filter((b) => b !== forced && allowed.includes(b));
  for (const b of candidates) {
    if (b === 'webgl') {
      const renderer = gl();
      if (renderer === null) {
        measurements.push({ backend: 'webgl', msPerStep: null, note: 'webgl unavailable: no WebGL2 context in the worker' });
        continue;
      }
      if (renderer.software) {
        measurements.push({ backend: 'webgl', msPerStep: null, note: `webgl skipped: software renderer (${shorten(renderer.renderer)})` });
        continue;
      }
    }
    measurements.push(await measure(b, b === 'cpu' ? 120 : 150, fastest(measurements)));
  }
  const ok = measurements.filter((m) => m.msPerStep !== null && m.backend !== 'webgpu').sort((a, b) => a.msPerStep! - b.msPerStep!);
  const best = fastest(measurements);
  const name: BackendName = best?.backend ?? 'cpu';
  const err = await trySetBackend(name);
  if (err) throw new Error(`No tfjs backend could start (${err})`);
  const timings = ok.map((m) => `${m.backend} ${fmt(m.msPerStep!)}`).join(', ');
  const failed = measurements.filter((m) => m.msPerStep === null && m.backend !== forced).map((m) => m.note);
  const stopped = ok.flatMap((m) => (m.note ? [m.note] : []));
  return {
    name,
    forced: false,
    reason: [...why, `fastest in the start-up probe (ms/step: ${timings})`, ...stopped, ...failed].join('. '),
    measurements,
    adapter: adapter.ok ? adapter.text : undefined,
    ...(fingerprint !== undefined ? { fingerprint } : {}),
  };
}
