// Two-dimensional Gaussian expectations by the Gauss–Hermite product rule (docs/science.md §11), for
// the activations without a closed-form dual kernel (tanh). With (u, v) ~ N(0, [[a, c], [c, b]])
// written through the Cholesky factor, u = √a·g₁, v = √b·(ρ g₁ + √(1 − ρ²) g₂), ρ = c/√(ab),
//   E[F(u, v)] ≈ π⁻¹ Σ_i Σ_j w_i w_j F(u(√2 x_i), v(√2 x_i, √2 x_j)),
// with the n-point rule (nodes x_i, weights w_i for e^{−x²}) of earlyTime/quadrature.ts. Exact for
// polynomials of degree < 2n in each variable; for tanh the error at n = 32 is measured in
// tests/unit/infiniteKernels.test.ts and docs/science.md §11.
import { gaussHermiteRule } from '../earlyTime/quadrature';
import { correlation } from './correlation';

/** Nodes per axis by default (neural-tangents' ElementwiseNumerical uses ≥ 25). */
export const DEFAULT_QUADRATURE_DEGREE = 32;

/** φ and φ′ at h, written into out[0], out[1] (no allocation in the inner loop). */
export type PhiAndDerivative = (h: number, out: Float64Array) => void;

export const tanhAndDerivative: PhiAndDerivative = (h, out) => {
  const t = Math.tanh(h);
  out[0] = t;
  out[1] = 1 - t * t;
};

interface ScaledRule {
  /** √2 x_i */
  g: Float64Array;
  /** w_i / √π */
  w: Float64Array;
}
const scaled = new Map<number, ScaledRule>();
function scaledRule(n: number): ScaledRule {
  let r = scaled.get(n);
  if (!r) {
    const { nodes, weights } = gaussHermiteRule(n);
    r = { g: nodes.map((x) => Math.SQRT2 * x), w: weights.map((w) => w / Math.sqrt(Math.PI)) };
    scaled.set(n, r);
  }
  return r;
}

/** [E[φ(u)φ(v)], E[φ′(u)φ′(v)]] for (u, v) ~ N(0, [[a, c], [c, b]]) by the n × n product rule. */
export function gaussianPairExpectations(a: number, b: number, c: number, n: number, phi: PhiAndDerivative = tanhAndDerivative): [number, number] {
  const { g, w } = scaledRule(n);
  const sa = Math.sqrt(Math.max(a, 0));
  const sb = Math.sqrt(Math.max(b, 0));
  const rho = correlation(a, b, c);
  const rc = Math.sqrt(Math.max(0, 1 - rho * rho));
  const pu = new Float64Array(2);
  const pv = new Float64Array(2);
  let ephi = 0;
  let edphi = 0;
  for (let i = 0; i < n; i++) {
    phi(sa * g[i], pu);
    const base = sb * rho * g[i];
    const step = sb * rc;
    let sPhi = 0;
    let sD = 0;
    if (step === 0) {
      phi(base, pv);
      sPhi = pv[0];
      sD = pv[1];
    } else {
      for (let j = 0; j < n; j++) {
        phi(base + step * g[j], pv);
        sPhi += w[j] * pv[0];
        sD += w[j] * pv[1];
      }
    }
    ephi += w[i] * pu[0] * sPhi;
    edphi += w[i] * pu[1] * sD;
  }
  return [ephi, edphi];
}
