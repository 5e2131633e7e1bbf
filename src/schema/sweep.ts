// A width sweep: the base experiment config (including lrWidthExp, η = η₀·n^κ) plus the widths, the
// number of seeds per width and how an automatic η is chosen; a phase sweep adds output scales α
// and/or parametrizations (a grid param × α × width × seed). One zod schema for the URL (`widths`,
// `seeds`, `auto-lr`, `output-scales`, `params`), the CLI flags of the same names, the worker
// messages and sweep.json.
import { z } from 'zod';
import { ConfigSchema, PARAMETRIZATIONS, fieldByKey, type ExperimentConfig, type Parametrization } from './config';
import { parseNumberList, type ListBounds } from './numberList';

export const SWEEP_WIDTH_MIN = 8;
export const SWEEP_WIDTH_MAX = 4096;
/** Default widths: 16, 32, …, 2048 (log-spaced). */
export const DEFAULT_SWEEP_WIDTHS: readonly number[] = [16, 32, 64, 128, 256, 512, 1024, 2048];
export const DEFAULT_SWEEP_SEEDS = 5;
export const MAX_SWEEP_SEEDS = 64;
/**
 * How a sweep with an automatic η (base lr = auto) picks it: `shared` (default) resolves ONE η for
 * every width and seed, so η·t is the same in every run (src/engine/sweep/lr.ts states the rule);
 * `per-run` lets each run take ½·η_c of its own θ₀, which mixes η with width in the fitted slopes.
 */
export const AUTO_LR_RULES = ['shared', 'per-run'] as const;
export type AutoLrRule = (typeof AUTO_LR_RULES)[number];
export const DEFAULT_AUTO_LR: AutoLrRule = 'shared';
/** URL / CLI names of the sweep's own parameters (everything else is the base config). */
export const SWEEP_PARAM_NAMES = ['widths', 'seeds', 'auto-lr', 'output-scales', 'params', 'lr-scales'] as const;

const outputScaleField = fieldByKey('outputScale');
/** The range of an output scale α (the config field's). */
export const OUTPUT_SCALE_RANGE = outputScaleField.kind === 'number' ? ([outputScaleField.min, outputScaleField.max] as const) : ([1, 1000] as const);
export const MAX_OUTPUT_SCALES = 12;
const lrScaleField = fieldByKey('lrScale');
/** The range of a learning-rate scale c (η = c·η_c; the config field's). */
export const LR_SCALE_RANGE = lrScaleField.kind === 'number' ? ([lrScaleField.min, lrScaleField.max] as const) : ([0.01, 100] as const);
export const MAX_LR_SCALES = 12;
/** The `lr-phase` command's default learning-rate scales c. */
export const DEFAULT_LR_SCALES: readonly number[] = [0.5, 1, 1.5, 2, 3];
/** The `phase` command's default output scales α. */
export const DEFAULT_PHASE_OUTPUT_SCALES: readonly number[] = [1, 3, 10, 30];
const stepsField = fieldByKey('steps');

/** The bounds of every comma-separated list a sweep takes (URL, CLI flags, the sweep form), for ./numberList.ts. */
export const SWEEP_LISTS = {
  widths: { name: 'widths', integer: true, min: SWEEP_WIDTH_MIN, max: SWEEP_WIDTH_MAX, minDistinct: 2, item: 'width', items: 'widths', example: '16,64,256' },
  outputScales: { name: 'output-scales', integer: false, min: OUTPUT_SCALE_RANGE[0], max: OUTPUT_SCALE_RANGE[1], maxDistinct: MAX_OUTPUT_SCALES, items: 'output scales', example: '1,3,10,30' },
  lrScales: { name: 'lr-scales', integer: false, min: LR_SCALE_RANGE[0], max: LR_SCALE_RANGE[1], maxDistinct: MAX_LR_SCALES, items: 'learning-rate scales', example: '0.5,1,1.5,2,3' },
  /** `early-sweep --widths`: hidden widths of the early-time model (not bounded by the MLP's). */
  earlyWidths: { name: 'widths', integer: true, min: 1, max: 16384, items: 'widths' },
  /** `early-sweep --at`: steps at which earlyGap is read (the config's step range). */
  earlySteps: { name: 'at', integer: true, min: 1, max: stepsField.kind === 'number' ? stepsField.max : 1_000_000, items: 'steps' },
} as const satisfies Record<string, ListBounds>;

const widthSchema = z
  .number()
  .int(`widths must be whole numbers from ${SWEEP_WIDTH_MIN} to ${SWEEP_WIDTH_MAX}`)
  .min(SWEEP_WIDTH_MIN, `widths must be at least ${SWEEP_WIDTH_MIN}`)
  .max(SWEEP_WIDTH_MAX, `widths must be at most ${SWEEP_WIDTH_MAX}`);

/** Why a sweep refuses the early-time model (the sweep trains the MLP at every width). */
export const SWEEP_MODEL_MESSAGE = 'a width sweep trains the MLP; the early-time model is not swept (its gap at several widths: the early-sweep command, or the Early-time panel)';

export const SweepSpecSchema = z.object({
  base: ConfigSchema.refine((c) => c.model === 'mlp', SWEEP_MODEL_MESSAGE),
  /** Distinct widths, sorted ascending (duplicates are removed). */
  widths: z
    .array(widthSchema)
    .min(2, 'a sweep needs at least two widths')
    .max(32, 'at most 32 widths')
    .transform((w) => [...new Set(w)].sort((a, b) => a - b))
    .refine((w) => w.length >= 2, 'a sweep needs at least two distinct widths'),
  /** Seeds per width: θ₀ seeds base.seed, base.seed + 1, …; the data set keeps base.seed. */
  seeds: z.number().int().min(1).max(MAX_SWEEP_SEEDS).default(DEFAULT_SWEEP_SEEDS),
  /** Only used when base.lr is auto (null): one shared η, or each run its own. */
  autoLr: z.enum(AUTO_LR_RULES).default(DEFAULT_AUTO_LR),
  /** Output scales α (distinct, sorted ascending); absent → [base.outputScale]. */
  outputScales: z
    .array(
      z
        .number()
        .min(OUTPUT_SCALE_RANGE[0], `output scales must be at least ${OUTPUT_SCALE_RANGE[0]}`)
        .max(OUTPUT_SCALE_RANGE[1], `output scales must be at most ${OUTPUT_SCALE_RANGE[1]}`),
    )
    .min(1, 'at least one output scale')
    .max(MAX_OUTPUT_SCALES, `at most ${MAX_OUTPUT_SCALES} output scales`)
    .transform((a) => [...new Set(a)].sort((x, y) => x - y))
    .optional(),
  /** Parametrizations (distinct, in the given order); absent → [base.param]. */
  params: z
    .array(z.enum(PARAMETRIZATIONS))
    .min(1, 'at least one parametrization')
    .transform((a) => [...new Set(a)])
    .optional(),
  /**
   * Learning-rate scales c (distinct, ascending): each run trains with η = c·η_c of its own θ₀
   * (the learning-rate × width phase diagram); absent → none (η from the base config / auto-lr).
   */
  lrScales: z
    .array(
      z
        .number()
        .min(LR_SCALE_RANGE[0], `learning-rate scales must be at least ${LR_SCALE_RANGE[0]}`)
        .max(LR_SCALE_RANGE[1], `learning-rate scales must be at most ${LR_SCALE_RANGE[1]}`),
    )
    .min(1, 'at least one learning-rate scale')
    .max(MAX_LR_SCALES, `at most ${MAX_LR_SCALES} learning-rate scales`)
    .transform((a) => [...new Set(a)].sort((x, y) => x - y))
    .optional(),
}).transform((s) => ({ ...s, outputScales: s.outputScales ?? [s.base.outputScale], params: s.params ?? [s.base.param] }));

export type SweepSpec = z.output<typeof SweepSpecSchema>;

/**
 * A phase sweep: more than one output scale α or more than one parametrization. Every run of a
 * phase sweep is centred (α·(f − f₀), config.center = true), so its α = 1 row is the same model
 * family as its α > 1 rows.
 */
export function isPhaseSweep(spec: Pick<SweepSpec, 'outputScales' | 'params'> & { lrScales?: readonly number[] }): boolean {
  return spec.outputScales.length > 1 || spec.params.length > 1 || isLrSweep(spec);
}

/** A learning-rate sweep: runs at η = c·η_c for each c of `lrScales` (a group dimension, like α). */
export function isLrSweep(spec: { lrScales?: readonly number[] }): boolean {
  return (spec.lrScales?.length ?? 0) > 0;
}
export type SweepSpecInput = z.input<typeof SweepSpecSchema>;

/** Validate a sweep spec; the error is one line naming the problem. */
export function parseSweepSpec(input: unknown): { ok: true; spec: SweepSpec } | { ok: false; error: string } {
  const r = SweepSpecSchema.safeParse(input);
  if (r.success) return { ok: true, spec: r.data };
  const issue = r.error.issues[0];
  const where = issue.path.length ? `${issue.path.join('.')}: ` : '';
  return { ok: false, error: `${where}${issue.message}` };
}

/** "16,64,256" → [16, 64, 256]; throws a one-line Error for anything else. */
export const parseWidthList = (raw: string): number[] => parseNumberList(raw, SWEEP_LISTS.widths);
/** "1,3,10" → [1, 3, 10]; throws a one-line Error for anything else. */
export const parseOutputScaleList = (raw: string): number[] => parseNumberList(raw, SWEEP_LISTS.outputScales);
/** "0.5,1,2" → [0.5, 1, 2]; throws a one-line Error for anything else. */
export const parseLrScaleList = (raw: string): number[] => parseNumberList(raw, SWEEP_LISTS.lrScales);

/** "ntk,mup" → ['ntk', 'mup']; throws a one-line Error for anything else. */
export function parseParamList(raw: string): Parametrization[] {
  const parts = raw.split(',').map((s) => s.trim().toLowerCase());
  const bad = parts.find((p) => !(PARAMETRIZATIONS as readonly string[]).includes(p));
  if (bad !== undefined) throw new Error(`params=${JSON.stringify(raw)} is not valid: expected comma-separated ${PARAMETRIZATIONS.join(', ')} (got ${JSON.stringify(bad)})`);
  return parts as Parametrization[];
}

/**
 * The sweep parameters from URL/CLI name → value pairs (names in SWEEP_PARAM_NAMES), on top of a
 * base config. Invalid values give one notice each and fall back to the defaults.
 */
export function sweepSpecFromEntries(base: ExperimentConfig, entries: Iterable<[string, string]>): { spec: SweepSpec; notices: string[] } {
  const notices: string[] = [];
  let widths: number[] = [...DEFAULT_SWEEP_WIDTHS];
  let seeds = DEFAULT_SWEEP_SEEDS;
  let autoLr: AutoLrRule = DEFAULT_AUTO_LR;
  let outputScales: number[] | undefined;
  let params: Parametrization[] | undefined;
  let lrScales: number[] | undefined;
  for (const [name, raw] of entries) {
    if (name === 'widths') {
      try {
        widths = parseWidthList(raw);
      } catch (e) {
        notices.push(`${(e as Error).message}; using the default ${DEFAULT_SWEEP_WIDTHS.join(',')}.`);
      }
    } else if (name === 'seeds') {
      const v = Number(raw);
      if (/^\d+$/.test(raw.trim()) && v >= 1 && v <= MAX_SWEEP_SEEDS) seeds = v;
      else notices.push(`seeds=${JSON.stringify(raw)} is not valid: expected an integer from 1 to ${MAX_SWEEP_SEEDS}; using the default ${DEFAULT_SWEEP_SEEDS}.`);
    } else if (name === 'auto-lr') {
      const v = raw.trim();
      if ((AUTO_LR_RULES as readonly string[]).includes(v)) autoLr = v as AutoLrRule;
      else notices.push(`auto-lr=${JSON.stringify(raw)} is not valid: expected ${AUTO_LR_RULES.join(' or ')}; using the default ${DEFAULT_AUTO_LR}.`);
    } else if (name === 'output-scales') {
      try {
        outputScales = parseOutputScaleList(raw);
      } catch (e) {
        notices.push(`${(e as Error).message}; using the default, the config's output scale ${base.outputScale}.`);
      }
    } else if (name === 'params') {
      try {
        params = parseParamList(raw);
      } catch (e) {
        notices.push(`${(e as Error).message}; using the default, the config's parametrization ${base.param}.`);
      }
    } else if (name === 'lr-scales') {
      try {
        lrScales = parseLrScaleList(raw);
      } catch (e) {
        notices.push(`${(e as Error).message}; using none (η from the config).`);
      }
    }
  }
  const r = parseSweepSpec({ base, widths, seeds, autoLr, outputScales, params, lrScales });
  if (!r.ok) throw new Error(r.error);
  return { spec: r.spec, notices };
}

/** URL / CLI values of a spec's own parameters (defaults left out; output scales and params only when set and not the base's). */
export function sweepSpecToEntries(spec: Pick<SweepSpec, 'base' | 'widths' | 'seeds' | 'autoLr'> & Partial<Pick<SweepSpec, 'outputScales' | 'params' | 'lrScales'>>): [string, string][] {
  const out: [string, string][] = [];
  if (spec.widths.join(',') !== DEFAULT_SWEEP_WIDTHS.join(',')) out.push(['widths', spec.widths.join(',')]);
  if (spec.seeds !== DEFAULT_SWEEP_SEEDS) out.push(['seeds', String(spec.seeds)]);
  if (spec.autoLr !== DEFAULT_AUTO_LR) out.push(['auto-lr', spec.autoLr]);
  if (spec.outputScales && spec.outputScales.join(',') !== String(spec.base.outputScale)) out.push(['output-scales', spec.outputScales.join(',')]);
  if (spec.params && spec.params.join(',') !== spec.base.param) out.push(['params', spec.params.join(',')]);
  if (spec.lrScales && spec.lrScales.length > 0) out.push(['lr-scales', spec.lrScales.join(',')]);
  return out;
}
