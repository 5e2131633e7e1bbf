// Float64 oracle for the per-mode residuals (src/engine/metrics/modes.ts): Θ₀ = J Jᵀ from the float64
// per-example gradients, its eigenvectors with the sign rule written out again here, and a float64
// replay of full-batch GD on the MSE loss (1/2N)Σ(f − y)², θ ← θ − (η/N) Σ_i (f_i − y_i) ∇f(x_i).
import { jacobiEigen64 } from './eigen64';
import type { LayerArrays, MlpSpec } from '../../src/engine/nn/mlp';
import { dot64, flatten64, forward64, gradient64 } from './reference64';

/** θ rounded to float32 (what the network holds), as float64 arrays. */
export function roundToFloat32(layers: LayerArrays[]): LayerArrays[] {
  return layers.map((L) => ({ nOut: L.nOut, nIn: L.nIn, W: L.W.map(Math.fround), b: L.b ? L.b.map(Math.fround) : null }));
}

/** Θ₀(X, X) = J Jᵀ in float64, row-major N × N. */
export function ntk64(spec: MlpSpec, layers: LayerArrays[], x: ArrayLike<number>, n: number): Float64Array {
  const d = spec.inputDim;
  const J = Array.from({ length: n }, (_, i) => flatten64(gradient64(spec, layers, Array.from({ length: d }, (_, j) => x[i * d + j]))));
  const k = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) k[i * n + j] = dot64(J[i], J[j]);
  return k;
}

/** Top-k eigenpairs, λ/N and unit vectors with their largest-|entry| positive. */
export function topModes64(kernel: Float64Array, n: number, k: number): { lambda: number[]; u: Float64Array[] } {
  const { values, vectors } = jacobiEigen64(kernel, n);
  const u = Array.from({ length: k }, (_, m) => {
    const v = Float64Array.from({ length: n }, (_, i) => vectors[i * n + m]);
    let big = 0;
    for (let i = 0; i < n; i++) if (Math.abs(v[i]) > Math.abs(v[big])) big = i;
    return v[big] < 0 ? v.map((c) => -c) : v;
  });
  return { lambda: values.slice(0, k).map((l) => l / n), u };
}

/** Projections u_kᵀ r for each mode. */
export function project64(u: readonly Float64Array[], r: ArrayLike<number>): number[] {
  return u.map((v) => dot64(v, r));
}

/** A float64 copy of the layers. */
export function copyLayers64(layers: LayerArrays[]): LayerArrays[] {
  return layers.map((L) => ({ nOut: L.nOut, nIn: L.nIn, W: Float64Array.from(L.W), b: L.b ? Float64Array.from(L.b) : null }));
}

/** One full-batch GD step in float64 from the residual r = f(X) − Y: θ − (η/N) Σ_i r_i ∇f(x_i). */
export function gdStep64(spec: MlpSpec, layers: LayerArrays[], x: ArrayLike<number>, r: ArrayLike<number>, lr: number): LayerArrays[] {
  const n = r.length;
  const d = spec.inputDim;
  const next = copyLayers64(layers);
  for (let i = 0; i < n; i++) {
    const g = gradient64(spec, layers, Array.from({ length: d }, (_, j) => x[i * d + j]));
    const c = (lr * r[i]) / n;
    g.forEach((G, l) => {
      for (let k = 0; k < G.W.length; k++) next[l].W[k] -= c * G.W[k];
      const b = next[l].b;
      if (b && G.b) for (let k = 0; k < G.b.length; k++) b[k] -= c * G.b[k];
    });
  }
  return next;
}

/**
 * Full-batch GD on the network in float64 for `steps` steps; returns f(X) − Y at every step in
 * `at` (0 = initialisation).
 */
export function gdReplay64(spec: MlpSpec, layers0: LayerArrays[], x: ArrayLike<number>, y: ArrayLike<number>, lr: number, at: readonly number[]): Map<number, Float64Array> {
  const n = y.length;
  let layers = copyLayers64(layers0);
  const out = new Map<number, Float64Array>();
  const last = Math.max(...at);
  for (let t = 0; ; t++) {
    const r = forward64(spec, layers, x, n).map((f, i) => f - y[i]);
    if (at.includes(t)) out.set(t, r);
    if (t === last) break;
    layers = gdStep64(spec, layers, x, r, lr);
  }
  return out;
}

/** Indices k < count whose eigenvalue is separated from its neighbours by more than `rel`·λ₁. */
export function separatedModes(lambda: readonly number[], count: number, rel: number): number[] {
  const out: number[] = [];
  for (let k = 0; k < count; k++) {
    const gapUp = k > 0 ? lambda[k - 1] - lambda[k] : Infinity;
    const gapDown = k + 1 < lambda.length ? lambda[k] - lambda[k + 1] : Infinity;
    if (Math.min(gapUp, gapDown) > rel * lambda[0]) out.push(k);
  }
  return out;
}
