// The infinite-width kernels of the lab's MLP (docs/science.md §11), in float64, in the code's own
// conventions (nn/mlp.ts layerScales): with NTK parametrization h₁ = (σ_w/√d₀) W₁x + σ_b b₁, so
//   Σ¹(x, x′) = σ_w² x·x′/d₀ + σ_b²,  Θ¹ = Σ¹,
//   Σ^{l+1} = σ_w² E[φ(u)φ(v)] + σ_b²,  Θ^{l+1} = Σ^{l+1} + σ_w² E[φ′(u)φ′(v)] Θ^l,  (u, v) ~ N(0, Σ^l on {x, x′}),
// for l = 1 … L (σ_b² = 0 without biases); the output layer is l = L + 1 and the output scale α
// multiplies it, so Θ∞ = α² Θ^{L+1} and Σ∞ = α² Σ^{L+1}. Which limit each parametrization has is
// `parametrizationLimit` below (μP: the same Θ∞; standard: none, Θ₀ grows like the width).
import type { MlpSpec } from '../nn/mlp';
import { dualFamily, type DualFamily, type TanhMethod } from './dualKernels';

export interface InfiniteKernels {
  rows: number;
  cols: number;
  /** Θ∞(x1_i, x2_j), row-major rows × cols. */
  ntk: Float64Array;
  /** Σ∞(x1_i, x2_j): the covariance of the output at θ₀ in the limit (the NNGP kernel). */
  nngp: Float64Array;
}

export interface InfiniteOptions {
  /** tanh's dual kernels: by their Hermite series (default) or by the Gauss–Hermite product rule. */
  tanh?: TanhMethod;
  /** Nodes per axis of the Gauss–Hermite rule (tanh: 'quadrature'). */
  degree?: number;
}

/**
 * What the width → ∞ limit of this network's kernels is, from its parametrization (mlp.ts):
 *  - NTK: Θ₀ → Θ∞ (fluctuations ∝ n^−½) and f(·; θ₀) → GP(0, Σ∞);
 *  - μP: Θ₀ is the NTK parametrization's Θ₀ draw for draw (same effective hidden weights; the
 *    backward signals are √n smaller and the multipliers √n larger), so the same Θ∞; but the output
 *    at θ₀ is the output bias plus O(n^−½), so its NNGP kernel is α²σ_b² (0 without biases);
 *  - standard: the same f₀ as NTK, but the gradient of each hidden/output weight matrix carries
 *    a_{l−1}·a′_{l−1} = O(n) without the 1/n of the multiplier, so Θ₀ grows like n: no finite Θ∞.
 */
export function parametrizationLimit(spec: Pick<MlpSpec, 'param'>): { ntk: boolean; nngp: 'ntk' | 'bias-only'; note: string } {
  switch (spec.param) {
    case 'ntk':
      return { ntk: true, nngp: 'ntk', note: 'NTK parametrization: Θ₀ → Θ∞ and f₀ → GP(0, Σ∞) as the width grows' };
    case 'mup':
      return { ntk: true, nngp: 'bias-only', note: 'μP: Θ₀ equals the NTK parametrization’s Θ₀, so it has the same Θ∞; f₀ tends to the output bias (Σ∞ = α²σ_b²)' };
    case 'standard':
      return { ntk: false, nngp: 'ntk', note: 'standard parametrization: Θ₀ grows in proportion to the width, so there is no finite Θ∞ (no kernel machine)' };
  }
}

interface PreparedPoint {
  /** Per hidden layer l = 1 … L: the family's preparation of Σ^l(x, x). */
  prep: unknown[];
  /** Σ^l(x, x) for l = 1 … L + 1 (without α). */
  variance: Float64Array;
}

/** Per point, the variances Σ^l(x, x) and their preparations. */
function prepared(spec: MlpSpec, family: DualFamily, x: ArrayLike<number>, count: number): PreparedPoint[] {
  const d = spec.inputDim;
  const sw2 = spec.sigmaW2;
  const sb2 = spec.bias ? spec.sigmaB2 : 0;
  const out: PreparedPoint[] = [];
  for (let p = 0; p < count; p++) {
    let s = 0;
    for (let k = 0; k < d; k++) s += x[p * d + k] * x[p * d + k];
    const variance = new Float64Array(spec.depth + 1);
    variance[0] = (sw2 * s) / d + sb2;
    const prep: unknown[] = [];
    for (let l = 1; l <= spec.depth; l++) {
      prep.push(family.prepare(variance[l - 1]));
      variance[l] = sw2 * family.diagonal(prep[l - 1]) + sb2;
    }
    out.push({ prep, variance });
  }
  return out;
}

/**
 * Θ∞ and Σ∞ between the points of x1 (rows1 × d₀, row-major) and x2 (default: x1, computed on the
 * upper triangle and mirrored). Throws for the standard parametrization (no finite limit).
 */
export function infiniteKernels(spec: MlpSpec, x1: ArrayLike<number>, x2?: ArrayLike<number>, opts: InfiniteOptions = {}): InfiniteKernels {
  const limit = parametrizationLimit(spec);
  if (!limit.ntk) throw new Error(`infiniteKernels: ${limit.note}`);
  const d = spec.inputDim;
  const same = x2 === undefined || x2 === x1;
  const xb = x2 ?? x1;
  const rows = x1.length / d;
  const cols = xb.length / d;
  if (!Number.isInteger(rows) || !Number.isInteger(cols)) throw new Error(`infiniteKernels: input lengths ${x1.length}, ${xb.length} are not multiples of d₀ = ${d}`);
  const sw2 = spec.sigmaW2;
  const sb2 = spec.bias ? spec.sigmaB2 : 0;
  const alpha2 = (spec.outputScale ?? 1) ** 2;
  const family = dualFamily(spec.activation, opts);
  const da = prepared(spec, family, x1, rows);
  const db = same ? da : prepared(spec, family, xb, cols);
  const ntk = new Float64Array(rows * cols);
  const nngp = new Float64Array(rows * cols);
  const biasOnlyNngp = limit.nngp === 'bias-only';
  for (let i = 0; i < rows; i++) {
    for (let j = same ? i : 0; j < cols; j++) {
      let dot = 0;
      for (let k = 0; k < d; k++) dot += x1[i * d + k] * xb[j * d + k];
      let sigma = (sw2 * dot) / d + sb2;
      let theta = sigma;
      // a point with itself: Σ stays exactly on its diagonal (relu's θ = 0 is then exact)
      const self = same && i === j;
      for (let l = 1; l <= spec.depth; l++) {
        const [v, vd] = family.pair(da[i].prep[l - 1], db[j].prep[l - 1], self ? da[i].variance[l - 1] : sigma);
        sigma = self ? da[i].variance[l] : sw2 * v + sb2;
        theta = sigma + sw2 * vd * theta;
      }
      const t = alpha2 * theta;
      const s = alpha2 * (biasOnlyNngp ? sb2 : sigma);
      ntk[i * cols + j] = t;
      nngp[i * cols + j] = s;
      if (same) {
        ntk[j * cols + i] = t;
        nngp[j * cols + i] = s;
      }
    }
  }
  return { rows, cols, ntk, nngp };
}

