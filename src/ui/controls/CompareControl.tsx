// Compare mode's control in the Lab (self-contained: it only reads the config and the current
// compare, and calls back): one-click comparisons ("narrow vs wide" first), and a field + value pair
// checked by the same schema as `?compare=` (schema/compare.ts); a bad value says why and changes
// nothing. Turning compare on trains a second run alongside, drawn on the same axes.
import { useId, useState } from 'react';
import { COMPARE_CHOICES, COMPARE_KEYS, formatCompare, parseCompare, runLabel, type CompareKey, type CompareSpec } from '../../schema/compare';
import { fieldByKey, formatFieldValue, type ExperimentConfig } from '../../schema/config';
import { RUN_COLORS } from '../plots/colors';
import './compareControl.css';

export interface CompareControlProps {
  config: ExperimentConfig;
  compare: CompareSpec | null;
  /** Turn compare on (with settings to apply to the first run, e.g. width 16 for narrow vs wide) or off. */
  onCompare: (spec: CompareSpec | null, basePatch?: Partial<ExperimentConfig>) => void;
}

/** A value to suggest for the second run when the field is picked: something visibly different. */
function suggestion(key: CompareKey, config: ExperimentConfig): string {
  const f = fieldByKey(key);
  const v = config[key];
  switch (key) {
    case 'width':
      return config.width >= 512 ? '16' : '4096';
    case 'param':
      return config.param === 'mup' ? 'ntk' : 'mup';
    case 'outputScale':
      return config.outputScale > 1 ? '1' : '30';
    case 'lr':
      return v === null ? '0.1' : 'auto';
    case 'seed':
      return String(config.seed + 1);
    default:
      if (f.kind === 'enum') return f.values.find((x) => x !== v) ?? String(f.default);
      if (f.kind === 'bool') return String(!v);
      return formatFieldValue(f, v);
  }
}

export function CompareControl({ config, compare, onCompare }: CompareControlProps) {
  const id = useId();
  const [key, setKey] = useState<CompareKey>(compare?.key ?? 'width');
  const [text, setText] = useState(compare ? formatFieldValue(fieldByKey(compare.key), compare.value) : suggestion('width', config));
  const [error, setError] = useState<string | null>(null);
  const apply = (k: CompareKey, raw: string) => {
    const r = parseCompare(`${fieldByKey(k).name}:${raw}`);
    if (!r.ok) {
      setError(r.notice.replace(/^compare=("[^"]*") is not valid: /, '').replace(/; compare mode is off\.$/, '.'));
      return;
    }
    setError(null);
    onCompare(r.spec);
  };
  const on = compare !== null;
  return (
    <details className="compare-control" data-testid="compare-control" open={on || undefined}>
      <summary id={`${id}-title`} className="compare-title">
        Compare two runs{on ? ': on' : ''}
      </summary>
      <div className="compare-choices" role="group" aria-label="One-click comparisons">
        {COMPARE_CHOICES.map((c) => {
          const active = compare !== null && formatCompare(compare) === formatCompare(c.spec) && Object.entries(c.base).every(([k, v]) => config[k as keyof ExperimentConfig] === v);
          return (
            <button
              key={c.label}
              type="button"
              className={`btn btn-small${active ? ' btn-primary' : ''}`}
              aria-pressed={active}
              onClick={() => {
                setKey(c.spec.key);
                setText(formatFieldValue(fieldByKey(c.spec.key), c.spec.value));
                setError(null);
                onCompare(c.spec, c.base);
              }}
            >
              {c.label}
            </button>
          );
        })}
      </div>
      <div className="compare-custom">
        <label htmlFor={`${id}-field`}>Second run: same, but</label>
        <select
          id={`${id}-field`}
          value={key}
          onChange={(e) => {
            const k = e.currentTarget.value as CompareKey;
            setKey(k);
            const s = suggestion(k, config);
            setText(s);
            if (on) apply(k, s);
          }}
        >
          {COMPARE_KEYS.map((k) => (
            <option key={k} value={k}>
              {fieldByKey(k).label}
            </option>
          ))}
        </select>
        <label htmlFor={`${id}-value`} className="sr-only">
          Value of the second run
        </label>
        <input
          id={`${id}-value`}
          value={text}
          size={7}
          aria-invalid={error !== null}
          aria-describedby={error ? `${id}-error` : undefined}
          onChange={(e) => setText(e.currentTarget.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') apply(key, text);
          }}
        />
        <button type="button" className="btn btn-small" onClick={() => apply(key, text)}>
          {on ? 'Update' : 'Compare'}
        </button>
        {on && (
          <button type="button" className="btn btn-small" onClick={() => onCompare(null)}>
            Off
          </button>
        )}
      </div>
      {error && (
        <p id={`${id}-error`} className="compare-error" role="alert">
          {error}
        </p>
      )}
      {compare && (
        <p className="compare-legend" data-testid="compare-legend">
          <i style={{ background: RUN_COLORS[0] }} /> {runLabel(compare.key, config)} <i style={{ background: RUN_COLORS[1] }} /> {runLabel(compare.key, { ...config, [compare.key]: compare.value })}
          <span className="compare-note"> · same data, seed and steps; drawn on shared axes</span>
        </p>
      )}
    </details>
  );
}

/** The one-click toggle next to the Narrow / Wide buttons: both widths side by side, or back to one run. */
export function CompareToggle({ config, compare, onCompare, narrow, wide }: CompareControlProps & { narrow: number; wide: number }) {
  const on = compare !== null && compare.key === 'width' && compare.value === wide && config.width === narrow;
  return (
    <button
      type="button"
      className="btn btn-small"
      aria-pressed={on}
      title={`Train width ${narrow} and width ${wide} together on the same data and seed, drawn on shared axes`}
      onClick={() => (on ? onCompare(null) : onCompare({ key: 'width', value: wide }, { width: narrow }))}
    >
      Both side by side
    </button>
  );
}
