// HTML legend for line plots. Each entry is a button (toggles the series) whose formula appears in
// a KaTeX tooltip on hover AND on keyboard focus; the tooltip is linked with aria-describedby.
import { useId, useState } from 'react';
import { Formula } from '../../content/Formula';

export interface LegendItem {
  key: string;
  label: string;
  color: string;
  dash?: string;
  tex?: string;
  note?: string;
  hidden?: boolean;
  /** Drawn as dots rather than a line. */
  dots?: boolean;
}

export interface LegendProps {
  items: LegendItem[];
  onToggle?: (key: string) => void;
}

export function Swatch({ color, dash, dots }: { color: string; dash?: string; dots?: boolean }) {
  return (
    <svg className="legend-swatch" width={22} height={10} aria-hidden="true">
      {dots ? (
        <circle cx={11} cy={5} r={3.2} fill={color} />
      ) : (
        <line x1={1} x2={21} y1={5} y2={5} stroke={color} strokeWidth={2.2} strokeDasharray={dash} strokeLinecap="round" />
      )}
    </svg>
  );
}

export function Legend({ items, onToggle }: LegendProps) {
  const base = useId().replace(/[^a-zA-Z0-9_-]/g, '');
  const [open, setOpen] = useState<string | null>(null);
  return (
    <ul className="legend" aria-label="Legend">
      {items.map((it) => {
        const tipId = `${base}-tip-${it.key}`;
        const hasTip = Boolean(it.tex || it.note);
        return (
          <li key={it.key} className="legend-item" data-series={it.key}>
            <button
              type="button"
              className={it.hidden ? 'legend-button is-hidden' : 'legend-button'}
              aria-pressed={onToggle ? !it.hidden : undefined}
              aria-describedby={hasTip ? tipId : undefined}
              title={onToggle ? undefined : it.label}
              onClick={onToggle ? () => onToggle(it.key) : undefined}
              onMouseEnter={() => setOpen(it.key)}
              onMouseLeave={() => setOpen((o) => (o === it.key ? null : o))}
              onFocus={() => setOpen(it.key)}
              onBlur={() => setOpen((o) => (o === it.key ? null : o))}
              onKeyDown={(e) => {
                if (e.key === 'Escape') setOpen(null);
              }}
            >
              <Swatch color={it.color} dash={it.dash} dots={it.dots} />
              <span className="legend-label">{it.label}</span>
            </button>
            {hasTip && (
              <div id={tipId} role="tooltip" className={open === it.key ? 'legend-tooltip is-open' : 'legend-tooltip'}>
                {it.tex && <Formula tex={it.tex} display />}
                {it.note && <p className="legend-note">{it.note}</p>}
                {onToggle && <p className="legend-hint">Click to {it.hidden ? 'show' : 'hide'} this series.</p>}
              </div>
            )}
          </li>
        );
      })}
    </ul>
  );
}
