// Gauss–Hermite quadrature for Gaussian expectations E[f(g)], g ~ N(0, 1), computed in code
// (no tabulated constants). Nodes and weights of the physicists' rule (weight e^{−x²}) come from
// Newton's method on the orthonormal Hermite recurrence; E[f(g)] = π^{−1/2} Σ w_i f(√2 x_i).
// Exact for polynomials of degree < 2n; converges geometrically for analytic f, but not for
// functions with a kink (relu): use closed forms there.

export interface QuadratureRule {
  nodes: Float64Array;
  weights: Float64Array;
}

const cache = new Map<number, QuadratureRule>();

/** n-point Gauss–Hermite rule for ∫ e^{−x²} f(x) dx (n ≤ 180: beyond, the recurrence underflows in float64). */
export function gaussHermiteRule(n: number): QuadratureRule {
  if (!Number.isInteger(n) || n < 1 || n > 180) throw new Error(`gaussHermiteRule: n must be an integer from 1 to 180, got ${n}`);
  const hit = cache.get(n);
  if (hit) return hit;
  const nodes = new Float64Array(n);
  const weights = new Float64Array(n);
  const pim4 = Math.pow(Math.PI, -0.25);
  const m = Math.floor((n + 1) / 2);
  let z = 0;
  for (let i = 0; i < m; i++) {
    // initial guesses for the largest roots first (Numerical Recipes' gauher)
    if (i === 0) z = Math.sqrt(2 * n + 1) - 1.85575 * Math.pow(2 * n + 1, -0.16667);
    else if (i === 1) z -= (1.14 * Math.pow(n, 0.426)) / z;
    else if (i === 2) z = 1.86 * z - 0.86 * nodes[0];
    else if (i === 3) z = 1.91 * z - 0.91 * nodes[1];
    else z = 2 * z - nodes[i - 2];
    let pp = 0;
    for (let it = 0; it < 100; it++) {
      let p1 = pim4;
      let p2 = 0;
      for (let j = 1; j <= n; j++) {
        const p3 = p2;
        p2 = p1;
        p1 = z * Math.sqrt(2 / j) * p2 - Math.sqrt((j - 1) / j) * p3;
      }
      pp = Math.sqrt(2 * n) * p2;
      const z1 = z;
      z = z1 - p1 / pp;
      if (Math.abs(z - z1) <= 1e-15 * Math.max(1, Math.abs(z))) break;
    }
    nodes[i] = z;
    nodes[n - 1 - i] = -z;
    weights[i] = 2 / (pp * pp);
    weights[n - 1 - i] = weights[i];
  }
  const rule = { nodes, weights };
  cache.set(n, rule);
  return rule;
}

/** E[f(g)] for g ~ N(0, 1) by the n-point Gauss–Hermite rule. */
export function gaussianExpectation(f: (g: number) => number, n = 160): number {
  const { nodes, weights } = gaussHermiteRule(n);
  let s = 0;
  for (let i = 0; i < n; i++) s += weights[i] * f(Math.SQRT2 * nodes[i]);
  return s / Math.sqrt(Math.PI);
}
