// The runs of `train`, `ntk`, `taylor` and `early-sweep` (the table in ./commands.ts names them).
import { tf } from '../engine/tf';
import { Session } from '../engine/session/session';
import { type MetricRow } from '../engine/records/runRecords';
import { isDiverged } from '../engine/session/divergence';
import { summaryLine } from './summary';
import { EarlyTimeSession } from '../engine/earlyTime/earlyTimeSession';
import { SWEEP_STEPS, SWEEP_WIDTHS, earlyGapByWidth } from '../engine/earlyTime/earlyTimeSweep';
import { disposeParams, initParamArrays, paramsFromArrays, type LayerArrays, type MlpSpec } from '../engine/nn/mlp';
import { ntkLayerwise } from '../engine/metrics/ntk';
import { taylorCoefficients } from '../engine/nn/jets';
import type { CliArgs } from './io';
import { infiniteDump } from './infinite';
import { EXIT, type Io } from './io';
import { resolveSigmaW2, type ExperimentConfig } from '../schema/config';

function round(v: number): number {
  return Number.isFinite(v) ? Number(v.toPrecision(7)) : v;
}

const finiteOrNull = (v: number | null): number | null => (v !== null && Number.isFinite(v) ? round(v) : null);

/** JSON with non-finite numbers written as null (JSON has no NaN); `extra` fields go first. */
function rowJson(row: MetricRow, extra: Record<string, number> = {}): string {
  const o: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(extra)) o[k] = finiteOrNull(v);
  for (const [k, v] of Object.entries(row)) {
    if (typeof v === 'number') o[k] = finiteOrNull(v);
    else if (k === 'layerChange' && row.layerChange) o[k] = row.layerChange.map(finiteOrNull);
  }
  if (row.nfa) o.nfa = row.nfa.map((n) => ({ layer: n.layer, uc: finiteOrNull(n.uc), c: finiteOrNull(n.c) }));
  if (row.modes) o.modes = { lambda: row.modes.lambda.map(finiteOrNull), net: row.modes.net.map(finiteOrNull), lin: row.modes.lin.map(finiteOrNull) };
  if (row.twinDiverged) o.twinDiverged = true;
  return JSON.stringify(o);
}

/** What `train` needs from a run: the MLP Session or the early-time model. */
type TrainRun = Pick<Session, 'meta' | 'step' | 'advance' | 'dispose'> & { measure(): Promise<MetricRow> };

export async function runTrain(args: CliArgs, io: Io): Promise<number> {
  const { config } = args;
  const early = config.model === 'early-time' ? await EarlyTimeSession.create(config) : null;
  const session: TrainRun = early ?? (await Session.create(config, { gridSize: 2 }));
  // the early-time model's constants, on the first row (top level)
  const header: Record<string, number> = early ? { zeta: early.moments.zeta, nu: early.moments.nu, c: early.meta.earlyTime.c, m: early.spec.width, lr: early.meta.lr } : {};
  const t0 = performance.now();
  try {
    const first = await session.measure();
    let firstRow = true;
    const emit = (row: MetricRow) => {
      io.stdout((args.json ? rowJson(row, firstRow ? header : {}) : humanRow(row)) + '\n');
      firstRow = false;
    };
    if (early && !args.json) io.stderr(`# early-time model: m = ${early.spec.width}, d = ${early.spec.inputDim}, ζ = ${round(early.moments.zeta)}, ν = ${round(early.moments.nu)} (${early.moments.method})\n`);
    if (!args.json) io.stderr(`# lr ${round(session.meta.lr)}${session.meta.lrAuto ? ' (auto)' : ''}, critical lr ${round(session.meta.criticalLr ?? NaN)}, ${session.meta.paramCount} parameters\n`);
    emit(first);
    const rows: MetricRow[] = [first];
    const summary = (diverged: boolean) => (args.json ? io.stdout : io.stderr)(summaryLine(rows, session.meta.lr, diverged, args.json) + '\n');
    while (session.step < config.steps) {
      const k = Math.min(config.logEvery - (session.step % config.logEvery), config.steps - session.step);
      session.advance(k);
      const row = await session.measure();
      emit(row);
      // let the event loop run: output is written as it comes, and a closed pipe (\`| head -1\`) is
      // noticed at once (the tensor reads resolve as microtasks and would starve it)
      await new Promise<void>((resolve) => setImmediate(resolve));
      rows.push(row);
      if (isDiverged(row, first.loss)) {
        summary(true);
        io.stderr(`diverged at step ${row.step}: the loss grew 10⁶× (η = ${round(session.meta.lr)}, ${divergedContext(session.meta)})\n`);
        return EXIT.diverged;
      }
    }
    summary(false);
    if (!args.json) {
      const s = (performance.now() - t0) / 1000;
      io.stderr(`# ${config.steps} steps in ${s.toFixed(2)} s (${(config.steps / s).toFixed(1)} steps/s incl. metrics, ${tf.getBackend()})\n`);
    }
    return 0;
  } finally {
    session.dispose();
  }
}

/** One JSON line per width: {width, m, lr, zeta, nu, gaps: {step: earlyGap}}; η is resolved once, at the config's width. */
export async function runEarlySweep(args: CliArgs, io: Io): Promise<number> {
  const config = { ...args.config, model: 'early-time' as const };
  const probe = await EarlyTimeSession.create(config);
  const lr = probe.meta.lr;
  const { zeta, nu } = probe.moments;
  probe.dispose();
  const steps = args.at ?? SWEEP_STEPS;
  for (const width of args.widths ?? SWEEP_WIDTHS) {
    const pts = await earlyGapByWidth(config, lr, { widths: [width], steps });
    const gaps = Object.fromEntries(pts.map((p) => [String(p.step), p.earlyGap === null ? null : round(p.earlyGap)]));
    io.stdout(JSON.stringify({ width, m: pts[0]?.width ?? width, seed: config.seed, dataset: config.dataset, lr: round(lr), zeta: round(zeta), nu: round(nu), gaps }) + '\n');
  }
  return 0;
}

/** η relative to the critical rate, for the divergence message (the network can survive above 1). */
function divergedContext(meta: Session['meta']): string {
  return meta.criticalLr ? `η/η_c = ${round(meta.lr / meta.criticalLr)}, η_c = 2N/λmax(Θ₀) = ${round(meta.criticalLr)}` : 'no critical rate measured';
}

function humanRow(row: MetricRow): string {
  const nfa = (v: number | null) => (v === null ? '—' : v.toFixed(3));
  return Object.entries(row)
    .map(([k, v]) =>
      k === 'nfa'
        ? (v as NonNullable<MetricRow['nfa']>).map((n) => `nfa${n.layer}=${nfa(n.uc)}/${nfa(n.c)}`).join(' ')
        : k === 'modes' && row.modes
        ? `modesNet=${row.modes.net.map((x) => (x === null ? 'null' : x.toExponential(3))).join(',')} modesLin=${row.modes.lin.map((x) => (x === null ? 'null' : x.toExponential(3))).join(',')}`
        : `${k}=${typeof v === 'number' && k !== 'step' ? v.toExponential(3) : k === 'layerChange' && row.layerChange ? row.layerChange.map((x) => x.toExponential(3)).join(',') : v}`,
    )
    .join(' ');
}

function resolvedConfig(config: ExperimentConfig, spec: MlpSpec, lr: number) {
  return { ...config, lr, sigmaW2: resolveSigmaW2(config), inputDim: spec.inputDim };
}

/** θ₀ exactly as the network holds it (float32 values), W as n_out × n_in rows; b null without bias. */
function paramsJson(arrays: LayerArrays[]) {
  return arrays.map((L) => ({
    W: Array.from({ length: L.nOut }, (_, i) => Array.from(L.W.subarray(i * L.nIn, (i + 1) * L.nIn), Math.fround)),
    b: L.b ? Array.from(L.b, Math.fround) : null,
  }));
}

function matrixRows(flat: ArrayLike<number>, n: number, m: number): number[][] {
  return Array.from({ length: n }, (_, i) => Array.from({ length: m }, (_, j) => flat[i * m + j]));
}

/**
 * Training inputs/targets (first n points), θ₀ and the run itself, shared by `ntk` and `taylor`:
 * the learning rate (auto resolves from λmax(Θ₀) on the whole training set), the output scale and
 * the centring are the Session's own. The caller disposes the session.
 */
async function initialState(args: CliArgs) {
  const { config } = args;
  const session = await Session.create(config, { gridSize: 2 });
  const ds = session.data;
  const spec = session.spec;
  const n = Math.min(args.n ?? config.train, config.train);
  const xs = ds.xTrain.subarray(0, n * ds.inputDim);
  const ys = ds.yTrain.subarray(0, n);
  const arrays = initParamArrays(spec, config.seed);
  const lr = session.meta.lr;
  /** The fields `ntk` and `taylor` print first. */
  const header = {
    config: resolvedConfig(config, spec, lr),
    x: matrixRows(xs, n, ds.inputDim),
    y: Array.from(ys),
    params: paramsJson(arrays),
  };
  return { session, ds, spec, n, xs, arrays, header };
}

export async function runNtk(args: CliArgs, io: Io): Promise<number> {
  const { session, ds, spec, n, xs, arrays, header } = await initialState(args);
  session.dispose();
  const params = paramsFromArrays(arrays);
  const x = tf.tensor2d(xs, [n, ds.inputDim]);
  const k = ntkLayerwise(spec, params, x);
  const kv = await k.data();
  k.dispose();
  x.dispose();
  disposeParams(params);
  const inf = args.flags.infinite === 'true' ? infiniteDump(spec, xs, kv, n) : {};
  io.stdout(JSON.stringify({ ...header, ntk: matrixRows(kv, n, n), ...inf }) + '\n');
  return 0;
}

/**
 * c1, c2, c3 at the first n training points along the step the app's correlations use (the
 * session's full-batch GD step Δ = −(η/α²)∇θL on the whole training set, centred targets with
 * --center), at θ₀.
 */
export async function runTaylor(args: CliArgs, io: Io): Promise<number> {
  const { session, ds, n, xs, header } = await initialState(args);
  try {
    const x = tf.tensor2d(xs, [n, ds.inputDim]);
    const dir = session.stepDirection();
    const t = taylorCoefficients(session.spec, session.params, dir, x);
    const [c1, c2, c3] = await Promise.all([t.c1.data(), t.c2.data(), t.c3.data()]);
    for (const v of Object.values(t)) v.dispose();
    disposeParams(dir);
    x.dispose();
    io.stdout(JSON.stringify({ ...header, c1: Array.from(c1), c2: Array.from(c2), c3: Array.from(c3) }) + '\n');
    return 0;
  } finally {
    session.dispose();
  }
}
