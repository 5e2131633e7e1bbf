// Independent float64 references for the infinite-width kernels (tests only): the dual kernels by
// direct integration, and Θ∞ by the unrolled sum-product formula (Arora et al. 2019, eq. 4.5)
//   Θ∞ = α² Σ_{h=1}^{L+1} Σ^{(h)} Π_{h′=h+1}^{L+1} Σ̇^{(h′)},   Σ̇^{(h+1)} = σ_w² E[φ′φ′] under Σ^{(h)},
// instead of the engine's running recursion Θ^{l+1} = Σ^{l+1} + Σ̇^{l+1} Θ^l.
import type { MlpSpec } from '../../src/engine/nn/mlp';
import { erf64 } from './net64';

type Dual = (a: number, b: number, c: number) => [number, number];

/** Gauss–Legendre on [lo, hi] with n nodes (Golub–Welsch-free: Newton on P_n). */
function legendre(n: number): { x: number[]; w: number[] } {
  const x: number[] = [];
  const w: number[] = [];
  for (let i = 1; i <= n; i++) {
    let z = Math.cos((Math.PI * (i - 0.25)) / (n + 0.5));
    let dp = 1;
    for (let it = 0; it < 100; it++) {
      let p0 = 1;
      let p1 = z;
      for (let k = 2; k <= n; k++) [p0, p1] = [p1, ((2 * k - 1) * z * p1 - (k - 1) * p0) / k];
      dp = (n * (z * p1 - p0)) / (z * z - 1);
      const dz = p1 / dp;
      z -= dz;
      if (Math.abs(dz) < 1e-16) break;
    }
    x.push(z);
    w.push(2 / ((1 - z * z) * dp * dp));
  }
  return { x, w };
}
const GL = legendre(24);
function integrate(f: (t: number) => number, lo: number, hi: number): number {
  let s = 0;
  for (let i = 0; i < GL.x.length; i++) s += GL.w[i] * f(0.5 * (lo + hi) + 0.5 * (hi - lo) * GL.x[i]);
  return 0.5 * (hi - lo) * s;
}

/**
 * relu by polar coordinates: with (u, v) = (l₁·z, l₂·z), z = r(cos t, sin t) ~ N(0, I₂), the radial
 * integrals are ∫r³e^{−r²/2}dr = 2 and ∫r e^{−r²/2}dr = 1, so
 *   E[relu u relu v] = (1/π) ∫₀^{2π} relu(l₁·e_t) relu(l₂·e_t) dt,   E[1{u>0}1{v>0}] = (1/2π)·|{t : both > 0}|,
 * integrated piecewise between the four angles where l₁·e_t or l₂·e_t changes sign.
 */
export const reluDualPolar: Dual = (a, b, c) => {
  const l11 = Math.sqrt(a);
  const l21 = c / l11;
  const l22 = Math.sqrt(Math.max(0, (a * b - c * c) / a));
  const u = (t: number) => l11 * Math.cos(t);
  const v = (t: number) => l21 * Math.cos(t) + l22 * Math.sin(t);
  const cuts = [Math.PI / 2, (3 * Math.PI) / 2, Math.atan2(l21, -l22), Math.atan2(-l21, l22)].map((t) => (t + 2 * Math.PI) % (2 * Math.PI));
  const pts = [0, ...cuts, 2 * Math.PI].sort((p, q) => p - q);
  let ephi = 0;
  let edphi = 0;
  for (let i = 0; i + 1 < pts.length; i++) {
    const mid = 0.5 * (pts[i] + pts[i + 1]);
    if (u(mid) > 0 && v(mid) > 0) {
      ephi += integrate((t) => u(t) * v(t), pts[i], pts[i + 1]) / Math.PI;
      edphi += (pts[i + 1] - pts[i]) / (2 * Math.PI);
    }
  }
  return [ephi, edphi];
};

/**
 * A smooth activation's dual kernels by a composite Gauss–Legendre product rule in the Cholesky
 * coordinates (g₁, g₂) ∈ [−9, 9]², panels of width `h` (slow; for a few covariances).
 */
export function smoothDualBruteForce(phi: (h: number) => [number, number], h = 0.05): Dual {
  return (a, b, c) => {
    const sa = Math.sqrt(a);
    const l21 = c / sa;
    const l22 = Math.sqrt(Math.max(0, b - l21 * l21));
    const nodes: number[] = [];
    const weights: number[] = [];
    const g8 = legendre(8);
    for (let lo = -9; lo < 9 - 1e-12; lo += h)
      for (let i = 0; i < 8; i++) {
        const g = lo + 0.5 * h * (1 + g8.x[i]);
        nodes.push(g);
        weights.push(0.5 * h * g8.w[i] * Math.exp(-0.5 * g * g) / Math.sqrt(2 * Math.PI));
      }
    let ephi = 0;
    let edphi = 0;
    for (let i = 0; i < nodes.length; i++) {
      const [pu, du] = phi(sa * nodes[i]);
      let sp = 0;
      let sd = 0;
      for (let j = 0; j < nodes.length; j++) {
        const [pv, dv] = phi(l21 * nodes[i] + l22 * nodes[j]);
        sp += weights[j] * pv;
        sd += weights[j] * dv;
      }
      ephi += weights[i] * pu * sp;
      edphi += weights[i] * du * sd;
    }
    return [ephi, edphi];
  };
}

export const tanhPhi = (h: number): [number, number] => {
  const t = Math.tanh(h);
  return [t, 1 - t * t];
};
export const erfPhi = (h: number): [number, number] => [erf64(h), (2 / Math.sqrt(Math.PI)) * Math.exp(-h * h)];

/** Θ∞ and Σ∞ for one pair (x, x′) by the sum-product formula, NTK parametrization. */
export function ntkSumProduct(spec: MlpSpec, x: number[], xp: number[], dual: Dual): { ntk: number; nngp: number } {
  const d = spec.inputDim;
  const sw2 = spec.sigmaW2;
  const sb2 = spec.bias ? spec.sigmaB2 : 0;
  const dot = (p: number[], q: number[]) => p.reduce((s, v, i) => s + v * q[i], 0);
  // Σ^{(h)} on {x, x′}: [Σ(x,x), Σ(x′,x′), Σ(x,x′)], h = 1 … L+1, and Σ̇^{(h)}, h = 2 … L+1
  const sig: [number, number, number][] = [[(sw2 * dot(x, x)) / d + sb2, (sw2 * dot(xp, xp)) / d + sb2, (sw2 * dot(x, xp)) / d + sb2]];
  const dots: number[] = [NaN];
  for (let h = 1; h <= spec.depth; h++) {
    const [a, b, c] = sig[h - 1];
    const [vaa] = dual(a, a, a);
    const [vbb] = dual(b, b, b);
    const [vab, vdab] = dual(a, b, c);
    sig.push([sw2 * vaa + sb2, sw2 * vbb + sb2, sw2 * vab + sb2]);
    dots.push(sw2 * vdab);
  }
  let ntk = 0;
  for (let h = 0; h <= spec.depth; h++) {
    let prod = sig[h][2];
    for (let k = h + 1; k <= spec.depth; k++) prod *= dots[k];
    ntk += prod;
  }
  const alpha2 = (spec.outputScale ?? 1) ** 2;
  return { ntk: alpha2 * ntk, nngp: alpha2 * sig[spec.depth][2] };
}

/** (I − ηΘ/N)^t (f₀ − y) + y in float64, by repeated squaring (no eigendecomposition). */
export function kernelGdClosedForm(theta: Float64Array, n: number, f0: number[], y: number[], lr: number, t: number): number[] {
  const mul = (A: Float64Array, B: Float64Array) => {
    const C = new Float64Array(n * n);
    for (let i = 0; i < n; i++) for (let k = 0; k < n; k++) for (let j = 0; j < n; j++) C[i * n + j] += A[i * n + k] * B[k * n + j];
    return C;
  };
  let base = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) base[i * n + j] = (i === j ? 1 : 0) - (lr * theta[i * n + j]) / n;
  let acc = new Float64Array(n * n);
  for (let i = 0; i < n; i++) acc[i * n + i] = 1;
  for (let e = t; e > 0; e >>= 1) {
    if (e & 1) acc = mul(acc, base);
    base = mul(base, base);
  }
  const r0 = f0.map((f, i) => f - y[i]);
  return y.map((yi, i) => yi + r0.reduce((s, r, j) => s + acc[i * n + j] * r, 0));
}
