// What a width or phase sweep reports, as zod schemas and the types derived from them, free of
// TensorFlow.js: the app's worker protocol, the CLI's job threads and the sweep files validate
// against them. SweepLr: how the sweep's η was chosen; SweepRun: one finished (param, α, width,
// seed) run; SweepProgress: the one progress shape.
import { z } from 'zod';
import { ConfigSchema, PARAMETRIZATIONS } from '../../schema/config';
import { MetricRowSchema } from './runRecords';
import { RunPhaseSummarySchema } from '../lr/phase';

export const SWEEP_LR_RULES = ['explicit', 'auto', 'auto-per-run', 'lr-scale'] as const;

/** How the sweep's η was chosen: written to sweep.json and fits.json, shown by the app. */
export const SweepLrSchema = z.object({
  /** The parametrization whose runs use this η. */
  param: z.enum(PARAMETRIZATIONS),
  rule: z.enum(SWEEP_LR_RULES),
  /** η₀ (explicit) or the one shared η (auto); null for auto-per-run (each run's η is in runs.csv). */
  eta: z.number().positive().nullable(),
  /** η = η₀·n^κ (explicit only; 0 otherwise). */
  widthExp: z.number(),
  /** auto: the width and θ₀ seeds whose kernels set η, and their λmax(Θ₀)/N. */
  measured: z
    .object({ width: z.number().int().positive(), seeds: z.array(z.number().int()), lambdaMaxOverN: z.array(z.number()) })
    .nullable(),
  /** One sentence: the rule and its numbers. */
  description: z.string(),
  /** Set when the fitted slopes mix η with width (auto-per-run, or κ ≠ 0). */
  warning: z.string().nullable(),
});
export type SweepLr = z.infer<typeof SweepLrSchema>;
/** The sweep's η, one per parametrization of the spec (spec.params order). */
export const SweepLrsSchema = z.array(SweepLrSchema).min(1);
export type SweepLrs = z.infer<typeof SweepLrsSchema>;

/** The warning carried by fits.json, the CLI and the app when each run picks its own η. */
export const PER_RUN_LR_WARNING =
  'each run chose its own η (½·η_c of its own θ₀), so η·t differs between runs and the fitted slopes mix the effect of η with that of width';

/** The fields that name one run of a sweep's grid: (param, α, lr-scale, width, seed) and its grid position. */
const RUN_ID_FIELDS = {
  param: z.enum(PARAMETRIZATIONS),
  outputScale: z.number().positive(),
  /** Learning-rate scale c of a learning-rate sweep (η = c·η_c of the run's θ₀). */
  lrScale: z.number().positive().optional(),
  width: z.number().int().positive(),
  seed: z.number().int(),
  /** Position in the full grid (canonical order). */
  index: z.number().int().nonnegative(),
};

/** One finished (param, α, width, seed) run: validated wherever it crosses a thread (app worker, CLI job threads). */
export const SweepRunSchema = z.object({
  ...RUN_ID_FIELDS,
  /** The learning rate used (auto resolved). */
  lr: z.number(),
  /** Every logged row with a finite loss, finite metrics only; rows[0] is step 0. */
  rows: z.array(MetricRowSchema),
  init: MetricRowSchema,
  final: MetricRowSchema,
  /** The loss blew up (non-finite, or 10⁶× its initial value): training stopped there. */
  diverged: z.boolean(),
  /** The measured learning-rate phase and its evidence (src/engine/lr/phase.ts), from every logged row (runCell always sets it). */
  summary: RunPhaseSummarySchema.optional(),
  /** Wall time of the run (not written to runs.csv, which must not depend on the machine). */
  seconds: z.number().nonnegative(),
});
export type SweepRun = z.infer<typeof SweepRunSchema>;

/** The one progress shape of a sweep (app worker messages and CLI). */
export const SweepProgressSchema = z.object({
  /** Runs finished so far (of this shard). */
  done: z.number().int().nonnegative(),
  total: z.number().int().nonnegative(),
  /** The runs in flight (one per job) and their current step. */
  active: z.array(z.object({ ...RUN_ID_FIELDS, step: z.number().int().nonnegative() })),
  /** Steps per run. */
  steps: z.number().int().nonnegative(),
  /** Share of the shard's work done (weighted by the cost of a step at each width), 0…1. */
  fraction: z.number().min(0).max(1),
  elapsedMs: z.number().nonnegative(),
  /** null until there is enough to estimate. */
  etaMs: z.number().nonnegative().nullable(),
});
export type SweepProgress = z.infer<typeof SweepProgressSchema>;

/**
 * One cell of a sweep's grid with everything needed to run it anywhere (the CLI sends it to its
 * job threads, which validate it): its run id and grid index, the run's config, logging stride and
 * data seed (engine/sweep/run.ts SweepCell).
 */
export const SweepCellSchema = z.object({
  ...RUN_ID_FIELDS,
  config: ConfigSchema,
  logEvery: z.number().int().positive(),
  dataSeed: z.number().int(),
});
