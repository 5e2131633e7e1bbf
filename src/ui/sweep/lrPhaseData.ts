// Pure data of the learning-rate × width phase diagram (Lewkowycz et al. 2020, Fig. 1): rows =
// learning-rate scales c (η = c·η_c), columns = widths; each cell the measured phase of its runs
// (src/engine/lr/phase.ts; the majority over seeds, "mixed" on a tie) and the mean sharpness drop
// S_final/S₀ over its surviving seeds. No DOM (tests/unit/lrPhaseData.test.ts).
import { groupKey, type SweepGroup } from '../../engine/sweep';
import { lrPhaseSummary, type LrPhase } from '../../engine/lr/phase';
import type { PhaseCell, PhaseGrid } from './phaseData';
import type { SweepRun } from './types';

/** Verdict colours (Okabe–Ito): lazy blue, catapult orange, edge of stability purple, diverged vermillion. */
export const PHASE_COLORS: Record<LrPhase | 'mixed', string> = {
  lazy: '#0072b2',
  catapult: '#e69f00',
  'edge-of-stability': '#cc79a7',
  diverged: '#d55e00',
  mixed: '#9ca3af',
};

export interface LrPhaseGrid extends PhaseGrid {
  /** Row-major like cells: the cell's phase, or null without runs. */
  phases: (LrPhase | 'mixed' | null)[];
  /** Row-major: the phase of each seed's run. */
  seedPhases: { seed: number; phase: LrPhase | null }[][];
}

/** The run's phase: the one it carries, or decided from its rows. */
function phaseOf(r: SweepRun) {
  return r.summary ?? lrPhaseSummary(r.rows, r.lr, r.diverged);
}

/** Majority phase of a cell's seeds ("mixed" when two phases tie for the most). */
export function majority(phases: readonly (LrPhase | null)[]): LrPhase | 'mixed' | null {
  const counts = new Map<LrPhase, number>();
  for (const p of phases) if (p) counts.set(p, (counts.get(p) ?? 0) + 1);
  const sorted = [...counts.entries()].sort((a, b) => b[1] - a[1]);
  if (sorted.length === 0) return null;
  return sorted.length > 1 && sorted[0][1] === sorted[1][1] ? 'mixed' : sorted[0][0];
}

/** The grid: cell value = S_final/S₀ per seed (diverged runs have none), plus each cell's phase. */
export function lrPhaseGrid(runs: readonly SweepRun[], groups: readonly SweepGroup[], widths: readonly number[]): LrPhaseGrid {
  const rowOf = new Map(groups.map((g, i) => [groupKey(g), i]));
  const cells: PhaseCell[] = groups.flatMap((group, row) => widths.map((width, col) => ({ row, col, group, width, seeds: [] as PhaseCell['seeds'], mean: NaN })));
  const seedPhases: LrPhaseGrid['seedPhases'] = cells.map(() => []);
  for (const r of runs) {
    const row = rowOf.get(groupKey(r));
    const col = widths.indexOf(r.width);
    if (row === undefined || col < 0) continue;
    const i = row * widths.length + col;
    const p = phaseOf(r);
    seedPhases[i].push({ seed: r.seed, phase: p.phase });
    const drop = p.phase !== 'diverged' && p.sharpness0 && p.sharpnessFinal !== null ? p.sharpnessFinal / p.sharpness0 : NaN;
    if (Number.isFinite(drop)) cells[i].seeds.push({ seed: r.seed, value: drop });
  }
  for (const c of cells) {
    c.seeds.sort((a, b) => a.seed - b.seed);
    c.mean = c.seeds.length ? c.seeds.reduce((s, x) => s + x.value, 0) / c.seeds.length : NaN;
  }
  seedPhases.forEach((s) => s.sort((a, b) => a.seed - b.seed));
  return { rows: [...groups], widths: [...widths], cells, phases: seedPhases.map((s) => majority(s.map((x) => x.phase))), seedPhases };
}
