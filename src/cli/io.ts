// What a command receives (its parsed arguments) and where it writes: shared by the command table
// and every command, so none of them imports the parser.
import type { ExperimentConfig } from '../schema/config';
import { NODE_BACKENDS } from '../schema/backends';

/** The CLI's backends: the ones Node offers; wasm is the default (~25× faster than cpu at width 256). */
export const BACKENDS = NODE_BACKENDS;
export type CliBackend = (typeof BACKENDS)[number];
export const DEFAULT_BACKEND: CliBackend = 'wasm';

export interface CliArgs {
  command: string;
  config: ExperimentConfig;
  json: boolean;
  backend: CliBackend;
  /** `ntk --n`: cap on the number of training points in the output kernel. */
  n: number | null;
  /** `early-sweep --widths`: hidden widths to compare. */
  widths: number[] | null;
  /** `early-sweep --at`: steps at which earlyGap is read. */
  at: number[] | null;
  /** The command's own flags (its `flags` in ./commands.ts), raw, a switch as 'true'; `--n` is parsed into `n`. */
  flags: Record<string, string>;
  /** `sweep` / `merge`: `flags`, validated by the sweep commands (widths, seeds, out, shard); {} for other commands. */
  sweep: Record<string, string>;
  /** Positional arguments (`merge DIR1 DIR2 …`); other commands reject them. */
  positional: string[];
}

/** The CLI's exit statuses. */
export const EXIT = {
  ok: 0,
  /** The command failed while running (an error not caused by its arguments). */
  failed: 1,
  /** A usage error: a bad command, flag or value; one line on stderr, nothing run. */
  usage: 2,
  /** `train`: the run diverged (the loss grew 10⁶×). */
  diverged: 3,
  /** Interrupted (Ctrl-C), 128 + SIGINT. */
  interrupted: 130,
} as const;

/** A usage error, from parsing or from a command checking its flags: one line on stderr, exit EXIT.usage. */
export class UsageError extends Error {}

/** Where a command writes: stdout for results, stderr for progress and errors. */
export interface Io {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
}
