import { describe, expect, it } from 'vitest';
import { EMIT_INTERVAL_MS, nextEmitDelay } from '../../src/ui/shared/emitPacing';

describe('nextEmitDelay (run store pacing)', () => {
  it('publishes at once when nothing was published yet or the interval has passed', () => {
    expect(nextEmitDelay(-Infinity, 5, 100)).toBe(0);
    expect(nextEmitDelay(1000, 1100, 100)).toBe(0);
    expect(nextEmitDelay(1000, 5000, 100)).toBe(0);
  });
  it('waits out the rest of the interval after a recent publish', () => {
    expect(nextEmitDelay(1000, 1030, 100)).toBe(70);
    expect(nextEmitDelay(1000, 1000, 100)).toBe(100);
  });
  it('a clock that went backwards waits one interval instead of a negative or huge delay', () => {
    expect(nextEmitDelay(1000, 900, 100)).toBe(100);
  });
  it('paces the store to at most 10 views a second', () => {
    // Events every 5 ms for one second, published whenever the delay is 0: ≤ 1000/EMIT_INTERVAL_MS + 1.
    let last = -Infinity;
    let published = 0;
    for (let t = 0; t <= 1000; t += 5) {
      if (nextEmitDelay(last, t, EMIT_INTERVAL_MS) <= 0) {
        last = t;
        published++;
      }
    }
    expect(EMIT_INTERVAL_MS).toBe(100);
    expect(published).toBe(11);
  });
});
