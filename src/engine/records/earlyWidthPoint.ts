// The earlyGap-vs-width mini sweep's data point and default grid, without TensorFlow.js: the page
// (protocol validation, the panel) imports these, and the worker's earlyTimeSweep.ts runs the sweep.
import { z } from 'zod';

export const EarlyWidthPointSchema = z.object({
  width: z.number().int().positive(),
  step: z.number().int().nonnegative(),
  /** null when the run diverged or f_lin is still 0. */
  earlyGap: z.number().nullable(),
});
export type EarlyWidthPoint = z.infer<typeof EarlyWidthPointSchema>;

export const SWEEP_WIDTHS = [64, 256, 1024, 4096];
export const SWEEP_STEPS = [10, 100];
