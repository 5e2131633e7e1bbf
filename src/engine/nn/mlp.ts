// The fully connected network (docs/science.md §1), in NTK, standard or μP parametrization, with
// the laziness scale α on its output layer (§10). One representation for all: h_l = s_w,l · a_{l-1}
// W_lᵀ + s_b,l · b_l, where W_l (n_l × n_{l-1}) and b_l hold the trainable ("raw") parameters and
// (s_w, s_b) are fixed per-layer multipliers (n = width, d₀ = input dimension):
//   NTK:      s_w = σ_w/√n_{l-1}, s_b = σ_b, raw entries ~ N(0, 1)
//   standard: s_w = 1, s_b = 1, W entries ~ N(0, σ_w²/n_{l-1}), b ~ N(0, σ_b²)
//   μP:       raw entries ~ N(0, 1/n); s_w = σ_w·√(n/d₀) (input layer), σ_w (hidden), σ_w/√n (output);
//             hidden biases s_b = σ_b·√n, output bias s_b = σ_b with raw entries ~ N(0, 1)
// The output layer's multipliers are then multiplied by α (outputScale). Gradients and learning
// rates act on the raw parameters, as in docs/science.md §1.
import { tf } from '../tf';
import { activationOps } from './activations';
import { normals } from '../prng';
import { dense, productABt } from './dense';
import type { Activation, ExperimentConfig, Parametrization } from '../../schema/config';
import { resolveSigmaW2 } from '../../schema/config';

export interface MlpSpec {
  inputDim: number;
  width: number;
  /** Number of hidden layers L. */
  depth: number;
  activation: Activation;
  param: Parametrization;
  sigmaW2: number;
  sigmaB2: number;
  bias: boolean;
  /** Laziness scale α ≥ 1 multiplying the output layer (docs/science.md §10); 1 when absent. */
  outputScale?: number;
}

/** One layer's trainable parameters; W is n_out × n_in. b is null when the net has no biases. */
export interface Layer {
  W: tf.Tensor2D;
  b: tf.Tensor1D | null;
}
export type Params = Layer[];
/** Trainable copies of Params (tf.Variable is a Tensor, so VarParams can be used as Params). */
export type VarParams = { W: tf.Variable<tf.Rank.R2>; b: tf.Variable<tf.Rank.R1> | null }[];

/** Plain-array parameters (row-major W), for JSON output and float64 reference code. */
export interface LayerArrays {
  nOut: number;
  nIn: number;
  W: Float64Array;
  b: Float64Array | null;
}

export interface LayerScale {
  w: number;
  b: number;
}

export function specFromConfig(config: ExperimentConfig, inputDim: number): MlpSpec {
  return {
    inputDim,
    width: config.width,
    depth: config.depth,
    activation: config.activation,
    param: config.param,
    sigmaW2: resolveSigmaW2(config),
    sigmaB2: config.sigmaB2,
    bias: config.bias,
    outputScale: config.outputScale,
  };
}

/** [d0, n, …, n, 1]: input dimension, L hidden widths, scalar output. */
export function layerSizes(spec: Pick<MlpSpec, 'inputDim' | 'width' | 'depth'>): number[] {
  return [spec.inputDim, ...Array<number>(spec.depth).fill(spec.width), 1];
}

const scalesCache = new WeakMap<MlpSpec, readonly LayerScale[]>();

/**
 * The fixed multipliers (s_w, s_b) of layers 1…L+1, computed once per spec object (every kernel,
 * pass and jet of a run asks for them; a spec is never mutated, a changed one is a new object).
 */
export function layerScales(spec: MlpSpec): readonly LayerScale[] {
  let scales = scalesCache.get(spec);
  if (!scales) {
    scales = Object.freeze(computeLayerScales(spec).map((s) => Object.freeze(s)));
    scalesCache.set(spec, scales);
  }
  return scales;
}

function computeLayerScales(spec: MlpSpec): LayerScale[] {
  const sizes = layerSizes(spec);
  const last = sizes.length - 1;
  const alpha = spec.outputScale ?? 1;
  const sw = Math.sqrt(spec.sigmaW2);
  const sb = spec.bias ? Math.sqrt(spec.sigmaB2) : 0;
  const n = spec.width;
  const out: LayerScale[] = [];
  for (let l = 1; l < sizes.length; l++) {
    let s: LayerScale;
    if (spec.param === 'ntk') s = { w: sw / Math.sqrt(sizes[l - 1]), b: sb };
    else if (spec.param === 'standard') s = { w: 1, b: spec.bias ? 1 : 0 };
    else if (l === 1) s = { w: sw * Math.sqrt(n / sizes[0]), b: sb * Math.sqrt(n) };
    else if (l < last) s = { w: sw, b: sb * Math.sqrt(n) };
    else s = { w: sw / Math.sqrt(n), b: sb };
    out.push(l === last ? { w: alpha * s.w, b: alpha * s.b } : s);
  }
  return out;
}

/**
 * Standard deviations of the raw entries at init of layer l (1-based): 1 for NTK, the layer's
 * variance for standard, 1/√n for μP (the output bias: 1).
 */
export function initStd(spec: MlpSpec, l: number): { w: number; b: number } {
  const sizes = layerSizes(spec);
  if (spec.param === 'ntk') return { w: 1, b: 1 };
  if (spec.param === 'standard') return { w: Math.sqrt(spec.sigmaW2 / sizes[l - 1]), b: Math.sqrt(spec.sigmaB2) };
  const std = 1 / Math.sqrt(spec.width);
  return { w: std, b: l === sizes.length - 1 ? 1 : std };
}

/**
 * θ₀ as plain arrays, from our own seeded generator (identical in Node and on every backend).
 * Every parametrization draws the same N(0,1) numbers; NTK and standard start from the same function.
 */
export function initParamArrays(spec: MlpSpec, seed: number): LayerArrays[] {
  const sizes = layerSizes(spec);
  const layers: LayerArrays[] = [];
  for (let l = 1; l < sizes.length; l++) {
    const nIn = sizes[l - 1];
    const nOut = sizes[l];
    const std = initStd(spec, l);
    const W = normals(seed, `W${l}`, nOut * nIn).map((z) => z * std.w);
    const b = spec.bias ? normals(seed, `b${l}`, nOut).map((z) => z * std.b) : null;
    layers.push({ nOut, nIn, W, b });
  }
  return layers;
}

export function paramsFromArrays(arrays: LayerArrays[]): Params {
  return arrays.map((L) => ({
    W: tf.tensor2d(Float32Array.from(L.W), [L.nOut, L.nIn]),
    b: L.b ? tf.tensor1d(Float32Array.from(L.b)) : null,
  }));
}

export function initParams(spec: MlpSpec, seed: number): Params {
  return paramsFromArrays(initParamArrays(spec, seed));
}

/** Flat list of the parameter tensors, in layer order (W1, b1, W2, b2, …). */
export function flatParams(params: { W: tf.Tensor; b: tf.Tensor | null }[]): tf.Tensor[] {
  const out: tf.Tensor[] = [];
  for (const L of params) {
    out.push(L.W);
    if (L.b) out.push(L.b);
  }
  return out;
}

/** Rebuild the layer structure from a flat list shaped like `like`. */
export function unflattenParams(flat: tf.Tensor[], like: { b: unknown }[]): Params {
  const out: Params = [];
  let i = 0;
  for (const L of like) {
    const W = flat[i++] as tf.Tensor2D;
    const b = L.b ? (flat[i++] as tf.Tensor1D) : null;
    out.push({ W, b });
  }
  return out;
}

export function disposeParams(params: { W: tf.Tensor; b: tf.Tensor | null }[]): void {
  for (const L of params) {
    L.W.dispose();
    L.b?.dispose();
  }
}

/** tf.Variable copies of params, for training in place. */
export function toVariables(params: Params): VarParams {
  return params.map((L) => ({ W: tf.variable(L.W), b: L.b ? tf.variable(L.b) : null }));
}

/** Pre-activation of layer l (1-based) from the previous activation. */
export function affine(a: tf.Tensor2D, L: Layer, scale: LayerScale): tf.Tensor2D {
  // dense() adds a bias at scale 0 (σ_b² = 0) too: tfjs refuses gradients for unused inputs
  return dense(a, L.W, L.b, scale);
}

export interface ForwardTrace {
  /** h[l-1] = pre-activation of layer l, l = 1..L+1 (the last one is f as N×1). */
  h: tf.Tensor2D[];
  /** a[l] = activation of layer l, a[0] = x, l = 0..L. */
  a: tf.Tensor2D[];
}

/** Backends whose tanh kernel is slow, where the training step computes tanh through the sigmoid (measured: wasm). */
const SIGMOID_TANH_BACKENDS = new Set(['wasm']);

/** φ(h) for the training step: tanh as 2σ(2h) − 1 where that is faster (tfjs-wasm's tanh is ~14× slower than its sigmoid at 256 × 256). */
function activateForStep(name: Activation, h: tf.Tensor2D): tf.Tensor2D {
  if (name === 'tanh' && SIGMOID_TANH_BACKENDS.has(tf.getBackend())) return tf.sub(tf.mul(tf.sigmoid(tf.mul(h, 2)), 2), 1) as tf.Tensor2D;
  return activationOps(name).phi(h) as tf.Tensor2D;
}

/**
 * Forward pass keeping every pre-activation and activation (call inside tf.tidy). `forStep`: the
 * training step's variant (mlpGrad.ts), for speed: plain products without the differentiable
 * dense() wrapper, a bias at scale 0 skipped, tanh through the sigmoid on wasm.
 */
export function forwardTrace(spec: MlpSpec, params: Params, x: tf.Tensor2D, opts: { forStep?: boolean } = {}): ForwardTrace {
  const scales = layerScales(spec);
  const act = activationOps(spec.activation);
  const h: tf.Tensor2D[] = [];
  const a: tf.Tensor2D[] = [x];
  for (let l = 0; l < params.length; l++) {
    let hl: tf.Tensor2D;
    if (opts.forStep) {
      hl = tf.mul(productABt(a[l], params[l].W), scales[l].w) as tf.Tensor2D;
      const b = params[l].b;
      if (b && scales[l].b !== 0) hl = tf.add(hl, tf.mul(b, scales[l].b)) as tf.Tensor2D;
    } else hl = affine(a[l], params[l], scales[l]);
    h.push(hl);
    if (l < params.length - 1) a.push(opts.forStep ? activateForStep(spec.activation, hl) : (act.phi(hl) as tf.Tensor2D));
  }
  return { h, a };
}

/** f(x; θ) for a batch x (N × d0), as a length-N vector. */
export function forward(spec: MlpSpec, params: Params, x: tf.Tensor2D): tf.Tensor1D {
  return tf.tidy(() => {
    const scales = layerScales(spec);
    const act = activationOps(spec.activation);
    let a: tf.Tensor2D = x;
    for (let l = 0; l < params.length; l++) {
      const h = affine(a, params[l], scales[l]);
      a = l < params.length - 1 ? (act.phi(h) as tf.Tensor2D) : h;
    }
    return tf.reshape(a, [-1]) as tf.Tensor1D;
  });
}

/** Number of trainable scalars: Σ_l n_l·n_{l−1} (+ n_l biases). Only the shape is read (the memory guard passes a shape). */
export function parameterCount(spec: Pick<MlpSpec, 'inputDim' | 'width' | 'depth' | 'bias'>): number {
  const s = layerSizes(spec);
  let p = 0;
  for (let l = 1; l < s.length; l++) p += s[l] * s[l - 1] + (spec.bias ? s[l] : 0);
  return p;
}
