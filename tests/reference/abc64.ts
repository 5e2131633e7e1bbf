// μP and the laziness scale α written from their definitions, in float64 on plain arrays, without
// the engine's layerScales(): the abc form (Yang & Hu 2021) gives each layer's effective weight as
// n^(−a) times a raw entry w ~ N(0, n^(−2b)); here (σ_w, σ_b the usual gains, d₀ the input size)
//   input  W₁ = σ_w/√d₀ · √n · w      hidden  W_l = σ_w · w      output  W = σ_w/√n · w
//   biases of hidden layers σ_b·√n·b, of the output σ_b·b,      then the output layer times α,
// and the centred model g(x; θ) = α·f(x; θ) − α·f(x; θ₀). NTK and standard are written out too.
// Derivatives are central finite differences on the raw parameters (no backprop).
import type { LayerArrays, MlpSpec } from '../../src/engine/nn/mlp';
import { phi64 } from './net64';
import { dot64 } from './reference64';

/** The multiplier of each layer's raw weights and biases, from the definitions above. */
function multipliers(spec: MlpSpec, l: number, layers: number): { w: number; b: number } {
  const n = spec.width;
  const sw = Math.sqrt(spec.sigmaW2);
  const sb = spec.bias ? Math.sqrt(spec.sigmaB2) : 0;
  const fanIn = l === 0 ? spec.inputDim : n;
  const isOut = l === layers - 1;
  let m: { w: number; b: number };
  switch (spec.param) {
    case 'ntk':
      m = { w: sw / Math.sqrt(fanIn), b: sb };
      break;
    case 'standard':
      m = { w: 1, b: spec.bias ? 1 : 0 };
      break;
    case 'mup':
      if (l === 0) m = { w: (sw / Math.sqrt(spec.inputDim)) * Math.sqrt(n), b: sb * Math.sqrt(n) };
      else if (!isOut) m = { w: sw, b: sb * Math.sqrt(n) };
      else m = { w: sw / Math.sqrt(n), b: sb };
      break;
  }
  const alpha = isOut ? (spec.outputScale ?? 1) : 1;
  return { w: alpha * m.w, b: alpha * m.b };
}

/** f(x; θ) (with α, uncentred) for N points row-major in x, by the effective weights. */
export function forwardAbc64(spec: MlpSpec, layers: LayerArrays[], x: ArrayLike<number>, n: number): Float64Array {
  const phi = phi64(spec.activation);
  const d = spec.inputDim;
  const out = new Float64Array(n);
  for (let p = 0; p < n; p++) {
    let a = Float64Array.from({ length: d }, (_, j) => x[p * d + j]);
    layers.forEach((L, l) => {
      const m = multipliers(spec, l, layers.length);
      const h = new Float64Array(L.nOut);
      for (let i = 0; i < L.nOut; i++) {
        let acc = 0;
        for (let j = 0; j < L.nIn; j++) acc += m.w * L.W[i * L.nIn + j] * a[j];
        h[i] = acc + (L.b ? m.b * L.b[i] : 0);
      }
      a = l < layers.length - 1 ? h.map((v) => phi(v)[0]) : h;
    });
    out[p] = a[0];
  }
  return out;
}

/** ∂f(x_p)/∂θ_k for every point p and raw parameter k (layer order W1, b1, W2, …): central differences. */
export function jacobianFD64(spec: MlpSpec, layers: LayerArrays[], x: ArrayLike<number>, n: number, h = 1e-5): Float64Array[] {
  const cols: Float64Array[] = [];
  const copy = () => layers.map((L) => ({ ...L, W: Float64Array.from(L.W), b: L.b ? Float64Array.from(L.b) : null }));
  const perturb = (l: number, which: 'W' | 'b', k: number) => {
    const plus = copy();
    const minus = copy();
    (plus[l][which] as Float64Array)[k] += h;
    (minus[l][which] as Float64Array)[k] -= h;
    const fp = forwardAbc64(spec, plus, x, n);
    const fm = forwardAbc64(spec, minus, x, n);
    cols.push(fp.map((v, i) => (v - fm[i]) / (2 * h)));
  };
  layers.forEach((L, l) => {
    for (let k = 0; k < L.W.length; k++) perturb(l, 'W', k);
    if (L.b) for (let k = 0; k < L.b.length; k++) perturb(l, 'b', k);
  });
  // rows: one gradient per point
  return Array.from({ length: n }, (_, p) => Float64Array.from(cols, (c) => c[p]));
}

/** Θ = J Jᵀ (n × n, row-major) from the finite-difference Jacobian. */
export function ntkFD64(spec: MlpSpec, layers: LayerArrays[], x: ArrayLike<number>, n: number): Float64Array {
  const J = jacobianFD64(spec, layers, x, n);
  const k = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) k[i * n + j] = dot64(J[i], J[j]);
  return k;
}
