// CLI flag parsing on top of the one config schema: `--name value` or `--name=value`, with the
// same names and validation as the URL parameters.
import { FIELDS, configFromEntries, fieldByName, type ExperimentConfig } from '../state/config';

export interface CliArgs {
  command: string;
  config: ExperimentConfig;
  json: boolean;
  backend: 'cpu' | 'wasm';
  /** `ntk --n`: cap on the number of training points in the output kernel. */
  n: number | null;
  /** `early-sweep --widths`: hidden widths to compare. */
  widths: number[] | null;
  /** `early-sweep --at`: steps at which earlyGap is read. */
  at: number[] | null;
}

export class CliError extends Error {}

const EXTRA_FLAGS = ['json', 'backend', 'n', 'help', 'widths', 'at'];

/** "64,256,1024" → [64, 256, 1024]: positive integers up to max, or a CliError naming the flag. */
function intList(flag: string, value: string, max: number): number[] {
  const parts = value.split(',').map((s) => s.trim());
  if (parts.length === 0 || parts.some((p) => !/^\d+$/.test(p) || Number(p) < 1 || Number(p) > max))
    throw new CliError(`--${flag}=${JSON.stringify(value)} is not valid: expected comma-separated integers from 1 to ${max}`);
  return parts.map(Number);
}

export function parseCliArgs(argv: string[]): CliArgs {
  const [command = 'help', ...rest] = argv;
  const entries: [string, string][] = [];
  let json = false;
  let backend: 'cpu' | 'wasm' = 'cpu';
  let n: number | null = null;
  let widths: number[] | null = null;
  let at: number[] | null = null;
  for (let i = 0; i < rest.length; i++) {
    const tok = rest[i];
    if (!tok.startsWith('--')) throw new CliError(`unexpected argument "${tok}" (flags look like --width 256)`);
    const eq = tok.indexOf('=');
    const name = eq >= 0 ? tok.slice(2, eq) : tok.slice(2);
    if (name === 'json') {
      json = true;
      continue;
    }
    if (name === 'help') throw new CliError('help');
    if (!fieldByName(name) && !EXTRA_FLAGS.includes(name))
      throw new CliError(`unknown flag --${name} (known: ${[...FIELDS.map((f) => f.name), ...EXTRA_FLAGS].map((s) => '--' + s).join(' ')})`);
    let value: string;
    if (eq >= 0) value = tok.slice(eq + 1);
    else {
      if (i + 1 >= rest.length) throw new CliError(`flag --${name} needs a value`);
      value = rest[++i];
    }
    if (name === 'backend') {
      if (value !== 'cpu' && value !== 'wasm') throw new CliError(`--backend=${JSON.stringify(value)} is not valid: expected one of cpu, wasm`);
      backend = value;
    } else if (name === 'n') {
      if (!/^\d+$/.test(value) || Number(value) < 1) throw new CliError(`--n=${JSON.stringify(value)} is not valid: expected an integer ≥ 1`);
      n = Number(value);
    } else if (name === 'widths') widths = intList(name, value, 16384);
    else if (name === 'at') at = intList(name, value, 1000000);
    else entries.push([name, value]);
  }
  const { config, notices } = configFromEntries(entries);
  if (notices.length > 0) throw new CliError('--' + notices[0].replace(/; using the default.*$/, ''));
  return { command, config, json, backend, n, widths, at };
}

export const USAGE = `usage: tangent-lab <command> [flags]

commands:
  train   train the network; with --json prints one JSON object per logged step
  ntk     print config, data, θ₀ and the empirical NTK on the training set (JSON)
  taylor  print θ₀ and the Taylor coefficients c1, c2, c3 along one GD step (JSON)
  early-sweep  early-time model: earlyGap at steps --at (default 10,100) for each of
          --widths (default 64,256,1024,4096), one line per width (same data, seed, η)

flags (same names and ranges as the app's URL parameters):
${FIELDS.map((f) => `  --${f.name.padEnd(11)} ${f.label}`).join('\n')}
  --json        machine-readable output
  --backend     cpu (default) or wasm
  --n           (ntk, taylor) use only the first n training points
  --widths      (early-sweep) comma-separated hidden widths
  --at          (early-sweep) comma-separated steps`;
