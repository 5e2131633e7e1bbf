// `ntk --infinite`: the infinite-width kernels on the dumped training points (docs/science.md §11).
import type { MlpSpec } from '../engine/nn/mlp';
import { infiniteKernels, parametrizationLimit } from '../engine/infinite/recursion';
import { relativeFrobenius } from '../engine/linalg/frobenius';
import { dualMethod } from '../engine/infinite/dualKernels';

const rows = (flat: ArrayLike<number>, n: number): number[][] => Array.from({ length: n }, (_, i) => Array.from(flat).slice(i * n, i * n + n));

/** ntkInf, nngpInf (n × n), kernelGapInf = ‖Θ₀ − Θ∞‖_F/‖Θ∞‖_F and a note; ntkInf null where there is no finite limit. */
export function infiniteDump(spec: MlpSpec, x: ArrayLike<number>, ntk0: ArrayLike<number>, n: number) {
  const limit = parametrizationLimit(spec);
  const infiniteNote = `${dualMethod(spec.activation)}, float64; ${limit.note}`;
  if (!limit.ntk) {
    // Σ∞ of the standard parametrization is the NTK parametrization's (the same f at θ₀)
    const k = infiniteKernels({ ...spec, param: 'ntk' }, x);
    return { ntkInf: null, nngpInf: rows(k.nngp, n), kernelGapInf: null, infiniteNote };
  }
  const k = infiniteKernels(spec, x);
  return { ntkInf: rows(k.ntk, n), nngpInf: rows(k.nngp, n), kernelGapInf: relativeFrobenius(ntk0, k.ntk), infiniteNote };
}
