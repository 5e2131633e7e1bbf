// A native <input type="range"> over a list of allowed values (log-spaced for Width and the
// learning rate): arrow keys move one value, the value is shown beside the label and announced
// through aria-valuetext. An optional marker (0…1 along the track) flags a special value.
import type { CSSProperties, ReactNode } from 'react';

export interface DiscreteSliderProps {
  id: string;
  label: string;
  values: readonly number[];
  value: number;
  format: (v: number) => string;
  onChange: (v: number) => void;
  /** Text shown after the value (e.g. "auto"). */
  suffix?: ReactNode;
  marker?: { position: number; title: string; label: string } | null;
  describedBy?: string;
  disabled?: boolean;
  warn?: boolean;
  children?: ReactNode;
}

/** Index of the value nearest to v on a log scale (values positive) or linear otherwise. */
export function nearestIndex(values: readonly number[], v: number): number {
  let best = 0;
  let bestD = Infinity;
  const useLog = values[0] > 0 && v > 0;
  for (let i = 0; i < values.length; i++) {
    const d = useLog ? Math.abs(Math.log(values[i] / v)) : Math.abs(values[i] - v);
    if (d < bestD) {
      bestD = d;
      best = i;
    }
  }
  return best;
}

export function DiscreteSlider(props: DiscreteSliderProps) {
  const { id, label, values, value, format, onChange, suffix, marker, describedBy, disabled, warn, children } = props;
  const idx = nearestIndex(values, value);
  const shown = format(value);
  return (
    <div className={`field slider-field${warn ? ' is-warn' : ''}`}>
      <div className="field-head">
        <label htmlFor={id}>{label}</label>
        <output htmlFor={id} className="field-value" aria-live="off">
          {shown}
          {suffix}
        </output>
      </div>
      <div className="slider-track" style={marker ? ({ '--marker': String(marker.position) } as CSSProperties) : undefined}>
        <input
          id={id}
          type="range"
          min={0}
          max={values.length - 1}
          step={1}
          value={idx}
          disabled={disabled}
          aria-valuetext={shown}
          aria-describedby={describedBy}
          onChange={(e) => {
            const v = values[Number(e.currentTarget.value)];
            if (v !== undefined) onChange(v);
          }}
        />
        {marker && (
          <span className="slider-marker" title={marker.title} aria-hidden="true">
            <span className="slider-marker-label">
              {marker.label.slice(0, -1)}
              <sub>{marker.label.slice(-1)}</sub>
            </span>
          </span>
        )}
      </div>
      {children}
    </div>
  );
}
