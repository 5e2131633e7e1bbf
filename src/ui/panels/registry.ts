// The panels of the lab, in page order. Each entry names the panel (key used by `?embed=<key>`),
// its title, its component and the one or two settings an embed's control strip shows for it.
// New panels (sweep, NFA, early-time …) are added here and appear in the lab, the embed chooser
// and `?embed=` without touching App.tsx.
import type { ReactNode } from 'react';
import type { ExperimentConfig } from '../../state/config';
import type { PanelProps } from './types';
import { LossPanel } from './LossPanel';
import { FunctionPanel } from './FunctionPanel';
import { DriftPanel } from './DriftPanel';
import { GapPanel } from './GapPanel';
import { CorrelationsPanel } from './CorrelationsPanel';
import { NtkPanel } from './NtkPanel';
import { PairPanel } from './PairPanel';

export interface PanelEntry {
  key: string;
  name: string;
  Panel: (p: PanelProps) => ReactNode;
  /** Settings shown as sliders/selects in the embed control strip (one or two). */
  embedControls: readonly (keyof ExperimentConfig)[];
}

export const PANELS: readonly PanelEntry[] = [
  { key: 'function', name: 'Learned function', Panel: FunctionPanel, embedControls: ['width', 'activation'] },
  { key: 'loss', name: 'Loss', Panel: LossPanel, embedControls: ['width', 'lr'] },
  { key: 'drift', name: 'NTK drift', Panel: DriftPanel, embedControls: ['width', 'lr'] },
  { key: 'gap', name: 'Network vs linear model', Panel: GapPanel, embedControls: ['width', 'param'] },
  { key: 'correlations', name: 'Derivative correlations', Panel: CorrelationsPanel, embedControls: ['width', 'activation'] },
  { key: 'ntk', name: 'NTK heatmap', Panel: NtkPanel, embedControls: ['width', 'lr'] },
  { key: 'pair', name: 'Pair heatmap', Panel: PairPanel, embedControls: ['width', 'activation'] },
];

export function panelByKey(key: string): PanelEntry | undefined {
  return PANELS.find((p) => p.key === key);
}
