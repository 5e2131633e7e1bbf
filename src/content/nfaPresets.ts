// Settings that make the feature-alignment and early-time lessons visible (docs/early-time-and-nfa-*.md
// has the numbers they were checked with). Each is a patch on the default config, as a URL query.
import type { ExperimentConfig } from '../state/config';

export interface LessonPreset {
  id: string;
  label: string;
  description: string;
  patch: Partial<ExperimentConfig>;
}

export const NFA_PRESETS: LessonPreset[] = [
  {
    id: 'nfa-lazy',
    label: 'lazy: wide, NTK parametrisation',
    description: 'A wide network in NTK parametrisation at the automatic η: the weights barely move, so UC-NFA stays where it started.',
    patch: { model: 'mlp', width: 1024, depth: 2, param: 'ntk', lr: null, dataset: 'circles', steps: 1000 },
  },
  {
    id: 'nfa-rich',
    label: 'rich: narrow, standard parametrisation, larger η',
    description: 'A narrow network in standard parametrisation with a large step (η = 0.15, about 0.8 of the critical rate): the weights turn towards the directions the output uses, and UC-NFA rises.',
    patch: { model: 'mlp', width: 64, depth: 2, param: 'standard', lr: 0.15, dataset: 'circles', steps: 1000 },
  },
];

export const EARLY_TIME_PRESET: LessonPreset = {
  id: 'early-time',
  label: 'early-time simplicity',
  description: 'The two-layer network with f₀ ≡ 0 on high-dimensional Gaussian inputs, beside the linear model on the inputs: they agree early and part later.',
  patch: { model: 'early-time', width: 1024, activation: 'tanh', lr: 1, dataset: 'gauss', dim: 100, train: 256, steps: 1000 },
};
