// The dual kernels of an activation φ (docs/science.md §11): for (u, v) ~ N(0, [[a, c], [c, b]]),
//   V(a, b, c) = E[φ(u) φ(v)]   and   V′(a, b, c) = E[φ′(u) φ′(v)],
// the two Gaussian expectations the infinite-width recursion needs at every layer. Closed forms for
// relu (arc-cosine kernels of degree 1 and 0), erf (Williams 1997) and linear; tanh by its Hermite
// series (tanhSeries.ts), or by the 2-D Gauss–Hermite product rule (quadrature2d.ts) on request.
// φ′ follows the code's convention relu′(0) = 0.
import type { Activation } from '../../schema/config';
import { gaussianPairExpectations, DEFAULT_QUADRATURE_DEGREE } from './quadrature2d';
import { tanhCoefficients, tanhPairFromCoefficients, type TanhCoefficients } from './tanhSeries';

/** [E[φ(u)φ(v)], E[φ′(u)φ′(v)]] for the 2 × 2 covariance [[a, c], [c, b]]. */
export type DualKernel = (a: number, b: number, c: number) => [number, number];

/**
 * One activation's dual kernels, with a per-point preparation (the tanh series' coefficients
 * depend only on a point's variance, so they are computed once per point and layer).
 */
export interface DualFamily<P = unknown> {
  prepare(a: number): P;
  /** E[φ(u)²], u ~ N(0, a). */
  diagonal(p: P): number;
  pair(p: P, q: P, c: number): [number, number];
}

/** relu: E[φφ] = √(ab)/(2π) (sin θ + (π − θ) cos θ), E[φ′φ′] = (π − θ)/(2π) (Cho & Saul 2009). */
export const reluDual: DualKernel = (a, b, c) => {
  if (!(a > 0 && b > 0)) return [0, 0];
  // θ from atan2(√(ab − c²), c): exactly 0 for a point with itself (acos(c/√(ab)) turns an ulp of
  // round-off there into an error of 1e−8 in θ)
  const ab = a * b;
  const theta = Math.atan2(Math.sqrt(Math.max(0, ab - c * c)), c);
  const cos = Math.cos(theta);
  const sin = Math.sin(theta);
  return [(Math.sqrt(a * b) / (2 * Math.PI)) * (sin + (Math.PI - theta) * cos), (Math.PI - theta) / (2 * Math.PI)];
};

/**
 * erf: E[erf u erf v] = (2/π) arcsin(2c/√((1+2a)(1+2b))) (Williams 1997) and, with φ′ = (2/√π) e^{−h²},
 * E[φ′φ′] = (4/π) E[e^{−u²−v²}] = (4/π) det(I + 2C)^{−½} = (4/π) / √((1+2a)(1+2b) − 4c²).
 */
export const erfDual: DualKernel = (a, b, c) => {
  const pa = 1 + 2 * a;
  const pb = 1 + 2 * b;
  const s = Math.min(1, Math.max(-1, (2 * c) / Math.sqrt(pa * pb)));
  return [(2 / Math.PI) * Math.asin(s), 4 / Math.PI / Math.sqrt(Math.max(pa * pb - 4 * c * c, 1e-300))];
};

export const linearDual: DualKernel = (_a, _b, c) => [c, 1];

/** A closed-form dual kernel as a family (the preparation is the variance itself). */
function closedForm(dual: DualKernel, diagonal: (a: number) => number): DualFamily<number> {
  return { prepare: (a) => Math.max(a, 0), diagonal, pair: (a, b, c) => dual(a, b, c) };
}

const tanhSeriesFamily: DualFamily<TanhCoefficients> = {
  prepare: tanhCoefficients,
  // tanh² = 1 − sech², so E[tanh²] = 1 − α₀(a)
  diagonal: (p) => 1 - p.alpha[0],
  pair: tanhPairFromCoefficients,
};

/** tanh by the n × n Gauss–Hermite product rule (neural-tangents' ElementwiseNumerical method). */
export function tanhQuadratureFamily(degree = DEFAULT_QUADRATURE_DEGREE): DualFamily<number> {
  return closedForm(
    (a, b, c) => gaussianPairExpectations(a, b, c, degree),
    (a) => gaussianPairExpectations(a, a, a, degree)[0],
  );
}

export type TanhMethod = 'series' | 'quadrature';

/** How each activation's dual kernel is computed (said in docs and in the CLI's output). */
export function dualMethod(act: Activation, tanh: TanhMethod = 'series'): string {
  if (act !== 'tanh') return 'closed form';
  return tanh === 'series' ? 'Hermite series' : 'Gauss–Hermite quadrature';
}

export function dualFamily(act: Activation, opts: { tanh?: TanhMethod; degree?: number } = {}): DualFamily {
  switch (act) {
    case 'relu':
      return closedForm(reluDual, (a) => Math.max(a, 0) / 2);
    case 'erf':
      return closedForm(erfDual, (a) => (2 / Math.PI) * Math.asin((2 * a) / (1 + 2 * a)));
    case 'linear':
      return closedForm(linearDual, (a) => Math.max(a, 0));
    case 'tanh':
      return (opts.tanh ?? 'series') === 'series' ? (tanhSeriesFamily as DualFamily) : (tanhQuadratureFamily(opts.degree) as DualFamily);
  }
}
