// Compare mode: `?compare=FIELD:VALUE` trains a second run identical to the first except for one
// config field (same data, same seed, same steps). This module is the one home of what may be
// compared, how `FIELD:VALUE` is read and written, and how the second config is built; the value is
// checked by the field's own schema (config.ts), so the bounds and messages are those of the URL.
import { describeAllowed, fieldByKey, fieldByName, formatFieldValue, parseFieldValue, ConfigSchema, type ConfigKey, type ExperimentConfig, type Field } from './config';

/**
 * Fields that may differ between the two runs. The data (data set, sizes, digits), the number of
 * steps and the logging interval stay shared: the two runs are drawn on one step axis against the
 * same targets. The model stays the MLP (the early-time model has other panels).
 */
export const COMPARE_KEYS = ['width', 'depth', 'activation', 'param', 'outputScale', 'center', 'lr', 'lrScale', 'sigmaW2', 'sigmaB2', 'bias', 'seed', 'optimizer', 'batch', 'lrWidthExp'] as const satisfies readonly ConfigKey[];
export type CompareKey = (typeof COMPARE_KEYS)[number];

export interface CompareSpec {
  key: CompareKey;
  /** The value of the second run (checked by the field's schema; null = "auto" for lr, σ_w²). */
  value: ExperimentConfig[CompareKey];
}

export type CompareParse = { ok: true; spec: CompareSpec } | { ok: false; notice: string };

const isCompareKey = (k: string): k is CompareKey => (COMPARE_KEYS as readonly string[]).includes(k);

/** The URL / CLI names of the comparable fields (e.g. width, param, output-scale, lr). */
export function compareFieldNames(): string[] {
  return COMPARE_KEYS.map((k) => fieldOf(k).name);
}

function fieldOf(key: CompareKey): Field {
  return fieldByKey(key);
}

/** Read `FIELD:VALUE` (FIELD is the URL name, e.g. `output-scale:30`). Never throws. */
export function parseCompare(raw: string): CompareParse {
  const text = raw.trim();
  const head = `compare=${JSON.stringify(raw)}`;
  const colon = text.indexOf(':');
  if (colon <= 0) return { ok: false, notice: `${head} is not valid: expected FIELD:VALUE, e.g. width:4096 or param:mup; compare mode is off.` };
  const name = text.slice(0, colon).trim().toLowerCase();
  const f = fieldByName(name);
  if (!f) return { ok: false, notice: `${head} is not valid: "${name}" is not a setting; comparable settings are ${compareFieldNames().join(', ')}; compare mode is off.` };
  if (!isCompareKey(f.key))
    return {
      ok: false,
      notice: `${head} is not valid: both runs share ${f.name} (the data, the steps and the logging interval are the same for both); comparable settings are ${compareFieldNames().join(', ')}; compare mode is off.`,
    };
  const r = parseFieldValue(f, text.slice(colon + 1));
  if (!r.ok) return { ok: false, notice: `${head} is not valid: ${f.name} must be ${describeAllowed(f)}; compare mode is off.` };
  return { ok: true, spec: { key: f.key, value: r.value as CompareSpec['value'] } };
}

/** `FIELD:VALUE`, exactly what parseCompare reads back. */
export function formatCompare(spec: CompareSpec): string {
  const f = fieldOf(spec.key);
  return `${f.name}:${formatFieldValue(f, spec.value)}`;
}

/** The second run's config: the first one with the compared field replaced (checked by the schema). */
export function compareConfigOf(base: ExperimentConfig, spec: CompareSpec): ExperimentConfig {
  return ConfigSchema.parse({ ...base, [spec.key]: spec.value });
}

/** Whether compare mode applies to this config (the MLP only: the early-time model has its own panels). */
export function compareApplies(base: ExperimentConfig): boolean {
  return base.model === 'mlp';
}

const SHORT_LABEL: Partial<Record<CompareKey, string>> = { outputScale: 'α', lr: 'η', lrScale: 'η/η_c', sigmaW2: 'σ_w²', sigmaB2: 'σ_b²', param: '', lrWidthExp: 'κ' };
const VALUE_LABEL: Record<string, string> = { ntk: 'NTK', standard: 'standard', mup: 'μP' };

/** How a run is named in legends: the compared field with this run's value, e.g. "width 16", "μP", "α 30", "η auto". */
export function runLabel(key: CompareKey, config: ExperimentConfig): string {
  const v = config[key];
  const value = v === null ? 'auto' : typeof v === 'string' ? (VALUE_LABEL[v] ?? v) : typeof v === 'boolean' ? (v ? 'on' : 'off') : String(v);
  const f = fieldOf(key);
  const name = SHORT_LABEL[key] ?? f.name;
  return name ? `${name} ${value}` : value;
}

/** One-click comparisons offered by the Lab's control (the first is the default choice). */
export const COMPARE_CHOICES: readonly { label: string; base: Partial<ExperimentConfig>; spec: CompareSpec }[] = [
  { label: 'Narrow vs wide (width 16 vs 4096)', base: { width: 16 }, spec: { key: 'width', value: 4096 } },
  { label: 'NTK vs μP (width 1024)', base: { width: 1024, param: 'ntk' }, spec: { key: 'param', value: 'mup' } },
  { label: 'α = 1 vs α = 30 (width 64)', base: { width: 64, outputScale: 1, center: true }, spec: { key: 'outputScale', value: 30 } },
];

/** `?compare=` of a page query: the spec, or null with a notice when it is absent or invalid. */
export function compareFromSearch(search: string, base?: ExperimentConfig): { spec: CompareSpec | null; notices: string[] } {
  const raw = new URLSearchParams(search.startsWith('?') ? search.slice(1) : search).get('compare');
  if (raw === null || raw.trim() === '' || raw.trim().toLowerCase() === 'off') return { spec: null, notices: [] };
  const r = parseCompare(raw);
  if (!r.ok) return { spec: null, notices: [r.notice] };
  if (base && !compareApplies(base)) return { spec: null, notices: [`compare=${JSON.stringify(raw)}: compare mode needs the MLP model (model=mlp); it is off for the early-time model.`] };
  return { spec: r.spec, notices: [] };
}
