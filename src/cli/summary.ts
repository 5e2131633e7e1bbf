// `train`'s closing line: the run's measured learning-rate phase and its evidence (src/engine/lr/phase.ts),
// as {"summary": {…}} with --json (non-finite numbers as null), or one "# phase …" comment line.
import { lrPhaseSummary } from '../engine/lr/phase';
import type { MetricRow } from '../engine/records/runRecords';

const r = (v: number | null): number | null => (v === null ? null : Number(v.toPrecision(7)));

export function summaryLine(rows: readonly MetricRow[], lr: number, diverged: boolean, json: boolean): string {
  const s = lrPhaseSummary(rows, lr, diverged);
  if (json) {
    const o: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(s)) o[k] = typeof v === 'number' ? r(v) : v;
    return JSON.stringify({ summary: o });
  }
  const f = (v: number | null) => (v === null ? '—' : String(r(v)));
  return (
    `# phase (measured): ${s.phase ?? 'undecided (no sharpness rows)'}; η/η_c = ${f(s.lrOverCritical)}, η·S max ${f(s.etaSharpnessMax)}, ` +
    `S₀ ${f(s.sharpness0)} → S_final ${f(s.sharpnessFinal)}, loss peak/start ${f(s.lossPeakRatio)}, ` +
    `twin ${s.twinDiverged ? `diverged at step ${s.twinDivergedStep}` : 'stable'}`
  );
}
