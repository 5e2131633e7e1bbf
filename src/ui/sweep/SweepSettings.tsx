// The Sweep sidebar: widths, seeds per width, steps and the learning-rate width exponent κ; for a
// phase sweep the output scales α and the parametrizations; Run and Cancel; the progress bar (run
// k of K, elapsed, ETA); and the export buttons.
import { formatEstimate, sweepMs } from './sweepEstimate';
import { useId, useState, type ReactNode } from 'react';
import type { ExperimentConfig, Parametrization } from '../../schema/config';
import { PARAMETRIZATIONS, PARAMETRIZATION_LABELS, fieldByKey } from '../../schema/config';
import { LR_SCALE_RANGE, OUTPUT_SCALE_RANGE, isPhaseSweep, parseLrScaleList, parseOutputScaleList } from '../../schema/sweep';
import { NumberListField } from './NumberListField';
import { Field } from '../controls/Field';
import { SelectField } from '../controls/SelectField';
import { LR_WIDTH_EXP_RANGE, SEEDS_RANGE, WIDTH_CHOICES, sweepFormError, type SweepSettings } from './sweepUrl';
import type { SweepView } from './useSweep';
import { formatDuration } from './sweepData';

export interface SweepSettingsProps {
  settings: SweepSettings;
  config: ExperimentConfig;
  onSettings: (s: SweepSettings) => void;
  onSteps: (steps: number) => void;
  view: SweepView;
  onRun: () => void;
  onCancel: () => void;
  exports: ReactNode;
}

const running = (v: SweepView) => v.status === 'running' || v.status === 'starting';

/** A number input that accepts what the user types and commits only valid values (else shows why). */
function NumberField({ label, value, min, max, step, integer, hint, onCommit, disabled }: {
  label: string;
  value: number;
  min: number;
  max: number;
  step: number;
  integer: boolean;
  hint?: string;
  onCommit: (v: number) => void;
  disabled?: boolean;
}) {
  const id = useId();
  const [text, setText] = useState<string | null>(null);
  const shown = text ?? String(value);
  const v = Number(shown);
  const valid = shown.trim() !== '' && Number.isFinite(v) && v >= min && v <= max && (!integer || Number.isInteger(v));
  return (
    <Field id={id} label={label} error={!valid} hint={valid ? (hint ?? '') : `Enter ${integer ? 'a whole number' : 'a number'} from ${min} to ${max}; keeping ${value}.`}>
      <input
        id={id}
        type="number"
        inputMode={integer ? 'numeric' : 'decimal'}
        min={min}
        max={max}
        step={step}
        value={shown}
        disabled={disabled}
        aria-invalid={!valid}
        aria-describedby={`${id}-hint`}
        onChange={(e) => {
          const t = e.currentTarget.value;
          setText(t);
          const n = Number(t);
          if (t.trim() !== '' && Number.isFinite(n) && n >= min && n <= max && (!integer || Number.isInteger(n))) onCommit(n);
        }}
        onBlur={() => setText(null)}
      />
    </Field>
  );
}

/** The output scales α as a comma-separated list; empty = the Lab's α. Commits only valid lists (else shows why). */
function OutputScalesField({ value, fallback, disabled, onCommit }: { value: number[] | null; fallback: number; disabled: boolean; onCommit: (v: number[] | null) => void }) {
  return (
    <NumberListField
      label="Output scales α"
      value={value}
      disabled={disabled}
      placeholder={`${fallback} (the Lab’s), e.g. 1,3,10,30`}
      fallbackText={String(fallback)}
      parse={parseOutputScaleList}
      onCommit={onCommit}
      hint={`Comma-separated, ${OUTPUT_SCALE_RANGE[0]} to ${OUTPUT_SCALE_RANGE[1]}; the model is α·(f − f₀) trained with the raw step η/α² (the lazy-training scale). Empty: the Lab’s α = ${fallback}.`}
    />
  );
}

/** Learning-rate scales c (η = c·η_c of each run's θ₀): the learning-rate × width phase diagram. */
function LrScalesField({ value, disabled, onCommit }: { value: number[] | null; disabled: boolean; onCommit: (v: number[] | null) => void }) {
  return (
    <NumberListField
      label="Learning-rate scales c (η = c·η_c)"
      value={value}
      disabled={disabled}
      placeholder="none, e.g. 0.5,1,1.5,2,3"
      fallbackText="none"
      parse={parseLrScaleList}
      onCommit={onCommit}
      hint={`Comma-separated, ${LR_SCALE_RANGE[0]} to ${LR_SCALE_RANGE[1]}: each run trains at c times the critical rate 2N/λmax(Θ₀) of its own θ₀ and gets a measured phase (lazy, catapult, edge of stability, diverged). Empty: η as set above.`}
    />
  );
}

export function SweepSettingsPanel({ settings, config, onSettings, onSteps, view, onRun, onCancel, exports }: SweepSettingsProps) {
  const busy = running(view);
  const scales = settings.outputScales ?? [config.outputScale];
  const params = settings.params ?? [config.param];
  const phase = isPhaseSweep({ outputScales: scales, params, lrScales: settings.lrScales ?? undefined });
  const lrCount = settings.lrScales?.length ?? 0;
  const runs = params.length * scales.length * Math.max(1, lrCount) * settings.widths.length * settings.seeds;
  // The same schema as the URL, the CLI and the worker: its message when these settings cannot run.
  const specError = sweepFormError(config, settings);
  const id = useId();
  const stepsField = fieldByKey('steps');
  const toggleWidth = (w: number) => {
    const has = settings.widths.includes(w);
    const widths = has ? settings.widths.filter((x) => x !== w) : [...settings.widths, w].sort((a, b) => a - b);
    onSettings({ ...settings, widths });
  };
  const p = view.progress;
  const pct = view.status === 'done' ? 100 : p ? Math.floor(p.fraction * 100) : 0;
  const lrNote =
    config.lr === null
      ? 'η is automatic, so κ is not used; set η in the Lab to scale it with width.'
      : settings.lrWidthExp === 0
        ? `η = ${config.lr} at every width: η·t is the same in every run.`
        : `η = ${config.lr}·n^κ (${config.lr} is the rate at width 1): η·t changes with width.`;
  return (
    <div className="sweep-settings">
      <fieldset className="settings-group">
        <legend>Widths</legend>
        <div className="width-chips" role="group" aria-label="Widths">
          {WIDTH_CHOICES.map((w) => (
            <label key={w} className={settings.widths.includes(w) ? 'chip is-on' : 'chip'}>
              <input type="checkbox" checked={settings.widths.includes(w)} disabled={busy} onChange={() => toggleWidth(w)} />
              {w}
            </label>
          ))}
        </div>
        {settings.widths.some((w) => !WIDTH_CHOICES.includes(w)) && (
          <p className="field-hint">Also from the address: {settings.widths.filter((w) => !WIDTH_CHOICES.includes(w)).join(', ')}</p>
        )}
      </fieldset>
      <fieldset className="settings-group">
        <legend>Runs</legend>
        <NumberField
          label="Seeds per width"
          value={settings.seeds}
          min={SEEDS_RANGE[0]}
          max={SEEDS_RANGE[1]}
          step={1}
          integer
          disabled={busy}
          hint="Each seed draws new initial weights; the data stay the same."
          onCommit={(seeds) => onSettings({ ...settings, seeds })}
        />
        <NumberField
          label="Steps"
          value={config.steps}
          min={stepsField.kind === 'int' ? stepsField.min : 1}
          max={stepsField.kind === 'int' ? stepsField.max : 1e6}
          step={50}
          integer
          disabled={busy}
          hint="Training steps per run."
          onCommit={onSteps}
        />
        <NumberField
          label="Learning-rate width exponent κ"
          value={settings.lrWidthExp}
          min={LR_WIDTH_EXP_RANGE[0]}
          max={LR_WIDTH_EXP_RANGE[1]}
          step={0.25}
          integer={false}
          disabled={busy}
          hint={lrNote}
          onCommit={(lrWidthExp) => onSettings({ ...settings, lrWidthExp })}
        />
        {config.lr === null && (
          <SelectField
            label="Automatic η"
            value={settings.autoLr}
            disabled={busy}
            options={[
              { value: 'shared', label: 'one η for all runs' },
              { value: 'per-run', label: 'each run its own η' },
            ]}
            onChange={(autoLr) => onSettings({ ...settings, autoLr })}
            hint={
              settings.autoLr === 'shared'
                ? 'Fixed η·t: η = N/λmax(Θ₀) (half the critical rate) of the seed-mean kernel at the widest width, used by every run.'
                : 'Each run takes half the critical rate of its own θ₀ (as the Lab does): η·t differs between runs, so the slopes mix η with width.'
            }
          />
        )}
      </fieldset>
      <fieldset className="settings-group">
        <legend>Phase diagram</legend>
        <OutputScalesField value={settings.outputScales} fallback={config.outputScale} disabled={busy} onCommit={(outputScales) => onSettings({ ...settings, outputScales })} />
        <LrScalesField value={settings.lrScales ?? null} disabled={busy} onCommit={(lrScales) => onSettings({ ...settings, lrScales })} />
        <div className="width-chips" role="group" aria-label="Parametrizations">
          {PARAMETRIZATIONS.map((p) => {
            const on = params.includes(p);
            const toggle = () => {
              const next: Parametrization[] = on ? params.filter((x) => x !== p) : PARAMETRIZATIONS.filter((x) => x === p || params.includes(x));
              onSettings({ ...settings, params: next.length === 1 && next[0] === config.param ? null : next });
            };
            return (
              <label key={p} className={on ? 'chip is-on' : 'chip'}>
                <input type="checkbox" checked={on} disabled={busy || (on && params.length === 1)} onChange={toggle} />
                {PARAMETRIZATION_LABELS[p]}
              </label>
            );
          })}
        </div>
        <p className="field-hint">
          {phase
            ? 'More than one α or parametrization: a phase sweep. Every run is centred, α·(f − f₀), with η in α = 1 units (one η per parametrization).'
            : `One α (${scales[0]}) and one parametrization (${PARAMETRIZATION_LABELS[params[0]]}): a plain width sweep.`}
        </p>
      </fieldset>
      <div className="sweep-run">
        <p className="sweep-count">
          {phase && (
            <>
              {params.length} parametrization{params.length === 1 ? '' : 's'} × {scales.length} α ×{' '}
              {lrCount > 0 && <>{lrCount} learning rate{lrCount === 1 ? '' : 's'} (c·η_c) × </>}
            </>
          )}
          {settings.widths.length} width{settings.widths.length === 1 ? '' : 's'} × {settings.seeds} seed{settings.seeds === 1 ? '' : 's'} = <b>{runs}</b> runs of {config.steps} steps
          <span className="sweep-estimate" data-testid="sweep-estimate">
            {' '}· {formatEstimate(sweepMs(config, settings.widths, settings.seeds, runs / Math.max(1, settings.widths.length * settings.seeds)))} on a 2-core laptop (wasm)
          </span>
        </p>
        <div className="transport-buttons">
          <button type="button" className="btn btn-primary" onClick={onRun} disabled={busy || specError !== null} aria-describedby={specError ? `${id}-spec-error` : undefined}>
            Run sweep
          </button>
          <button type="button" className="btn" onClick={onCancel} disabled={!busy || view.cancelling}>
            {view.cancelling ? 'Cancelling…' : 'Cancel'}
          </button>
        </div>
        {specError && (
          <p className="field-hint field-error" id={`${id}-spec-error`}>
            Cannot run: {specError}.
          </p>
        )}
        <div className="sweep-progress" data-testid="sweep-progress" data-status={view.status} data-runs={view.runs.length}>
          <div
            className="progress-track"
            role="progressbar"
            aria-label="Sweep progress"
            aria-valuemin={0}
            aria-valuemax={100}
            aria-valuenow={pct}
            aria-valuetext={`${pct}%`}
          >
            <div className={`progress-fill status-${view.status}`} style={{ width: `${pct}%` }} />
          </div>
          <p className="progress-text" aria-live="polite">
            {progressText(view)}
          </p>
          {view.message && (
            <p className="field-hint field-error" role="alert">
              {view.message}
            </p>
          )}
        </div>
      </div>
      <fieldset className="settings-group">
        <legend>Export</legend>
        {exports}
      </fieldset>
    </div>
  );
}

function progressText(v: SweepView): string {
  const p = v.progress;
  const phase = v.spec !== null && isPhaseSweep(v.spec);
  const done = v.runs.length;
  switch (v.status) {
    case 'idle':
      return 'Not run yet.';
    case 'starting':
      return p ? `Run ${p.done + 1} of ${p.total}…` : 'Starting the sweep worker (choosing η)…';
    case 'running': {
      if (!p) return 'Running…';
      const a = p.active[0];
      const where = a ? ` (${phase ? `${PARAMETRIZATION_LABELS[a.param]} α = ${a.outputScale}, ` : ''}width ${a.width}, seed ${a.seed}, step ${a.step}/${p.steps})` : '';
      return `Run ${Math.min(p.done + 1, p.total)} of ${p.total}${where} · ${formatDuration(p.elapsedMs)} elapsed · about ${formatDuration(p.etaMs)} left`;
    }
    case 'done':
      return `Done: ${done} run${done === 1 ? '' : 's'} in ${formatDuration(v.elapsedMs)}.`;
    case 'cancelled':
      return `Cancelled after ${formatDuration(v.elapsedMs)}: kept ${done} finished run${done === 1 ? '' : 's'}.`;
    case 'failed':
      return `Failed after ${done} finished run${done === 1 ? '' : 's'}.`;
  }
}
