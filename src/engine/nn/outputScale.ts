// The laziness scale α (docs/science.md §10). The model is α·(f(x; θ) − f(x; θ₀)): layerScales()
// multiplies the output layer by α, and the session subtracts the scaled network's output at θ₀
// (the centring). Its tangent kernel is α² times the α = 1 kernel, so it is trained with the raw
// step η/α²: in function space the first steps then match the α = 1 model while θ moves 1/α as far.
import type { MlpSpec } from './mlp';

/** α² of a network (1 without an output scale). */
export function outputScaleSq(spec: Pick<MlpSpec, 'outputScale'>): number {
  const a = spec.outputScale ?? 1;
  return a * a;
}

/** The raw step on θ for the model's learning rate η: η/α². */
export function rawStep(spec: Pick<MlpSpec, 'outputScale'>, eta: number): number {
  return eta / outputScaleSq(spec);
}

/**
 * λmax of the scaled model's Θ₀ in units of the α = 1 model (divided by α²): η_crit = 2N / this
 * is the same for every α, so one η means the same function-space speed at every α.
 */
export function lambdaPerScaleSq(spec: Pick<MlpSpec, 'outputScale'>, lambda: number): number {
  return lambda / outputScaleSq(spec);
}
