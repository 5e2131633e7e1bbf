// wasm threads in the app's worker. The built app (COOP/COEP from vite preview) forced onto wasm
// loads tfjs-wasm's threaded SIMD build — before vite.config.ts's tfjsWasmThreads plugin its pthread
// workers failed in the bundle with "ReferenceError: e is not defined" — trains without errors,
// and the backend badge states the thread count (with the reason when it is 1): one per logical
// core but one, past tfjs-wasm's own ⌊cores / 2⌋ cap (src/worker/wasmThreads.ts).
import { describe, expect, it } from 'vitest';
import { wasmThreadTarget } from '../../src/worker/wasmThreads';
import { describeBrowser, play, tail, waitForBackend, waitForSteps } from './helpers';

describe('wasm backend in the worker', () => {
  const fx = describeBrowser();

  it('loads the threaded build, reports its threads and trains', async () => {
    const p = await fx.open('?backend=wasm&width=64');
    const { page } = p;
    expect(await page.evaluate(() => globalThis.crossOriginIsolated), 'the page is cross-origin isolated (COOP/COEP)').toBe(true);
    const badge = await waitForBackend(page, 90_000);
    expect(badge, `badge; console:\n${tail(p)}`).toMatch(/\bwasm\b/);
    const m = /wasm runs (\d+) threads?( \(([^)]+)\))?/.exec(badge);
    expect(m, `the badge states the wasm thread count: ${badge}`).not.toBeNull();
    if (Number(m![1]) === 1) expect(m![3], 'a single thread comes with its reason').toBeTruthy();
    const cores = await page.evaluate(() => navigator.hardwareConcurrency);
    expect(Number(m![1]), `the pool has the requested threads for ${cores} logical cores`).toBe(wasmThreadTarget(cores));
    // isolated page with SharedArrayBuffer: the threaded SIMD build is the one that runs
    expect(badge).not.toMatch(/not cross-origin isolated|no shared-memory/);
    await play(page);
    const steps = await waitForSteps(page, 5, 120_000);
    expect(steps, `training advances on wasm; console:\n${tail(p)}`).toBeGreaterThanOrEqual(5);
    expect(p.errors, 'no console errors or page errors (a failing pthread worker shows here)').toEqual([]);
  });
});
