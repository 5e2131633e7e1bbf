// A snapshot of a run: function values on the grid (network and twin), Θ on the probe set and its
// spectrum, the 𝔆^{0,2} pair matrix of one probe point, and the NFM/AGOP heatmaps of one layer.
import { tf } from '../tf';
import { forward, type Params } from '../nn/mlp';
import { ntkLayerwise } from '../metrics/ntk';
import { symmetricEigenvalues } from '../linalg/symmetricEigen';
import { reorderSquare } from '../metrics/probe';
import { pairMatrix } from '../metrics/correlations';
import type { Snapshot } from '../records/runRecords';
import type { RunState } from './startup';

/** How many test points (the first ones) a snapshot evaluates when the inputs have no grid (d > 2). */
export const TEST_SAMPLE_SIZE = 12;

/**
 * The snapshot of `state`'s run at parameters `params` after `step` updates; the pair matrix for
 * x = probe point `pairIndex` (a probe index, clamped; omit to skip it), the NFA heatmaps of
 * hidden layer `nfaLayer` (omit to skip them).
 */
export async function takeSnapshot(state: RunState, params: Params, step: number, opts: { pairIndex?: number; nfaLayer?: number } = {}): Promise<Snapshot> {
  const s = state;
  const nTest = s.config.test;
  const order = s.probe.order;
  const pairIndex = opts.pairIndex === undefined ? null : Math.min(Math.max(0, Math.round(opts.pairIndex)), s.probe.count - 1);
  // High-dimensional inputs have no grid: the first few test points stand in for it (digits panel).
  const nSample = s.data.inputDim > 2 ? Math.min(TEST_SAMPLE_SIZE, nTest) : 0;
  const nGrid = s.twin.nEval - nTest;
  // g = f − c (the centring; c = 0 when not centred)
  const cGrid = () => tf.slice(s.cEval, nTest, nGrid);
  const cSample = () => tf.slice(s.cEval, 0, nSample);
  const [fGrid, fLinGrid, fSample, fLinSample, k, pair] = tf.tidy(() => [
    tf.sub(forward(s.spec, params, s.xGrid), cGrid()),
    tf.sub(tf.slice(s.twin.fEval, nTest, nGrid), cGrid()),
    nSample > 0 ? tf.sub(forward(s.spec, params, tf.slice(s.xTest, 0, nSample) as tf.Tensor2D), cSample()) : tf.zeros([0]),
    tf.sub(tf.slice(s.twin.fEval, 0, nSample), cSample()),
    ntkLayerwise(s.spec, params, s.xProbe),
    pairIndex === null ? tf.zeros([0]) : pairMatrix(s.spec, params, tf.slice(s.xProbe, [pairIndex, 0], [1, -1]) as tf.Tensor2D, s.xProbe),
  ]);
  const inf = s.machine?.snapshot(nTest, nGrid, nSample, s.cEval);
  const [fg, fl, fs, fls, kv, pv, infValues] = await Promise.all([fGrid.data(), fLinGrid.data(), fSample.data(), fLinSample.data(), k.data(), pair.data(), inf ?? {}]);
  tf.dispose([fGrid, fLinGrid, fSample, fLinSample, k, pair]);
  const nfa = opts.nfaLayer === undefined ? null : await s.nfaHeatmaps.snapshot(opts.nfaLayer, params);
  return {
    ...(nfa ? { nfa } : {}),
    ...(pairIndex === null ? {} : { pair: { index: pairIndex, matrix: Float32Array.from(reorderSquare(pv, order)) } }),
    ...(nSample > 0 ? { fTestSample: Float32Array.from(fs), fLinTestSample: Float32Array.from(fls) } : {}),
    ...infValues,
    step,
    fGrid: Float32Array.from(fg),
    fLinGrid: Float32Array.from(fl),
    ntkT: Float32Array.from(reorderSquare(kv, order)),
    eigT: Float64Array.from(symmetricEigenvalues(kv, s.probe.count)),
  };
}

/** Default hidden layer for the NFM/AGOP heatmaps: the first, unless its input is 1-D or 2-D. */
export function defaultNfaLayer(state: Pick<RunState, 'data' | 'spec'>): number {
  return state.data.inputDim >= 3 || state.spec.depth === 1 ? 1 : 2;
}
