// CLI flags: `node:util` parseArgs reads `--name value` / `--name=value`; the values are checked by
// the one config schema (same names, ranges and messages as the app's URL parameters).
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { FIELDS, configFromEntries, type ExperimentConfig } from '../state/config';

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
  /** `sweep` / `merge` flags, raw (validated by the sweep commands): widths, seeds, lr-width-exp, out, shard. */
  sweep: Record<string, string>;
  /** Positional arguments (`merge DIR1 DIR2 …`); other commands reject them. */
  positional: string[];
}

export class CliError extends Error {}

/** "64,256,1024" → [64, 256, 1024]: positive integers up to max, or a CliError naming the flag. */
function intList(flag: string, value: string, max: number): number[] {
  const parts = value.split(',').map((s) => s.trim());
  if (parts.length === 0 || parts.some((p) => !/^\d+$/.test(p) || Number(p) < 1 || Number(p) > max))
    throw new CliError(`--${flag}=${JSON.stringify(value)} is not valid: expected comma-separated integers from 1 to ${max}`);
  return parts.map(Number);
}

/** Flags that are not experiment settings. */
const SWEEP_FLAGS = ['widths', 'seeds', 'out', 'shard'];
/** Flags of the early-sweep command (`widths` is shared with sweep). */
const EARLY_SWEEP_FLAGS = ['at'];
const EXTRA_FLAGS = ['json', 'backend', 'n', 'help', ...SWEEP_FLAGS, ...EARLY_SWEEP_FLAGS];

const OPTIONS: NonNullable<ParseArgsConfig['options']> = {
  ...Object.fromEntries(FIELDS.map((f) => [f.name, { type: 'string' as const }])),
  json: { type: 'boolean' },
  help: { type: 'boolean' },
  backend: { type: 'string' },
  n: { type: 'string' },
  ...Object.fromEntries([...SWEEP_FLAGS, ...EARLY_SWEEP_FLAGS].map((f) => [f, { type: 'string' as const }])),
};

const knownFlags = () => [...FIELDS.map((f) => f.name), ...EXTRA_FLAGS].map((s) => '--' + s).join(' ');

/** parseArgs' own errors as one line in this CLI's words. */
function cliErrorFrom(e: unknown): CliError {
  const err = e instanceof Error ? e : new Error(String(e));
  const code = 'code' in err ? err.code : undefined;
  const flag = /'(--?[^' ]+)/.exec(err.message)?.[1] ?? '';
  switch (code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return new CliError(`unknown flag ${flag} (known: ${knownFlags()})`);
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      return /argument missing|ambiguous/.test(err.message)
        ? new CliError(`flag ${flag} needs a value (write ${flag}=VALUE for a value that starts with "-")`)
        : new CliError(`flag ${flag} takes no value`);
    case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL':
      return new CliError(`unexpected argument ${/'([^']*)'/.exec(err.message)?.[1] ?? ''} (flags look like --width 256)`);
    default:
      return new CliError(err.message);
  }
}

export function parseCliArgs(argv: string[]): CliArgs {
  const [command = 'help', ...rest] = argv;
  let values: ReturnType<typeof parseArgs>['values'];
  let positional: string[] = [];
  try {
    const parsed = parseArgs({ args: rest, options: OPTIONS, strict: true, allowPositionals: command === 'merge' });
    values = parsed.values;
    positional = parsed.positionals;
  } catch (e) {
    throw cliErrorFrom(e);
  }
  if (values.help) throw new CliError('help');
  const str = (name: string): string | undefined => {
    const v = values[name];
    return typeof v === 'string' ? v : undefined;
  };
  const backendRaw = str('backend') ?? 'cpu';
  if (backendRaw !== 'cpu' && backendRaw !== 'wasm') throw new CliError(`--backend=${JSON.stringify(backendRaw)} is not valid: expected one of cpu, wasm`);
  const nRaw = str('n');
  if (nRaw !== undefined && (!/^\d+$/.test(nRaw) || Number(nRaw) < 1)) throw new CliError(`--n=${JSON.stringify(nRaw)} is not valid: expected an integer ≥ 1`);
  const entries = FIELDS.flatMap((f): [string, string][] => {
    const v = str(f.name);
    return v === undefined ? [] : [[f.name, v]];
  });
  const earlySweep = command === 'early-sweep';
  const widthsRaw = str('widths');
  const atRaw = str('at');
  if (atRaw !== undefined && !earlySweep) throw new CliError('flag --at only applies to the early-sweep command');
  const widths = earlySweep && widthsRaw !== undefined ? intList('widths', widthsRaw, 16384) : null;
  const at = atRaw !== undefined ? intList('at', atRaw, 1000000) : null;
  const sweep: Record<string, string> = {};
  for (const f of SWEEP_FLAGS) {
    const v = str(f);
    if (v === undefined || (earlySweep && f === 'widths')) continue;
    if (command !== 'sweep' && command !== 'merge') throw new CliError(`flag --${f} only applies to the sweep and merge commands`);
    sweep[f] = v;
  }
  const { config, notices } = configFromEntries(entries);
  if (notices.length > 0) throw new CliError('--' + notices[0].replace(/; using the default.*$/, ''));
  return { command, config, json: values.json === true, backend: backendRaw, n: nRaw === undefined ? null : Number(nRaw), sweep, positional, widths, at };
}

export const USAGE = `usage: tangent-lab <command> [flags]

commands:
  train   train the network; with --json prints one JSON object per logged step
  ntk     print config, data, θ₀ and the empirical NTK on the training set (JSON)
  taylor  print θ₀ and the Taylor coefficients c1, c2, c3 along one GD step (JSON)
  sweep   train every (width, seed) of a width sweep; writes runs.csv, summary.csv, fits.json
          and sweep.json to --out DIR (--widths 16,64,256 --seeds 5 [--lr-width-exp α: η = η₀·n^α]
          [--shard i/K] [all train flags]); --json prints the fits
  merge   merge shard directories: merge DIR1 DIR2 … --out DIR
  early-sweep  early-time model: earlyGap at steps --at (default 10,100) for each of
          --widths (default 64,256,1024,4096), one line per width (same data, seed, η)

flags (same names and ranges as the app's URL parameters):
${FIELDS.map((f) => `  --${f.name.padEnd(13)} ${f.label}`).join('\n')}
  --json          machine-readable output
  --backend       cpu (default) or wasm
  --n             (ntk, taylor) use only the first n training points
  --widths        (sweep, early-sweep) comma-separated hidden widths
  --at            (early-sweep) comma-separated steps

train --json rows with --modes K > 0 (default 16; K = min(K, N), off above 256 training points)
carry "modes": {"lambda": [λ_k(Θ₀)/N, descending], "net": [u_kᵀ(f_t − y)], "lin": [u_kᵀ(f_lin,t − y)]}
over the top K eigenvectors u_k of Θ₀ on the training set (largest-magnitude entry positive), and
"modeDeparture" = RMS_k(net_k − lin_k) / RMS_i(f₀(x_i) − y_i). With --optimizer gd, lin_k(t) =
(1 − η·lambda_k)^t · lin_k(0) exactly; with sgd the twin's per-mode decay has no closed form (the
batch kernel mixes the modes), so both are measured only.`;
