// A card around one sweep plot: title, optional note, and SVG / PNG export of the plot inside.
import { useRef, useState, type ReactNode } from 'react';
import { downloadBlob, downloadText, serializeSvg, svgToPng } from './download';

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
  const svg = () => ref.current?.querySelector<SVGSVGElement>('svg.plot-svg') ?? null;
  // The legend (series names, fitted slopes) is HTML on the page: written above the exported plot.
  const caption = () => Array.from(ref.current?.querySelectorAll('.legend-item') ?? [], (li) => Array.from(li.children, (c) => c.textContent ?? '').join(' ').replace(/\s+/g, ' ').trim()).filter(Boolean);
  const svgDocument = (el: SVGSVGElement) => serializeSvg(el, title, caption());
  const saveSvg = () => {
    const el = svg();
    if (el) downloadText(`${fileStem}.svg`, svgDocument(el), 'image/svg+xml');
  };
  const savePng = async () => {
    const el = svg();
    if (!el) return;
    try {
      const text = svgDocument(el);
      const [, w, h] = /viewBox="0 0 ([\d.]+) ([\d.]+)"/.exec(text) ?? [];
      downloadBlob(`${fileStem}.png`, await svgToPng(text, Number(w), Number(h), 2));
      setError(null);
    } catch (e) {
      setError(`PNG export failed: ${(e as Error).message}`);
    }
  };
  return (
    <section className="panel tl-panel sweep-card" aria-label={title} ref={ref} data-testid={testId}>
      <header className="panel-header">
        <h3 className="panel-title">{title}</h3>
        <div className="panel-controls">
          {controls}
          <button type="button" className="btn btn-small" onClick={saveSvg} aria-label={`Save ${title} as SVG`}>
            SVG
          </button>
          <button type="button" className="btn btn-small" onClick={() => void savePng()} aria-label={`Save ${title} as PNG`}>
            PNG
          </button>
        </div>
      </header>
      {children}
      {note && <p className="plot-note">{note}</p>}
      {error && <p className="field-error" role="alert">{error}</p>}
    </section>
  );
}
