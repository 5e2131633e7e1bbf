// The shapes the Sweep view works with: the engine's runs, progress, η, metric table and fits.
export type { SweepProgress, SweepRun, SweepLr, SweepLrs } from '../../engine/records/sweepRecords';
export type { SweepMetric, SweepFits, Stage, PowerLawFit } from '../../engine/sweep';
export { STAGES } from '../../engine/sweep';
