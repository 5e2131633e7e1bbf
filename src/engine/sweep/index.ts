// The width-sweep engine's analysis side, free of TensorFlow.js (the page imports it): grid and
// shards, the metric table, summaries and power-law fits, the sweep files. The runner (run.ts) and
// the η it resolves from the kernels at init (../lr/sweepLr.ts) use tfjs and are imported directly
// by the worker and the CLI; the records a sweep reports are in ../records/sweepRecords.ts.
export * from './grid';
export * from './metrics';
export * from './summary';
export * from './io';
export { fitPowerLaw, type PowerLawFit, type PowerLawPoint } from '../scaling/powerLaw';
export * from './files';
