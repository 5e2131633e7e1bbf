// The learning rate in units of the critical rate η_c = 2N/λmax(Θ₀): a readout of η/η_c for the
// current θ₀ and a select that sets η = c·η_c (config.lrScale, URL `lr-scale`, CLI `--lr-scale`).
import type { ExperimentConfig } from '../../schema/config';
import type { RunMeta } from '../../engine/records/runRecords';
import { SelectField } from './SelectField';

/** The multiples of η_c offered (the phase diagram's 0.5, 1, 1.5, 2, 3 among them). */
export const LR_SCALE_CHOICES: readonly number[] = [0.1, 0.25, 0.5, 0.75, 0.9, 1, 1.1, 1.25, 1.5, 1.75, 2, 2.5, 3, 4];

const fmt = (v: number) => String(Number(v.toPrecision(3)));

export function LrScaleField({ config, meta, onChange }: { config: ExperimentConfig; meta: RunMeta | null; onChange: (patch: Partial<ExperimentConfig>) => void }) {
  const crit = meta?.criticalLr ?? null;
  const ratio = crit !== null && meta ? meta.lr / crit : null;
  const current = config.lrScale;
  const values = current === null ? LR_SCALE_CHOICES : Array.from(new Set([...LR_SCALE_CHOICES, current])).sort((a, b) => a - b);
  return (
    <div className="lr-scale">
      {ratio !== null && (
        <span className="lr-ratio" data-testid="lr-ratio" title="η over the critical rate η_c of this run’s θ₀: the linear twin diverges above 1">
          η/η<sub>c</sub> = {fmt(ratio)}
        </span>
      )}
      <SelectField
        label="Learning rate in units of η_c"
        value={current === null ? 'off' : String(current)}
        options={[{ value: 'off', label: 'off (use the slider)' }, ...values.map((c) => ({ value: String(c), label: `η = ${c}·η_c` }))]}
        onChange={(v) => onChange(v === 'off' ? { lrScale: null, lr: meta?.lr ?? config.lr } : { lrScale: Number(v) })}
        hint="Sets η = c·2N/λmax(Θ₀) of this network’s own θ₀ (overrides the slider)."
      />
    </div>
  );
}
