// Layerwise derivative correlations against float64 references built from the independent
// hand-written backprop in reference64.ts (gradients at θ, θ+Δ, and central FD along Δ or u).
import { describe, expect, it } from 'vitest';
import { tf } from '../../src/engine/tf';
import { disposeParams, flatParams, initParams, type LayerArrays, type MlpSpec } from '../../src/engine/nn/mlp';
import { paramsToArrays } from '../reference/reference64';
import { taylorCoefficients } from '../../src/engine/nn/jets';
import {
  CORRELATION_SUMMARY_NAMES,
  correlationSummary,
  gradientChange,
  hessianDirection,
  pairMatrix,
} from '../../src/engine/metrics/correlations';
import {
  axpy64,
  dot64,
  flatten64,
  forward64,
  forwardTrace64,
  gradient64,
  norm64,
  taylorFD64,
} from '../reference/reference64';
import { hessianVectorAutodiff } from '../reference/hessianAutodiff';
import type { Activation } from '../../src/schema/config';
import { makeSpec, relErr, rms, setup } from './helpers';

const ACTS: Activation[] = ['tanh', 'erf', 'relu', 'linear'];

/** Hidden sign pattern at one point for parameters θ + εU (relu kink check). */
function signs(spec: MlpSpec, layers: LayerArrays[], dirL: LayerArrays[], eps: number, xi: number): string {
  const t = forwardTrace64(spec, axpy64(layers, dirL, eps), [xi]);
  let out = '';
  for (let l = 0; l < t.h.length - 1; l++) for (const v of t.h[l]) out += v > 0 ? '1' : '0';
  return out;
}

/**
 * H(x)U by float64 central FD of the backprop gradient along U (7 points, O(h^6)). For relu the
 * gradient is piecewise polynomial in ε; h shrinks until no hidden unit changes sign on the stencil,
 * where the FD is exact up to roundoff.
 */
function hvpFD(spec: MlpSpec, layers: LayerArrays[], U: LayerArrays[], xi: number, h0: number): Float64Array {
  let h = h0;
  if (spec.activation === 'relu') {
    const s0 = signs(spec, layers, U, 0, xi);
    while (h > 1e-8 && (signs(spec, layers, U, 3 * h, xi) !== s0 || signs(spec, layers, U, -3 * h, xi) !== s0)) h /= 2;
  }
  return taylorFD64((e) => flatten64(gradient64(spec, axpy64(layers, U, e), [xi])), h, 3, 1)[0];
}

describe('hessianDirection: ‖H(x)Δ‖/‖∇f(x)‖, layerwise', () => {
  for (const act of ACTS)
    for (const kind of ['gd', 'random'] as const)
      it(`${act}, ${kind} Δ: equals float64 FD and the reverse-over-forward autodiff HVP`, async () => {
        const s = await setup(makeSpec(act, 12), kind, 3, 8);
        const hd = hessianDirection(s.spec, s.params, s.dir, s.x);
        const ours = hd.perPoint.dataSync();
        const ref = new Float64Array(s.xs.length);
        let worstVec = 0;
        for (let i = 0; i < s.xs.length; i++) {
          const g = flatten64(gradient64(s.spec, s.layers, [s.xs[i]]));
          const hv = hvpFD(s.spec, s.layers, s.dirLayers, s.xs[i], 1e-2);
          ref[i] = norm64(hv) / norm64(g);
          // full vector from autodiff vs FD
          const xi = tf.tensor2d([s.xs[i]], [1, 1]);
          const ad = hessianVectorAutodiff(s.spec, s.params, s.dir, xi);
          const adFlat = Float64Array.from(flatParams(ad).flatMap((t) => Array.from(t.dataSync())));
          worstVec = Math.max(worstVec, relErr(adFlat, hv));
          disposeParams(ad);
          xi.dispose();
        }
        const err = relErr(ours, ref);
        const meanRef = ref.reduce((p, v) => p + v, 0) / ref.length;
        console.log(`${act} ${kind}: ‖HΔ‖/‖∇f‖ rel err ${err.toExponential(2)}, autodiff vector rel err ${worstVec.toExponential(2)} (mean ratio ${meanRef.toExponential(3)})`);
        // float32 layerwise sums of O(1) dot products: measured ≲ 1e-6; allow 1e-5
        expect(err).toBeLessThan(1e-5);
        expect(worstVec).toBeLessThan(1e-5);
        expect(Math.abs(hd.mean.dataSync()[0] - meanRef)).toBeLessThan(1e-5 * meanRef);
        tf.dispose([hd.perPoint, hd.mean]);
        s.dispose();
      });
});

describe('gradientChange: ‖∇f(θ+Δ) − ∇f(θ)‖/‖∇f(θ)‖', () => {
  for (const act of ACTS)
    for (const param of ['ntk', 'standard'] as const)
      for (const lr of [0.5, 1e-3])
        it(`${act} ${param}, GD step η=${lr}`, async () => {
          const s = await setup(makeSpec(act, 12, 2, true, param), 'gd', 3, 8, param === 'standard' ? lr / 4 : lr);
          const gc = gradientChange(s.spec, s.params, s.dir, s.x);
          const ours = gc.perPoint.dataSync();
          const moved = axpy64(s.layers, s.dirLayers, 1);
          const ref = Array.from(s.xs, (xi) => {
            const g0 = flatten64(gradient64(s.spec, s.layers, [xi]));
            const g1 = flatten64(gradient64(s.spec, moved, [xi]));
            return norm64(g1.map((v, k) => v - g0[k])) / norm64(g0);
          });
          const err = relErr(ours, ref);
          console.log(`${act} ${param} η=${lr}: gradChange rel err ${err.toExponential(2)} (mean ${(ref.reduce((p, v) => p + v, 0) / ref.length).toExponential(3)})`);
          // differences are propagated directly (no cancellation), so even the η = 1e-3 step
          // (relative change ~1e-4) is accurate to float32 rounding: measured ≲ 1.1e-7; allow 1e-5.
          // (A naive ‖g'‖² + ‖g‖² − 2g·g' in float32 would lose everything at that size.)
          expect(err).toBeLessThan(1e-5);
          tf.dispose([gc.perPoint, gc.mean]);
          s.dispose();
        });

  it('tanh, width 256: tiny relative changes are still accurate', async () => {
    const s = await setup(makeSpec('tanh', 256), 'gd', 2, 8, 0.05);
    const gc = gradientChange(s.spec, s.params, s.dir, s.x);
    const moved = axpy64(s.layers, s.dirLayers, 1);
    const ref = Array.from(s.xs, (xi) => {
      const g0 = flatten64(gradient64(s.spec, s.layers, [xi]));
      const g1 = flatten64(gradient64(s.spec, moved, [xi]));
      return norm64(g1.map((v, k) => v - g0[k])) / norm64(g0);
    });
    const err = relErr(gc.perPoint.dataSync(), ref);
    console.log(`tanh width 256 η=0.05: gradChange ${rms(ref).toExponential(2)}, rel err ${err.toExponential(2)}`);
    expect(err).toBeLessThan(1e-5);
    tf.dispose([gc.perPoint, gc.mean]);
    s.dispose();
  });
});

describe('pairMatrix: ½ ∇²f(x)[∇f(x_j), ∇f(x_k)]', () => {
  for (const act of ACTS)
    it(`${act}: equals float64 FD of ½ uᵀHv, symmetric`, async () => {
      const spec = makeSpec(act, 6);
      const params = initParams(spec, 11);
      const layers = await paramsToArrays(params);
      const probeXs = [-2.2, -0.7, 0.5, 1.9];
      const x0 = 0.3;
      const probe = tf.tensor2d(probeXs, [4, 1]);
      const x = tf.tensor2d([x0], [1, 1]);
      const raw = pairMatrix(spec, params, x, probe, { symmetrize: false });
      const sym = pairMatrix(spec, params, x, probe);
      const P = raw.arraySync();
      const u = probeXs.map((xj) => gradient64(spec, layers, [xj]));
      const uFlat = u.map(flatten64);
      const ref = probeXs.map(() => new Array<number>(4).fill(0));
      for (let k = 0; k < 4; k++) {
        const hu = hvpFD(spec, layers, u[k], x0, 1e-3);
        for (let j = 0; j < 4; j++) ref[j][k] = 0.5 * dot64(uFlat[j], hu);
      }
      const err = relErr(P.flat(), ref.flat());
      const asym = relErr(P.flat(), P.map((_, j) => P.map((row) => row[j])).flat());
      console.log(`${act}: pairMatrix rel err ${err.toExponential(2)}, raw asymmetry ${asym.toExponential(2)}, ‖P‖ ${norm64(ref.flat()).toExponential(2)}`);
      if (act === 'linear') {
        // depth-2 linear net: f is bilinear across layers, H ≠ 0 — still compare
        expect(norm64(ref.flat())).toBeGreaterThan(0);
      }
      expect(err).toBeLessThan(1e-5);
      expect(asym).toBeLessThan(1e-6);
      const S = sym.arraySync();
      for (let j = 0; j < 4; j++) for (let k = 0; k < 4; k++) expect(S[j][k]).toBe(S[k][j]);
      tf.dispose([raw, sym, probe, x]);
      disposeParams(params);
    });
});

describe('correlationSummary', () => {
  for (const act of ['tanh', 'relu'] as const)
    it(`${act}: one vector in the documented order, each entry equal to its reference`, async () => {
      const s = await setup(makeSpec(act, 16), 'gd', 4, 12, 0.5);
      const v = correlationSummary(s.spec, s.params, s.dir, s.x);
      expect(v.shape).toEqual([CORRELATION_SUMMARY_NAMES.length]);
      const got = v.dataSync();
      const t = taylorCoefficients(s.spec, s.params, s.dir, s.x);
      const c1 = t.c1.dataSync();
      const gc = gradientChange(s.spec, s.params, s.dir, s.x);
      const hd = hessianDirection(s.spec, s.params, s.dir, s.x);
      const f0 = forward64(s.spec, s.layers, s.xs, s.xs.length);
      const f1 = forward64(s.spec, axpy64(s.layers, s.dirLayers, 1), s.xs, s.xs.length);
      const df = f1.map((val, i) => val - f0[i]);
      const expected: Record<(typeof CORRELATION_SUMMARY_NAMES)[number], number> = {
        c2OverC1: rms(t.c2.dataSync()) / rms(c1),
        c3OverC1: rms(t.c3.dataSync()) / rms(c1),
        gradChange: gc.mean.dataSync()[0],
        gradChangeFirstOrder: hd.mean.dataSync()[0],
        firstOrderError: rms(df.map((d, i) => c1[i] - d)) / rms(df),
        c2OverC1Sq: rms(t.c2.dataSync()) / rms(c1) ** 2,
        c3OverC1Cube: rms(t.c3.dataSync()) / rms(c1) ** 3,
        c1Rms: rms(c1),
      };
      CORRELATION_SUMMARY_NAMES.forEach((name, i) => {
        const e = expected[name];
        expect(Math.abs(got[i] - e), `${name}: ${got[i]} vs ${e}`).toBeLessThan(1e-4 * Math.abs(e) + 1e-9);
      });
      console.log(`${act} summary: ${CORRELATION_SUMMARY_NAMES.map((n, i) => `${n}=${got[i].toExponential(3)}`).join(' ')}`);
      tf.dispose([v, t.f, t.c1, t.c2, t.c3, gc.perPoint, gc.mean, hd.perPoint, hd.mean]);
      s.dispose();
    });

  it('no bias, standard parametrization, depth 1 and 3 run and are finite', async () => {
    for (const depth of [1, 3]) {
      const s = await setup({ ...makeSpec('erf', 8, depth, false), param: 'standard' }, 'gd', 2, 8, 0.1);
      const v = correlationSummary(s.spec, s.params, s.dir, s.x);
      expect(Array.from(v.dataSync()).every(Number.isFinite)).toBe(true);
      v.dispose();
      s.dispose();
    }
  });
});

describe('memory', () => {
  it('repeated calls do not grow tf.memory().numTensors', async () => {
    const s = await setup(makeSpec('tanh', 16), 'gd', 3, 8);
    const xi = tf.tensor2d([0.2], [1, 1]);
    const run = () => {
      const gc = gradientChange(s.spec, s.params, s.dir, s.x);
      const hd = hessianDirection(s.spec, s.params, s.dir, s.x);
      const ad = hessianVectorAutodiff(s.spec, s.params, s.dir, xi);
      const P = pairMatrix(s.spec, s.params, xi, s.x);
      const v = correlationSummary(s.spec, s.params, s.dir, s.x);
      tf.dispose([gc.perPoint, gc.mean, hd.perPoint, hd.mean, P, v]);
      disposeParams(ad);
    };
    run();
    const before = tf.memory().numTensors;
    for (let i = 0; i < 5; i++) run();
    expect(tf.memory().numTensors).toBe(before);
    xi.dispose();
    s.dispose();
  });
});
