// The wasm thread count the worker asks for and the lifting of tfjs-wasm 4.22's ⌊cores / 2⌋ cap
// (src/worker/wasmThreads.ts), on navigator-like objects whose hardwareConcurrency is a prototype
// getter, as on the real WorkerNavigator.
import { describe, expect, it } from 'vitest';
import { cappedPoolSize, liftWasmThreadCap, wasmThreadTarget } from '../../src/worker/wasmThreads';

class FakeNavigator {
  constructor(private readonly cores: number) {}
  get hardwareConcurrency(): number {
    return this.cores;
  }
}

describe('wasm threads', () => {
  it('asks for one thread per logical core but one (left to the page), 1 to 4', () => {
    expect([undefined, 0, 1, 2, 3, 4, 5, 8, 64, NaN].map(wasmThreadTarget)).toEqual([1, 1, 1, 1, 2, 3, 4, 4, 4, 1]);
  });

  it("reproduces tfjs-wasm's pool size: min(requested, 8, ⌊cores / 2⌋)", () => {
    expect(cappedPoolSize(2, 2)).toBe(1);
    expect(cappedPoolSize(4, 8)).toBe(4);
    expect(cappedPoolSize(4, 4)).toBe(2);
    expect(cappedPoolSize(16, 64)).toBe(8);
    expect(cappedPoolSize(0, 8)).toBe(1);
  });

  it('lifts the cap on a 2-core navigator so that 2 threads fit', () => {
    const nav = new FakeNavigator(2);
    expect(liftWasmThreadCap(2, nav)).toBe(true);
    expect(nav.hardwareConcurrency).toBe(4);
    expect(cappedPoolSize(2, nav.hardwareConcurrency)).toBe(2);
    expect(new FakeNavigator(2).hardwareConcurrency, 'other navigators are untouched').toBe(2);
  });

  it('leaves a navigator alone when the cap already allows the request', () => {
    const nav = new FakeNavigator(8);
    expect(liftWasmThreadCap(4, nav)).toBe(false);
    expect(nav.hardwareConcurrency).toBe(8);
    expect(liftWasmThreadCap(1, new FakeNavigator(1))).toBe(false);
    expect(liftWasmThreadCap(2, undefined)).toBe(false);
  });

  it('reports failure on a frozen navigator', () => {
    const nav = Object.freeze(new FakeNavigator(2));
    expect(liftWasmThreadCap(2, nav)).toBe(false);
    expect(nav.hardwareConcurrency).toBe(2);
  });
});
