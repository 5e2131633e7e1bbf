// The run's first worker request (src/ui/shared/runInit.ts), built alike by boot.ts (the prestarted
// worker) and the run store: the remembered probe only for an automatic choice with nothing lost,
// a forced backend dropped once it was lost, compare mode's second config.
import { afterEach, describe, expect, it } from 'vitest';
import { initRequest } from '../../src/ui/shared/runInit';
import { PROBE_CACHE_KEY } from '../../src/ui/shared/probeCache';
import { DEFAULT_CONFIG } from '../../src/schema/config';

const remembered = {
  fingerprint: 'UA | no webgpu | webgl SwiftShader',
  at: 1_800_000_000_000,
  info: { name: 'wasm' as const, forced: false, reason: 'fastest in the start-up probe (ms/step: wasm 6.4, cpu 118)', measurements: [{ backend: 'wasm' as const, msPerStep: 6.4 }], fingerprint: 'UA | no webgpu | webgl SwiftShader' },
};

function withStorage(entries: Record<string, string>): void {
  const data = new Map(Object.entries(entries));
  Reflect.set(globalThis, 'localStorage', { getItem: (k: string) => data.get(k) ?? null, setItem: (k: string, v: string) => void data.set(k, v), removeItem: (k: string) => void data.delete(k) });
}
afterEach(() => Reflect.deleteProperty(globalThis, 'localStorage'));

describe('the run’s first worker request', () => {
  it('carries the remembered probe for an automatic choice, and is the same request each time it is built', () => {
    withStorage({ [PROBE_CACHE_KEY]: JSON.stringify(remembered) });
    const a = initRequest({ config: { ...DEFAULT_CONFIG }, forcedBackend: null, runId: 1 });
    expect(a).toEqual({ type: 'init', config: DEFAULT_CONFIG, backend: null, runId: 1, remembered, compare: null });
    // boot.ts and the store build it apart: equal as the worker receives it (prestart.ts compares JSON)
    expect(JSON.stringify(initRequest({ config: { ...DEFAULT_CONFIG }, forcedBackend: null, runId: 1 }))).toBe(JSON.stringify(a));
  });
  it('no remembered probe when a backend is forced or one was lost; a lost forced backend is not forced again', () => {
    withStorage({ [PROBE_CACHE_KEY]: JSON.stringify(remembered) });
    expect(initRequest({ config: DEFAULT_CONFIG, forcedBackend: 'cpu', runId: 1 })).not.toHaveProperty('remembered');
    const lost = [{ backend: 'webgl' as const, reason: 'context lost' }];
    const r = initRequest({ config: DEFAULT_CONFIG, forcedBackend: 'webgl', runId: 3, lost });
    expect(r).toMatchObject({ backend: null, runId: 3, lost });
    expect(r).not.toHaveProperty('remembered');
  });
  it('an invalid stored probe is left out; compare mode adds the second config', () => {
    withStorage({ [PROBE_CACHE_KEY]: '{"fingerprint": 3}' });
    const r = initRequest({ config: DEFAULT_CONFIG, forcedBackend: null, runId: 1, compare: { key: 'width', value: 4096 } });
    expect(r).not.toHaveProperty('remembered');
    expect(r.compare).toEqual({ ...DEFAULT_CONFIG, width: 4096 });
  });
});
