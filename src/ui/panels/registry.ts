// The panels of the lab, in page order. Each entry names the panel (key used by `?embed=<key>`),
// its title, its component and the one or two settings an embed's control strip shows for it.
// New panels (sweep, NFA, early-time …) are added here and appear in the lab, the embed chooser
// and `?embed=` without touching App.tsx.
import type { ComponentType } from 'react';
import type { ExperimentConfig } from '../../schema/config';
import type { PanelProps } from './types';
import { LossPanel } from './LossPanel';
import { FunctionPanel } from './FunctionPanel';
import { DriftPanel } from './DriftPanel';
import { GapPanel } from './GapPanel';
import { CorrelationsPanel } from './CorrelationsPanel';
import { NtkPanel } from './NtkPanel';
import { PairPanel } from './PairPanel';
import { lazyPanel } from './lazyPanel';

// Loaded on demand (separate chunks): panels that are not on every first page, or that are heavy.
const EarlyTimePanel = lazyPanel('Early-time simplicity', () => import('./EarlyTimePanel'), 'EarlyTimePanel');
const DigitsPanel = lazyPanel('Digits', () => import('./DigitsPanel'), 'DigitsPanel');
const NfaPanel = lazyPanel('Feature alignment', () => import('./NfaPanel'), 'NfaPanel');
const ModesPanel = lazyPanel('Learning per eigenmode', () => import('./ModesPanel'), 'ModesPanel');
const SharpnessPanel = lazyPanel('Sharpness and the edge of stability', () => import('./SharpnessPanel'), 'SharpnessPanel');

export interface PanelEntry {
  key: string;
  name: string;
  Panel: ComponentType<PanelProps>;
  /** Settings shown as sliders/selects in the embed control strip (one or two). */
  embedControls: readonly (keyof ExperimentConfig)[];
  /** Spans the whole row when the early-time model runs. */
  wide?: boolean;
  /**
   * About the deep network and its linear twin: hidden with the early-time model (which has its
   * own panel) instead of drawing nothing.
   */
  mlpOnly?: boolean;
  /** Only with the early-time model: absent from the MLP lab (not a placeholder card). */
  earlyTimeOnly?: boolean;
  /** Shown only for these data sets (e.g. the digit grid for mnist); absent: every data set. */
  datasets?: readonly ExperimentConfig['dataset'][];
}

export const PANELS: readonly PanelEntry[] = [
  { key: 'early-time', name: 'Early-time simplicity', Panel: EarlyTimePanel, embedControls: ['width', 'lr'], wide: true, earlyTimeOnly: true },
  { key: 'function', name: 'Learned function', Panel: FunctionPanel, embedControls: ['width', 'activation'], mlpOnly: true },
  { key: 'loss', name: 'Loss', Panel: LossPanel, embedControls: ['width', 'lr'], mlpOnly: true },
  { key: 'sharpness', name: 'Sharpness', Panel: SharpnessPanel, embedControls: ['width', 'lr'], mlpOnly: true },
  { key: 'drift', name: 'NTK drift', Panel: DriftPanel, embedControls: ['width', 'lr'], mlpOnly: true },
  { key: 'gap', name: 'Network vs linear model', Panel: GapPanel, embedControls: ['width', 'param'], mlpOnly: true },
  { key: 'modes', name: 'Learning per eigenmode', Panel: ModesPanel, embedControls: ['width', 'lr'], mlpOnly: true },
  { key: 'correlations', name: 'Derivative correlations', Panel: CorrelationsPanel, embedControls: ['width', 'activation'], mlpOnly: true },
  { key: 'ntk', name: 'NTK heatmap', Panel: NtkPanel, embedControls: ['width', 'lr'], mlpOnly: true },
  { key: 'pair', name: 'Pair heatmap', Panel: PairPanel, embedControls: ['width', 'activation'], mlpOnly: true },
  { key: 'digits', name: 'Digits', Panel: DigitsPanel, embedControls: ['width', 'activation'], mlpOnly: true, datasets: ['mnist'] },
  { key: 'nfa', name: 'Feature alignment', Panel: NfaPanel, embedControls: ['width', 'lr'] },
];

/**
 * The lab's panels for a model and data set: the early-time model shows its own panel first and
 * the panels that are not MLP-only; the MLP lab shows every other panel. A panel that does not
 * apply is absent (no placeholder card).
 */
export function panelsFor(model: ExperimentConfig['model'], dataset?: ExperimentConfig['dataset']): readonly PanelEntry[] {
  const shown = PANELS.filter((p) => !p.datasets || dataset === undefined || p.datasets.includes(dataset));
  if (model === 'early-time') return shown.filter((p) => !p.mlpOnly);
  return shown.filter((p) => !p.earlyTimeOnly);
}

export function panelByKey(key: string): PanelEntry | undefined {
  return PANELS.find((p) => p.key === key);
}
