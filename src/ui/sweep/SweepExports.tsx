// The Sweep sidebar's export buttons: the four sweep files, exactly as the CLI writes them.
import { useMemo } from 'react';
import { downloadText, MIME } from '../export';
import { sweepExportFiles, type SweepExportFiles } from './sweepExport';
import type { SweepView } from './useSweep';

const FILES: { name: keyof SweepExportFiles; mime: string }[] = [
  { name: 'runs.csv', mime: MIME.csv },
  { name: 'summary.csv', mime: MIME.csv },
  { name: 'fits.json', mime: MIME.json },
  { name: 'sweep.json', mime: MIME.json },
];

export function SweepExports({ view }: { view: SweepView }) {
  const files = useMemo(() => sweepExportFiles(view), [view]);
  return (
    <div className="export-buttons">
      {FILES.map((f) => (
        <button key={f.name} type="button" className="btn btn-small" disabled={!files} onClick={() => files && downloadText(files[f.name], f.name, f.mime)}>
          {f.name}
        </button>
      ))}
      <p className="field-hint">The same four files as <code>tangent-lab sweep</code> (runs, per-width summary, fits with the η rule, manifest); each plot also saves as SVG or PNG.</p>
    </div>
  );
}
