// Float64 oracle for the sharpness (src/engine/metrics/sharpness.ts): full-batch GD on the MSE loss
// (1/2N)Σ(f − y)² replayed in float64 (θ ← θ − (η/N) Σ_i (f_i − y_i) ∇f(x_i)), and λmax(J Jᵀ)/N at
// chosen steps, with J the float64 per-example gradients and λmax by power iteration run to convergence.
import type { LayerArrays, MlpSpec } from '../../src/engine/nn/mlp';
import { forward64 } from './reference64';
import { copyLayers64 as copy, gdStep64, ntk64 } from './modesReference';

/** θ_t in float64 at every step in `at` (0 = θ₀). */
export function gdLayers64(spec: MlpSpec, layers0: LayerArrays[], x: ArrayLike<number>, y: ArrayLike<number>, lr: number, at: readonly number[]): Map<number, LayerArrays[]> {
  const n = y.length;
  let layers = copy(layers0);
  const out = new Map<number, LayerArrays[]>();
  const last = Math.max(...at);
  for (let t = 0; ; t++) {
    if (at.includes(t)) out.set(t, copy(layers));
    if (t === last) break;
    const r = forward64(spec, layers, x, n).map((f, i) => f - y[i]);
    layers = gdStep64(spec, layers, x, r, lr);
  }
  return out;
}

/** Largest eigenvalue of a symmetric PSD n × n matrix (float64 power iteration until the Rayleigh quotient settles to 1e-13). */
export function topEigenvalue64(a: Float64Array, n: number): number {
  let v = Float64Array.from({ length: n }, (_, i) => 1 + 0.1 * Math.sin(i + 1));
  let prev = 0;
  for (let it = 0; it < 200000; it++) {
    const w = new Float64Array(n);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) w[i] += a[i * n + j] * v[j];
    let vw = 0;
    let ww = 0;
    for (let i = 0; i < n; i++) {
      vw += v[i] * w[i];
      ww += w[i] * w[i];
    }
    let vv = 0;
    for (let i = 0; i < n; i++) vv += v[i] * v[i];
    const rq = vw / vv;
    const norm = Math.sqrt(ww);
    v = w.map((c) => c / norm);
    if (it > 10 && Math.abs(rq - prev) <= 1e-13 * rq) return rq;
    prev = rq;
  }
  throw new Error('power iteration did not converge');
}

/** λmax(J Jᵀ)/N on the n training points in float64. */
export function sharpness64(spec: MlpSpec, layers: LayerArrays[], x: ArrayLike<number>, n: number): number {
  return topEigenvalue64(ntk64(spec, layers, x, n), n) / n;
}
