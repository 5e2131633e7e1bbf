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
  /** `sweep` / `merge` flags, raw (validated by the sweep commands): widths, seeds, lr-width-exp, out, shard. */
  sweep: Record<string, string>;
  /** Positional arguments (`merge DIR1 DIR2 …`); other commands reject them. */
  positional: string[];
}

export class CliError extends Error {}

const SWEEP_FLAGS = ['widths', 'seeds', 'lr-width-exp', 'out', 'shard'];
const EXTRA_FLAGS = ['json', 'backend', 'n', 'help', ...SWEEP_FLAGS];

export function parseCliArgs(argv: string[]): CliArgs {
  const [command = 'help', ...rest] = argv;
  const entries: [string, string][] = [];
  let json = false;
  let backend: 'cpu' | 'wasm' = 'cpu';
  let n: number | null = null;
  const sweep: Record<string, string> = {};
  const positional: string[] = [];
  for (let i = 0; i < rest.length; i++) {
    const tok = rest[i];
    if (!tok.startsWith('--') && command === 'merge') {
      positional.push(tok);
      continue;
    }
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
    } else if (SWEEP_FLAGS.includes(name)) {
      if (command !== 'sweep' && command !== 'merge') throw new CliError(`flag --${name} only applies to the sweep and merge commands`);
      sweep[name] = value;
    } else entries.push([name, value]);
  }
  const { config, notices } = configFromEntries(entries);
  if (notices.length > 0) throw new CliError('--' + notices[0].replace(/; using the default.*$/, ''));
  return { command, config, json, backend, n, sweep, positional };
}

export const USAGE = `usage: tangent-lab <command> [flags]

commands:
  train   train the network; with --json prints one JSON object per logged step
  ntk     print config, data, θ₀ and the empirical NTK on the training set (JSON)
  taylor  print θ₀ and the Taylor coefficients c1, c2, c3 along one GD step (JSON)
  sweep   train every (width, seed) of a width sweep; writes runs.csv, summary.csv, fits.json
          and sweep.json to --out DIR (--widths 16,64,256 --seeds 5 [--lr-width-exp α]
          [--shard i/K] [all train flags]); --json prints the fits
  merge   merge shard directories: merge DIR1 DIR2 … --out DIR

flags (same names and ranges as the app's URL parameters):
${FIELDS.map((f) => `  --${f.name.padEnd(11)} ${f.label}`).join('\n')}
  --json        machine-readable output
  --backend     cpu (default) or wasm
  --n           (ntk, taylor) use only the first n training points`;
