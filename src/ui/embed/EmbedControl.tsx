// One compact control for an embed's strip, chosen by the config key the panel is about.
import { useId } from 'react';
import { ACTIVATIONS, DATASETS, PARAMETRIZATIONS, PARAMETRIZATION_LABELS, type ExperimentConfig } from '../../schema/config';
import { DiscreteSlider } from '../controls/DiscreteSlider';
import { SelectField } from '../controls/SelectField';
import { LR_VALUES, OutputScaleFields, WIDTH_VALUES, formatLr } from '../controls/Settings';

export interface EmbedControlProps {
  field: keyof ExperimentConfig;
  config: ExperimentConfig;
  /** The learning rate in use (auto resolved), for the slider position. */
  lrInUse: number | null;
  onChange: (patch: Partial<ExperimentConfig>) => void;
}

export function EmbedControl({ field, config, lrInUse, onChange }: EmbedControlProps) {
  const id = useId();
  switch (field) {
    case 'width':
      return <DiscreteSlider id={id} label="Width" values={WIDTH_VALUES} value={config.width} format={String} onChange={(width) => onChange({ width })} />;
    case 'depth':
      return <DiscreteSlider id={id} label="Depth" values={[1, 2, 3, 4, 5, 6]} value={config.depth} format={String} onChange={(depth) => onChange({ depth })} />;
    case 'lr': {
      // with lr-scale set, η = c·η_c is the run's (lrInUse); moving the slider sets η itself
      const lr = (config.lrScale === null ? config.lr : null) ?? lrInUse;
      const tag = config.lrScale !== null ? ` (${config.lrScale}·η_c)` : ' (auto)';
      return (
        <DiscreteSlider
          id={id}
          label="Learning rate"
          values={LR_VALUES}
          value={lr ?? 0.1}
          format={(v) => (lr === null ? 'auto' : config.lr === null || config.lrScale !== null ? `${formatLr(v)}${tag}` : formatLr(v))}
          onChange={(v) => onChange({ lr: v, lrScale: null })}
        />
      );
    }
    case 'activation':
      return <SelectField label="Activation" value={config.activation} options={ACTIVATIONS.map((a) => ({ value: a, label: a }))} onChange={(activation) => onChange({ activation })} />;
    case 'param':
      return (
        <SelectField
          label="Parametrization"
          value={config.param}
          options={PARAMETRIZATIONS.map((p) => ({ value: p, label: PARAMETRIZATION_LABELS[p] }))}
          onChange={(param) => onChange({ param })}
        />
      );
    case 'outputScale':
    case 'center':
      return <OutputScaleFields id={id} config={config} onChange={onChange} />;
    case 'dataset':
      return <SelectField label="Data set" value={config.dataset} options={DATASETS.map((d) => ({ value: d, label: d }))} onChange={(dataset) => onChange({ dataset })} />;
    default:
      return null;
  }
}
