// CLI flags: `node:util` parseArgs reads `--name value` / `--name=value` with the flags the command
// table (./commands.ts) gives the command; experiment values are checked by the one config schema
// (same names, ranges and messages as the app's URL parameters).
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { FIELDS, configFromEntries } from '../schema/config';
import { parseNumberList, type ListBounds } from '../schema/numberList';
import { SWEEP_LISTS } from '../schema/sweep';
import { UsageError, type CliArgs } from './io';
export type { CliArgs } from './io';
import { BACKENDS, COMMANDS, DEFAULT_BACKEND, GLOBAL_FLAGS, commandByName, orList, type Command } from './commands';

/** `--help` / `-h` among a command's flags: main prints the help (exit 0). */
export class HelpRequested extends Error {}

/** A comma-separated list flag within its bounds (schema/sweep.ts SWEEP_LISTS), or a UsageError naming the flag. */
function listFlag(value: string, bounds: ListBounds): number[] {
  try {
    return parseNumberList(value, bounds);
  } catch (e) {
    throw new UsageError(`--${(e as Error).message}`);
  }
}

/** parseArgs options for one command: its experiment flags (if any), its own flags and the global ones. */
function optionsFor(cmd: Command): NonNullable<ParseArgsConfig['options']> {
  const flags = [...cmd.flags, ...GLOBAL_FLAGS];
  return {
    ...(cmd.experiment ? Object.fromEntries(FIELDS.map((f) => [f.name, { type: 'string' as const }])) : {}),
    ...Object.fromEntries(flags.map((f) => [f.name, f.value === undefined ? { type: 'boolean' as const } : { type: 'string' as const }])),
    help: { type: 'boolean', short: 'h' },
  };
}

/** The commands other than `cmd` that take a flag, for "only applies to" errors. */
function otherCommandsWith(flag: string): string[] {
  return COMMANDS.filter((c) => c.flags.some((f) => f.name === flag) || (c.experiment && FIELDS.some((f) => f.name === flag))).map((c) => c.name);
}

const knownFlags = (cmd: Command) => [...(cmd.experiment ? FIELDS.map((f) => f.name) : []), ...cmd.flags.map((f) => f.name), ...GLOBAL_FLAGS.map((f) => f.name)].map((s) => '--' + s).join(' ');

/** parseArgs' own errors as one line in this CLI's words. */
function cliErrorFrom(e: unknown, cmd: Command): UsageError {
  const err = e instanceof Error ? e : new Error(String(e));
  const code = 'code' in err ? err.code : undefined;
  const flag = /'(--?[^' ]+)/.exec(err.message)?.[1] ?? '';
  switch (code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION': {
      const others = otherCommandsWith(flag.replace(/^--/, ''));
      if (others.length > 0) return new UsageError(`flag ${flag} only applies to the ${orList(others, 'and')} command${others.length > 1 ? 's' : ''}`);
      return new UsageError(`unknown flag ${flag} (known to ${cmd.name}: ${knownFlags(cmd)})`);
    }
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      return /argument missing|ambiguous/.test(err.message)
        ? new UsageError(`flag ${flag} needs a value (write ${flag}=VALUE for a value that starts with "-")`)
        : new UsageError(`flag ${flag} takes no value`);
    case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL':
      return new UsageError(`unexpected argument ${/'([^']*)'/.exec(err.message)?.[1] ?? ''} (flags look like --width 256)`);
    default:
      return new UsageError(err.message);
  }
}

export function parseCliArgs(argv: string[]): CliArgs {
  const [command = 'help', ...rest] = argv;
  const cmd = commandByName(command);
  if (!cmd) throw new UsageError(`unknown command ${JSON.stringify(command)} (expected ${orList(COMMANDS.map((c) => c.name))})`);
  let values: ReturnType<typeof parseArgs>['values'];
  let positional: string[] = [];
  try {
    const parsed = parseArgs({ args: rest, options: optionsFor(cmd), strict: true, allowPositionals: cmd.positionals !== undefined });
    values = parsed.values;
    positional = parsed.positionals;
  } catch (e) {
    throw cliErrorFrom(e, cmd);
  }
  if (values.help) throw new HelpRequested('help');
  const str = (name: string): string | undefined => {
    const v = values[name];
    return typeof v === 'string' ? v : undefined;
  };
  const backendRaw = str('backend') ?? DEFAULT_BACKEND;
  const backend = BACKENDS.find((b) => b === backendRaw);
  if (backend === undefined) throw new UsageError(`--backend=${JSON.stringify(backendRaw)} is not valid: expected one of ${BACKENDS.join(', ')}`);
  const nRaw = str('n');
  if (nRaw !== undefined && (!/^\d+$/.test(nRaw) || Number(nRaw) < 1)) throw new UsageError(`--n=${JSON.stringify(nRaw)} is not valid: expected an integer ≥ 1`);
  // `sweep --lr auto-per-run` = `--lr auto --auto-lr per-run` (each run its own η; see src/schema/sweep.ts)
  const perRunLr = str('lr') === 'auto-per-run';
  if (perRunLr && command !== 'sweep' && command !== 'phase') throw new UsageError('--lr auto-per-run only applies to the sweep and phase commands');
  const entries = cmd.experiment
    ? FIELDS.flatMap((f): [string, string][] => {
        const v = f.name === 'lr' && perRunLr ? 'auto' : str(f.name);
        return v === undefined ? [] : [[f.name, v]];
      })
    : [];
  /** The command's own flags, raw (a switch without a value as 'true'). */
  const flags: Record<string, string> = {};
  for (const f of cmd.flags) {
    const v = str(f.name) ?? (values[f.name] === true ? 'true' : undefined);
    if (v !== undefined && f.name !== 'n') flags[f.name] = v;
  }
  if (perRunLr) flags['auto-lr'] = 'per-run';
  const earlySweep = command === 'early-sweep';
  const widths = earlySweep && flags.widths !== undefined ? listFlag(flags.widths, SWEEP_LISTS.earlyWidths) : null;
  const at = earlySweep && flags.at !== undefined ? listFlag(flags.at, SWEEP_LISTS.earlySteps) : null;
  const { config, notices } = configFromEntries(entries);
  if (notices.length > 0) throw new UsageError('--' + notices[0].replace(/; using the default.*$/, ''));
  return {
    command,
    config,
    json: values.json === true,
    backend,
    n: nRaw === undefined ? null : Number(nRaw),
    flags,
    sweep: command === 'sweep' || command === 'phase' || command === 'merge' ? flags : {},
    positional,
    widths,
    at,
  };
}
