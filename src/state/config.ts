// The experiment config: one typed schema that drives the URL, the CLI flags and presets.
// Every field is described once in FIELDS (name used in URLs and as `--flag`, bounds, default);
// parsing returns a valid config plus one human-readable notice per rejected value.

export const ACTIVATIONS = ['relu', 'tanh', 'erf', 'linear'] as const;
export const PARAMETRIZATIONS = ['ntk', 'standard'] as const;
export const DATASETS = ['sine', 'step', 'teacher', 'spirals', 'circles', 'xor', 'blobs', 'gauss', 'mnist'] as const;
export const MNIST_RESOLUTIONS = ['28', '14'] as const;
/** MNIST targets: `AvB` (digit A → +1, digit B → −1) or `Avrest` (digit A → +1, any other → −1). */
export const MNIST_DIGITS: readonly string[] = [
  ...Array.from({ length: 10 }, (_, a) => Array.from({ length: 10 - a - 1 }, (_, k) => `${a}v${a + k + 1}`)).flat(),
  ...Array.from({ length: 10 }, (_, a) => `${a}vrest`),
];
export const OPTIMIZERS = ['gd', 'sgd'] as const;

export type Activation = (typeof ACTIVATIONS)[number];
export type Parametrization = (typeof PARAMETRIZATIONS)[number];
export type DatasetName = (typeof DATASETS)[number];
export type OptimizerName = (typeof OPTIMIZERS)[number];
export type MnistResolution = (typeof MNIST_RESOLUTIONS)[number];

export interface ExperimentConfig {
  width: number;
  depth: number;
  activation: Activation;
  param: Parametrization;
  /** Learning rate; null = auto (half the critical rate 2N/λmax(Θ₀) measured at init). */
  lr: number | null;
  /** σ_w²; null = auto (2 for relu, 1 otherwise). */
  sigmaW2: number | null;
  sigmaB2: number;
  bias: boolean;
  dataset: DatasetName;
  train: number;
  test: number;
  seed: number;
  optimizer: OptimizerName;
  batch: number;
  steps: number;
  logEvery: number;
  /** Input dimension of the `gauss` data set. */
  dim: number;
  /** MNIST resolution: 28×28 or 14×14 (2×2 average pooling). */
  mnistRes: MnistResolution;
  /** MNIST target, e.g. `0v7` or `3vrest` (see MNIST_DIGITS). */
  digits: string;
}

interface FieldBase<K extends keyof ExperimentConfig> {
  key: K;
  /** Name in the URL query and as a CLI flag (`--name`). */
  name: string;
  label: string;
}
interface IntField<K extends keyof ExperimentConfig> extends FieldBase<K> {
  kind: 'int';
  min: number;
  max: number;
  log?: boolean;
}
interface NumField<K extends keyof ExperimentConfig> extends FieldBase<K> {
  kind: 'number';
  min: number;
  max: number;
  log?: boolean;
  /** Accepts the word "auto" and stores null. */
  auto?: boolean;
}
interface EnumField<K extends keyof ExperimentConfig> extends FieldBase<K> {
  kind: 'enum';
  values: readonly string[];
}
interface BoolField<K extends keyof ExperimentConfig> extends FieldBase<K> {
  kind: 'bool';
}
export type Field =
  | IntField<keyof ExperimentConfig>
  | NumField<keyof ExperimentConfig>
  | EnumField<keyof ExperimentConfig>
  | BoolField<keyof ExperimentConfig>;

export const DEFAULT_CONFIG: Readonly<ExperimentConfig> = Object.freeze({
  width: 256,
  depth: 2,
  activation: 'tanh',
  param: 'ntk',
  lr: null,
  sigmaW2: null,
  sigmaB2: 0.1,
  bias: true,
  dataset: 'sine',
  train: 64,
  test: 128,
  seed: 1,
  optimizer: 'gd',
  batch: 16,
  steps: 2000,
  logEvery: 10,
  dim: 100,
  mnistRes: '28',
  digits: '0v7',
});

export const FIELDS: readonly Field[] = [
  { key: 'width', name: 'width', label: 'Width', kind: 'int', min: 8, max: 4096, log: true },
  { key: 'depth', name: 'depth', label: 'Depth', kind: 'int', min: 1, max: 6 },
  { key: 'activation', name: 'activation', label: 'Activation', kind: 'enum', values: ACTIVATIONS },
  { key: 'param', name: 'param', label: 'Parametrization', kind: 'enum', values: PARAMETRIZATIONS },
  { key: 'lr', name: 'lr', label: 'Learning rate', kind: 'number', min: 1e-5, max: 1000, log: true, auto: true },
  { key: 'sigmaW2', name: 'sigma-w2', label: 'σ_w²', kind: 'number', min: 0.01, max: 10, auto: true },
  { key: 'sigmaB2', name: 'sigma-b2', label: 'σ_b²', kind: 'number', min: 0, max: 10 },
  { key: 'bias', name: 'bias', label: 'Bias', kind: 'bool' },
  { key: 'dataset', name: 'dataset', label: 'Data set', kind: 'enum', values: DATASETS },
  { key: 'train', name: 'train', label: 'Training points', kind: 'int', min: 4, max: 2048, log: true },
  { key: 'test', name: 'test', label: 'Test points', kind: 'int', min: 4, max: 4096, log: true },
  { key: 'seed', name: 'seed', label: 'Seed', kind: 'int', min: 0, max: 2147483647 },
  { key: 'optimizer', name: 'optimizer', label: 'Optimiser', kind: 'enum', values: OPTIMIZERS },
  { key: 'batch', name: 'batch', label: 'Batch size', kind: 'int', min: 1, max: 2048, log: true },
  { key: 'steps', name: 'steps', label: 'Steps', kind: 'int', min: 1, max: 1000000, log: true },
  { key: 'logEvery', name: 'log-every', label: 'Log every', kind: 'int', min: 1, max: 100000, log: true },
  { key: 'dim', name: 'dim', label: 'Input dimension (gauss)', kind: 'int', min: 1, max: 4096, log: true },
  { key: 'mnistRes', name: 'mnist-res', label: 'MNIST resolution', kind: 'enum', values: MNIST_RESOLUTIONS },
  { key: 'digits', name: 'digits', label: 'MNIST digits', kind: 'enum', values: MNIST_DIGITS },
];

export function fieldByName(name: string): Field | undefined {
  return FIELDS.find((f) => f.name === name);
}
export function fieldByKey(key: keyof ExperimentConfig): Field {
  const f = FIELDS.find((x) => x.key === key);
  if (!f) throw new Error(`no field ${String(key)}`);
  return f;
}

/** A sentence naming the field and its allowed values, used in notices and CLI errors. */
export function describeAllowed(f: Field): string {
  switch (f.kind) {
    case 'int':
      return `an integer from ${f.min} to ${f.max}`;
    case 'number':
      return `a number from ${f.min} to ${f.max}${f.auto ? ' or "auto"' : ''}`;
    case 'enum':
      return f.key === 'digits' ? 'two digits like 0v7, or one digit against the rest like 3vrest' : `one of ${f.values.join(', ')}`;
    case 'bool':
      return 'true or false';
  }
}

export type ParseResult = { ok: true; value: unknown } | { ok: false; error: string };

/** Parse one raw string value for a field; never returns NaN or an out-of-range value. */
export function parseFieldValue(f: Field, raw: string): ParseResult {
  const s = raw.trim();
  const fail = (): ParseResult => ({
    ok: false,
    error: `${f.name}=${JSON.stringify(raw)} is not valid: expected ${describeAllowed(f)}`,
  });
  switch (f.kind) {
    case 'int': {
      if (!/^[+-]?\d+$/.test(s)) return fail();
      const v = Number(s);
      if (!Number.isSafeInteger(v) || v < f.min || v > f.max) return fail();
      return { ok: true, value: v };
    }
    case 'number': {
      if (f.auto && s.toLowerCase() === 'auto') return { ok: true, value: null };
      if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(s)) return fail();
      const v = Number(s);
      if (!Number.isFinite(v) || v < f.min || v > f.max) return fail();
      return { ok: true, value: v };
    }
    case 'enum': {
      const v = s.toLowerCase();
      return f.values.includes(v) ? { ok: true, value: v } : fail();
    }
    case 'bool': {
      const v = s.toLowerCase();
      if (['true', '1', 'yes', 'on'].includes(v)) return { ok: true, value: true };
      if (['false', '0', 'no', 'off'].includes(v)) return { ok: true, value: false };
      return fail();
    }
  }
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

/** Build a config from name→string pairs (URL params or CLI flags). Unknown names are reported. */
export function configFromEntries(
  entries: Iterable<[string, string]>,
  opts: { ignoreUnknown?: readonly string[] } = {},
): ParsedConfig {
  const config: ExperimentConfig = { ...DEFAULT_CONFIG };
  const notices: string[] = [];
  const rec = config as unknown as Record<string, unknown>;
  for (const [name, raw] of entries) {
    if (opts.ignoreUnknown?.includes(name)) continue;
    const f = fieldByName(name);
    if (!f) {
      notices.push(`Unknown setting "${name}" was ignored.`);
      continue;
    }
    const r = parseFieldValue(f, raw);
    if (r.ok) rec[f.key] = r.value;
    else notices.push(`${r.error}; using the default ${formatFieldValue(f, DEFAULT_CONFIG[f.key])}.`);
  }
  return { config, notices };
}

export function configFromSearch(search: string, ignoreUnknown: readonly string[] = ['backend']): ParsedConfig {
  const params = new URLSearchParams(search.startsWith('?') ? search.slice(1) : search);
  return configFromEntries(params.entries(), { ignoreUnknown });
}

/** URL query string for a config; fields equal to their default are left out to keep links short. */
export function configToSearch(config: ExperimentConfig, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams();
  for (const f of FIELDS) {
    const v = config[f.key];
    if (v === DEFAULT_CONFIG[f.key]) continue;
    params.set(f.name, formatFieldValue(f, v));
  }
  for (const [k, v] of Object.entries(extra)) params.set(k, v);
  const s = params.toString();
  return s ? `?${s}` : '';
}

/** Check a whole config object (e.g. from a preset or a worker message). Returns problems, empty if valid. */
export function validateConfig(config: ExperimentConfig): string[] {
  const problems: string[] = [];
  for (const f of FIELDS) {
    const v = config[f.key];
    const r = parseFieldValue(f, formatFieldValue(f, v));
    if (!r.ok) problems.push(r.error);
  }
  return problems;
}

/** σ_w² actually used: the configured one, or 2 for relu (He) and 1 otherwise. */
export function resolveSigmaW2(config: Pick<ExperimentConfig, 'sigmaW2' | 'activation'>): number {
  return config.sigmaW2 ?? (config.activation === 'relu' ? 2 : 1);
}

/** Effective batch size: the whole training set for GD, min(batch, train) for SGD. */
export function effectiveBatch(config: Pick<ExperimentConfig, 'optimizer' | 'batch' | 'train'>): number {
  return config.optimizer === 'gd' ? config.train : Math.min(config.batch, config.train);
}

/** Slider position ↔ value for log-scaled fields. */
export function toSliderPosition(f: Field, v: number): number {
  if (f.kind !== 'int' && f.kind !== 'number') throw new Error('not numeric');
  return f.log ? Math.log(v / f.min) / Math.log(f.max / f.min) : (v - f.min) / (f.max - f.min);
}
export function fromSliderPosition(f: Field, p: number): number {
  if (f.kind !== 'int' && f.kind !== 'number') throw new Error('not numeric');
  const t = Math.min(1, Math.max(0, p));
  const v = f.log ? f.min * Math.pow(f.max / f.min, t) : f.min + t * (f.max - f.min);
  return f.kind === 'int' ? Math.round(v) : v;
}
