// `tangent-lab sweep` and `tangent-lab merge`: width sweeps written as files, sharded for clusters.
// Files appear only when complete: each is written to a temporary name and renamed, sweep.json last.
import { tf } from '../engine/tf';
import { parseShard, runSweep, sweepFiles, sweepFingerprint, sweepGrid, parseRunsCsv, canonicalOrder, type SweepManifest, type SweepRun } from '../engine/sweep';
import { parseSweepSpec, sweepSpecFromEntries, type SweepSpec } from '../state/sweep';
import type { CliArgs } from './args';

export interface Io {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
}

/** A usage error: one line on stderr, exit status 2. */
export class UsageError extends Error {}

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

export async function runSweepCommand(args: CliArgs, io: Io): Promise<number> {
  const out = args.sweep.out;
  if (!out) throw new UsageError('sweep needs --out DIR');
  const entries = Object.entries(args.sweep).filter(([k]) => k !== 'out' && k !== 'shard');
  let spec: SweepSpec;
  try {
    const r = sweepSpecFromEntries(args.config, entries);
    if (r.notices.length) throw new Error(r.notices[0].replace(/; using the default.*$/, ''));
    spec = r.spec;
  } catch (e) {
    throw new UsageError(`--${(e as Error).message}`);
  }
  let shard: { i: number; k: number } | null = null;
  if (args.sweep.shard !== undefined) {
    try {
      shard = parseShard(args.sweep.shard);
    } catch (e) {
      throw new UsageError((e as Error).message);
    }
  }
  const fs = await nodeFs();
  await prepareOut(fs, out);
  const t0 = performance.now();
  const runs: SweepRun[] = await runSweep(spec, {
    shard: shard ?? undefined,
    onProgress: (p) => {
      const where = p.current ? `width ${p.current.width} seed ${p.current.seed}` : 'done';
      const eta = p.etaSeconds === null ? '' : `, ETA ${fmtTime(p.etaSeconds)}`;
      io.stderr(`sweep: run ${Math.min(p.done + 1, p.total)}/${p.total} (${where}), elapsed ${fmtTime(p.elapsedSeconds)}${eta}\n`);
    },
  });
  const diverged = runs.filter((r) => r.diverged);
  for (const r of diverged) io.stderr(`sweep: width ${r.width} seed ${r.seed} diverged at step ${r.final.step} (kept; its last row is its final row)\n`);
  const files = sweepFiles(spec, runs);
  await writeAtomically(fs, out, { ...files });
  const manifest: SweepManifest = {
    fingerprint: sweepFingerprint(spec),
    spec,
    shard,
    runs: runs.map((r) => r.index),
    seconds: runs.map((r) => Number(r.seconds.toFixed(3))),
    backend: tf.getBackend(),
    diverged: diverged.map((r) => r.index),
  };
  await writeAtomically(fs, out, { 'sweep.json': JSON.stringify(manifest, null, 2) + '\n' });
  io.stderr(`sweep: ${runs.length} runs in ${fmtTime((performance.now() - t0) / 1000)} on ${tf.getBackend()} → ${out}/{runs.csv,summary.csv,fits.json,sweep.json}\n`);
  if (args.json) io.stdout(files['fits.json']);
  return 0;
}

async function readManifest(fs: Fs, dir: string): Promise<SweepManifest> {
  let text: string;
  try {
    text = await fs.readFile(`${dir}/sweep.json`, 'utf8');
  } catch {
    throw new UsageError(`${dir} is not a finished sweep directory (no sweep.json)`);
  }
  const m = JSON.parse(text) as SweepManifest;
  const r = parseSweepSpec(m.spec);
  if (!r.ok || sweepFingerprint(r.spec) !== m.fingerprint) throw new UsageError(`${dir}/sweep.json is damaged (its fingerprint does not match its spec)`);
  return { ...m, spec: r.spec };
}

export async function runMergeCommand(args: CliArgs, io: Io): Promise<number> {
  const out = args.sweep.out;
  if (!out) throw new UsageError('merge needs --out DIR');
  if (args.positional.length === 0) throw new UsageError('merge needs the shard directories: merge DIR1 DIR2 … --out DIR');
  const fs = await nodeFs();
  const manifests = [];
  for (const d of args.positional) manifests.push(await readManifest(fs, d));
  const fp = manifests[0].fingerprint;
  const other = manifests.findIndex((m) => m.fingerprint !== fp);
  if (other >= 0)
    throw new UsageError(`${args.positional[other]} belongs to a different sweep (fingerprint ${manifests[other].fingerprint} ≠ ${fp} of ${args.positional[0]})`);
  const spec = manifests[0].spec;
  const runs = [];
  for (const d of args.positional) runs.push(...parseRunsCsv(await fs.readFile(`${d}/runs.csv`, 'utf8')).runs);
  const seen = new Set<string>();
  for (const r of runs) {
    const k = `${r.width}/${r.seed}`;
    if (seen.has(k)) throw new UsageError(`width ${r.width} seed ${r.seed} is in more than one shard`);
    seen.add(k);
  }
  const grid = sweepGrid(spec);
  if (runs.length < grid.length) io.stderr(`merge: warning: ${runs.length} of ${grid.length} runs present (missing shards?)\n`);
  const files = sweepFiles(spec, runs);
  await prepareOut(fs, out);
  await writeAtomically(fs, out, { ...files });
  const ordered = canonicalOrder(spec, runs);
  const indexOf = new Map(grid.map((p) => [`${p.width}/${p.seed}`, p.index]));
  const secondsOf = new Map<number, number>();
  for (const m of manifests) m.runs.forEach((idx, j) => secondsOf.set(idx, m.seconds[j]));
  const idx = ordered.map((r) => indexOf.get(`${r.width}/${r.seed}`) ?? -1);
  const manifest: SweepManifest = {
    fingerprint: fp,
    spec,
    shard: null,
    runs: idx,
    seconds: idx.map((i) => secondsOf.get(i) ?? NaN),
    backend: [...new Set(manifests.map((m) => m.backend))].join(','),
    diverged: manifests.flatMap((m) => m.diverged).sort((a, b) => a - b),
  };
  await writeAtomically(fs, out, { 'sweep.json': JSON.stringify(manifest, null, 2) + '\n' });
  io.stderr(`merge: ${runs.length} runs from ${manifests.length} directories → ${out}\n`);
  if (args.json) io.stdout(files['fits.json']);
  return 0;
}
