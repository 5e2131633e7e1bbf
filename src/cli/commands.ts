// The CLI's one command table: per command its name, summary, flags (with ranges and defaults) and
// run function. main.ts dispatches from it, args.ts parses with it, help.ts prints it. To add a
// flag to a command, add one entry to its `flags`: the parser accepts it for that command only and
// hands its raw value over in `args.flags` (for sweep and merge also `args.sweep`), and the help
// lists it.
import type { CliArgs } from './io';
import { BACKENDS, DEFAULT_BACKEND, type Io } from './io';
export { BACKENDS, DEFAULT_BACKEND, type CliBackend } from './io';
import { runEarlySweep, runNtk, runTaylor, runTrain } from './run';
import { runMergeCommand, runPhaseCommand, runSweepCommand } from './sweep';
import {
  DEFAULT_AUTO_LR,
  DEFAULT_PHASE_OUTPUT_SCALES,
  DEFAULT_SWEEP_SEEDS,
  DEFAULT_SWEEP_WIDTHS,
  MAX_SWEEP_SEEDS,
  SWEEP_LISTS,
} from '../schema/sweep';
import { describeList } from '../schema/numberList';
import { PARAMETRIZATIONS } from '../schema/config';
import { SWEEP_STEPS, SWEEP_WIDTHS } from '../engine/earlyTime/earlyTimeSweep';

export interface FlagSpec {
  /** The flag without its dashes: `--name`. */
  name: string;
  /** Placeholder for the value in the help (`N`, `DIR`); a switch without a value when absent. */
  value?: string;
  /** What it does and its allowed values. */
  help: string;
  /** The default, as the help shows it; none when the flag has none. */
  default?: string;
}

export interface Command {
  name: string;
  /** One line for the command list. */
  summary: string;
  /** Further lines for `<command> --help`. */
  details?: string;
  /** Placeholder for positional arguments (`DIR1 DIR2 …`); the command rejects them when absent. */
  positionals?: string;
  /** Whether the experiment flags (CONFIG_FIELDS: --width, --depth, …) apply. */
  experiment: boolean;
  /** The command's own flags (besides the experiment flags and GLOBAL_FLAGS). */
  flags: FlagSpec[];
  run(args: CliArgs, io: Io): Promise<number>;
}


/** Flags every command accepts. */
export const GLOBAL_FLAGS: FlagSpec[] = [
  { name: 'json', help: 'machine-readable output' },
  { name: 'backend', value: 'NAME', help: `TensorFlow.js backend: ${BACKENDS.join(' or ')} (wasm is ~25× faster)`, default: DEFAULT_BACKEND },
  { name: 'help', help: 'print this help' },
];

const N_FLAG: FlagSpec = { name: 'n', value: 'N', help: 'use only the first N training points (an integer ≥ 1)', default: 'all' };
const OUT_FLAG: FlagSpec = { name: 'out', value: 'DIR', help: 'directory to write the results to (required)' };

/** The flags of `sweep` and `phase` (they differ only in the default of --output-scales). */
function sweepFlags(outputScalesDefault: string): FlagSpec[] {
  return [
    { name: 'widths', value: 'W,W,…', help: `hidden widths: ${describeList(SWEEP_LISTS.widths)}, at least ${SWEEP_LISTS.widths.minDistinct} distinct`, default: DEFAULT_SWEEP_WIDTHS.join(',') },
    { name: 'seeds', value: 'N', help: `seeds per width, from 1 to ${MAX_SWEEP_SEEDS}`, default: String(DEFAULT_SWEEP_SEEDS) },
    {
      name: 'output-scales',
      value: 'A,A,…',
      help: `output scales α: ${describeList(SWEEP_LISTS.outputScales)}, at most ${SWEEP_LISTS.outputScales.maxDistinct}; more than one makes a phase sweep (every run centred, α·(f − f₀))`,
      default: outputScalesDefault,
    },
    { name: 'params', value: 'P,P,…', help: `comma-separated parametrizations (${PARAMETRIZATIONS.join(', ')}); more than one makes a phase sweep, η resolved per parametrization`, default: 'the --param value' },
    {
      name: 'lr-scales',
      value: 'C,C,…',
      help: `learning-rate scales c: ${describeList(SWEEP_LISTS.lrScales)}, at most ${SWEEP_LISTS.lrScales.maxDistinct}; each run trains with η = c·η_c = c·2N/λmax(Θ₀) of its own θ₀ (the learning-rate × width phase diagram; runs.csv gets an lrScale column, each run its measured lrPhase)`,
      default: 'none',
    },
    { name: 'auto-lr', value: 'RULE', help: 'with --lr auto: shared (one η for every run) or per-run (= --lr auto-per-run)', default: DEFAULT_AUTO_LR },
    { name: 'jobs', value: 'N', help: 'runs in parallel worker threads, from 1 to 64; the files are identical to --jobs 1', default: 'the machine’s logical cores' },
    { name: 'shard', value: 'i/K', help: 'run only shard i of K (merge the shard directories afterwards; each shard has its own --jobs)', default: 'all' },
    OUT_FLAG,
  ];
}
const SWEEP_LR_DETAILS =
  'η is resolved once for the whole sweep (once per parametrization with --params): --lr auto (default) = one η for every run, N/λmax(Θ₀) of the seed-mean kernel at the widest width; --lr η₀ [--lr-width-exp κ: η = η₀·n^κ]; --lr auto-per-run = each run its own η (the slopes then mix η with width; warned in fits.json). η is in α = 1 units: a run with output scale α takes the raw step η/α². --json prints the fits.';
const LR_PHASE_DETAILS =
  'Every run records its measured learning-rate phase (lazy, catapult, edge-of-stability, diverged; criteria in docs/science.md) and sharpness S = λmax(Θ_t(X,X))/(α²N) on the training set: runs.csv ends with lrPhase, sharpness0, sharpnessMax, sharpnessFinal, etaSharpnessMax (max η·S), lossPeakRatio, twinDiverged; runs with η·S > 2 at some logged step are listed in fits.json (pastEdge) and on stderr.';
const PHASE_DETAILS =
  'A phase sweep (more than one --output-scales or --params) runs the grid param × α × width × seed; every run is centred, α·(f(x;θ) − f(x;θ₀)), so α = 1 is the same model family; runs.csv and summary.csv get param,outputScale columns in front, fits.json fits in width within each (param, α) group, and ucNfaLast (UC-NFA of the last hidden layer, a correlation) is recorded, not fitted.';

export const COMMANDS: readonly Command[] = [
  {
    name: 'train',
    summary: 'train the network; with --json prints one JSON object per logged step',
    details:
      'With --modes K > 0 (default 16; K = min(K, N), off above 1024 training points) --json rows carry "modes": {"lambda": [λ_k(Θ₀)/N, descending], "net": [u_kᵀ(f_t − y)], "lin": [u_kᵀ(f_lin,t − y)]} over the top K eigenvectors u_k of Θ₀ on the training set (largest-magnitude entry positive), and "modeDeparture" = RMS_k(net_k − lin_k) / RMS_i(f₀(x_i) − y_i) (an RMS over the K modes: it depends on K, so compare runs with the same --modes). With --output-scale α > 1, lambda_k is α²λ_k(Θ_f)/N (the scaled model’s kernel) and the raw step is η/α². With --optimizer gd, lin_k(t) = (1 − η·lambda_k/α²)^t · lin_k(0) exactly (α = 1: (1 − η·lambda_k)^t); with sgd the twin\'s per-mode decay has no closed form (the batch kernel mixes the modes), so both are measured only.',
    experiment: true,
    flags: [],
    run: runTrain,
  },
  {
    name: 'ntk',
    summary: 'print config, data, θ₀ and the empirical NTK on the training set (JSON)',
    details:
      'With --infinite the dump adds "ntkInf" (Θ∞) and "nngpInf" (Σ∞, the output covariance at θ₀) on the same training points, the infinite-width limits of the lab\'s network in float64 (docs/science.md §11: relu, erf, linear by closed forms, tanh by its Hermite series), "kernelGapInf" = ‖Θ₀ − Θ∞‖_F/‖Θ∞‖_F and "infiniteNote" (the method and the parametrization\'s limit: μP has NTK\'s Θ∞ and Σ∞ = α²σ_b²; standard has no finite Θ∞, so ntkInf is null there).',
    experiment: true,
    flags: [N_FLAG, { name: 'infinite', help: 'add the infinite-width kernels ntkInf and nngpInf (training set) to the dump' }],
    run: runNtk,
  },
  {
    name: 'taylor',
    summary: 'print θ₀ and the Taylor coefficients c1, c2, c3 along one GD step (JSON)',
    experiment: true,
    flags: [{ ...N_FLAG, help: 'print the coefficients at the first N training points only (an integer ≥ 1; the step is the session’s, over the whole training set)' }],
    run: runTaylor,
  },
  {
    name: 'sweep',
    summary: 'train every (width, seed) of a width sweep; writes runs.csv, summary.csv, fits.json, sweep.json',
    details: `${SWEEP_LR_DETAILS} ${PHASE_DETAILS} ${LR_PHASE_DETAILS}`,
    experiment: true,
    flags: sweepFlags('the --output-scale value'),
    run: (args, io) => runSweepCommand(args, io),
  },
  {
    name: 'phase',
    summary: `the phase diagram: sweep with output scales α = ${DEFAULT_PHASE_OUTPUT_SCALES.join(',')} by default (param × α × width × seed); same files and flags as sweep`,
    details: `${PHASE_DETAILS} ${SWEEP_LR_DETAILS}`,
    experiment: true,
    flags: sweepFlags(DEFAULT_PHASE_OUTPUT_SCALES.join(',')),
    run: runPhaseCommand,
  },
  {
    name: 'merge',
    summary: 'merge shard directories of one sweep: merge DIR1 DIR2 … --out DIR',
    positionals: 'DIR1 DIR2 …',
    experiment: false,
    flags: [OUT_FLAG],
    run: runMergeCommand,
  },
  {
    name: 'early-sweep',
    summary: 'early-time model: earlyGap at steps --at for each of --widths, one line per width',
    details: 'Same data, seed and η for every width (η resolved once, at --width).',
    experiment: true,
    flags: [
      { name: 'widths', value: 'W,W,…', help: `hidden widths: ${describeList(SWEEP_LISTS.earlyWidths)}`, default: SWEEP_WIDTHS.join(',') },
      { name: 'at', value: 'S,S,…', help: `steps: ${describeList(SWEEP_LISTS.earlySteps)}`, default: SWEEP_STEPS.join(',') },
    ],
    run: runEarlySweep,
  },
];

export function commandByName(name: string): Command | undefined {
  return COMMANDS.find((c) => c.name === name);
}

/** "a, b or c" (or "a, b and c"). */
export function orList(names: readonly string[], word = 'or'): string {
  return names.length < 2 ? names.join('') : `${names.slice(0, -1).join(', ')} ${word} ${names[names.length - 1]}`;
}
