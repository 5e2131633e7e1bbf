// Device loss → fallback, the pure parts: which backends the automatic choice still tries, whether
// ?backend= still applies, and the sentences of the notice and the badge.
import { describe, expect, it } from 'vitest';
import { deviceLossNotice, describeLoss, fallbackCandidates, forcedAfterLoss, lostSentence } from '../../src/worker/fallback';
import { lostInfoText } from '../../src/worker/deviceLoss';
import { parseEvent, parseRequest } from '../../src/worker/protocol';
import { DEFAULT_CONFIG } from '../../src/schema/config';

describe('fallback order', () => {
  it('with nothing lost: the full automatic order', () => {
    expect(fallbackCandidates([])).toEqual(['webgpu', 'webgl', 'wasm', 'cpu']);
  });
  it('leaves out each lost backend, keeps the order of the rest', () => {
    expect(fallbackCandidates([{ backend: 'webgpu', reason: 'destroyed' }])).toEqual(['webgl', 'wasm', 'cpu']);
    expect(fallbackCandidates([{ backend: 'webgl', reason: 'x' }])).toEqual(['webgpu', 'wasm', 'cpu']);
    expect(
      fallbackCandidates([
        { backend: 'webgl', reason: 'x' },
        { backend: 'webgpu', reason: 'y' },
      ]),
    ).toEqual(['wasm', 'cpu']);
  });
  it('never leaves out wasm or cpu (they own no device that can be lost): cpu is always the last resort', () => {
    expect(
      fallbackCandidates([
        { backend: 'webgpu', reason: '' },
        { backend: 'webgl', reason: '' },
        { backend: 'wasm', reason: '' },
        { backend: 'cpu', reason: '' },
      ]),
    ).toEqual(['wasm', 'cpu']);
  });
  it('?backend= is dropped only when it is the lost one', () => {
    const lost = [{ backend: 'webgpu' as const, reason: 'destroyed' }];
    expect(forcedAfterLoss('webgpu', lost)).toBeNull();
    expect(forcedAfterLoss('wasm', lost)).toBe('wasm');
    expect(forcedAfterLoss(null, lost)).toBeNull();
    expect(forcedAfterLoss('webgl', [])).toBe('webgl');
  });
});

describe('device-loss messages', () => {
  it('names what was lost, the reason, that the run restarted from step 0, and the backend now running', () => {
    const l = { backend: 'webgpu' as const, reason: 'destroyed: Device was destroyed.' };
    expect(deviceLossNotice(l, 'wasm')).toBe(
      'WebGPU device lost (destroyed: Device was destroyed.). The run restarted from step 0 with the same settings on wasm.',
    );
    expect(deviceLossNotice(l, null)).toMatch(/^WebGPU device lost \(destroyed: Device was destroyed\.\)\. .* on the next backend \(choosing…\)\.$/);
    expect(describeLoss({ backend: 'webgl', reason: '  ' })).toBe('WebGL context lost');
  });
  it('the badge sentence lists every lost backend; none when nothing was lost', () => {
    expect(lostSentence([])).toBeNull();
    expect(
      lostSentence([
        { backend: 'webgpu', reason: 'destroyed' },
        { backend: 'webgl', reason: 'webglcontextlost' },
      ]),
    ).toBe('WebGPU device lost (destroyed); WebGL context lost (webglcontextlost): not used again in this page');
  });
  it("GPUDeviceLostInfo → one line ('unknown' reason left out)", () => {
    expect(lostInfoText({ reason: 'destroyed', message: 'Device was destroyed.' })).toBe('destroyed: Device was destroyed.');
    expect(lostInfoText({ reason: 'unknown', message: 'GPU process crashed' })).toBe('GPU process crashed');
    expect(lostInfoText({ reason: undefined, message: '' })).toBe('no reason given');
    expect(lostInfoText(undefined)).toBe('no reason given');
  });
});

describe('device-loss messages on the wire', () => {
  it('deviceLost event and init with lost backends validate; a bad backend name does not', () => {
    expect(parseEvent({ type: 'deviceLost', lost: { backend: 'webgpu', reason: 'destroyed' } }).ok).toBe(true);
    expect(parseEvent({ type: 'deviceLost', lost: { backend: 'metal', reason: 'destroyed' } }).ok).toBe(false);
    const init = { type: 'init', config: DEFAULT_CONFIG, backend: null, runId: 2, lost: [{ backend: 'webgl', reason: 'x' }] };
    expect(parseRequest(init).ok).toBe(true);
    expect(parseRequest({ ...init, lost: [{ backend: 'webgl' }] }).ok).toBe(false);
    expect(parseRequest({ type: 'debugLoseDevice' }).ok).toBe(true);
  });
});
