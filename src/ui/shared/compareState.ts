// Compare mode in the run store: the second run's rows, snapshot, meta and divergence step, updated
// from the worker's events (the compare* fields of ready/metrics/snapshot/status; protocol.ts).
import type { MetricRow, RunMeta, Snapshot } from '../../engine/records/runRecords';
import { compareApplies, compareConfigOf, runLabel, type CompareSpec } from '../../schema/compare';
import type { ExperimentConfig } from '../../schema/config';
import type { WorkerEvent } from '../../worker/protocol';

export interface CompareRun {
  spec: CompareSpec;
  /** The second run's meta (its config is the first's with spec.key = spec.value). */
  meta: RunMeta | null;
  rows: MetricRow[];
  snapshot: Snapshot | null;
  /** The step at which the second run diverged (it stopped there), or null. */
  divergedAt: number | null;
}

export function emptyCompare(spec: CompareSpec | null): CompareRun | null {
  return spec ? { spec, meta: null, rows: [], snapshot: null, divergedAt: null } : null;
}

/** The second config to send with a run's config, or null (compare off, or not applicable to this model). */
export function compareConfigFor(config: ExperimentConfig, spec: CompareSpec | null | undefined): ExperimentConfig | null {
  return spec && compareApplies(config) ? compareConfigOf(config, spec) : null;
}

/** The compare state after one event of the current run (events of other runs are dropped before). */
export function compareAfter(c: CompareRun | null, ev: WorkerEvent): CompareRun | null {
  if (!c) return c;
  switch (ev.type) {
    case 'ready':
      return { ...c, meta: ev.compareMeta ?? null, rows: [], snapshot: null, divergedAt: null };
    case 'metrics':
      return ev.compareRows?.length ? { ...c, rows: c.rows.concat(ev.compareRows) } : c;
    case 'snapshot':
      return ev.compareSnapshot ? { ...c, snapshot: ev.compareSnapshot } : c;
    case 'status': {
      const d = ev.compareDivergedAt ?? null;
      return d === c.divergedAt ? c : { ...c, divergedAt: d };
    }
    default:
      return c;
  }
}

/** Legend names of the two runs, e.g. ["width 16", "width 4096"]. */
export function compareLabels(config: ExperimentConfig, spec: CompareSpec): [string, string] {
  return [runLabel(spec.key, config), runLabel(spec.key, compareConfigOf(config, spec))];
}
