// Closed-form linear-model GD, the oracle for the linear twin (tests only).
import { jacobiEigen64 } from './eigen64';

/**
 * Closed form of GD + MSE on the linear model, in float64: f_t − Y = (I − ηΘ₀/N)^t (f₀ − Y), evaluated
 * through the eigen-decomposition Θ₀ = V Λ Vᵀ as f_t = Y + V diag((1 − ηλ_i/N)^t) Vᵀ (f₀ − Y).
 */
export function gdClosedForm(theta0: number[][], f0: number[], y: number[], lr: number, t: number): number[] {
  const n = f0.length;
  const flat = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) flat[i * n + j] = theta0[i][j];
  const { values, vectors } = jacobiEigen64(flat, n);
  const r0 = f0.map((f, i) => f - y[i]);
  const out = y.slice();
  for (let k = 0; k < n; k++) {
    let proj = 0;
    for (let i = 0; i < n; i++) proj += vectors[i * n + k] * r0[i];
    const decay = Math.pow(1 - (lr * values[k]) / n, t);
    for (let i = 0; i < n; i++) out[i] += vectors[i * n + k] * decay * proj;
  }
  return out;
}
