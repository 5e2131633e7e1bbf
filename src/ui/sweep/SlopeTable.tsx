// All fitted slopes of a sweep in one table: metric × (initialisation, after training), each as
// "−0.52 [−0.61, −0.44]", so the scaling exponents can be read (and copied) at a glance.
import { slopeText } from './sweepData';
import { STAGES, type PowerLawFit, type SweepFits, type SweepMetric } from './types';

function cell(fit: PowerLawFit | null | undefined, zero: boolean): string {
  if (zero) return '0 at init';
  if (!fit) return '–';
  return slopeText(fit);
}

export function SlopeTable({ metrics, fits }: { metrics: readonly SweepMetric[]; fits: SweepFits }) {
  const rows = metrics.filter((m) => fits[m.key]);
  if (rows.length === 0) return null;
  return (
    <details className="slope-table-box" open>
      <summary>Fitted slopes (95% interval)</summary>
      <table className="slope-table" data-testid="slope-table">
        <thead>
          <tr>
            <th scope="col">metric</th>
            <th scope="col">at initialisation</th>
            <th scope="col">after training</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((m) => (
            <tr key={m.key} data-metric={m.key}>
              <th scope="row">{m.label}</th>
              {STAGES.map((p) => (
                <td key={p}>{cell(fits[m.key]?.[p], p === 'init' && m.zeroAtInit)}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}
