// The remembered start-up probe: stored only for fresh automatic probes, read back only when valid.
import { describe, expect, it } from 'vitest';
import { PROBE_CACHE_KEY, forgetRememberedProbe, isRememberable, loadRememberedProbe, saveRememberedProbe, type KeyValueStore } from '../../src/ui/shared/probeCache';
import type { BackendInfo } from '../../src/worker/protocol';

function memoryStore(): KeyValueStore & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return { data, getItem: (k) => data.get(k) ?? null, setItem: (k, v) => void data.set(k, v), removeItem: (k) => void data.delete(k) };
}

const probed: BackendInfo = {
  name: 'wasm',
  forced: false,
  reason: 'fastest in the start-up probe (ms/step: wasm 3.1, cpu 20)',
  measurements: [
    { backend: 'wasm', msPerStep: 3.1, probeMs: 900 },
    { backend: 'cpu', msPerStep: 20, probeMs: 300 },
  ],
  fingerprint: 'UA | no webgpu | webgl SwiftShader',
};

describe('remembered start-up probe', () => {
  it('round-trips a fresh automatic probe with its time', () => {
    const s = memoryStore();
    saveRememberedProbe(probed, 1234, s);
    expect(loadRememberedProbe(s)).toEqual({ fingerprint: probed.fingerprint, at: 1234, info: probed });
  });
  it('does not store forced, fallback, remembered or fingerprint-less choices', () => {
    for (const info of [
      { ...probed, forced: true },
      { ...probed, lost: [{ backend: 'webgpu' as const, reason: 'destroyed' }] },
      { ...probed, rememberedAt: 5 },
      { ...probed, fingerprint: undefined },
    ]) {
      expect(isRememberable(info)).toBe(false);
      const s = memoryStore();
      saveRememberedProbe(info, 1, s);
      expect(s.data.size).toBe(0);
    }
    expect(isRememberable(probed)).toBe(true);
  });
  it('ignores garbage and entries of the wrong shape; forget removes it', () => {
    const s = memoryStore();
    s.setItem(PROBE_CACHE_KEY, '{not json');
    expect(loadRememberedProbe(s)).toBeNull();
    s.setItem(PROBE_CACHE_KEY, JSON.stringify({ fingerprint: 'x', at: 1, info: { name: 'metal' } }));
    expect(loadRememberedProbe(s)).toBeNull();
    saveRememberedProbe(probed, 2, s);
    expect(loadRememberedProbe(s)).not.toBeNull();
    forgetRememberedProbe(s);
    expect(loadRememberedProbe(s)).toBeNull();
  });
  it('a throwing storage never throws out', () => {
    const bad: KeyValueStore = {
      getItem: () => {
        throw new Error('denied');
      },
      setItem: () => {
        throw new Error('full');
      },
      removeItem: () => {
        throw new Error('denied');
      },
    };
    expect(loadRememberedProbe(bad)).toBeNull();
    expect(() => saveRememberedProbe(probed, 1, bad)).not.toThrow();
    expect(() => forgetRememberedProbe(bad)).not.toThrow();
  });
});
