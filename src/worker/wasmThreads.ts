// How many XNNPACK threads tfjs-wasm gets, and lifting its built-in cap.
//
// tfjs-wasm 4.22 sizes its thread pool as min(requested, 8, ⌊navigator.hardwareConcurrency / 2⌋)
// (its C++ assumes two hyper-threads per core and reads the count once, when the wasm module is
// instantiated). On a 2-core machine that is one thread whatever setThreadsCount asks for. The
// pool can only be larger if hardwareConcurrency reads larger at instantiation, so the worker
// shadows it on its own navigator for the request below (the page's navigator is untouched).

/**
 * Threads to request: one per logical core but one, which is left to the page (its main thread
 * renders the plots while the worker trains), at most 4. Measured on a 2-core machine: giving the
 * worker both cores makes the app train at 103 instead of 153 steps/s at the default width, while
 * the bare training step alone gains 1.4× (bench/README.md).
 */
export function wasmThreadTarget(logicalCores: number | undefined): number {
  const n = Math.floor(logicalCores ?? 1);
  return Math.min(4, Math.max(1, Number.isFinite(n) ? n - 1 : 1));
}

/** The pool size tfjs-wasm 4.22 would create for `requested` threads with `logicalCores` reported. */
export function cappedPoolSize(requested: number, logicalCores: number): number {
  return Math.min(Math.min(Math.max(requested, 1), 8), Math.max(0, Math.floor(logicalCores / 2)));
}

interface NavigatorLike {
  hardwareConcurrency?: number;
}

/**
 * Make tfjs-wasm's cap allow `threads` threads: if ⌊hardwareConcurrency / 2⌋ < threads, shadow
 * hardwareConcurrency on this navigator object with 2 · threads (one thread needs no lifting). Must
 * run before the wasm backend is instantiated; returns whether it changed anything.
 */
export function liftWasmThreadCap(threads: number, nav: NavigatorLike | undefined = globalThis.navigator): boolean {
  if (!nav || threads <= 1) return false;
  const logical = nav.hardwareConcurrency ?? 1;
  if (cappedPoolSize(threads, logical) >= threads) return false;
  try {
    Object.defineProperty(nav, 'hardwareConcurrency', { value: 2 * threads, configurable: true });
    return nav.hardwareConcurrency === 2 * threads;
  } catch {
    return false;
  }
}
