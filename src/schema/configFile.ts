// Config files (JSON): the experiment config as an object keyed by the config's property names
// (e.g. {"width": 512, "lr": "auto", "logEvery": 5}); missing keys take their defaults.
// A file that is not JSON, not an object, has an unknown key or a value of the wrong JSON type is
// rejected with one message naming the problem; a value of the right type outside its range gets
// a notice and the default, as in URLs.
import { DEFAULT_CONFIG, FIELDS, checkFieldValue, describeAllowed, formatFieldValue, type ExperimentConfig, type Field, ConfigSchema } from './config';

export type ConfigFileResult = { ok: true; config: ExperimentConfig; notices: string[] } | { ok: false; error: string };

/** The JSON type a field's value must have in a file ("auto" is accepted for auto fields). */
function jsonTypeOk(f: Field, v: unknown): boolean {
  switch (f.kind) {
    case 'int':
    case 'choice':
      return typeof v === 'number';
    case 'number':
      return typeof v === 'number' || (f.auto && (v === null || v === 'auto'));
    case 'enum':
    case 'text':
      return typeof v === 'string';
    case 'bool':
      return typeof v === 'boolean';
  }
}

function jsonTypeName(f: Field): string {
  switch (f.kind) {
    case 'int':
    case 'choice':
    case 'number':
      return f.kind === 'number' && f.auto ? 'a number or "auto"' : 'a number';
    case 'enum':
    case 'text':
      return 'a string';
    case 'bool':
      return 'true or false';
  }
}

function describeJsonValue(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  return typeof v === 'string' ? `the string ${JSON.stringify(v)}` : typeof v === 'object' ? 'an object' : `${typeof v} ${String(v)}`;
}

/** Parse a config file's text. Never throws. */
export function parseConfigFile(text: string): ConfigFileResult {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    return { ok: false, error: `The config file is not valid JSON: ${(e as Error).message}` };
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data))
    return { ok: false, error: `The config file must hold a JSON object of settings, not ${describeJsonValue(data)}` };
  const merged: Record<string, unknown> = { ...DEFAULT_CONFIG };
  const notices: string[] = [];
  for (const [key, value] of Object.entries(data)) {
    const f = FIELDS.find((x) => x.key === key);
    if (!f) return { ok: false, error: `Unknown setting "${key}" in the config file (known: ${FIELDS.map((x) => x.key).join(', ')})` };
    if (!jsonTypeOk(f, value))
      return { ok: false, error: `Setting "${key}" in the config file must be ${jsonTypeName(f)} (${describeAllowed(f)}), not ${describeJsonValue(value)}` };
    const r = checkFieldValue(f, value === 'auto' ? null : value);
    if (r.ok) merged[f.key] = r.value;
    else notices.push(`${r.error}; using the default ${formatFieldValue(f, f.default)}.`);
  }
  return { ok: true, config: ConfigSchema.parse(merged), notices };
}

/** The config as config-file text (every field, "auto" fields as null); parseConfigFile reads it back exactly. */
export function configToJson(config: ExperimentConfig): string {
  return JSON.stringify(ConfigSchema.parse(config), null, 2) + '\n';
}
