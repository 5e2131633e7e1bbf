// The single entry to TensorFlow.js for the engine: tfjs-core plus gradient and chained-op
// registration (tfjs-core alone registers neither). Backends are imported by whoever picks one.
// tfjs-core must be evaluated first: the registration modules read its environment flags, and
// with Vite's dev-server pre-bundling they would otherwise run before the flags exist.
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import '@tensorflow/tfjs-core/dist/public/chained_ops/register_all_chained_ops';

export { tf };
export type Tensor = tf.Tensor;
export type Tensor1D = tf.Tensor1D;
export type Tensor2D = tf.Tensor2D;
