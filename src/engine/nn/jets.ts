// Taylor-mode (jet) forward propagation along a parameter direction (docs/science.md §5), and the exact
// finite step f(θ+Δ) − f(θ) propagated as differences (no float cancellation).
//
// Along θ + εΔ every pre-activation and activation is carried as a truncated power series in ε:
//   h_l(ε) = Σ_k h_{l,k} ε^k,  a_l(ε) = Σ_k a_{l,k} ε^k,  k = 0..K (K ≤ 3).
// Our unified layer h_l = s_w·a_{l-1}W_lᵀ + s_b·b_l with W_l + εΔW_l is a Cauchy product:
//   h_{l,k} = s_w·(a_{l-1,k} W_lᵀ + a_{l-1,k-1} ΔW_lᵀ) + s_b·b_{l,k},  b_{l,0} = b_l, b_{l,1} = Δb_l, else 0,
// and the activation is Faà di Bruno on the truncated series:
//   a_0 = φ(h_0), a_1 = φ'h_1, a_2 = φ'h_2 + ½φ''h_1², a_3 = φ'h_3 + φ''h_1h_2 + (1/6)φ'''h_1³.
// The network output is the last pre-activation, so c_k = h_{L+1,k} = (1/k!) d^k/dε^k f(x; θ+εΔ)|₀,
// exactly (no truncation error: every coefficient up to K is the true Taylor coefficient).
// Cost: per layer 2K matmuls of the batch (K + 1 coefficients, K matmuls with W, K with ΔW; the
// input layer needs only one with ΔW, since x does not depend on ε) plus elementwise work —
// about 2K + 1 forward passes of the same batch. Only first-order ops: no nested tf.grad
// (the second derivative of tf.tanh throws in tfjs 4.22).
import { tf } from '../tf';
import { layerScales, type Layer, type LayerScale, type MlpSpec, type Params } from './mlp';
import { activationOps, type ActivationOps } from './activations';
import { dense } from './dense';

/** A truncated series; null marks a coefficient that is identically zero. */
export type Series = (tf.Tensor2D | null)[];

export interface JetTrace {
  /** h[l][k]: coefficient k of the pre-activation of layer l+1 (l = 0..L; h[L] is f as N×1). */
  h: Series[];
  /** a[l][k]: coefficient k of activation l (a[0] = [x, null, …], l = 0..L). */
  a: Series[];
}

function addMaybe(x: tf.Tensor2D | null, y: tf.Tensor2D | null): tf.Tensor2D | null {
  if (x === null) return y;
  if (y === null) return x;
  return tf.add(x, y) as tf.Tensor2D;
}

function mulMaybe(x: tf.Tensor | null, y: tf.Tensor | null): tf.Tensor | null {
  return x === null || y === null ? null : tf.mul(x, y);
}

/** s_w·a·Wᵀ (+ s_b·b when b is given and s_b ≠ 0). */
function linear(a: tf.Tensor2D, W: tf.Tensor2D, b: tf.Tensor1D | null, scale: LayerScale): tf.Tensor2D {
  return dense(a, W, b && scale.b !== 0 ? b : null, scale);
}

/** Series coefficients of one layer's pre-activation (Cauchy product with W + εΔW). */
export function layerSeries(aIn: Series, L: Layer, D: Layer, scale: LayerScale, order: number): Series {
  const out: Series = [];
  for (let k = 0; k <= order; k++) {
    let hk: tf.Tensor2D | null = null;
    const ak = aIn[k] ?? null;
    if (ak) hk = linear(ak, L.W, k === 0 ? L.b : null, scale);
    const akm1 = k >= 1 ? (aIn[k - 1] ?? null) : null;
    if (akm1) hk = addMaybe(hk, linear(akm1, D.W, k === 1 ? D.b : null, scale));
    out.push(hk);
  }
  return out;
}

/** Faà di Bruno for φ applied to a series truncated at `order` ≤ 3. */
export function activationSeries(ops: ActivationOps, h: Series, order: number): Series {
  const h0 = h[0];
  if (!h0) throw new Error('jet: the zeroth coefficient is required');
  const out: Series = [ops.phi(h0) as tf.Tensor2D];
  if (order < 1) return out;
  const d1 = ops.d1(h0);
  const h1 = h[1] ?? null;
  const h2 = h[2] ?? null;
  const h3 = h[3] ?? null;
  out.push(mulMaybe(d1, h1) as tf.Tensor2D | null);
  if (order < 2) return out;
  const d2 = ops.d2 && h1 ? ops.d2(h0) : null;
  let a2 = mulMaybe(d1, h2);
  if (d2 && h1) a2 = addMaybe(a2 as tf.Tensor2D | null, tf.mul(tf.mul(d2, tf.square(h1)), 0.5) as tf.Tensor2D);
  out.push(a2 as tf.Tensor2D | null);
  if (order < 3) return out;
  let a3 = mulMaybe(d1, h3) as tf.Tensor2D | null;
  if (d2 && h1 && h2) a3 = addMaybe(a3, tf.mul(d2, tf.mul(h1, h2)) as tf.Tensor2D);
  if (ops.d3 && h1) a3 = addMaybe(a3, tf.mul(tf.mul(ops.d3(h0), tf.mul(h1, tf.square(h1))), 1 / 6) as tf.Tensor2D);
  out.push(a3);
  return out;
}

/**
 * Jet of every layer along θ + εΔ, up to `order` (0..3). Call inside tf.tidy.
 * `ops` overrides the activation (e.g. an autodiff-friendly relu derivative).
 */
export function jetTrace(
  spec: MlpSpec,
  params: Params,
  dir: Params,
  x: tf.Tensor2D,
  order: number,
  ops: ActivationOps = activationOps(spec.activation),
): JetTrace {
  if (order < 0 || order > 3) throw new Error(`jet order ${order} not in 0..3`);
  const scales = layerScales(spec);
  const a: Series[] = [[x, ...Array<null>(order).fill(null)]];
  const h: Series[] = [];
  for (let l = 0; l < params.length; l++) {
    const hl = layerSeries(a[l], params[l], dir[l], scales[l], order);
    h.push(hl);
    if (l < params.length - 1) a.push(activationSeries(ops, hl, order));
  }
  return { h, a };
}

function flatOrZeros(t: tf.Tensor2D | null, n: number): tf.Tensor1D {
  return t ? (tf.reshape(t, [-1]) as tf.Tensor1D) : tf.zeros([n]);
}

/**
 * c_k(x) = (1/k!) d^k/dε^k f(x; θ + εΔ) at ε = 0, k = 1, 2, 3, exactly, plus f = f(x; θ).
 * Each returned tensor has length N (caller disposes all four).
 */
export function taylorCoefficients(
  spec: MlpSpec,
  params: Params,
  dir: Params,
  x: tf.Tensor2D,
): { c1: tf.Tensor1D; c2: tf.Tensor1D; c3: tf.Tensor1D; f: tf.Tensor1D } {
  return tf.tidy(() => {
    const out = jetTrace(spec, params, dir, x, 3).h[params.length - 1];
    const n = x.shape[0];
    return {
      f: flatOrZeros(out[0], n),
      c1: flatOrZeros(out[1], n),
      c2: flatOrZeros(out[2], n),
      c3: flatOrZeros(out[3], n),
    };
  });
}

// ---------------------------------------------------------------------------------------------
// Exact finite differences φ(h + d) − φ(h), without the float cancellation of subtracting two
// nearby values: the absolute error is O(eps·|d|) instead of O(eps·|φ|).

// 5-point Gauss–Legendre on [0, 1]: exact for degree ≤ 9 polynomials; for tanh/erf and |d| < ½
// the quadrature error is < 1e-10 relative, far below float32 rounding.
const GL_NODES = [0.5, 0.5 - 0.2692346550528416, 0.5 + 0.2692346550528416, 0.5 - 0.453089922969332, 0.5 + 0.453089922969332];
const GL_WEIGHTS = [0.2844444444444444, 0.2393143352496833, 0.2393143352496833, 0.1184634425280945, 0.1184634425280945];
const QUAD_MAX_STEP = 0.5;

/** g(h + d) − g(h) = d·∫₀¹ g'(h + t d) dt by Gauss–Legendre (for |d| small), else direct. */
function smoothDifference(
  g: (h: tf.Tensor) => tf.Tensor,
  gPrime: (h: tf.Tensor) => tf.Tensor,
  h: tf.Tensor,
  d: tf.Tensor,
): tf.Tensor {
  let quad: tf.Tensor | null = null;
  for (let i = 0; i < GL_NODES.length; i++) {
    const term = tf.mul(gPrime(tf.add(h, tf.mul(d, GL_NODES[i]))), GL_WEIGHTS[i]);
    quad = quad ? tf.add(quad, term) : term;
  }
  const small = tf.less(tf.abs(d), QUAD_MAX_STEP);
  return tf.where(small, tf.mul(d, quad as tf.Tensor), tf.sub(g(tf.add(h, d)), g(h)));
}

/** φ(h + d) − φ(h), exact up to O(eps·|d|). */
export function phiDifference(ops: ActivationOps, h: tf.Tensor, d: tf.Tensor): tf.Tensor {
  if (ops.d2 === null) {
    // piecewise linear (relu, linear): d·φ'(h) when both ends are on the same piece
    const same = tf.equal(ops.d1(tf.add(h, d)), ops.d1(h));
    return tf.where(same, tf.mul(d, ops.d1(h)), tf.sub(ops.phi(tf.add(h, d)), ops.phi(h)));
  }
  return smoothDifference(ops.phi, ops.d1, h, d);
}

/** φ'(h + d) − φ'(h), exact up to O(eps·|d|) (exact 0/±1 for relu, 0 for linear). */
export function dphiDifference(ops: ActivationOps, h: tf.Tensor, d: tf.Tensor): tf.Tensor {
  if (ops.d2 === null) return tf.sub(ops.d1(tf.add(h, d)), ops.d1(h));
  return smoothDifference(ops.d1, ops.d2, h, d);
}

export interface DifferenceTrace {
  /** Primal trace at θ: h[l] (pre-activation of layer l+1), a[l] (activation l, a[0] = x). */
  h: tf.Tensor2D[];
  a: tf.Tensor2D[];
  /** dh[l] = h[l](θ+Δ) − h[l](θ), da[l] likewise (da[0] = 0 is stored as null). */
  dh: tf.Tensor2D[];
  da: (tf.Tensor2D | null)[];
}

/**
 * Forward pass at θ together with the exact differences to θ + Δ:
 *   dh_l = s_w·(da_{l-1} (W_l+ΔW_l)ᵀ + a_{l-1} ΔW_lᵀ) + s_b·Δb_l,   da_l = φ(h_l + dh_l) − φ(h_l).
 * f(θ+Δ) − f(θ) = dh[L] without cancellation. Cost ≈ 3 forward passes (2 when the primal trace
 * h, a at θ is passed in). Call inside tf.tidy.
 */
export function differenceTrace(
  spec: MlpSpec,
  params: Params,
  dir: Params,
  x: tf.Tensor2D,
  primal?: { h: tf.Tensor2D[]; a: tf.Tensor2D[] },
): DifferenceTrace {
  const scales = layerScales(spec);
  const ops = activationOps(spec.activation);
  const h: tf.Tensor2D[] = [];
  const a: tf.Tensor2D[] = [x];
  const dh: tf.Tensor2D[] = [];
  const da: (tf.Tensor2D | null)[] = [null];
  for (let l = 0; l < params.length; l++) {
    const P = params[l];
    const D = dir[l];
    const hl = primal ? primal.h[l] : linear(a[l], P.W, P.b, scales[l]);
    let dhl = linear(a[l], D.W, D.b, scales[l]);
    const dal = da[l];
    if (dal) dhl = tf.add(dhl, linear(dal, tf.add(P.W, D.W) as tf.Tensor2D, null, scales[l]));
    h.push(hl);
    dh.push(dhl);
    if (l < params.length - 1) {
      a.push(primal ? primal.a[l + 1] : (ops.phi(hl) as tf.Tensor2D));
      da.push(phiDifference(ops, hl, dhl) as tf.Tensor2D);
    }
  }
  return { h, a, dh, da };
}
