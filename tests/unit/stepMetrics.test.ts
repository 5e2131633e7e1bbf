// gradChangeFrozen, flipFraction, the η-invariant ratios c2OverC1Sq / c3OverC1Cube and the relative
// weight change, each against an independent computation.
import { describe, expect, it } from 'vitest';
import { tf } from '../../src/engine/tf';
import { disposeParams, type Params } from '../../src/engine/nn/mlp';
import { CORRELATION_SUMMARY_NAMES, correlationSummary, gradientChange, hessianDirection } from '../../src/engine/metrics/correlations';
import { flipFraction, frozenGradChangeRatio, stepMetricsSummary } from '../../src/engine/metrics/stepMetrics';
import { relativeWeightChange } from '../../src/engine/metrics/weightChange';
import { axpy64, forwardTrace64 } from '../reference/reference64';
import { makeSpec, setup } from './helpers';

function scaled(dir: Params, e: number): Params {
  return dir.map((l) => ({ W: tf.mul(l.W, e) as tf.Tensor2D, b: l.b ? (tf.mul(l.b, e) as tf.Tensor1D) : null }));
}
const read = (t: tf.Tensor) => Array.from(t.dataSync());

describe('gradChangeFrozen', () => {
  it('linear activation: equals the full-step gradient change at any step size', async () => {
    const s = await setup(makeSpec('linear', 12), 'random', 4, 10);
    const d = scaled(s.dir, 5);
    const frozen = read(tf.tidy(() => frozenGradChangeRatio(s.spec, s.params, d, s.x)));
    const gc = gradientChange(s.spec, s.params, d, s.x);
    const full = read(gc.perPoint);
    expect(Math.max(...full)).toBeGreaterThan(0.05);
    frozen.forEach((v, i) => expect(Math.abs(v - full[i])).toBeLessThan(1e-4 * full[i] + 1e-7));
    tf.dispose([gc.perPoint, gc.mean]);
    disposeParams(d);
    s.dispose();
  });

  it('tanh: tends to the exact first-order term ‖HΔ‖/‖∇f‖ as the step shrinks (error ∝ step)', async () => {
    const s = await setup(makeSpec('tanh', 16), 'random', 5, 10);
    const errs: number[] = [];
    for (const e of [1, 0.1, 0.01]) {
      const d = scaled(s.dir, e);
      const frozen = read(tf.tidy(() => frozenGradChangeRatio(s.spec, s.params, d, s.x)));
      const hd = hessianDirection(s.spec, s.params, d, s.x);
      const first = read(hd.perPoint);
      errs.push(Math.max(...frozen.map((v, i) => Math.abs(v / first[i] - 1))));
      tf.dispose([hd.perPoint, hd.mean]);
      disposeParams(d);
    }
    expect(errs[0]).toBeGreaterThan(1e-3); // a real step differs from its first-order term
    expect(errs[1]).toBeLessThan(errs[0] / 5);
    expect(errs[2]).toBeLessThan(errs[1] / 5);
    expect(errs[2]).toBeLessThan(2e-3);
    s.dispose();
  });

  it('relu: equals the full step when no unit flips, and differs once units cross the kink', async () => {
    const s = await setup(makeSpec('relu', 16), 'random', 6, 10);
    const small = scaled(s.dir, 1e-4);
    const big = scaled(s.dir, 10);
    const [flSmall, flBig] = [small, big].map((d) => tf.tidy(() => flipFraction(s.spec, s.params, d, s.x)).dataSync()[0]);
    expect(flSmall).toBe(0);
    expect(flBig).toBeGreaterThan(0.01);
    for (const [d, same] of [[small, true], [big, false]] as const) {
      const frozen = read(tf.tidy(() => frozenGradChangeRatio(s.spec, s.params, d, s.x)));
      const gc = gradientChange(s.spec, s.params, d, s.x);
      const full = read(gc.perPoint);
      const maxRel = Math.max(...frozen.map((v, i) => Math.abs(v - full[i]) / full[i]));
      if (same) expect(maxRel).toBeLessThan(1e-3);
      else expect(maxRel).toBeGreaterThan(0.05);
      tf.dispose([gc.perPoint, gc.mean]);
    }
    disposeParams(small);
    disposeParams(big);
    s.dispose();
  });
});

describe('flipFraction', () => {
  for (const act of ['relu', 'tanh'] as const)
    it(`${act}: counts sign changes of hidden pre-activations like a direct float64 computation`, async () => {
      const s = await setup(makeSpec(act, 16, 2), 'random', 7, 12);
      for (const e of [1, 5]) {
        const d = scaled(s.dir, e);
        const got = tf.tidy(() => flipFraction(s.spec, s.params, d, s.x)).dataSync()[0];
        const dirArr = s.dirLayers.map((L) => ({ ...L, W: L.W.map((w) => w * e), b: L.b ? L.b.map((b) => b * e) : null }));
        const moved = axpy64(s.layers, dirArr, 1);
        let flips = 0;
        let total = 0;
        for (let i = 0; i < 12; i++) {
          const xi = [s.xs[i]];
          const t0 = forwardTrace64(s.spec, s.layers, xi);
          const t1 = forwardTrace64(s.spec, moved, xi);
          for (let l = 0; l < s.spec.depth; l++)
            t0.h[l].forEach((v, j) => {
              total++;
              if (v > 0 !== t1.h[l][j] > 0) flips++;
            });
        }
        expect(flips).toBeGreaterThan(0);
        expect(Math.abs(got * total - flips)).toBeLessThanOrEqual(1); // a unit within float32 rounding of 0 may differ
        disposeParams(d);
      }
      s.dispose();
    });

  it('stepMetricsSummary packs [mean gradChangeFrozen, flipFraction]', async () => {
    const s = await setup(makeSpec('relu', 8), 'random', 8, 6);
    const v = read(stepMetricsSummary(s.spec, s.params, s.dir, s.x));
    const r = read(tf.tidy(() => frozenGradChangeRatio(s.spec, s.params, s.dir, s.x)));
    const f = tf.tidy(() => flipFraction(s.spec, s.params, s.dir, s.x)).dataSync()[0];
    expect(v[0]).toBeCloseTo(r.reduce((a, b) => a + b) / r.length, 6);
    expect(v[1]).toBe(f);
    s.dispose();
  });
});

describe('η-invariant correlation ratios', () => {
  for (const act of ['tanh', 'relu'] as const)
    it(`${act}: c2OverC1Sq and c3OverC1Cube are unchanged when η is rescaled (c2OverC1 is not)`, async () => {
      const s = await setup(makeSpec(act, 16), 'gd', 9, 12, 0.2);
      const idx = (n: string) => CORRELATION_SUMMARY_NAMES.indexOf(n as (typeof CORRELATION_SUMMARY_NAMES)[number]);
      const d3 = scaled(s.dir, 3);
      const a = read(correlationSummary(s.spec, s.params, s.dir, s.x));
      const b = read(correlationSummary(s.spec, s.params, d3, s.x));
      expect(b[idx('c2OverC1')] / a[idx('c2OverC1')]).toBeCloseTo(3, 3);
      expect(Math.abs(b[idx('c2OverC1Sq')] / a[idx('c2OverC1Sq')] - 1)).toBeLessThan(1e-4);
      expect(Math.abs(b[idx('c3OverC1Cube')] / a[idx('c3OverC1Cube')] - 1)).toBeLessThan(1e-3);
      disposeParams(d3);
      s.dispose();
    });
});

describe('relative weight change', () => {
  it('is ‖W − W0‖_F/‖W0‖_F per layer (float64 check)', () => {
    const w0 = [tf.tensor2d([[1, 2], [3, 4]]), tf.tensor2d([[2, 0, 1]])];
    const w = [tf.tensor2d([[1.5, 2], [3, 3]]), tf.tensor2d([[2, 0, 1]])];
    const got = read(tf.tidy(() => relativeWeightChange(w, w0)));
    expect(got[0]).toBeCloseTo(Math.sqrt(0.25 + 1) / Math.sqrt(30), 6);
    expect(got[1]).toBe(0);
    tf.dispose([...w0, ...w]);
  });
});
