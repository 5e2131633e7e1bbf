// An independent float64 reference of the MLP on plain arrays (no tfjs): forward pass,
// f(x; θ + εΔ), the per-example gradient ∇_θ f(x) by hand-written backprop, and finite-difference
// helpers (Fornberg stencil weights). Used by tests to check the float32 tfjs engine.
// Multipliers and activations are this folder's own (net64.ts); only types come from the engine.
import type { LayerArrays, MlpSpec, Params } from '../../src/engine/nn/mlp';
import { multipliers64, phi64 } from './net64';
import { mulberry32 } from './mulberry32';

export interface Trace64 {
  /** h[l]: pre-activation of layer l+1 for one point (h[L] has length 1: f). */
  h: Float64Array[];
  /** a[l]: activation l (a[0] = x). */
  a: Float64Array[];
}

/** Forward pass for one input point x (length d0), keeping every layer. */
export function forwardTrace64(spec: MlpSpec, layers: LayerArrays[], x: ArrayLike<number>): Trace64 {
  const scales = multipliers64(spec);
  const phi = phi64(spec.activation);
  const a: Float64Array[] = [Float64Array.from(x)];
  const h: Float64Array[] = [];
  for (let l = 0; l < layers.length; l++) {
    const { nOut, nIn, W, b } = layers[l];
    const s = scales[l];
    const prev = a[l];
    if (prev.length !== nIn) throw new Error(`layer ${l + 1}: input length ${prev.length} ≠ ${nIn}`);
    const hl = new Float64Array(nOut);
    for (let i = 0; i < nOut; i++) {
      let acc = 0;
      for (let j = 0; j < nIn; j++) acc += W[i * nIn + j] * prev[j];
      hl[i] = s.w * acc + (b ? s.b * b[i] : 0);
    }
    h.push(hl);
    if (l < layers.length - 1) a.push(hl.map((v) => phi(v)[0]));
  }
  return { h, a };
}

/** f(x; θ) for N points stored row-major in x (N × d0). */
export function forward64(spec: MlpSpec, layers: LayerArrays[], x: ArrayLike<number>, n: number): Float64Array {
  const d = spec.inputDim;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const xi = Array.from({ length: d }, (_, j) => x[i * d + j]);
    const t = forwardTrace64(spec, layers, xi);
    out[i] = t.h[t.h.length - 1][0];
  }
  return out;
}

/** θ + εΔ in float64. */
export function axpy64(layers: LayerArrays[], dir: LayerArrays[], eps: number): LayerArrays[] {
  return layers.map((L, l) => {
    const D = dir[l];
    return {
      nOut: L.nOut,
      nIn: L.nIn,
      W: L.W.map((w, i) => w + eps * D.W[i]),
      b: L.b ? L.b.map((v, i) => v + eps * (D.b ? D.b[i] : 0)) : null,
    };
  });
}

/** f(x; θ + εΔ) for N points. */
export function forwardAlong64(
  spec: MlpSpec,
  layers: LayerArrays[],
  dir: LayerArrays[],
  eps: number,
  x: ArrayLike<number>,
  n: number,
): Float64Array {
  return forward64(spec, axpy64(layers, dir, eps), x, n);
}

/**
 * ∇_θ f(x) for one point by backprop: δ_{L+1} = 1, δ_l = φ'(h_l) ⊙ (s_w,l+1 W_{l+1}ᵀ δ_{l+1}),
 * ∂f/∂W_l = s_w,l δ_l a_{l-1}ᵀ, ∂f/∂b_l = s_b,l δ_l. Same layout as the parameters.
 */
export function gradient64(spec: MlpSpec, layers: LayerArrays[], x: ArrayLike<number>): LayerArrays[] {
  const scales = multipliers64(spec);
  const phi = phi64(spec.activation);
  const { h, a } = forwardTrace64(spec, layers, x);
  const grads: LayerArrays[] = layers.map((L) => ({
    nOut: L.nOut,
    nIn: L.nIn,
    W: new Float64Array(L.nOut * L.nIn),
    b: L.b ? new Float64Array(L.nOut) : null,
  }));
  let delta = Float64Array.of(1);
  for (let l = layers.length - 1; l >= 0; l--) {
    const { nOut, nIn, W } = layers[l];
    const s = scales[l];
    const g = grads[l];
    for (let i = 0; i < nOut; i++) {
      for (let j = 0; j < nIn; j++) g.W[i * nIn + j] = s.w * delta[i] * a[l][j];
      if (g.b) g.b[i] = s.b * delta[i];
    }
    if (l > 0) {
      const next = new Float64Array(nIn);
      for (let j = 0; j < nIn; j++) {
        let acc = 0;
        for (let i = 0; i < nOut; i++) acc += W[i * nIn + j] * delta[i];
        next[j] = phi(h[l - 1][j])[1] * s.w * acc;
      }
      delta = next;
    }
  }
  return grads;
}

/** All parameters (or gradients) as one flat vector in layer order W1, b1, W2, b2, …. */
export function flatten64(layers: LayerArrays[]): Float64Array {
  const parts: number[] = [];
  for (const L of layers) {
    for (const w of L.W) parts.push(w);
    if (L.b) for (const v of L.b) parts.push(v);
  }
  return Float64Array.from(parts);
}

export function dot64(u: ArrayLike<number>, v: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < u.length; i++) s += u[i] * v[i];
  return s;
}

export function norm64(u: ArrayLike<number>): number {
  return Math.sqrt(dot64(u, u));
}

/**
 * Fornberg's finite-difference weights: w[m][j] approximates the m-th derivative at z from values
 * at the nodes xs[j] (m = 0..maxOrder). Exact for polynomials of degree < xs.length.
 */
export function fornbergWeights(z: number, xs: readonly number[], maxOrder: number): number[][] {
  const n = xs.length;
  const c: number[][] = Array.from({ length: maxOrder + 1 }, () => new Array<number>(n).fill(0));
  let c1 = 1;
  let c4 = xs[0] - z;
  c[0][0] = 1;
  for (let i = 1; i < n; i++) {
    const mn = Math.min(i, maxOrder);
    let c2 = 1;
    const c5 = c4;
    c4 = xs[i] - z;
    for (let j = 0; j < i; j++) {
      const c3 = xs[i] - xs[j];
      c2 *= c3;
      if (j === i - 1) {
        for (let k = mn; k >= 1; k--) c[k][i] = (c1 * (k * c[k - 1][i - 1] - c5 * c[k][i - 1])) / c2;
        c[0][i] = (-c1 * c5 * c[0][i - 1]) / c2;
      }
      for (let k = mn; k >= 1; k--) c[k][j] = (c4 * c[k][j] - k * c[k - 1][j]) / c3;
      c[0][j] = (c4 * c[0][j]) / c3;
    }
    c1 = c2;
  }
  return c;
}

/**
 * Taylor coefficients (1/k!) g^{(k)}(0), k = 1..maxOrder, of a vector-valued g(ε), from a
 * central stencil ε = h·j, j = −m..m (2m+1 points, truncation error O(h^{2m+1−k})).
 */
export function taylorFD64(g: (eps: number) => Float64Array, h: number, m: number, maxOrder: number): Float64Array[] {
  const nodes = Array.from({ length: 2 * m + 1 }, (_, j) => (j - m) * h);
  const w = fornbergWeights(0, nodes, maxOrder);
  const values = nodes.map((e) => g(e));
  const out: Float64Array[] = [];
  let fact = 1;
  for (let k = 1; k <= maxOrder; k++) {
    fact *= k;
    const ck = new Float64Array(values[0].length);
    for (let j = 0; j < nodes.length; j++) for (let i = 0; i < ck.length; i++) ck[i] += w[k][j] * values[j][i];
    out.push(ck.map((v) => v / fact));
  }
  return out;
}

/** count N(0, 1) numbers from mulberry32(seed) by Box–Muller. */
export function gaussians64(seed: number, count: number): Float64Array {
  const u = mulberry32(seed);
  const out = new Float64Array(count);
  for (let i = 0; i < count; i += 2) {
    const r = Math.sqrt(-2 * Math.log(1 - u()));
    const a = 2 * Math.PI * u();
    out[i] = r * Math.cos(a);
    if (i + 1 < count) out[i + 1] = r * Math.sin(a);
  }
  return out;
}

/** A seeded random direction shaped like `layers`, entries N(0, scale²) (this folder's own generator). */
export function randomDirection64(layers: LayerArrays[], seed: number, scale: number): LayerArrays[] {
  return layers.map((L, l) => ({
    nOut: L.nOut,
    nIn: L.nIn,
    W: gaussians64(seed * 1009 + 2 * l, L.nOut * L.nIn).map((z) => z * scale),
    b: L.b ? gaussians64(seed * 1009 + 2 * l + 1, L.nOut).map((z) => z * scale) : null,
  }));
}

/** The network's float32 parameters as float64 arrays for the reference code (async). */
export async function paramsToArrays(params: Params): Promise<LayerArrays[]> {
  return Promise.all(
    params.map(async (L) => ({
      nOut: L.W.shape[0],
      nIn: L.W.shape[1],
      W: Float64Array.from(await L.W.data()),
      b: L.b ? Float64Array.from(await L.b.data()) : null,
    })),
  );
}
