// A card around one sweep plot: title, optional controls and note, and SVG / PNG export of the
// card's body (plot, legend with the fitted slopes, note) through the shared export utilities.
import { useRef, useState, type ReactNode } from 'react';
import { downloadBlob, downloadText, MIME, panelToSvg, svgToPng } from '../export';

export interface PlotCardProps {
  title: string;
  /** File name stem for the exports, e.g. "sweep-ntkDrift". */
  fileStem: string;
  note?: ReactNode;
  controls?: ReactNode;
  children: ReactNode;
  testId?: string;
}

export function PlotCard({ title, fileStem, note, controls, children, testId }: PlotCardProps) {
  const ref = useRef<HTMLElement | null>(null);
  const [error, setError] = useState<string | null>(null);
  const save = async (format: 'svg' | 'png') => {
    const el = ref.current;
    if (!el) return;
    try {
      const { svg, width, height } = panelToSvg(el, title);
      if (format === 'svg') downloadText(svg, `${fileStem}.svg`, MIME.svg);
      else downloadBlob(await svgToPng(svg, width, height, 2), `${fileStem}.png`);
      setError(null);
    } catch (e) {
      setError(`${format.toUpperCase()} export failed: ${(e as Error).message}`);
    }
  };
  return (
    <section className="panel tl-panel sweep-card" aria-label={title} ref={ref} data-testid={testId}>
      <header className="panel-header">
        <h3 className="panel-title">{title}</h3>
        <div className="panel-controls">
          {controls}
          <button type="button" className="btn btn-small" onClick={() => void save('svg')} aria-label={`Save ${title} as SVG`}>
            SVG
          </button>
          <button type="button" className="btn btn-small" onClick={() => void save('png')} aria-label={`Save ${title} as PNG`}>
            PNG
          </button>
        </div>
      </header>
      <div className="panel-body">
        {children}
        {note && <p className="plot-note">{note}</p>}
      </div>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
