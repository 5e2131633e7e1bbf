// The common panel chrome: title, optional controls (e.g. the log-x toggle), PNG/SVG export
// buttons, an "Explain" disclosure holding the explanation and its formula (KaTeX), and the plot(s).
import { createContext, useContext, useEffect, useId, useMemo, useRef, useState, type ReactNode } from 'react';
import type { ImageFormat } from '../export/panelExport';
import { Formula } from '../../content/Formula';
import type { PanelText } from '../../content/explanations';
import { usePlotLayout } from './plotLayout';
import { formulaPieces } from './formulaPieces';
import './plots.css';

export interface PanelFrameProps {
  text: PanelText;
  /** data-panel attribute, for tests and styling. */
  id: string;
  controls?: ReactNode;
  children: ReactNode;
  /** Live readouts under the plot (left out in a compact box). */
  footer?: ReactNode;
  /** More explanation (why it matters, caveats): inside the disclosure, after the formula. */
  about?: ReactNode;
  className?: string;
}

/**
 * What tells this panel apart from another copy of it on the same page (e.g. the tour's side-by-side
 * figures): when set, the panel's region is named "title — context" so every landmark is unique.
 */
export const PanelContext = createContext<string | null>(null);

export function PanelFrame({ text, id, controls, children, footer, about, className }: PanelFrameProps) {
  const headingId = 'h-' + useId().replace(/[^a-zA-Z0-9_-]/g, '');
  const ref = useRef<HTMLElement>(null);
  const context = useContext(PanelContext);
  const { fill, compact } = usePlotLayout();
  const name = context ? { 'aria-label': `${text.title} — ${context}` } : { 'aria-labelledby': headingId };
  const classes = ['panel', 'tl-panel', fill && 'is-fill', compact && 'is-compact', className];
  return (
    <section ref={ref} className={classes.filter(Boolean).join(' ')} {...name} data-panel={id}>
      <header className="panel-header">
        <h2 className="panel-title" id={headingId} aria-label={text.title}>
          {text.titleTex ? <Formula tex={text.titleTex} /> : text.title}
        </h2>
        <details className="panel-about export-skip">
          <summary aria-label={`Explain: ${text.title}`}>
            <span className="panel-about-label">Explain</span>
          </summary>
          <div className="panel-about-body">
            <p className="panel-summary">{text.summary}</p>
            <ScrollableFormula tex={text.tex} label={`Formula: ${text.title}`} />
            {about}
          </div>
        </details>
        <div className="panel-controls">
          {controls}
          <ExportButtons title={text.title} panel={ref} />
        </div>
      </header>
      <div className="panel-body">{children}</div>
      {footer && !compact && <div className="panel-footer">{footer}</div>}
    </section>
  );
}

/** A small labelled checkbox toggle used for "log x"; ariaLabel names it apart from its twins in other panels. */
export function Toggle({ label, checked, onChange, ariaLabel }: { label: string; checked: boolean; onChange: (v: boolean) => void; ariaLabel?: string }) {
  return (
    <label className="plot-toggle">
      <input type="checkbox" checked={checked} aria-label={ariaLabel} onChange={(e) => onChange(e.target.checked)} />
      <span>{label}</span>
    </label>
  );
}

/** "PNG" and "SVG" buttons that download the panel; a failure is reported next to them. */
function ExportButtons({ title, panel }: { title: string; panel: { current: HTMLElement | null } }) {
  const [error, setError] = useState<string | null>(null);
  const run = (format: ImageFormat) => {
    const el = panel.current;
    if (!el) return;
    setError(null);
    // The export code (SVG serialisation, PNG rendering) loads on the first click.
    import('../export/panelExport')
      .then(({ exportPanel }) => exportPanel(el, title, format))
      .catch((e: unknown) => setError(`Export failed: ${e instanceof Error ? e.message : String(e)}`));
  };
  return (
    <span className="export-buttons export-skip">
      {(['png', 'svg'] as const).map((f) => (
        <button key={f} type="button" className="export-button" aria-label={`Download ${title} as ${f.toUpperCase()}`} title={`Download as ${f.toUpperCase()}`} onClick={() => run(f)}>
          {f.toUpperCase()}
        </button>
      ))}
      {error && (
        <span className="export-error" role="alert">
          {error}
        </span>
      )}
    </span>
  );
}

/**
 * The panel's display formula. It wraps between its equations (formulaPieces) when the panel is
 * narrow; a piece still wider than the panel is drawn smaller (down to MIN_FORMULA_SCALE), and
 * only below that does it scroll sideways, focusable so that keyboard users can scroll it too.
 */
function ScrollableFormula({ tex, label }: { tex: string; label: string }) {
  const ref = useRef<HTMLDivElement>(null);
  const [scrolls, setScrolls] = useState(false);
  const [scale, setScale] = useState(1);
  const pieces = useMemo(() => formulaPieces(tex), [tex]);
  useEffect(() => {
    const el = ref.current;
    if (!el || typeof ResizeObserver === 'undefined') return;
    let current = 1;
    const check = () => {
      // the widest piece at scale 1 (its width now ÷ the scale it is drawn at)
      let widest = 0;
      for (const k of el.querySelectorAll<HTMLElement>('.katex-display > .katex')) widest = Math.max(widest, k.scrollWidth / current);
      const room = el.clientWidth - 2;
      const next = widest > room && room > 0 ? Math.max(MIN_FORMULA_SCALE, Math.floor((room / widest) * 100) / 100) : 1;
      if (next !== current) {
        current = next;
        setScale(next);
      }
      setScrolls(el.scrollWidth > el.clientWidth + 1);
    };
    const ro = new ResizeObserver(check);
    // The content changes width without the frame resizing: KaTeX arrives after the first paint
    // and replaces the TeX source, then its fonts load. Watch the formula's runs of glyphs (the
    // display block itself keeps the frame's width) and the fonts too.
    const observe = () => {
      ro.disconnect();
      ro.observe(el);
      for (const c of el.querySelectorAll('.katex-html > .base')) ro.observe(c);
      check();
    };
    observe();
    const mo = typeof MutationObserver === 'undefined' ? null : new MutationObserver(observe);
    mo?.observe(el, { childList: true, subtree: true });
    const fonts = typeof document === 'undefined' ? undefined : document.fonts;
    fonts?.addEventListener('loadingdone', check);
    return () => {
      ro.disconnect();
      mo?.disconnect();
      fonts?.removeEventListener('loadingdone', check);
    };
  }, [tex]);
  return (
    <div
      ref={ref}
      className="panel-formula"
      style={scale === 1 ? undefined : { fontSize: `${(12.5 * scale).toFixed(2)}px` }}
      data-scale={scale}
      tabIndex={scrolls ? 0 : undefined}
      role={scrolls ? 'region' : undefined}
      aria-label={scrolls ? label : undefined}
    >
      {pieces.map((p, i) => (
        <div key={i} className="panel-formula-piece">
          <Formula tex={p} display />
        </div>
      ))}
    </div>
  );
}

/** The smallest scale a formula piece is drawn at before it scrolls (12.5 px × 0.7 ≈ 9 px base, KaTeX draws 1.21× that). */
const MIN_FORMULA_SCALE = 0.7;
