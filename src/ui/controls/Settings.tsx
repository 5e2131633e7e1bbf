// The settings that restart the run. Every control is a native element with a visible label; the
// slider names are exactly "Width", "Depth" and "Learning rate".
import { useId } from 'react';
import { ACTIVATIONS, MODELS, TOY_DATASETS, PARAMETRIZATIONS, PARAMETRIZATION_LABELS, fieldByKey, isCentred, toSliderPosition, type ExperimentConfig } from '../../schema/config';
import { formatAlpha } from '../../content/regime';
import { DATASET_TEXT } from '../../content/datasets';
import type { RunMeta } from '../../engine/records/runRecords';
import { DiscreteSlider } from './DiscreteSlider';
import { SelectField } from './SelectField';
import { criticalRateFormula } from '../../content/criticalRate';
import { aboveCriticalText } from '../../content/lrPhases';
import { LrScaleField } from './LrScaleField';

/** Widths 8…4096 in quarter octaves (…, 256, 304, 362, 431, 512, …). */
export const WIDTH_VALUES: readonly number[] = Array.from(new Set(Array.from({ length: 37 }, (_, i) => Math.round(8 * 2 ** (i / 4)))));
/** Learning rates 1e-5…1000 on the R10 series (10 per decade). */
const R10 = [1, 1.25, 1.6, 2, 2.5, 3.2, 4, 5, 6.3, 8];
export const LR_VALUES: readonly number[] = [
  ...Array.from({ length: 8 }, (_, d) => R10.map((m) => Number((m * 10 ** (d - 5)).toPrecision(3)))).flat(),
  1000,
];
const DEPTH_VALUES = [1, 2, 3, 4, 5, 6];
/** Output scales α 1…1000: 1, 1.5, 2, 3, 5, 7 per decade (so 3, 10, 30, 100 are on the slider). */
export const ALPHA_VALUES: readonly number[] = [...[0, 1, 2].flatMap((d) => [1, 1.5, 2, 3, 5, 7].map((m) => m * 10 ** d)), 1000];

/** The α slider's values, with a value from a link (e.g. α = 40) added in its place. */
export function alphaValues(current: number): number[] {
  return Array.from(new Set([...ALPHA_VALUES, current])).sort((a, b) => a - b);
}

/** Why the "Centre at θ₀" box is ticked and locked: the scaled model is always centred. */
export const CENTRE_LOCKED_HINT = 'α > 1 always centres: the model is α·(f − f₀), zero at θ₀.';

export function formatLr(v: number): string {
  if (v >= 0.001 && v < 10000) return String(Number(v.toPrecision(3)));
  return v.toExponential(2).replace(/\.?0+e/, 'e');
}

const withCurrent = (list: number[], v: number) => Array.from(new Set([...list, v])).sort((a, b) => a - b);

export interface SettingsProps {
  config: ExperimentConfig;
  meta: RunMeta | null;
  onChange: (patch: Partial<ExperimentConfig>) => void;
}

export function Settings({ config, meta, onChange }: SettingsProps) {
  const uid = useId();
  const lrField = fieldByKey('lr');
  // The meta belongs to the current config only if the network/data match; the critical rate does not
  // depend on the learning rate itself, so a meta from the previous run is fine while loading.
  const autoLr = config.lr === null && config.lrScale === null;
  // with lr-scale set, η = c·η_c is resolved by the run
  const lrNow = (config.lrScale === null ? config.lr : null) ?? meta?.lr ?? null;
  const crit = meta?.criticalLr ?? null;
  const critPos = crit !== null && crit > 0 ? toSliderPosition(lrField, crit) : null;
  const above = lrNow !== null && crit !== null && lrNow > crit;
  const lrWarnId = `${uid}-lr-warn`;
  const isSgd = config.optimizer === 'sgd';

  return (
    <div className="settings">
      <fieldset className="settings-group">
        <legend>Network</legend>
        <SelectField
          label="Model"
          value={config.model}
          options={MODELS.map((m) => ({ value: m, label: m === 'mlp' ? 'MLP (deep network + linear twin)' : 'early-time (2 layers, f₀ = 0, vs linear model)' }))}
          onChange={(model) => onChange({ model })}
          hint={config.model === 'early-time' ? 'Width = m hidden units; depth, parametrisation and output scale do not apply.' : undefined}
        />
        <DiscreteSlider
          id={`${uid}-width`}
          label="Width"
          values={WIDTH_VALUES}
          value={config.width}
          format={(v) => String(v)}
          onChange={(width) => onChange({ width })}
        />
        <OutputScaleFields id={`${uid}-alpha`} config={config} onChange={onChange} />
        <DiscreteSlider
          id={`${uid}-depth`}
          label="Depth"
          values={DEPTH_VALUES}
          value={config.depth}
          format={(v) => `${v} hidden layer${v === 1 ? '' : 's'}`}
          onChange={(depth) => onChange({ depth })}
        />
        <SelectField
          label="Activation"
          value={config.activation}
          options={ACTIVATIONS.map((a) => ({ value: a, label: a }))}
          onChange={(activation) => onChange({ activation })}
        />
        <SelectField
          label="Parametrization"
          value={config.param}
          options={PARAMETRIZATIONS.map((p) => ({ value: p, label: PARAMETRIZATION_LABELS[p] }))}
          onChange={(param) => onChange({ param })}
        />
      </fieldset>

      <fieldset className="settings-group">
        <legend>Training</legend>
        <DiscreteSlider
          id={`${uid}-lr`}
          label="Learning rate"
          values={LR_VALUES}
          value={lrNow ?? 0.1}
          format={(v) => (lrNow === null ? 'auto' : formatLr(v))}
          suffix={autoLr && lrNow !== null ? <span className="field-tag">auto</span> : null}
          onChange={(lr) => onChange({ lr, lrScale: null })}
          describedBy={above ? lrWarnId : undefined}
          warn={above}
          marker={
            critPos !== null && critPos >= 0 && critPos <= 1
              ? {
                  position: critPos,
                  label: 'ηc',
                  title: `Critical learning rate ${criticalRateFormula(config.outputScale)} = ${formatLr(crit!)}: gradient descent on the linear model is stable only below it`,
                }
              : null
          }
        >
          <div className="lr-sub">
            <label className="check">
              <input
                type="checkbox"
                checked={autoLr}
                onChange={(e) => onChange({ lr: e.currentTarget.checked ? null : (meta?.lr ?? 0.1), lrScale: null })}
              />
              auto (½ of the critical rate)
            </label>
            {crit !== null && (
              <span className="lr-crit" title={`${criticalRateFormula(config.outputScale)}: gradient descent on the linear model is stable only below it`}>
                η<sub>c</sub> = {formatLr(crit)}
              </span>
            )}
          </div>
          <LrScaleField config={config} meta={meta} onChange={onChange} />
          {above && (
            <p id={lrWarnId} className="lr-warning" role="status" data-testid="lr-warning">
              {aboveCriticalText(formatLr(lrNow! / crit!))} (η<sub>c</sub> = {criticalRateFormula(config.outputScale)} ≈ {formatLr(crit!)})
            </p>
          )}
        </DiscreteSlider>
        <SelectField
          label="Optimiser"
          value={config.optimizer}
          options={[
            { value: 'gd', label: 'GD (full batch)' },
            { value: 'sgd', label: 'SGD (minibatches)' },
          ]}
          onChange={(optimizer) => onChange({ optimizer })}
        />
        <SelectField
          label="Batch size"
          value={String(isSgd ? Math.min(config.batch, config.train) : config.train)}
          disabled={!isSgd}
          hint={isSgd ? undefined : 'GD uses every training point'}
          options={withCurrent([1, 2, 4, 8, 16, 32, 64, 128, 256, 512], isSgd ? Math.min(config.batch, config.train) : config.train)
            .filter((b) => b <= config.train)
            .map((b) => ({ value: String(b), label: String(b) }))}
          onChange={(b) => onChange({ batch: Number(b) })}
        />
        <SelectField
          label="Run length"
          value={String(config.steps)}
          options={withCurrent([200, 500, 1000, 2000, 5000, 10000, 50000], config.steps).map((s) => ({ value: String(s), label: `${s} steps` }))}
          onChange={(s) => onChange({ steps: Number(s) })}
        />
      </fieldset>

      <fieldset className="settings-group">
        <legend>Data</legend>
        <SelectField
          label="Data set"
          value={config.dataset}
          options={TOY_DATASETS.map((d) => ({ value: d, label: DATASET_TEXT[d].label }))}
          onChange={(dataset) => onChange({ dataset })}
          hint={DATASET_TEXT[config.dataset].description}
        />
        <SelectField
          label="Training points"
          value={String(config.train)}
          options={withCurrent([8, 16, 32, 64, 128, 256, 512, 1024], config.train).map((n) => ({ value: String(n), label: String(n) }))}
          onChange={(n) => onChange({ train: Number(n) })}
        />
        <SeedField seed={config.seed} onChange={(seed) => onChange({ seed })} />
      </fieldset>
    </div>
  );
}

/** The output scale α (log slider) and the "Centre at θ₀" box, locked on while α > 1. */
export function OutputScaleFields({ id, config, onChange }: { id: string; config: ExperimentConfig; onChange: (patch: Partial<ExperimentConfig>) => void }) {
  const locked = config.outputScale > 1;
  const hintId = `${id}-centre-hint`;
  return (
    <>
      <DiscreteSlider
        id={id}
        label="Output scale α"
        values={alphaValues(config.outputScale)}
        value={config.outputScale}
        format={formatAlpha}
        onChange={(outputScale) => onChange({ outputScale })}
      />
      <div className={`field centre-field${locked ? ' is-locked' : ''}`}>
        <label className="check" title={locked ? CENTRE_LOCKED_HINT : 'Subtract f(x; θ₀): the model is zero at θ₀'}>
          <input
            type="checkbox"
            checked={isCentred(config)}
            disabled={locked}
            aria-describedby={locked ? hintId : undefined}
            onChange={(e) => onChange({ center: e.currentTarget.checked })}
          />
          Centre at θ₀ (f = 0 at θ₀)
        </label>
        {locked && (
          <p id={hintId} className="field-hint">
            {CENTRE_LOCKED_HINT}
          </p>
        )}
      </div>
    </>
  );
}

function SeedField({ seed, onChange }: { seed: number; onChange: (seed: number) => void }) {
  const id = useId();
  const f = fieldByKey('seed');
  const max = f.kind === 'int' ? f.max : 2147483647;
  return (
    <div className="field">
      <div className="field-head">
        <label htmlFor={id}>Seed</label>
      </div>
      <div className="seed-row">
        <input
          id={id}
          type="number"
          inputMode="numeric"
          min={0}
          max={max}
          step={1}
          value={seed}
          onChange={(e) => {
            const v = Number(e.currentTarget.value);
            if (e.currentTarget.value !== '' && Number.isSafeInteger(v) && v >= 0 && v <= max) onChange(v);
          }}
        />
        <button type="button" className="btn btn-small" onClick={() => onChange(1 + Math.floor(Math.random() * 99999))}>
          New seed
        </button>
      </div>
    </div>
  );
}

