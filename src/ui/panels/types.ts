// The one props shape every panel takes, so App can lay panels out uniformly and new panels
// (scaling lab, NFA, early-time) slot in without touching the others.
import type { MetricRow, RunMeta, Snapshot } from '../../engine/records/runRecords';
import type { EarlySweepState, RunView } from '../shared/useRun';
import type { ComparePanelData } from './compareSeries';

export interface PanelProps {
  meta: RunMeta | null;
  /** Every logged row of the current run, in step order. */
  rows: MetricRow[];
  /** The latest function/NTK snapshot of the current run. */
  snapshot: Snapshot | null;
  /** The step under the pointer in any step-indexed plot (shared highlight), or null. */
  hoverStep: number | null;
  onHoverStep: (step: number | null) => void;
  /** Probe-point index chosen for the 𝔆^{0,2} pair heatmap. */
  pairIndex: number;
  onPairIndex: (index: number) => void;
  /** Divergence step, when the run diverged. */
  divergedAt: number | null;
  /** Hidden layer chosen for the NFM/AGOP heatmaps (null: the run's default). */
  nfaLayer?: number | null;
  onNfaLayer?: (layer: number) => void;
  /** The early-time model's earlyGap-vs-width mini sweep, and the action that starts it. */
  earlySweep?: EarlySweepState;
  onEarlySweep?: () => void;
  /** Compare mode: the second run (one setting changed), drawn on the same axes by the core panels. */
  compare?: ComparePanelData | null;
}

/** The part of PanelProps read from the run's view (App and the embed): the clamped pair index and the divergence step. */
export function runPanelProps(view: Pick<RunView, 'meta' | 'rows' | 'snapshot' | 'pairIndex' | 'state' | 'divergedAt'>): Pick<PanelProps, 'meta' | 'rows' | 'snapshot' | 'pairIndex' | 'divergedAt'> {
  return {
    meta: view.meta,
    rows: view.rows,
    snapshot: view.snapshot,
    pairIndex: view.meta && view.meta.probe.count > 0 ? Math.min(view.pairIndex, view.meta.probe.count - 1) : view.pairIndex,
    divergedAt: view.state === 'diverged' ? view.divergedAt : null,
  };
}
