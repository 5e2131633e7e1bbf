// Fast matrix products and the dense layer h = s_w · a Wᵀ + s_b · b, on every tfjs backend.
//
// tfjs-wasm 4.22's matMul kernels with transposeA / transposeB are 10–40× slower than the plain
// kernel (0.6–3 GFLOP/s vs ~25 on 2 cores, see bench/README.md), and autodiff of a plain
// matMul(a, b) itself calls them (dA = dy·bᵀ, dB = aᵀ·dy). So every product here transposes
// explicitly where that is measured faster on the active backend, and the ops carry a custom
// gradient whose backward pass uses the same fast products. On WebGL/WebGPU the transpose flags
// are free (the shader reads strided), so they are kept there.
// The parameter layout is unchanged: W is n_out × n_in (the raw trainable entries).
import { tf } from '../tf';

/** How a product with a transposed operand is computed on a backend. */
export type TransposeStrategy = 'flag' | 'explicit';

/** Backends where an explicit tf.transpose + plain matMul beats the transposed kernels (bench/matmul.ts). */
const EXPLICIT_BACKENDS = new Set(['wasm']);

let override: TransposeStrategy | null = null;

/** Force a strategy (tests and benchmarks); null restores the per-backend choice. */
export function setTransposeStrategy(s: TransposeStrategy | null): void {
  override = s;
}

/** The strategy used on the active backend. */
export function transposeStrategy(): TransposeStrategy {
  return override ?? (EXPLICIT_BACKENDS.has(tf.getBackend()) ? 'explicit' : 'flag');
}

// Explicit transposes are always tf.transpose (a new buffer), even for a row or column: tfjs-wasm
// 4.22 caches its matMul operator per right-hand buffer, so a buffer used as b once as n × 1 and
// later as 1 × n (a reshape would share it) gives wrong products (tests/unit/dense.test.ts).

/** a·bᵀ with a: m × k, b: n × k → m × n (no gradient of its own; see matMulABt). */
export function productABt(a: tf.Tensor2D, b: tf.Tensor2D): tf.Tensor2D {
  return transposeStrategy() === 'explicit' ? tf.matMul(a, tf.transpose(b)) : tf.matMul(a, b, false, true);
}

/**
 * aᵀ·b with a: k × m, b: k × n → m × n (no gradient of its own). With explicit transposes, when
 * b is narrower than a (n < m, e.g. the first layer's ΔW = uᵀx) it is cheaper to move b and the
 * small result: (bᵀa)ᵀ transposes k·n + n·m entries instead of k·m.
 */
export function productAtB(a: tf.Tensor2D, b: tf.Tensor2D): tf.Tensor2D {
  if (transposeStrategy() === 'flag') return tf.matMul(a, b, true, false);
  const [k, m] = a.shape;
  const n = b.shape[1];
  return k * n + n * m < k * m ? tf.transpose(tf.matMul<tf.Tensor2D>(tf.transpose(b), a)) : tf.matMul(tf.transpose(a), b);
}

/** Plain a·b (no gradient of its own). */
export function productAB(a: tf.Tensor2D, b: tf.Tensor2D): tf.Tensor2D {
  return tf.matMul(a, b);
}

type GradResult = { value: tf.Tensor; gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => tf.Tensor[] };

/** tf.customGrad for a function of two tensors (typed; tfjs's own typing erases the arity). */
function customGrad2(f: (a: tf.Tensor, b: tf.Tensor, save: tf.GradSaveFunc) => GradResult): (a: tf.Tensor, b: tf.Tensor) => tf.Tensor {
  return tf.customGrad(f as unknown as Parameters<typeof tf.customGrad>[0]) as unknown as (a: tf.Tensor, b: tf.Tensor) => tf.Tensor;
}

/** tf.customGrad for a function of three tensors. */
function customGrad3(f: (a: tf.Tensor, b: tf.Tensor, c: tf.Tensor, save: tf.GradSaveFunc) => GradResult): (a: tf.Tensor, b: tf.Tensor, c: tf.Tensor) => tf.Tensor {
  return tf.customGrad(f as unknown as Parameters<typeof tf.customGrad>[0]) as unknown as (a: tf.Tensor, b: tf.Tensor, c: tf.Tensor) => tf.Tensor;
}

const matMulABtGrad = customGrad2((a, b, save) => {
  save([a, b]);
  return {
    value: productABt(a as tf.Tensor2D, b as tf.Tensor2D),
    // y = a bᵀ: dA = dy·b, dB = dyᵀ·a
    gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => [productAB(dy as tf.Tensor2D, saved[1] as tf.Tensor2D), productAtB(dy as tf.Tensor2D, saved[0] as tf.Tensor2D)],
  };
});

const matMulAtBGrad = customGrad2((a, b, save) => {
  save([a, b]);
  return {
    value: productAtB(a as tf.Tensor2D, b as tf.Tensor2D),
    // y = aᵀ b: dA = b·dyᵀ, dB = a·dy
    gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => [productABt(saved[1] as tf.Tensor2D, dy as tf.Tensor2D), productAB(saved[0] as tf.Tensor2D, dy as tf.Tensor2D)],
  };
});

const matMulABGrad = customGrad2((a, b, save) => {
  save([a, b]);
  return {
    value: productAB(a as tf.Tensor2D, b as tf.Tensor2D),
    // y = a b: dA = dy·bᵀ, dB = aᵀ·dy
    gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => [productABt(dy as tf.Tensor2D, saved[1] as tf.Tensor2D), productAtB(saved[0] as tf.Tensor2D, dy as tf.Tensor2D)],
  };
});

/** a·bᵀ (a: m × k, b: n × k → m × n), differentiable, without slow transposed kernels. */
export function matMulABt(a: tf.Tensor2D, b: tf.Tensor2D): tf.Tensor2D {
  return matMulABtGrad(a, b) as tf.Tensor2D;
}

/** aᵀ·b (a: k × m, b: k × n → m × n), differentiable, without slow transposed kernels. */
export function matMulAtB(a: tf.Tensor2D, b: tf.Tensor2D): tf.Tensor2D {
  return matMulAtBGrad(a, b) as tf.Tensor2D;
}

/** a·b, differentiable; its gradient avoids the slow transposed kernels. */
export function matMulAB(a: tf.Tensor2D, b: tf.Tensor2D): tf.Tensor2D {
  return matMulABGrad(a, b) as tf.Tensor2D;
}

/** The scales of one dense layer: h = w · a Wᵀ + b · bias. */
export interface DenseScale {
  w: number;
  b: number;
}

/**
 * One dense layer h = s_w · a Wᵀ (+ s_b · bias), with a custom gradient:
 * dA = s_w · dh W, dW = s_w · dhᵀ a, dbias = s_b · Σ_rows dh. A bias at scale 0 is still added
 * (its gradient is then 0), so tfjs sees every parameter used.
 */
export function dense(a: tf.Tensor2D, W: tf.Tensor2D, bias: tf.Tensor1D | null, scale: DenseScale): tf.Tensor2D {
  if (bias === null) return denseNoBias(scale.w)(a, W) as tf.Tensor2D;
  return denseWithBias(scale.w, scale.b)(a, W, bias) as tf.Tensor2D;
}

// customGrad closures are cached per scale (a network has few distinct scales).
const noBiasCache = new Map<number, (a: tf.Tensor, W: tf.Tensor) => tf.Tensor>();
const withBiasCache = new Map<string, (a: tf.Tensor, W: tf.Tensor, b: tf.Tensor) => tf.Tensor>();

function denseNoBias(sw: number): (a: tf.Tensor, W: tf.Tensor) => tf.Tensor {
  let f = noBiasCache.get(sw);
  if (!f) {
    f = customGrad2((a, W, save) => {
      save([a, W]);
      return {
        value: tf.mul(productABt(a as tf.Tensor2D, W as tf.Tensor2D), sw),
        gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
          const g = tf.mul(dy, sw) as tf.Tensor2D;
          return [productAB(g, saved[1] as tf.Tensor2D), productAtB(g, saved[0] as tf.Tensor2D)];
        },
      };
    });
    noBiasCache.set(sw, f);
  }
  return f;
}

function denseWithBias(sw: number, sb: number): (a: tf.Tensor, W: tf.Tensor, b: tf.Tensor) => tf.Tensor {
  const key = `${sw}|${sb}`;
  let f = withBiasCache.get(key);
  if (!f) {
    f = customGrad3((a, W, b, save) => {
      save([a, W]);
      return {
        value: tf.add(tf.mul(productABt(a as tf.Tensor2D, W as tf.Tensor2D), sw), tf.mul(b, sb)),
        gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
          const g = tf.mul(dy, sw) as tf.Tensor2D;
          return [productAB(g, saved[1] as tf.Tensor2D), productAtB(g, saved[0] as tf.Tensor2D), tf.mul(tf.sum(dy, 0), sb)];
        },
      };
    });
    withBiasCache.set(key, f);
  }
  return f;
}
