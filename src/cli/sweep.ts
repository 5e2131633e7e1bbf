// `tangent-lab sweep` (and its alias `phase`) and `tangent-lab merge`: width and phase sweeps written as files, sharded for clusters,
// run by the engine's one sweep runner on `--jobs` worker threads. Files appear only when complete:
// each is written to a temporary name and renamed, sweep.json last; Ctrl-C leaves none.
import { tf } from '../engine/tf';
import { manifestJson, parseManifest, pastEdgeOf, parseRunsCsv, parseShard, runKey, runName, shard as shardOf, sweepFiles, sweepGrid, sweepManifest, type SweepManifest } from '../engine/sweep';
import { runSweep } from '../engine/sweep/run';
import type { SweepLrs, SweepProgress } from '../engine/records/sweepRecords';
import { DEFAULT_PHASE_OUTPUT_SCALES, isPhaseSweep, SWEEP_MODEL_MESSAGE, sweepSpecFromEntries, type SweepSpec } from '../schema/sweep';
import { EXIT, UsageError, type CliArgs, type Io } from './io';
import { startJobPool, type JobPool } from './sweepJobs';

type Fs = typeof import('node:fs/promises');
async function nodeFs(): Promise<Fs> {
  return import('node:fs/promises');
}

const RESULT_FILES = ['runs.csv', 'summary.csv', 'fits.json'] as const;

async function writeAtomically(fs: Fs, dir: string, files: Record<string, string>): Promise<void> {
  const tmp = Object.keys(files).map((name) => ({ name, tmp: `${dir}/.${name}.${process.pid}.tmp` }));
  for (const t of tmp) await fs.writeFile(t.tmp, files[t.name]);
  for (const t of tmp) await fs.rename(t.tmp, `${dir}/${t.name}`);
}

async function prepareOut(fs: Fs, dir: string): Promise<void> {
  await fs.mkdir(dir, { recursive: true });
  // an earlier sweep's files must not look like this one's while it runs
  for (const f of ['sweep.json', ...RESULT_FILES]) await fs.rm(`${dir}/${f}`, { force: true });
}

function fmtTime(s: number): string {
  return s < 90 ? `${s.toFixed(0)} s` : s < 5400 ? `${(s / 60).toFixed(1)} min` : `${(s / 3600).toFixed(1)} h`;
}

/** Default --jobs: the machine's logical cores (runSweep uses at most one job per run). */
async function defaultJobs(): Promise<number> {
  const os = await import('node:os');
  return Math.max(1, typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length);
}

function parseJobs(raw: string | undefined, fallback: number): number {
  if (raw === undefined) return fallback;
  if (!/^\d+$/.test(raw.trim()) || Number(raw) < 1 || Number(raw) > 64) throw new UsageError(`--jobs=${JSON.stringify(raw)} is not valid: expected an integer from 1 to 64`);
  return Number(raw);
}

function progressLine(p: SweepProgress, phase: boolean, name: string): string {
  const running = p.active.map((a) => `${runName(a, phase)} step ${a.step}/${p.steps}`).join('; ');
  const eta = p.etaMs === null ? '' : `, ETA ${fmtTime(p.etaMs / 1000)}`;
  return `${name}: ${p.done}/${p.total} runs done${running ? ` · running ${running}` : ''} · elapsed ${fmtTime(p.elapsedMs / 1000)}${eta}\n`;
}

/** The distinct warnings of the sweep's η rules. */
const lrWarnings = (lrs: SweepLrs): string[] => [...new Set(lrs.flatMap((l) => (l.warning ? [l.warning] : [])))];

/** `phase`: the sweep command with output scales 1,3,10,30 unless --output-scales is given. */
export async function runPhaseCommand(args: CliArgs, io: Io): Promise<number> {
  const sweep = { 'output-scales': DEFAULT_PHASE_OUTPUT_SCALES.join(','), ...args.sweep };
  return runSweepCommand({ ...args, sweep }, io, 'phase');
}

export async function runSweepCommand(args: CliArgs, io: Io, name = 'sweep'): Promise<number> {
  const out = args.sweep.out;
  if (!out) throw new UsageError(`${name} needs --out DIR`);
  if (args.config.model !== 'mlp') throw new UsageError(`${name} --model ${args.config.model}: ${SWEEP_MODEL_MESSAGE}`);
  const entries = Object.entries(args.sweep).filter(([k]) => k !== 'out' && k !== 'shard' && k !== 'jobs');
  let spec: SweepSpec;
  try {
    const r = sweepSpecFromEntries(args.config, entries);
    if (r.notices.length) throw new Error(r.notices[0].replace(/; using the default.*$/, ''));
    spec = r.spec;
  } catch (e) {
    throw new UsageError(`--${(e as Error).message}`);
  }
  const shard = args.sweep.shard === undefined ? null : parseShard(args.sweep.shard);
  if (args.sweep.shard !== undefined && shard === null) throw new UsageError(`--shard=${JSON.stringify(args.sweep.shard)} is not valid: expected i/K with 1 ≤ i ≤ K, e.g. 1/4`);
  const jobs = parseJobs(args.sweep.jobs, await defaultJobs());
  const phase = isPhaseSweep(spec);
  const fs = await nodeFs();
  await prepareOut(fs, out);
  const t0 = performance.now();
  const abort = new AbortController();
  let pool: JobPool | null = null;
  let lastDone = -1;
  let lastLine = -Infinity;
  // Ctrl-C: stop the threads and leave no partial file (results are only written at the very end).
  const onSigint = () => {
    abort.abort();
    void pool?.close();
    void removeTemporaries(fs, out).finally(() => {
      io.stderr('sweep: interrupted; no files written\n');
      process.exit(EXIT.interrupted);
    });
  };
  process.once('SIGINT', onSigint);
  try {
    const cells = (shard ? shardOf(sweepGrid(spec), shard.i, shard.k) : sweepGrid(spec)).length;
    const threads = Math.min(jobs, cells);
    if (threads > 1) pool = await startJobPool(threads, args.backend);
    const lrScales = spec.lrScales?.length ? ` × ${spec.lrScales.length} learning-rate scale${spec.lrScales.length === 1 ? '' : 's'} c (η = c·η_c)` : '';
    const centred = spec.outputScales.length > 1 || spec.params.length > 1 ? '; every run is centred, α·(f − f₀)' : '';
    if (phase) io.stderr(`${name}: ${spec.params.length} parametrization${spec.params.length === 1 ? '' : 's'} × ${spec.outputScales.length} output scale${spec.outputScales.length === 1 ? '' : 's'} α${lrScales} × ${spec.widths.length} widths × ${spec.seeds} seed${spec.seeds === 1 ? '' : 's'}${centred}\n`);
    const { lrs, runs } = await runSweep(spec, {
      shard: shard ?? undefined,
      jobs: threads,
      execute: pool?.execute,
      signal: abort.signal,
      progressIntervalMs: 1000,
      onLr: (lrs) => {
        for (const lr of lrs) io.stderr(`${name}: ${lr.description}\n`);
        for (const w of lrWarnings(lrs)) io.stderr(`${name}: warning: ${w}\n`);
      },
      onProgress: (p) => {
        // a line when a run finishes, and every 10 s during long runs
        const t = performance.now();
        if (p.done === lastDone && t - lastLine < 10_000) return;
        lastDone = p.done;
        lastLine = t;
        io.stderr(progressLine(p, phase, name));
      },
    });
    const diverged = runs.filter((r) => r.diverged);
    for (const r of diverged) io.stderr(`${name}: ${runName(r, phase)} diverged at step ${r.final.step} (kept; its last finite row is its final row)\n`);
    const files = sweepFiles(spec, lrs, runs);
    const edge = pastEdgeOf(runs, phase);
    if (edge) io.stderr(`${name}: warning: ${edge.warning} (listed in fits.json)\n`);
    await writeAtomically(fs, out, { ...files });
    const manifest = sweepManifest(spec, lrs, runs, { shard, backend: tf.getBackend(), jobs: threads });
    await writeAtomically(fs, out, { 'sweep.json': manifestJson(manifest) });
    io.stderr(`${name}: ${runs.length} runs in ${fmtTime((performance.now() - t0) / 1000)} on ${tf.getBackend()} with ${threads} job${threads === 1 ? '' : 's'} → ${out}/{runs.csv,summary.csv,fits.json,sweep.json}\n`);
    for (const w of lrWarnings(lrs)) io.stderr(`${name}: warning: ${w} (also in fits.json)\n`);
    if (args.json) io.stdout(files['fits.json']);
    return 0;
  } finally {
    process.off('SIGINT', onSigint);
    await pool?.close();
  }
}

async function removeTemporaries(fs: Fs, dir: string): Promise<void> {
  const names = await fs.readdir(dir).catch(() => [] as string[]);
  await Promise.all(names.filter((n) => n.startsWith('.') && n.endsWith('.tmp')).map((n) => fs.rm(`${dir}/${n}`, { force: true })));
}

async function readManifest(fs: Fs, dir: string): Promise<SweepManifest> {
  let text: string;
  try {
    text = await fs.readFile(`${dir}/sweep.json`, 'utf8');
  } catch {
    throw new UsageError(`${dir} is not a finished sweep directory (no sweep.json)`);
  }
  try {
    return parseManifest(text, `${dir}/sweep.json`);
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
}

export async function runMergeCommand(args: CliArgs, io: Io): Promise<number> {
  const out = args.sweep.out;
  if (!out) throw new UsageError('merge needs --out DIR');
  if (args.positional.length === 0) throw new UsageError('merge needs the shard directories: merge DIR1 DIR2 … --out DIR');
  const fs = await nodeFs();
  const manifests: SweepManifest[] = [];
  for (const d of args.positional) manifests.push(await readManifest(fs, d));
  const fp = manifests[0].fingerprint;
  const other = manifests.findIndex((m) => m.fingerprint !== fp);
  if (other >= 0)
    throw new UsageError(`${args.positional[other]} belongs to a different sweep (fingerprint ${manifests[other].fingerprint} ≠ ${fp} of ${args.positional[0]})`);
  const { spec, lr: lrs } = manifests[0];
  const phase = isPhaseSweep(spec);
  const runs = [];
  for (const d of args.positional) {
    try {
      runs.push(...parseRunsCsv(await fs.readFile(`${d}/runs.csv`, 'utf8'), spec.base).runs);
    } catch (e) {
      throw new UsageError(`${d}/${(e as Error).message}`);
    }
  }
  const seen = new Set<string>();
  for (const r of runs) {
    const k = runKey(r);
    if (seen.has(k)) throw new UsageError(`${runName(r, phase)} is in more than one shard`);
    seen.add(k);
  }
  const grid = sweepGrid(spec);
  if (runs.length < grid.length) io.stderr(`merge: warning: ${runs.length} of ${grid.length} runs present (missing shards?)\n`);
  const files = sweepFiles(spec, lrs, runs);
  await prepareOut(fs, out);
  await writeAtomically(fs, out, { ...files });
  const indexOf = new Map(grid.map((p) => [runKey(p), p.index]));
  const secondsOf = new Map<number, number | null>();
  const divergedSet = new Set<number>();
  for (const m of manifests) {
    m.runs.forEach((idx, j) => secondsOf.set(idx, m.seconds[j] ?? null));
    m.diverged.forEach((i) => divergedSet.add(i));
  }
  const withMeta = runs.map((r) => {
    const i = indexOf.get(runKey(r)) ?? -1;
    return { param: r.param, outputScale: r.outputScale, ...(r.lrScale === undefined ? {} : { lrScale: r.lrScale }), width: r.width, seed: r.seed, seconds: secondsOf.get(i) ?? null, diverged: divergedSet.has(i) };
  });
  const manifest = sweepManifest(spec, lrs, withMeta, {
    shard: null,
    backend: [...new Set(manifests.map((m) => m.backend))].join(','),
    jobs: Math.max(...manifests.map((m) => m.jobs)),
  });
  await writeAtomically(fs, out, { 'sweep.json': manifestJson(manifest) });
  io.stderr(`merge: ${runs.length} runs from ${manifests.length} directories → ${out}\n`);
  for (const w of lrWarnings(lrs)) io.stderr(`merge: warning: ${w}\n`);
  if (args.json) io.stdout(files['fits.json']);
  return 0;
}
