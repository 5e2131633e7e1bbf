// The "Preset" menu at the top of the sidebar, with the chosen preset's one-sentence lesson.
import { useId } from 'react';
import { PRESETS, type Preset } from '../../content/presets';
import { APP_PARAM_NAMES } from '../shared/appParams';
import { configFromSearch, configToSearch, type ExperimentConfig } from '../../schema/config';
import { compareFromSearch, formatCompare, type CompareSpec } from '../../schema/compare';

/**
 * The preset whose settings are exactly the current config and compare mode, or null (custom
 * settings): `ntk-vs-mup` is `lazy-wide` with a μP run beside it, so compare is part of the match.
 */
export function presetMatching(config: ExperimentConfig, compare: CompareSpec | null = null): Preset | null {
  const mine = `${configToSearch(config)}|${compare ? formatCompare(compare) : ''}`;
  return PRESETS[presetSearches().indexOf(mine)] ?? null;
}

let canonical: string[] | null = null;
/** Each preset's settings (and its compare run, if any) as a canonical string (parsed once). */
function presetSearches(): string[] {
  canonical ??= PRESETS.map((p) => {
    const { config } = configFromSearch(p.query, APP_PARAM_NAMES);
    const spec = compareFromSearch(p.query, config).spec;
    return `${configToSearch(config)}|${spec ? formatCompare(spec) : ''}`;
  });
  return canonical;
}

export function PresetField({ current, onChoose }: { current: Preset | null; onChoose: (index: number) => void }) {
  const id = useId();
  return (
    <div className="field preset-field">
      <div className="field-head">
        <label htmlFor={id}>Preset</label>
      </div>
      <select
        id={id}
        value={current?.name ?? ''}
        aria-describedby={current ? `${id}-lesson` : undefined}
        onChange={(e) => {
          const i = PRESETS.findIndex((p) => p.name === e.currentTarget.value);
          if (i >= 0) onChoose(i);
        }}
      >
        <option value="" disabled>
          Custom settings
        </option>
        {PRESETS.map((p, i) => (
          <option key={p.name} value={p.name}>
            {i < 9 ? `${i + 1}. ` : ''}
            {p.title}
          </option>
        ))}
      </select>
      {current && (
        <p id={`${id}-lesson`} className="preset-lesson" data-testid="preset-lesson">
          {current.lesson}
        </p>
      )}
    </div>
  );
}
