// The learning-rate × width phase diagram of a learning-rate sweep (`lr-scales`): one heatmap, rows
// = η/η_c, columns = widths, cells coloured by the measured phase with the sharpness drop S_final/S₀
// written in them. It reuses the phase diagram's heatmap (PhaseDiagram.tsx) with per-cell colours.
import { useMemo } from 'react';
import type { SweepGroup } from '../../engine/sweep';
import { LR_PHASES, LR_PHASE_LABELS } from '../../engine/lr/phase';
import { PlotCard } from './PlotCard';
import { PhaseHeatmap } from './PhaseDiagram';
import { MISSING_COLOR, type PhaseColor } from './phaseData';
import './lrPhase.css';
import { PHASE_COLORS, lrPhaseGrid } from './lrPhaseData';
import type { SweepRun } from './types';

export function LrPhaseDiagram({ runs, groups, widths }: { runs: readonly SweepRun[]; groups: readonly SweepGroup[]; widths: readonly number[] }) {
  const grid = useMemo(() => lrPhaseGrid(runs, groups, widths), [runs, groups, widths]);
  // cells are coloured by phase (no colour bar): the scale only colours cells without runs
  const color: PhaseColor = { scale: 'linear', domain: null, color: () => MISSING_COLOR, ticks: [], undrawn: 0 };
  const index = (row: number, col: number) => row * grid.widths.length + col;
  const style = {
    fill: (c: { row: number; col: number }) => {
      const p = grid.phases[index(c.row, c.col)];
      return p ? PHASE_COLORS[p] : undefined;
    },
    note: (c: { row: number; col: number }) => {
      const s = grid.seedPhases[index(c.row, c.col)];
      return s.length ? `; measured: ${s.map((x) => `seed ${x.seed} ${x.phase ?? 'undecided'}`).join(', ')}` : '';
    },
  };
  return (
    <section className="sweep-group" aria-label="Learning-rate phase diagram" data-testid="lr-phase-diagram">
      <h2 className="sweep-group-title">Learning-rate phase diagram</h2>
      <p className="sweep-advice">
        Each row is one learning rate η = c·η_c, with η_c = 2N/λmax(Θ₀) of each run’s own θ₀, each column one width. The colour is the measured phase of the runs
        (majority over seeds); the number is the sharpness after training over the sharpness at θ₀, S_final/S₀ (S = λmax(Θ_t)/N on the training set), the mean
        over the seeds that did not diverge. Theory for the two-layer model (Lewkowycz et al. 2020): lazy below c = 1, catapult between 1 and about 2, divergence above.
      </p>
      <PlotCard title="Measured phase and sharpness drop S_final/S₀" fileStem="lr-phase" testId="lr-phase-card" note={<>Hover or focus a cell for each seed’s phase and value.</>}>
        <PhaseHeatmap grid={grid} color={color} label="Measured learning-rate phase" legend="cell text: S_final/S₀" cellStyle={style} />
        <ul className="lr-phase-legend" aria-label="Phase colours">
          {LR_PHASES.map((p) => (
            <li key={p}>
              <span className="swatch" style={{ background: PHASE_COLORS[p] }} aria-hidden="true" /> {LR_PHASE_LABELS[p]}
            </li>
          ))}
        </ul>
      </PlotCard>
    </section>
  );
}
