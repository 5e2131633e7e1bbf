// The data-table alternative to a plot: a "Show data" disclosure with an HTML table of the plotted
// values (rows sampled evenly when there are many). Nothing is computed until it is opened.
import { useState } from 'react';
import { cellText, sampleIndices } from './dataTable';

export interface DataColumn {
  header: string;
  /** Value of row i. */
  value: (i: number) => number | string | null | undefined;
}

export interface DataTableProps {
  /** Table caption, e.g. "Loss vs step". */
  caption: string;
  columns: readonly DataColumn[];
  rowCount: number;
  maxRows?: number;
  /** Header cells of the rows (first column is a row header). Default: first column. */
  summaryLabel?: string;
}

export function DataTable({ caption, columns, rowCount, maxRows = 50, summaryLabel = 'Show data' }: DataTableProps) {
  const [open, setOpen] = useState(false);
  const idx = open ? sampleIndices(rowCount, maxRows) : [];
  return (
    <details className="data-table export-skip" onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>
        {summaryLabel}
        <span className="sr-only"> for {caption}</span>
      </summary>
      {open && (
        <div className="data-table-scroll" tabIndex={0} role="region" aria-label={`${caption}: data`}>
          {rowCount === 0 ? (
            <p className="data-table-empty">No data yet.</p>
          ) : (
            <table>
              <caption>
                {caption}
                {idx.length < rowCount ? ` (${idx.length} of ${rowCount} rows, evenly spaced)` : ''}
              </caption>
              <thead>
                <tr>
                  {columns.map((c) => (
                    <th key={c.header} scope="col">
                      {c.header}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {idx.map((i) => (
                  <tr key={i}>
                    {columns.map((c, j) =>
                      j === 0 ? (
                        <th key={c.header} scope="row">
                          {cellText(c.value(i))}
                        </th>
                      ) : (
                        <td key={c.header}>{cellText(c.value(i))}</td>
                      ),
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </div>
      )}
    </details>
  );
}
