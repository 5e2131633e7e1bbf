// The experiment config: ONE zod schema that drives the URL, the CLI flags, config files, presets
// and the worker messages. Every field is declared once in CONFIG_FIELDS (name used in URLs and as
// `--flag`, label, bounds, default, log scale, "auto"); the zod schema, the TypeScript type and the
// defaults are derived from it. Parsing returns a valid config plus one human-readable notice per
// rejected value (naming the field, its allowed range and the default used).
//
// To add a setting: add one entry to CONFIG_FIELDS (its position is its order in URLs and the CLI
// usage); the type ExperimentConfig, validation, URL/CLI/file parsing and serialising follow.
import { URL_PARAMS, parseBoolText } from './url';
import { z } from 'zod';
import { autoNumberField, boolField, choiceField, enumField, intField, numberField, textField, type AnyField } from './fields';

export type { AnyField } from './fields';

export const ACTIVATIONS = ['relu', 'tanh', 'erf', 'linear'] as const;
export const PARAMETRIZATIONS = ['ntk', 'standard', 'mup'] as const;
/** Display names of the parametrizations (docs/science.md §1). */
export const PARAMETRIZATION_LABELS: Record<(typeof PARAMETRIZATIONS)[number], string> = { ntk: 'NTK', standard: 'standard', mup: 'μP' };
/** Data sets generated in code (1D regression, 2D classification). */
export const TOY_DATASETS = ['sine', 'step', 'teacher', 'spirals', 'circles', 'xor', 'blobs'] as const;
export const DATASETS = [...TOY_DATASETS, 'mnist', 'gauss'] as const;
export const OPTIMIZERS = ['gd', 'sgd'] as const;
export const MODELS = ['mlp', 'early-time'] as const;
export const MNIST_RESOLUTIONS = [14, 28] as const;

export type Activation = (typeof ACTIVATIONS)[number];
/** Whether φ has kinks (relu: φ′ jumps at 0): only then do unit flips and the frozen-pattern step mean something. */
export const hasKinks = (a: Activation): boolean => a === 'relu';
export type Parametrization = (typeof PARAMETRIZATIONS)[number];
export type DatasetName = (typeof DATASETS)[number];
export type ToyDatasetName = (typeof TOY_DATASETS)[number];
/** Input dimension of each data set generated in code (gauss and mnist take theirs from the config). */
export const TOY_INPUT_DIM: Record<ToyDatasetName, 1 | 2> = { sine: 1, step: 1, teacher: 1, spirals: 2, circles: 2, xor: 2, blobs: 2 };
/** The 1-D/2-D data sets generated in code (with a function plot). */
export function isToyDataset(name: DatasetName): name is ToyDatasetName {
  return (TOY_DATASETS as readonly string[]).includes(name);
}
export type OptimizerName = (typeof OPTIMIZERS)[number];
export type ModelName = (typeof MODELS)[number];

/** MNIST digit task: `<d>v<d>` (one digit against another) or `<d>vrest` (one against all others). */
const DIGITS_RE = /^([0-9])v([0-9]|rest)$/;
export const DigitsSchema = z
  .string()
  .regex(DIGITS_RE)
  .refine((s) => {
    const m = DIGITS_RE.exec(s);
    return m !== null && m[1] !== m[2];
  }, 'the two digits must differ');

/** Parsed digit task: the positive digit and the negative digit (null = all other digits). */
export function parseDigits(s: string): { positive: number; negative: number | null } {
  const m = DIGITS_RE.exec(s);
  if (!m || m[1] === m[2]) throw new Error(`digits=${JSON.stringify(s)} is not a digit task (e.g. 0v7 or 3vrest)`);
  return { positive: Number(m[1]), negative: m[2] === 'rest' ? null : Number(m[2]) };
}

export const CONFIG_FIELDS = {
  width: intField({ key: 'width', label: 'Width', min: 8, max: 4096, default: 256, log: true }),
  depth: intField({ key: 'depth', label: 'Depth', min: 1, max: 6, default: 2 }),
  activation: enumField({ key: 'activation', label: 'Activation', values: ACTIVATIONS, default: 'tanh' }),
  param: enumField({ key: 'param', label: 'Parametrization', values: PARAMETRIZATIONS, default: 'ntk' }),
  /**
   * Laziness scale α (docs/science.md §10): the model is α·(f(x; θ) − f(x; θ₀)) trained with η/α²
   * (α > 1 always centres the model; see isCentred).
   */
  outputScale: numberField({ key: 'outputScale', name: 'output-scale', label: 'Output scale α', min: 1, max: 1000, default: 1, log: true }),
  /** Centre the model at θ₀ (subtract f(x; θ₀)) also at α = 1; α > 1 is always centred. */
  center: boolField({ key: 'center', label: 'Centre at θ₀', default: false }),
  /** Learning rate; null = auto (half the critical rate 2N/λmax(Θ₀) measured at init). */
  lr: autoNumberField({ key: 'lr', label: 'Learning rate', min: 1e-5, max: 1000, log: true }),
  /**
   * Learning rate in units of the critical rate: η = c·η_c with η_c = 2N/λmax(Θ₀) of the run's own θ₀
   * (in α = 1 units, §10); null = off (η comes from `lr`). When set it overrides `lr`.
   */
  lrScale: autoNumberField({ key: 'lrScale', name: 'lr-scale', label: 'Learning rate / η_c', min: 0.01, max: 100, log: true }),
  /** σ_w²; null = auto (2 for relu, 1 otherwise). */
  sigmaW2: autoNumberField({ key: 'sigmaW2', name: 'sigma-w2', label: 'σ_w²', min: 0.01, max: 10 }),
  sigmaB2: numberField({ key: 'sigmaB2', name: 'sigma-b2', label: 'σ_b²', min: 0, max: 10, default: 0.1 }),
  bias: boolField({ key: 'bias', label: 'Bias', default: true }),
  machine: boolField({ key: 'machine', label: 'Infinite-width machine', default: true }),
  dataset: enumField({ key: 'dataset', label: 'Data set', values: DATASETS, default: 'sine' }),
  train: intField({ key: 'train', label: 'Training points', min: 4, max: 2048, default: 64, log: true }),
  test: intField({ key: 'test', label: 'Test points', min: 4, max: 4096, default: 128, log: true }),
  seed: intField({ key: 'seed', label: 'Seed', min: 0, max: 2147483647, default: 1 }),
  optimizer: enumField({ key: 'optimizer', label: 'Optimiser', values: OPTIMIZERS, default: 'gd' }),
  batch: intField({ key: 'batch', label: 'Batch size', min: 1, max: 2048, default: 16, log: true }),
  steps: intField({ key: 'steps', label: 'Steps', min: 1, max: 1000000, default: 2000, log: true }),
  logEvery: intField({ key: 'logEvery', name: 'log-every', label: 'Log every', min: 1, max: 100000, default: 10, log: true }),
  model: enumField({ key: 'model', label: 'Model', values: MODELS, default: 'mlp' }),
  /** Input dimension of the `gauss` data set. */
  dim: intField({ key: 'dim', label: 'Input dimension (gauss)', min: 2, max: 1024, default: 100, log: true }),
  mnistRes: choiceField({ key: 'mnistRes', name: 'mnist-res', label: 'MNIST resolution', values: MNIST_RESOLUTIONS, default: 14 }),
  digits: textField({
    key: 'digits',
    label: 'MNIST digits',
    default: '0v7',
    allowed: 'two different digits as <d>v<d> or <d>vrest (e.g. 0v7, 3vrest)',
    schema: DigitsSchema,
  }),
  /** Learning-rate width exponent κ: η = η₀·n^κ. */
  lrWidthExp: numberField({ key: 'lrWidthExp', name: 'lr-width-exp', label: 'LR width exponent κ', min: -2, max: 2, default: 0 }),
  /** NTK eigenmodes tracked per logged step (the top K of Θ₀ on the training set, K = min(modes, N)); 0 = off. */
  modes: intField({ key: 'modes', label: 'Eigenmodes tracked', min: 0, max: 64, default: 16 }),
};

type Fields = typeof CONFIG_FIELDS;
export type ConfigKey = keyof Fields;

/** The zod shape of the config, one schema per field. */
function shapeOf<T extends Record<string, { schema: z.ZodType }>>(fields: T): { [K in keyof T]: T[K]['schema'] } {
  const shape: Partial<{ [K in keyof T]: T[K]['schema'] }> = {};
  for (const key in fields) shape[key] = fields[key].schema;
  return shape as { [K in keyof T]: T[K]['schema'] };
}

/** The whole config: every field present and valid, no unknown keys. */
export const ConfigSchema = z.strictObject(shapeOf(CONFIG_FIELDS));
export type ExperimentConfig = z.infer<typeof ConfigSchema>;

export type Field = AnyField<ConfigKey>;
/** Every field, in URL / CLI order. */
export const FIELDS: readonly Field[] = Object.values(CONFIG_FIELDS);

function defaultsOf(fields: readonly Field[]): Record<string, unknown> {
  return Object.fromEntries(fields.map((f) => [f.key, f.default]));
}
/** Defaults, checked against the schema when this module loads. */
export const DEFAULT_CONFIG: Readonly<ExperimentConfig> = Object.freeze(ConfigSchema.parse(defaultsOf(FIELDS)));

/**
 * URL parameters that belong to the app, not to the experiment (the one table, url.ts): they never
 * produce an "unknown setting" notice.
 */
export const APP_PARAMS = Object.entries(URL_PARAMS).map(([name, c]) => ({ name, description: c.description }));
export const APP_PARAM_NAMES: readonly string[] = APP_PARAMS.map((p) => p.name);

export function fieldByName(name: string): Field | undefined {
  return FIELDS.find((f) => f.name === name);
}
export function fieldByKey(key: ConfigKey): Field {
  const f = FIELDS.find((x) => x.key === key);
  if (!f) throw new Error(`no field ${key}`);
  return f;
}

/** A phrase naming the allowed values of a field, used in notices and CLI errors. */
export function describeAllowed(f: Field): string {
  switch (f.kind) {
    case 'int':
      return `an integer from ${f.min} to ${f.max}`;
    case 'number':
      return `a number from ${f.min} to ${f.max}${f.auto ? ' or "auto"' : ''}`;
    case 'enum':
    case 'choice':
      return `one of ${f.values.join(', ')}`;
    case 'bool':
      return 'true or false';
    case 'text':
      return f.allowed;
  }
}

export type ParseResult = { ok: true; value: ExperimentConfig[ConfigKey] } | { ok: false; error: string };

const INT_RE = /^[+-]?\d+$/;
const NUMBER_RE = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** The typed candidate for a raw string (the schema then checks it); the raw string when it has the wrong form. */
function candidate(f: Field, s: string): unknown {
  switch (f.kind) {
    case 'int':
    case 'choice':
      return INT_RE.test(s) ? Number(s) : s;
    case 'number':
      if (f.auto && s.toLowerCase() === 'auto') return null;
      return NUMBER_RE.test(s) ? Number(s) : s;
    case 'enum':
    case 'text':
      return s.toLowerCase();
    case 'bool': {
      return parseBoolText(s) ?? s;
    }
  }
}

function invalid(f: Field, shown: string): string {
  return `${f.name}=${shown} is not valid: expected ${describeAllowed(f)}`;
}

/** Check one typed value for a field (from a config file or a message). */
export function checkFieldValue(f: Field, v: unknown): ParseResult {
  const r = ConfigSchema.shape[f.key].safeParse(v);
  return r.success ? { ok: true, value: r.data } : { ok: false, error: invalid(f, JSON.stringify(v) ?? String(v)) };
}

/** Parse one raw string value for a field; never returns NaN or an out-of-range value. */
export function parseFieldValue(f: Field, raw: string): ParseResult {
  const r = ConfigSchema.shape[f.key].safeParse(candidate(f, raw.trim()));
  return r.success ? { ok: true, value: r.data } : { ok: false, error: invalid(f, JSON.stringify(raw)) };
}

/** Serialise one field value for the URL / CLI (exact: parsing it gives the same value back). */
export function formatFieldValue(_f: Field, v: unknown): string {
  return v === null ? 'auto' : String(v);
}

/** Round a slider-produced number to `digits` significant digits, to keep URLs short. */
export function roundSignificant(v: number, digits = 3): number {
  return Number(v.toPrecision(digits));
}

export interface ParsedConfig {
  config: ExperimentConfig;
  /** One message per rejected or unknown parameter; the field falls back to its default. */
  notices: string[];
}

/** A config with the accepted values applied over the defaults (every value already checked by the schema). */
function withValues(values: ReadonlyMap<Field, unknown>): ExperimentConfig {
  const merged: Record<string, unknown> = { ...DEFAULT_CONFIG };
  for (const [f, v] of values) merged[f.key] = v;
  return ConfigSchema.parse(merged);
}

function defaultNotice(error: string, f: Field): string {
  return `${error}; using the default ${formatFieldValue(f, f.default)}.`;
}

/** Build a config from name→string pairs (URL params or CLI flags). Unknown names are reported. */
export function configFromEntries(entries: Iterable<[string, string]>, opts: { ignoreUnknown?: readonly string[] } = {}): ParsedConfig {
  const values = new Map<Field, unknown>();
  const notices: string[] = [];
  for (const [name, raw] of entries) {
    if (opts.ignoreUnknown?.includes(name)) continue;
    const f = fieldByName(name);
    if (!f) {
      notices.push(`Unknown setting "${name}" was ignored.`);
      continue;
    }
    const r = parseFieldValue(f, raw);
    if (r.ok) values.set(f, r.value);
    else {
      values.delete(f);
      notices.push(defaultNotice(r.error, f));
    }
  }
  return { config: withValues(values), notices };
}

/** Config from a URL query; app-level parameters (APP_PARAMS) are not experiment settings and are skipped. */
export function configFromSearch(search: string, ignoreUnknown: readonly string[] = APP_PARAM_NAMES): ParsedConfig {
  const params = new URLSearchParams(search.startsWith('?') ? search.slice(1) : search);
  return configFromEntries(params.entries(), { ignoreUnknown });
}

/** URL query string for a config; fields equal to their default are left out to keep links short. */
export function configToSearch(config: ExperimentConfig, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams();
  for (const f of FIELDS) {
    const v = config[f.key];
    if (v === f.default) continue;
    params.set(f.name, formatFieldValue(f, v));
  }
  for (const [k, v] of Object.entries(extra)) params.set(k, v);
  const s = params.toString();
  return s ? `?${s}` : '';
}

/** Check a whole config object (a preset, a file, a worker message). Returns problems, empty if valid. */
export function validateConfig(config: unknown): string[] {
  const r = ConfigSchema.safeParse(config);
  if (r.success) return [];
  return r.error.issues.map((issue) => describeIssue(issue, config));
}

/** One sentence per schema issue, naming the field (by its URL/CLI name) and its allowed values. */
export function describeIssue(issue: z.core.$ZodIssue, input: unknown): string {
  if (issue.code === 'unrecognized_keys') return `Unknown setting${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}`;
  const key = issue.path[0];
  const f = typeof key === 'string' ? FIELDS.find((x) => x.key === key) : undefined;
  if (!f) return issue.message;
  const value: unknown = typeof input === 'object' && input !== null ? Reflect.get(input, f.key) : undefined;
  if (value === undefined) return `${f.name} is missing: expected ${describeAllowed(f)}`;
  return invalid(f, JSON.stringify(value) ?? String(value));
}

/** σ_w² actually used: the configured one, or 2 for relu (He) and 1 otherwise. */
export function resolveSigmaW2(config: Pick<ExperimentConfig, 'sigmaW2' | 'activation'>): number {
  return config.sigmaW2 ?? (config.activation === 'relu' ? 2 : 1);
}

/** Whether the model is the centred α·(f − f₀): always for α > 1, at α = 1 when `center` is set. */
export function isCentred(config: Pick<ExperimentConfig, 'outputScale' | 'center'>): boolean {
  return config.center || config.outputScale > 1;
}

/** Effective batch size: the whole training set for GD, min(batch, train) for SGD. */
export function effectiveBatch(config: Pick<ExperimentConfig, 'optimizer' | 'batch' | 'train'>): number {
  return config.optimizer === 'gd' ? config.train : Math.min(config.batch, config.train);
}

/** Slider position ↔ value for numeric fields (log-scaled where the field says so). */
export function toSliderPosition(f: Field, v: number): number {
  if (f.kind !== 'int' && f.kind !== 'number') throw new Error(`${f.name} is not a numeric field`);
  return f.log ? Math.log(v / f.min) / Math.log(f.max / f.min) : (v - f.min) / (f.max - f.min);
}
export function fromSliderPosition(f: Field, p: number): number {
  if (f.kind !== 'int' && f.kind !== 'number') throw new Error(`${f.name} is not a numeric field`);
  const t = Math.min(1, Math.max(0, p));
  const v = f.log ? f.min * Math.pow(f.max / f.min, t) : f.min + t * (f.max - f.min);
  return f.kind === 'int' ? Math.round(v) : v;
}
