// The data sets as the settings menu names and describes them (generators: src/engine/data/).
import type { DatasetName } from '../schema/config';

export const DATASET_TEXT: Record<DatasetName, { label: string; description: string }> = {
  sine: { label: 'Sine (1D)', description: 'y = sin(2x) on [−3, 3]' },
  step: { label: 'Step (1D)', description: 'y = sign(x) on [−3, 3]' },
  teacher: { label: 'Random teacher (1D)', description: 'a random tanh network, width 16, output scaled to unit variance' },
  spirals: { label: 'Two spirals (2D)', description: 'two interleaved spirals, labels ±1' },
  circles: { label: 'Circles (2D)', description: 'a disc (+1) inside a ring (−1)' },
  xor: { label: 'XOR (2D)', description: 'label = sign(x₁·x₂)' },
  blobs: { label: 'Gaussian blobs (2D)', description: 'two Gaussian clusters, labels ±1' },
  gauss: { label: 'Gaussian, d dims', description: 'x ~ N(0, I_d) (d = dim), target a random two-layer tanh teacher (width 32), unit variance' },
  mnist: { label: 'MNIST digits', description: 'real MNIST digits (bundled), two classes ±1 (digits=0v7) or one digit vs the rest (3vrest), ‖x‖² = d' },
};
