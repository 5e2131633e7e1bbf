// The start-up probe's early stop (src/worker/probeStop.ts): a candidate is timed on one step only
// when that step is over PROBE_STOP_RATIO times the best median already measured.
import { describe, expect, it } from 'vitest';
import { PROBE_STOP_RATIO, probeCanStop, stoppedNote } from '../../src/worker/probeStop';

const fmt = (ms: number) => ms.toFixed(1);

describe('start-up probe early stop', () => {
  it('stops only past the ratio, on the fastest step so far, and never without a best', () => {
    expect(PROBE_STOP_RATIO).toBe(3);
    expect(probeCanStop([31], 10)).toBe(true);
    expect(probeCanStop([30], 10)).toBe(false); // exactly 3×: timed on
    expect(probeCanStop([100, 29], 10)).toBe(false); // one fast step keeps it in the race
    expect(probeCanStop([], 10)).toBe(false);
    expect(probeCanStop([500], null)).toBe(false); // first candidate: nothing to compare with
    expect(probeCanStop([500], 0)).toBe(false);
  });
  it('names the step it was timed on and the backend it lost to', () => {
    expect(stoppedNote('cpu', 1, 118.4, { backend: 'wasm', msPerStep: 6.4 }, fmt)).toBe("cpu timed on 1 step (118.4 ms, over 3× wasm's 6.4 ms)");
    expect(stoppedNote('cpu', 2, 118.4, { backend: 'wasm', msPerStep: 6.4 }, fmt)).toBeNull();
    expect(stoppedNote('cpu', 1, 15, { backend: 'wasm', msPerStep: 6.4 }, fmt)).toBeNull();
    expect(stoppedNote('wasm', 1, 15, null, fmt)).toBeNull();
  });
});
