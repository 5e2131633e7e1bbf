// The sweep's own URL parameters (the rest of the settings are the Lab's config): `view=sweep`,
// `widths=16,32,…`, `seeds=5`, `auto-lr=shared|per-run`, and for a phase sweep `output-scales=1,3,10`
// and `params=ntk,mup`. Parsed and validated by the one sweep schema (src/schema/sweep.ts, also
// behind the CLI's flags and the worker's messages); bad values → a notice and the default. α
// (η = η₀·n^κ) is the config field lrWidthExp (`lr-width-exp`), not a sweep param.
import { DEFAULT_CONFIG, fieldByKey, type ExperimentConfig, type Parametrization } from '../../schema/config';
import { parseUrlParams } from '../../schema/url';
import type { AppView } from '../shared/AppNav';
import {
  DEFAULT_AUTO_LR,
  DEFAULT_SWEEP_SEEDS,
  DEFAULT_SWEEP_WIDTHS,
  MAX_SWEEP_SEEDS,
  SWEEP_PARAM_NAMES,
  SWEEP_WIDTH_MAX,
  SWEEP_WIDTH_MIN,
  parseSweepSpec,
  sweepSpecFromEntries,
  sweepSpecToEntries,
  type AutoLrRule,
  type SweepSpecInput,
} from '../../schema/sweep';

export interface SweepSettings {
  widths: number[];
  seeds: number;
  /** η = η₀·n^κ: mirrors the config's lrWidthExp (the App fills it in from the config). */
  lrWidthExp: number;
  /** With an automatic η: one shared η for the sweep (default) or each run its own. */
  autoLr: AutoLrRule;
  /** Output scales α of a phase sweep; null = the Lab config's output scale alone. */
  outputScales: number[] | null;
  /** Parametrizations of a phase sweep; null = the Lab config's parametrization alone. */
  params: Parametrization[] | null;
  /** Learning-rate scales c of a learning-rate sweep (η = c·η_c of each run's θ₀); null = none. */
  lrScales?: number[] | null;
}

/** Widths offered by the Sweep form (powers of two). */
export const WIDTH_CHOICES: readonly number[] = [16, 32, 64, 128, 256, 512, 1024, 2048, 4096];
/**
 * The app's default sweep: 4 widths × 3 seeds, about a minute at the Lab's 2000 steps on a 2-core
 * machine (measured: 15 runs of widths 16–256 took 3 min 14 s, width 256 alone a third of it). The
 * CLI keeps the schema's larger default (16…2048 × 5 seeds); the URL writes widths and seeds
 * whenever they differ from the app's default, so a link means the same sweep everywhere.
 */
export const APP_SWEEP_WIDTHS: readonly number[] = [16, 32, 64, 128];
export const APP_SWEEP_SEEDS = 3;
export const DEFAULT_SWEEP: Readonly<SweepSettings> = Object.freeze({ widths: [...APP_SWEEP_WIDTHS], seeds: APP_SWEEP_SEEDS, lrWidthExp: 0, autoLr: DEFAULT_AUTO_LR, outputScales: null, params: null });
const sameWidths = (a: readonly number[], b: readonly number[]) => a.length === b.length && a.every((w, i) => w === b[i]);
/** The schema's fallback text names its own default; the app falls back to its own. */
const schemaDefaultText = `using the default ${DEFAULT_SWEEP_WIDTHS.join(',')}`;
const appDefaultText = `using the default ${APP_SWEEP_WIDTHS.join(',')}`;
export const WIDTH_RANGE = [SWEEP_WIDTH_MIN, SWEEP_WIDTH_MAX] as const;
export const SEEDS_RANGE = [1, MAX_SWEEP_SEEDS] as const;
const lrWidthExpField = fieldByKey('lrWidthExp');
export const LR_WIDTH_EXP_RANGE = lrWidthExpField.kind === 'number' ? ([lrWidthExpField.min, lrWidthExpField.max] as const) : ([-2, 2] as const);
/** URL parameters owned by the sweep (never "unknown settings" for the Lab's config parser). */
export const SWEEP_URL_PARAMS = ['view', ...SWEEP_PARAM_NAMES] as const;

/** Which view the address asks for (the `view` codec of the one URL table). */
export function viewFromSearch(search: string): AppView {
  return parseUrlParams(search).params.view;
}

/** The sweep settings in a query string (through the sweep schema), plus one notice per rejected value. */
export function sweepFromSearch(search: string): { settings: SweepSettings; notices: string[] } {
  const entries = [...new URLSearchParams(search)].filter(([k]) => (SWEEP_PARAM_NAMES as readonly string[]).includes(k));
  try {
    const { spec, notices } = sweepSpecFromEntries(DEFAULT_CONFIG, entries);
    const given = (name: string) => entries.some(([k]) => k === name) && !notices.some((n) => n.startsWith(`${name}=`));
    return {
      settings: {
        widths: given('widths') ? spec.widths : [...APP_SWEEP_WIDTHS],
        seeds: given('seeds') ? spec.seeds : APP_SWEEP_SEEDS,
        lrWidthExp: 0,
        autoLr: spec.autoLr,
        outputScales: given('output-scales') ? spec.outputScales : null,
        params: given('params') ? spec.params : null,
        ...(spec.lrScales ? { lrScales: spec.lrScales } : {}),
      },
      notices: notices.map((n) => n.replace(schemaDefaultText, appDefaultText).replace(`using the default ${DEFAULT_SWEEP_SEEDS}`, `using the default ${APP_SWEEP_SEEDS}`)),
    };
  } catch (e) {
    // Values that pass one by one but not together (e.g. more widths than a sweep may have).
    return { settings: { ...DEFAULT_SWEEP, widths: [...DEFAULT_SWEEP.widths] }, notices: [`${(e as Error).message}; using the default sweep settings.`] };
  }
}

/** The sweep spec input of the form's settings on top of the Lab's config (α = lrWidthExp is the config's). */
export function sweepSpecInput(config: ExperimentConfig, s: SweepSettings): SweepSpecInput {
  return { base: config, widths: s.widths, seeds: s.seeds, autoLr: s.autoLr, outputScales: s.outputScales ?? undefined, params: s.params ?? undefined, lrScales: s.lrScales ?? undefined };
}

/** Why the form's settings cannot run as a sweep (the schema's one-line message), or null. */
export function sweepFormError(config: ExperimentConfig, s: SweepSettings): string | null {
  const r = parseSweepSpec(sweepSpecInput(config, s));
  return r.ok ? null : r.error;
}

/** Query entries for the sweep settings (only the non-default ones, plus view=sweep); α is the config's. */
export function sweepToEntries(view: AppView, s: SweepSettings): [string, string][] {
  if (view !== 'sweep') return [];
  // widths and seeds against the app's default (the schema's own default is another sweep)
  const rest = sweepSpecToEntries({ base: DEFAULT_CONFIG, widths: s.widths, seeds: s.seeds, autoLr: s.autoLr, outputScales: s.outputScales ?? undefined, params: s.params ?? undefined, lrScales: s.lrScales ?? undefined }).filter(([k]) => k !== 'widths' && k !== 'seeds');
  const own: [string, string][] = [
    ...(sameWidths(s.widths, APP_SWEEP_WIDTHS) ? [] : [['widths', s.widths.join(',')] as [string, string]]),
    ...(s.seeds === APP_SWEEP_SEEDS ? [] : [['seeds', String(s.seeds)] as [string, string]]),
  ];
  return [['view', 'sweep'], ...own, ...rest];
}

/** The sweep parameters present in a query string, to carry them over when the Lab rewrites the URL. */
export function sweepParamsOf(search: string): Record<string, string> {
  const q = new URLSearchParams(search);
  const out: Record<string, string> = {};
  for (const k of SWEEP_URL_PARAMS) {
    const v = q.get(k);
    if (v !== null) out[k] = v;
  }
  return out;
}

/** `search` with the sweep parameters replaced by `entries` (others kept in order). */
export function withSweepParams(search: string, entries: readonly [string, string][]): string {
  const q = new URLSearchParams(search);
  for (const k of SWEEP_URL_PARAMS) q.delete(k);
  for (const [k, v] of entries) q.set(k, v);
  const s = q.toString().replace(/%2C/gi, ',');
  return s ? `?${s}` : '';
}
