// Eigen-decomposition of a diagonal-plus-rank-one matrix D + ρ z zᵀ (ρ > 0, d strictly increasing,
// every z_i ≠ 0): the merge step of the divide-and-conquer tridiagonal solver (tridiagonalEigen.ts),
// as in LAPACK's dlaed3/dlaed4. The eigenvalues are the roots of the secular equation
//   f(λ) = 1/ρ + Σ_i z_i² / (d_i − λ) = 0,
// one in each (d_i, d_{i+1}) and the last in (d_k, d_k + ρ‖z‖²]. Each root is found relative to its
// nearer pole d_o (λ = d_o + τ), so that the differences d_i − λ_j, which the eigenvectors are built
// from, are computed without cancellation. The vectors are those of the nearby problem whose z is
// recomputed from the computed roots (Gu & Eisenstat's Löwner formula
//   ẑ_i² = Π_j (λ_j − d_i) / (ρ Π_{j≠i} (d_j − d_i))),
// which makes them orthogonal to working precision however close the roots are.

/** Iteration cap per root (the safeguarded rational steps converge in a handful; bisection backs them up). */
const MAX_ITERATIONS = 200;
const BISECT_AFTER = 40;
const EPS = 2 ** -52;

/** A root λ = d[origin] + tau of the secular equation. */
interface Root {
  origin: number;
  tau: number;
}

/**
 * Root j of f: in (d_j, d_{j+1}) for j < k − 1, in (d_{k−1}, d_{k−1} + ρ‖z‖²] for j = k − 1. Safeguarded
 * iteration on τ = λ − d_origin: each step solves the model that keeps the two nearest poles exact and
 * matches f and f′ at the current τ (the "middle way" of Li and of LAPACK's dlaed4); a step that leaves
 * the bracket is replaced by bisection.
 */
function secularRoot(d: Float64Array, z: Float64Array, k: number, rho: number, j: number, zNorm2: number): Root {
  let origin: number;
  let lo: number;
  let hi: number;
  if (j === k - 1) {
    origin = j;
    lo = 0;
    hi = rho * zNorm2;
  } else {
    // Which pole is nearer: the sign of f at the midpoint (f increases between poles).
    const gap = d[j + 1] - d[j];
    const half = gap / 2;
    let f = 1 / rho;
    for (let i = 0; i < k; i++) f += (z[i] * z[i]) / (d[i] - d[j] - half);
    if (f >= 0) {
      origin = j;
      lo = 0;
      hi = half;
    } else {
      origin = j + 1;
      lo = -(gap - half);
      hi = 0;
    }
  }
  const d0 = d[origin];
  // The two poles that bound the root, relative to the origin (right pole absent for the last root).
  const left = d[j] - d0;
  const right = j === k - 1 ? Infinity : d[j + 1] - d0;
  let tau = (lo + hi) / 2;
  for (let iter = 0; iter < MAX_ITERATIONS; iter++) {
    let psi = 0;
    let dpsi = 0;
    let phi = 0;
    let dphi = 0;
    for (let i = 0; i <= j; i++) {
      const t = z[i] / (d[i] - d0 - tau);
      psi += z[i] * t;
      dpsi += t * t;
    }
    for (let i = j + 1; i < k; i++) {
      const t = z[i] / (d[i] - d0 - tau);
      phi += z[i] * t;
      dphi += t * t;
    }
    const absSum = 1 / rho + phi - psi;
    const f = 1 / rho + psi + phi;
    if (f === 0) break;
    if (f < 0) lo = tau;
    else hi = tau;
    // Converged: |f| within the rounding error of its evaluation (dlaed4's test), or the bracket spans
    // adjacent floats.
    if (Math.abs(f) <= 8 * EPS * absSum || hi - lo <= 2 * EPS * Math.max(Math.abs(lo), Math.abs(hi))) break;
    let next: number;
    const dl = left - tau;
    if (right === Infinity) {
      // Model c + s/(dl − η) with s = dl²ψ′ (pole d_j exact), c the rest: η = dl + s/c.
      const s = dl * dl * dpsi;
      const c = 1 / rho + psi - dl * dpsi + phi;
      next = c > 0 ? tau + dl + s / c : NaN;
    } else {
      const dr = right - tau;
      const s1 = dl * dl * dpsi;
      const s2 = dr * dr * dphi;
      const c = f - dl * dpsi - dr * dphi;
      // (dl − η)(dr − η)c + s1(dr − η) + s2(dl − η) = 0, i.e. cη² − Bη + dl·dr·f = 0; the root nearer 0.
      const b = c * (dl + dr) + s1 + s2;
      const cc = dl * dr * f;
      const disc = b * b - 4 * c * cc;
      if (disc < 0) next = NaN;
      else {
        const den = b + (b >= 0 ? Math.sqrt(disc) : -Math.sqrt(disc));
        next = den !== 0 ? tau + (2 * cc) / den : NaN;
      }
    }
    // Past BISECT_AFTER iterations the model steps are distrusted (never seen): bisection only.
    if (!(next > lo && next < hi) || iter >= BISECT_AFTER) next = lo + (hi - lo) / 2;
    if (next === tau) break;
    tau = next;
  }
  return { origin, tau };
}

/**
 * Eigenpairs of D + ρ z zᵀ for d strictly increasing (k entries), z with no zero entry, ρ > 0.
 * Returns the eigenvalues ascending (one per interval, see the file header) and the eigenvectors as
 * the columns of a row-major k × k array (u[i·k + j] = component i of the vector of lambda[j]).
 */
export function rankOneEigen(d: Float64Array, z: Float64Array, k: number, rho: number): { lambda: Float64Array; u: Float64Array } {
  const lambda = new Float64Array(k);
  const u = new Float64Array(k * k);
  if (k === 1) {
    lambda[0] = d[0] + rho * z[0] * z[0];
    u[0] = 1;
    return { lambda, u };
  }
  let zNorm2 = 0;
  for (let i = 0; i < k; i++) zNorm2 += z[i] * z[i];
  // delta[i·k + j] = d_i − λ_j, computed from the origin of root j: (d_i − d_o) − τ_j.
  const delta = u;
  for (let j = 0; j < k; j++) {
    const { origin, tau } = secularRoot(d, z, k, rho, j, zNorm2);
    const d0 = d[origin];
    lambda[j] = d0 + tau;
    for (let i = 0; i < k; i++) delta[i * k + j] = d[i] - d0 - tau;
  }
  // Löwner: ẑ_i² ∝ −(d_i − λ_i) Π_{j≠i} (d_i − λ_j)/(d_i − d_j); every factor of the product is positive.
  const zHat = new Float64Array(k);
  for (let i = 0; i < k; i++) {
    const row = i * k;
    let w = delta[row + i];
    for (let j = 0; j < k; j++) if (j !== i) w *= delta[row + j] / (d[i] - d[j]);
    zHat[i] = z[i] >= 0 ? Math.sqrt(Math.max(-w, 0)) : -Math.sqrt(Math.max(-w, 0));
  }
  // u_j ∝ (ẑ_i / (d_i − λ_j))_i, normalised.
  const norm = new Float64Array(k);
  for (let i = 0; i < k; i++) {
    const row = i * k;
    const zi = zHat[i];
    for (let j = 0; j < k; j++) {
      const x = zi / delta[row + j];
      u[row + j] = x;
      norm[j] += x * x;
    }
  }
  for (let j = 0; j < k; j++) norm[j] = 1 / Math.sqrt(norm[j]);
  for (let i = 0; i < k; i++) {
    const row = i * k;
    for (let j = 0; j < k; j++) u[row + j] *= norm[j];
  }
  return { lambda, u };
}
