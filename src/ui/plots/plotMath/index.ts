// The plotting helpers, one file per concern; import from the specific file in new code.
export * from './scales';
export * from './format';
export * from './ticks';
export * from './lines';
export * from './colorScale';
export * from './matrix';
