// The centred second moments behind pearson (metrics/nfa.ts) and olsLine (scaling/powerLaw.ts),
// against sums written out by hand on a small case.
import { describe, expect, it } from 'vitest';
import { centredMoments } from '../../src/engine/linalg/moments';
import { pearson } from '../../src/engine/metrics/nfa';
import { olsLine } from '../../src/engine/scaling/powerLaw';

describe('centredMoments', () => {
  it('means and centred sums of a = [1,2,3,6], b = [2,1,4,5]', () => {
    // ā = 3, b̄ = 3; a − ā = [−2,−1,0,3], b − b̄ = [−1,−2,1,2]
    const m = centredMoments([1, 2, 3, 6], [2, 1, 4, 5]);
    expect(m.meanA).toBe(3);
    expect(m.meanB).toBe(3);
    expect(m.saa).toBe(14);
    expect(m.sbb).toBe(10);
    expect(m.sab).toBe(2 + 2 + 0 + 6);
  });

  it('gives pearson and the least-squares line', () => {
    expect(pearson([1, 2, 3, 6], [2, 1, 4, 5])).toBeCloseTo(10 / Math.sqrt(140), 15);
    const line = olsLine([1, 2, 3, 6], [2, 1, 4, 5])!;
    expect(line.slope).toBeCloseTo(10 / 14, 15);
    expect(line.intercept).toBeCloseTo(3 - (10 / 14) * 3, 15);
    expect(pearson([1, 1, 1], [1, 2, 3])).toBeNull();
    expect(olsLine([2, 2], [1, 3])).toBeNull();
  });
});
