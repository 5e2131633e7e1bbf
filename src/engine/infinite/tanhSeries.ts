// tanh's dual kernels through their Hermite (Mehler) series (docs/science.md §11). For a point with
// pre-activation variance a, let α_k(a) = E[φ′(√a g) He_k(g)]/√k!, g ~ N(0, 1), φ′ = sech². Mehler's
// formula gives, for (u, v) ~ N(0, [[a, c], [c, b]]) with ρ = c/√(ab),
//   E[φ′(u)φ′(v)] = Σ_k ρ^k α_k(a) α_k(b),
// and Price's theorem (∂E[φ(u)φ(v)]/∂c = E[φ′(u)φ′(v)], E[tanh u tanh v] = 0 at c = 0) gives
//   E[φ(u)φ(v)] = √(ab) Σ_k ρ^{k+1}/(k+1) · α_k(a) α_k(b).
// sech² is even, so only even k appear and α_k(a)α_k(b) ≥ 0: no cancellation. The coefficients come
// from sech²'s Fourier transform F(ω) = πω/sinh(πω/2):
//   α_k(a) = (−1)^{k/2} (1/π) ∫₀^∞ F(ω) (ω√a)^k e^{−aω²/2} dω / √k!,
// a smooth one-dimensional integral (composite Gauss–Legendre). The series is summed until the
// coefficients' squares account for E[φ′(√a g)²] = (1/π) ∫₀^∞ F₄(ω) e^{−aω²/2} dω (F₄ the transform
// of sech⁴, πω(ω² + 4)/(6 sinh(πω/2))) to 1e−13 relative, which bounds the truncation error of both
// sums (Cauchy–Schwarz). Unlike Gauss–Hermite nodes in g, this stays accurate when a is large and
// sech²(√a g) is a narrow bump (measured in tests/unit/infiniteKernels.test.ts).

/** Largest series length (even terms); reached only for pre-activation variances far beyond the lab's ranges. */
const MAX_TERMS = 12000;
const TAIL_TOLERANCE = 1e-13;

/** Gauss–Legendre nodes and weights on [−1, 1] (Newton on the Legendre recurrence). */
function gaussLegendre(n: number): { x: Float64Array; w: Float64Array } {
  const x = new Float64Array(n);
  const w = new Float64Array(n);
  for (let i = 0; i < Math.ceil(n / 2); i++) {
    let z = Math.cos((Math.PI * (i + 0.75)) / (n + 0.5));
    let dp = 0;
    for (let it = 0; it < 100; it++) {
      let p0 = 1;
      let p1 = z;
      for (let k = 2; k <= n; k++) {
        const p2 = ((2 * k - 1) * z * p1 - (k - 1) * p0) / k;
        p0 = p1;
        p1 = p2;
      }
      dp = (n * (z * p1 - p0)) / (z * z - 1);
      const dz = p1 / dp;
      z -= dz;
      if (Math.abs(dz) < 1e-16) break;
    }
    x[i] = -z;
    x[n - 1 - i] = z;
    w[i] = 2 / ((1 - z * z) * dp * dp);
    w[n - 1 - i] = w[i];
  }
  return { x, w };
}
const GL = gaussLegendre(12);

/** sech²'s Fourier transform πω/sinh(πω/2) (2 at ω = 0). */
function sech2Transform(om: number): number {
  const t = (Math.PI * om) / 2;
  return t < 1e-8 ? 2 : (2 * t) / Math.sinh(t);
}

export interface TanhCoefficients {
  /** The variance a. */
  variance: number;
  /** |α_k(a)| for k = 0, 2, 4, … (index k/2); the sign (−1)^{k/2} cancels in every product α_k(a)α_k(b). */
  alpha: Float64Array;
}

/** ½ ln k! for even k up to 2·MAX_TERMS, cumulative. */
let halfLogFactorial: Float64Array | null = null;
function halfLogFact(): Float64Array {
  if (!halfLogFactorial) {
    const out = new Float64Array(2 * MAX_TERMS + 2);
    for (let k = 1; k < out.length; k++) out[k] = out[k - 1] + 0.5 * Math.log(k);
    halfLogFactorial = out;
  }
  return halfLogFactorial;
}

/** Node terms below this (absolute; the α_k are O(1) at most) are dropped. */
const NEGLIGIBLE_LOG = Math.log(1e-19);
const cache = new Map<number, TanhCoefficients>();

/** The Hermite coefficients α_k(a) of sech²(√a g), k even, until Σα_k² reaches E[sech⁴(√a g)]. */
export function tanhCoefficients(a: number): TanhCoefficients {
  const variance = Math.max(a, 0);
  if (variance === 0) return { variance, alpha: Float64Array.of(1) };
  const hit = cache.get(variance);
  if (hit) return hit;
  const sa = Math.sqrt(variance);
  // Node ω's term in α_k peaks at k ≈ (ω√a)²; the tolerance needs k up to ~110·a (docs/science.md
  // §11), so ω up to √(K/a) plus a margin of the Gaussian's width, and never past 40 (F(40) ~ e^{−60}).
  const terms = Math.min(MAX_TERMS, Math.ceil(60 * variance + 40));
  const kMax = 2 * (terms - 1);
  const omegaMax = Math.min(40, Math.sqrt(kMax / variance) + 14 / sa);
  const panel = Math.min(0.5, 0.8 / sa);
  const panels = Math.ceil(omegaMax / panel);
  const hlf = halfLogFact();
  const alpha = new Float64Array(terms);
  let target = 0;
  for (let p = 0; p < panels; p++) {
    for (let i = 0; i < GL.x.length; i++) {
      const om = (p + 0.5 + 0.5 * GL.x[i]) * panel;
      const w = 0.5 * panel * GL.w[i];
      const f = sech2Transform(om);
      const logBase = Math.log((w * f) / Math.PI) - 0.5 * variance * om * om;
      target += Math.exp(logBase) * (1 + (om * om) / 4) * (2 / 3);
      // this node's terms W·z^k/√k! over even k: start where they become non-negligible, stop after the peak
      const z = om * sa;
      const lz = Math.log(z);
      const z2 = z * z;
      let k = 0;
      let lq = logBase;
      while (k <= kMax && lq < NEGLIGIBLE_LOG) {
        if (k > z2) break;
        k += 2;
        lq = logBase + k * lz - hlf[k];
      }
      if (lq < NEGLIGIBLE_LOG) continue;
      let q = Math.exp(lq);
      for (;;) {
        alpha[k >> 1] += q;
        k += 2;
        if (k > kMax) break;
        q *= z2 / Math.sqrt(k * (k - 1));
        if (k > z2 && q < 1e-19) break;
      }
    }
  }
  // truncate where the squares reach the target (the rest is below the tolerance)
  let sumSq = 0;
  let n = terms;
  for (let j = 0; j < terms; j++) {
    sumSq += alpha[j] * alpha[j];
    if (target - sumSq <= TAIL_TOLERANCE * target) {
      n = j + 1;
      break;
    }
  }
  const out = { variance, alpha: alpha.slice(0, n) };
  if (cache.size > 4096) cache.clear();
  cache.set(variance, out);
  return out;
}

/** [E[tanh u tanh v], E[sech² u sech² v]] from the two points' coefficients and their covariance c. */
export function tanhPairFromCoefficients(ca: TanhCoefficients, cb: TanhCoefficients, c: number): [number, number] {
  const ab = ca.variance * cb.variance;
  if (!(ab > 0)) return [0, ca.alpha[0] * cb.alpha[0]];
  const rho = Math.min(1, Math.max(-1, c / Math.sqrt(ab)));
  const r2 = rho * rho;
  const n = Math.min(ca.alpha.length, cb.alpha.length);
  let pow = 1; // ρ^k
  let vd = 0;
  let v = 0;
  for (let i = 0; i < n; i++) {
    const prod = ca.alpha[i] * cb.alpha[i];
    vd += pow * prod;
    v += (pow * prod) / (2 * i + 1);
    pow *= r2;
    if (pow === 0) break;
  }
  return [Math.sqrt(ab) * rho * v, vd];
}
