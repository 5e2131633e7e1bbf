// The width-sweep engine (no DOM; Node CLI and browser worker): grid and shards, the resolved η,
// runs, summaries, power-law fits and the sweep files.
export * from './grid';
export * from './lr';
export * from './metrics';
export * from './run';
export * from './summary';
export * from './io';
export { fitPowerLaw, type PowerLawFit, type PowerLawPoint } from '../scaling/powerLaw';
export * from './files';
