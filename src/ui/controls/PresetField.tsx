// The "Preset" menu at the top of the sidebar, with the chosen preset's one-sentence lesson.
import { useId } from 'react';
import { PRESETS, type Preset } from '../../content/presets';
import { APP_PARAM_NAMES } from '../shared/appParams';
import { configFromSearch, configToSearch, type ExperimentConfig } from '../../schema/config';

/** The preset whose settings are exactly the current config, or null (custom settings). */
export function presetMatching(config: ExperimentConfig): Preset | null {
  const mine = configToSearch(config);
  return PRESETS[presetSearches().indexOf(mine)] ?? null;
}

let canonical: string[] | null = null;
/** Each preset's settings as the canonical query string (parsed once). */
function presetSearches(): string[] {
  canonical ??= PRESETS.map((p) => configToSearch(configFromSearch(p.query, APP_PARAM_NAMES).config));
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
