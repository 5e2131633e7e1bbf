// The config as a JSON file and back. Writing: {"format": "tangent-lab-config", "version": 1,
// "config": {...every field by its key; null = auto}}. Reading is strict: the file must be JSON, an
// object in that format (or a bare object of config keys), with only known keys and each value of
// the right type and range — otherwise one message naming the problem and no config. Missing keys
// take their defaults.
import { DEFAULT_CONFIG, FIELDS, describeAllowed, formatFieldValue, parseFieldValue, type ExperimentConfig } from '../../state/config';

export const CONFIG_FORMAT = 'tangent-lab-config';
export const CONFIG_VERSION = 1;

export type ConfigFileResult = { ok: true; config: ExperimentConfig } | { ok: false; error: string };

export function configFileText(config: ExperimentConfig): string {
  const out: Record<string, unknown> = {};
  for (const f of FIELDS) out[f.key] = config[f.key];
  return JSON.stringify({ format: CONFIG_FORMAT, version: CONFIG_VERSION, config: out }, null, 2) + '\n';
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function typeMatches(kind: (typeof FIELDS)[number]['kind'], v: unknown, auto: boolean): boolean {
  switch (kind) {
    case 'int':
    case 'number':
      return typeof v === 'number' || (auto && v === null);
    case 'enum':
      return typeof v === 'string';
    case 'bool':
      return typeof v === 'boolean';
  }
}

export function parseConfigFileText(text: string): ConfigFileResult {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    return { ok: false, error: `The file is not valid JSON (${e instanceof Error ? e.message : String(e)}).` };
  }
  if (!isObject(data)) return { ok: false, error: 'The file is not a Tangent Lab config: expected a JSON object.' };
  let body: Record<string, unknown>;
  if ('format' in data) {
    if (data.format !== CONFIG_FORMAT) return { ok: false, error: `The file is not a Tangent Lab config: "format" is ${JSON.stringify(data.format)}, expected "${CONFIG_FORMAT}".` };
    if (data.version !== CONFIG_VERSION) return { ok: false, error: `Unsupported config version ${JSON.stringify(data.version)} (this app reads version ${CONFIG_VERSION}).` };
    if (!isObject(data.config)) return { ok: false, error: 'The config file has no "config" object.' };
    const extra = Object.keys(data).filter((k) => !['format', 'version', 'config'].includes(k));
    if (extra.length) return { ok: false, error: `The config file has unknown top-level keys: ${extra.join(', ')}.` };
    body = data.config;
  } else {
    body = data;
  }
  const known = new Map(FIELDS.map((f) => [f.key as string, f]));
  const unknown = Object.keys(body).filter((k) => !known.has(k));
  if (unknown.length) {
    return { ok: false, error: `The file is not a Tangent Lab config: unknown ${unknown.length === 1 ? 'key' : 'keys'} ${unknown.slice(0, 5).map((k) => JSON.stringify(k)).join(', ')}${unknown.length > 5 ? ', …' : ''}.` };
  }
  const config: ExperimentConfig = { ...DEFAULT_CONFIG };
  const rec = config as unknown as Record<string, unknown>;
  for (const [k, v] of Object.entries(body)) {
    const f = known.get(k)!;
    const auto = f.kind === 'number' && Boolean(f.auto);
    const r = typeMatches(f.kind, v, auto) ? parseFieldValue(f, formatFieldValue(f, v)) : null;
    if (!r || !r.ok) return { ok: false, error: `"${k}" is ${JSON.stringify(v)}: expected ${describeAllowed(f)}${auto ? ' (null = auto)' : ''}.` };
    rec[f.key] = r.value;
  }
  return { ok: true, config };
}
