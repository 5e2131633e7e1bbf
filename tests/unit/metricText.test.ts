// The one table of metric texts (src/schema/metricText.ts): the panels' legend and the width
// sweep's titles and notes come from it, relu variants where an activation with kinks changes
// what a number means.
import { describe, expect, it } from 'vitest';
import { METRIC_TEXT, sweepText, type MetricTextKey } from '../../src/schema/metricText';
import { sweepMetrics, UC_NFA_LAST } from '../../src/engine/sweep/metrics';

describe('METRIC_TEXT', () => {
  it('every sweep metric takes its title and note from the table, and no two titles of a sweep are the same', () => {
    for (const activation of ['relu', 'tanh'] as const)
      for (const depth of [1, 3]) {
        const metrics = sweepMetrics({ depth, activation });
        for (const m of metrics) {
          if (m.key.startsWith('layerChange') || m.key === UC_NFA_LAST) continue;
          expect(Object.keys(METRIC_TEXT)).toContain(m.key);
          const t = sweepText(m.key as MetricTextKey, activation === 'relu');
          expect({ label: m.label, note: m.note }).toEqual({ label: t.label, note: t.note });
        }
        expect(new Set(metrics.map((m) => m.label)).size).toBe(metrics.length);
      }
  });

  it('the legend label and the sweep title of one metric: the sweep title falls back to the label', () => {
    expect(METRIC_TEXT.ntkDrift.label).toBe('relative drift');
    expect(sweepText('ntkDrift', false).label).toBe('NTK drift ‖Θ_t − Θ₀‖/‖Θ₀‖');
    expect(sweepText('gapTestRel', false)).toEqual({ label: 'relative gap · test' });
    expect(sweepText('sharpness', false).label).toBe(METRIC_TEXT.sharpness.label);
  });

  it('relu variants where kinks change the meaning, the smooth text otherwise', () => {
    expect(sweepText('gradChangePerC1', true).label).toMatch(/step-dependent for relu/);
    expect(sweepText('gradChangePerC1', false).label).toBe('gradient change per unit step');
    expect(sweepText('c3OverC1Cube', true).note).toMatch(/exactly 0 with one hidden layer/);
    expect(sweepText('c3OverC1Cube', false).note).not.toMatch(/relu/);
    expect(sweepText('gradChangeFixedStep', true).note).toMatch(/jumps of relu units/);
    // a metric with no relu variant reads the same for both
    expect(sweepText('c2OverC1Sq', true)).toEqual(sweepText('c2OverC1Sq', false));
  });
});
