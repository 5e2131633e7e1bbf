// The network's definitions written out again for the oracles (docs/science.md §1 and §10), with
// no code from src/: the per-layer multipliers s_w,l and s_b,l of the three parametrizations (times
// the output scale α on the output layer) and the activations with their first three derivatives
// in float64. Only types come from the engine.
import type { Activation } from '../../src/schema/config';
import type { MlpSpec } from '../../src/engine/nn/mlp';

export interface Multiplier {
  w: number;
  b: number;
}

/**
 * s_w,l and s_b,l for l = 1 … L+1 (n = width, d₀ = input size, σ's the gains, no bias ⇒ s_b = 0):
 *   NTK       s_w = σ_w/√fan-in, s_b = σ_b
 *   standard  s_w = 1, s_b = 1
 *   μP        input σ_w·√n/√d₀, hidden σ_w, output σ_w/√n; hidden biases σ_b·√n, output bias σ_b
 * and the output layer's pair times α.
 */
export function multipliers64(spec: MlpSpec): Multiplier[] {
  const n = spec.width;
  const layers = spec.depth + 1;
  const sw = Math.sqrt(spec.sigmaW2);
  const sb = spec.bias ? Math.sqrt(spec.sigmaB2) : 0;
  const alpha = spec.outputScale ?? 1;
  const out: Multiplier[] = [];
  for (let l = 0; l < layers; l++) {
    const fanIn = l === 0 ? spec.inputDim : n;
    const isOut = l === layers - 1;
    let m: Multiplier;
    if (spec.param === 'ntk') m = { w: sw / Math.sqrt(fanIn), b: sb };
    else if (spec.param === 'standard') m = { w: 1, b: spec.bias ? 1 : 0 };
    else if (l === 0) m = { w: (sw * Math.sqrt(n)) / Math.sqrt(spec.inputDim), b: sb * Math.sqrt(n) };
    else if (!isOut) m = { w: sw, b: sb * Math.sqrt(n) };
    else m = { w: sw / Math.sqrt(n), b: sb };
    out.push(isOut ? { w: alpha * m.w, b: alpha * m.b } : m);
  }
  return out;
}

/**
 * erf(x) in float64 from the everywhere-convergent series of positive terms
 * erf(x) = 2/√π · e^(−x²) · Σ_k 2^k x^(2k+1) / (1·3·…·(2k+1)) (no cancellation; |x| ≥ 6 gives ±1).
 */
export function erf64(x: number): number {
  if (x < 0) return -erf64(-x);
  if (x >= 6) return 1;
  let term = x;
  let sum = x;
  for (let k = 1; k < 500 && term > 1e-17 * sum; k++) {
    term *= (2 * x * x) / (2 * k + 1);
    sum += term;
  }
  return (2 / Math.sqrt(Math.PI)) * Math.exp(-x * x) * sum;
}

/** [φ(h), φ'(h), φ''(h), φ'''(h)] in float64 (relu: the derivatives of its pieces, 0 at the kink). */
export function phi64(name: Activation): (h: number) => [number, number, number, number] {
  switch (name) {
    case 'tanh':
      return (h) => {
        const t = Math.tanh(h);
        const s = 1 - t * t;
        return [t, s, -2 * t * s, s * (6 * t * t - 2)];
      };
    case 'erf':
      return (h) => {
        const g = (2 / Math.sqrt(Math.PI)) * Math.exp(-h * h);
        return [erf64(h), g, -2 * h * g, (4 * h * h - 2) * g];
      };
    case 'relu':
      return (h) => [h > 0 ? h : 0, h > 0 ? 1 : 0, 0, 0];
    case 'linear':
      return (h) => [h, 1, 0, 0];
  }
}
