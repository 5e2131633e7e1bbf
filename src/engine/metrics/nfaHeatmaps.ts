// The NFM/AGOP heatmaps of one hidden layer at θ₀ (read back once, cached) and now, and when the
// live app can afford the neural feature ansatz at all (docs/science.md §6).
import { tf } from '../tf';
import type { MlpSpec, Params } from '../nn/mlp';
import { displayIndices, hiddenInputSizes, nfaMatrices } from './nfa';
import type { NfaSnapshot } from '../records/runRecords';

/** Largest side of the NFM/AGOP heatmaps in snapshots (bigger layers show evenly spaced coordinates). */
const NFA_DISPLAY_MAX = 32;
/**
 * Live ('auto') NFA only while its largest product, ‖WᵀW‖²_F at n_in²·n_out multiply-adds, stays
 * below this (width 2048 with depth ≥ 2); the CLI ('always') measures it at any width.
 */
export const NFA_LIVE_MAX_COST = 2048 ** 3;

export function nfaLiveFor(spec: MlpSpec): boolean {
  return hiddenInputSizes(spec).every((nIn) => Math.min(nIn, spec.width) ** 2 * Math.max(nIn, spec.width) <= NFA_LIVE_MAX_COST);
}

export class NfaHeatmaps {
  private readonly init = new Map<number, { nfm: number[]; agop: number[] }>();

  constructor(
    private readonly spec: MlpSpec,
    private readonly xTrain: tf.Tensor2D,
    private readonly params0: Params,
  ) {}

  /** NFM and AGOP of hidden layer `layer` (clamped to 1…L) at θ₀ (cached) and at `params`. */
  async snapshot(layer: number, params: Params): Promise<NfaSnapshot> {
    const l = Math.min(Math.max(1, Math.round(layer)), this.spec.depth);
    const inputSize = hiddenInputSizes(this.spec)[l - 1];
    const index = displayIndices(inputSize, NFA_DISPLAY_MAX);
    const read = async (p: Params) => {
      const { nfm, agop } = nfaMatrices(this.spec, p, this.xTrain, l, index);
      const [a, b] = await Promise.all([nfm.data(), agop.data()]);
      tf.dispose([nfm, agop]);
      return { nfm: Array.from(a), agop: Array.from(b) };
    };
    let init = this.init.get(l);
    if (!init) {
      init = await read(this.params0);
      this.init.set(l, init);
    }
    const cur = await read(params);
    return { layer: l, inputSize, index, nfm0: init.nfm, agop0: init.agop, nfm: cur.nfm, agop: cur.agop };
  }
}
