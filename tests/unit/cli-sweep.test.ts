// `tangent-lab sweep` / `merge` end to end in-process: the three files, their row counts and
// finite values, one η for the whole sweep and how it was chosen, 2 shards merged = the unsharded
// sweep byte for byte, --jobs 2 = --jobs 1 byte for byte, one-line errors with exit 2.
import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, existsSync, writeFileSync, mkdirSync, readdirSync } from 'node:fs';
import { spawn } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/cli/main';
import { sweepMetrics } from '../../src/engine/sweep';

async function run(argv: string[]) {
  let out = '';
  let err = '';
  const code = await main(argv, { stdout: (s) => (out += s), stderr: (s) => (err += s) });
  return { code, out, err };
}

const FLAGS = ['--widths', '8,16,32', '--seeds', '2', '--steps', '50', '--log-every', '25', '--train', '16', '--test', '8', '--depth', '2'];
const FILES = ['runs.csv', 'summary.csv', 'fits.json'];

describe('sweep CLI', () => {
  const root = mkdtempSync(join(tmpdir(), 'tl-sweep-'));
  const full = join(root, 'full');

  it('writes runs.csv, summary.csv and fits.json with consistent row counts and finite values', async () => {
    const r = await run(['sweep', ...FLAGS, '--out', full, '--json']);
    expect(r.code, r.err).toBe(0);
    expect(r.err).toMatch(/sweep: 0\/6 runs done · running width 8 seed 1/);
    expect(r.err).toMatch(/sweep: η = [\d.]+ for every run: ½·η_c = N\/λmax\(Θ₀\)/);
    const metrics = sweepMetrics({ depth: 2, activation: 'tanh' });
    const runs = readFileSync(join(full, 'runs.csv'), 'utf8').trim().split('\n');
    const header = runs[0].split(',');
    expect(header.slice(0, 4)).toEqual(['width', 'seed', 'step', 'lr']);
    expect(header).toContain('c2OverC1Sq');
    expect(header).toContain('layerChange3');
    expect(runs.length - 1).toBe(3 * 2 * 3); // 6 runs × steps 0, 25, 50
    // every cell a finite number, except the run's measured learning-rate phase (a word) and its loss peak (empty only when a loss overflowed)
    const phaseCol = header.indexOf('lrPhase');
    expect(phaseCol).toBeGreaterThan(0);
    for (const line of runs.slice(1))
      line.split(',').forEach((v, j) => (j === phaseCol ? expect(['lazy', 'catapult', 'edge-of-stability', 'diverged']).toContain(v) : expect(Number.isFinite(Number(v)) && v !== '', `${header[j]}=${v}`).toBe(true)));
    // one η in every row (fixed η·t), the one sweep.json records
    const lrs = new Set(runs.slice(1).map((l) => l.split(',')[3]));
    expect(lrs.size).toBe(1);
    // smooth φ: no frozen-pattern or flip columns; raw gradient change recorded next to its per-unit-step version
    expect(header).not.toContain('flipFraction');
    expect(header).not.toContain('gradChangeFrozen');
    expect(header).toContain('gradChange');
    expect(header).toContain('gradChangePerC1');
    const summary = readFileSync(join(full, 'summary.csv'), 'utf8').trim().split('\n');
    expect(summary[0]).toBe('metric,phase,width,mean,std,n');
    expect(summary.length - 1).toBe(metrics.length * 2 * 3);
    for (const line of summary.slice(1)) {
      const c = line.split(',');
      expect(Number(c[5])).toBe(2);
      expect(Number.isFinite(Number(c[3]))).toBe(true);
    }
    const doc = JSON.parse(readFileSync(join(full, 'fits.json'), 'utf8'));
    expect(JSON.parse(r.out)).toEqual(doc);
    expect(doc.lr.rule).toBe('auto');
    expect(String(doc.lr.eta)).toBe([...lrs][0]);
    // no η warning; narrow runs whose η·S went past 2 are flagged (listed in pastEdge, one sentence in warnings)
    const past = (doc.pastEdge ?? []) as { width: number; seed: number; etaSharpnessMax: number }[];
    expect(doc.warnings).toEqual(past.length ? [expect.stringMatching(/went past the edge of stability/)] : []);
    for (const p of past) expect(p.etaSharpnessMax).toBeGreaterThan(2);
    const fits = doc.fits;
    // only the step-invariant metrics are fitted; the step-dependent ones are recorded only
    expect(Object.keys(fits)).toEqual(metrics.filter((m) => m.fitted).map((m) => m.key));
    expect(fits.gradChange).toBeUndefined();
    expect(fits.c2OverC1).toBeUndefined();
    expect(fits.ntkDrift.init).toBeUndefined(); // exactly 0 at step 0: not fitted
    const f = fits.ntkDrift.final;
    expect(Number.isFinite(f.slope)).toBe(true);
    expect(f.n).toBe(6);
    expect(f.ci95[0]).toBeLessThanOrEqual(f.slope);
    expect(f.ci95[1]).toBeGreaterThanOrEqual(f.slope);
    expect(Number.isFinite(fits.c2OverC1Sq.init.slope)).toBe(true);
    const manifest = JSON.parse(readFileSync(join(full, 'sweep.json'), 'utf8'));
    expect(manifest.runs).toEqual([0, 1, 2, 3, 4, 5]);
    expect(manifest.fingerprint).toMatch(/^[0-9a-f]{16}$/);
    expect(manifest.version).toBe(3);
    expect(manifest.lr).toHaveLength(1);
    const lr = manifest.lr[0];
    expect(lr.param).toBe('ntk');
    expect(lr.rule).toBe('auto');
    expect(lr.eta).toBe(doc.lr.eta);
    expect(lr.measured.width).toBe(32); // the widest width
    expect(lr.measured.seeds).toEqual([1, 2]);
    // η = N / mean λmax/N… i.e. ½·η_c of the seed-mean kernel, 3 significant digits
    const mean = lr.measured.lambdaMaxOverN.reduce((a: number, b: number) => a + b, 0) / 2;
    expect(lr.eta).toBe(Number((1 / mean).toPrecision(3)));
    // a plain width sweep keeps the version-2 layout of its result files
    expect(header).not.toContain('param');
    expect(header).toContain('ucNfaLast');
    expect(doc.fits.ucNfaLast).toBeUndefined(); // a correlation: recorded, not fitted
  }, 300_000);

  it('--lr auto-per-run: each run its own η, and the warning in fits.json, sweep.json and stderr', async () => {
    const dir = join(root, 'perrun');
    const r = await run(['sweep', ...FLAGS, '--lr', 'auto-per-run', '--out', dir]);
    expect(r.code, r.err).toBe(0);
    expect(r.err).toMatch(/warning: each run chose its own η/);
    const doc = JSON.parse(readFileSync(join(dir, 'fits.json'), 'utf8'));
    expect(doc.lr.rule).toBe('auto-per-run');
    expect(doc.warnings[0]).toMatch(/slopes mix the effect of η with that of width/);
    const lrs = new Set(readFileSync(join(dir, 'runs.csv'), 'utf8').trim().split('\n').slice(1).map((l) => l.split(',')[3]));
    expect(lrs.size).toBeGreaterThan(1);
  }, 300_000);

  it('--lr η₀ --lr-width-exp κ: η₀·n^κ in each row, with the warning', async () => {
    const dir = join(root, 'scaled');
    const r = await run(['sweep', '--widths', '8,32', '--seeds', '1', '--steps', '4', '--train', '8', '--test', '4', '--lr', '2', '--lr-width-exp=-0.5', '--out', dir]);
    expect(r.code, r.err).toBe(0);
    const rows = readFileSync(join(dir, 'runs.csv'), 'utf8').trim().split('\n').slice(1).map((l) => l.split(','));
    expect(new Set(rows.filter((c) => c[0] === '8').map((c) => Number(c[3])))).toEqual(new Set([2 / Math.sqrt(8)].map((v) => Number(v.toPrecision(6)))));
    expect(new Set(rows.filter((c) => c[0] === '32').map((c) => Number(c[3])))).toEqual(new Set([2 / Math.sqrt(32)].map((v) => Number(v.toPrecision(6)))));
    expect(JSON.parse(readFileSync(join(dir, 'fits.json'), 'utf8')).warnings[0]).toMatch(/η scales with width as n\^-0.5/);
  }, 300_000);

  it('--jobs 2 writes the same files as --jobs 1, byte for byte (worker threads of the built CLI)', async () => {
    const dir = join(root, 'jobs2');
    const r = await run(['sweep', ...FLAGS, '--jobs', '2', '--out', dir]);
    expect(r.code, r.err).toBe(0);
    expect(r.err).toMatch(/with 2 jobs/);
    for (const f of FILES) expect(readFileSync(join(dir, f), 'utf8'), f).toBe(readFileSync(join(full, f), 'utf8'));
    expect(JSON.parse(readFileSync(join(dir, 'sweep.json'), 'utf8')).jobs).toBe(2);
  }, 300_000);

  it('Ctrl-C during a --jobs 2 sweep: exit 130, the threads stop, no file is left behind', async () => {
    const dir = join(root, 'interrupted');
    const child = spawn(process.execPath, ['bin/tangent-lab.mjs', 'sweep', '--widths', '64,128,256', '--seeds', '4', '--steps', '400', '--jobs', '2', '--out', dir], { stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    const code = await new Promise<number | null>((resolve) => {
      child.stderr.on('data', (d: Buffer) => {
        err += d.toString();
        if (/runs done · running/.test(err) && !child.killed) child.kill('SIGINT');
      });
      child.on('exit', (c) => resolve(c));
    });
    expect(code, err).toBe(130);
    expect(err).toMatch(/interrupted; no files written/);
    expect(readdirSync(dir)).toEqual([]);
  }, 120_000);

  it('2 shards merged give files identical to the unsharded sweep', async () => {
    const s1 = join(root, 's1');
    const s2 = join(root, 's2');
    const merged = join(root, 'merged');
    expect((await run(['sweep', ...FLAGS, '--shard', '1/2', '--out', s1])).code).toBe(0);
    expect((await run(['sweep', ...FLAGS, '--shard', '2/2', '--out', s2])).code).toBe(0);
    expect(readFileSync(join(s1, 'runs.csv'), 'utf8').trim().split('\n').length - 1).toBe(9);
    const r = await run(['merge', s2, s1, '--out', merged]);
    expect(r.code, r.err).toBe(0);
    for (const f of FILES) expect(readFileSync(join(merged, f), 'utf8'), f).toBe(readFileSync(join(full, f), 'utf8'));
  }, 300_000);

  it('bad input: one-line error, exit 2, nothing written as complete', async () => {
    const bad = join(root, 'bad');
    const cases: [string[], RegExp][] = [
      [['sweep', '--widths', '16,abc', '--out', bad], /widths="16,abc" is not valid/],
      [['sweep', '--widths', '16,99999', '--out', bad], /outside 8…4096/],
      [['sweep', '--widths', '16,32', '--shard', '3/2', '--out', bad], /--shard="3\/2" is not valid/],
      [['sweep', '--widths', '16,32', '--seeds', '0', '--out', bad], /seeds="0" is not valid/],
      [['sweep', '--widths', '16,32'], /needs --out/],
      [['train', '--widths', '16,32'], /only applies to the sweep, phase and early-sweep commands/],
      [['sweep', '--widths', '16,32', '--output-scales', '1,0.5', '--out', bad], /output-scales="1,0.5" is not valid: 0.5 is outside 1…1000/],
      [['sweep', '--widths', '16,32', '--params', 'ntk,sp', '--out', bad], /params="ntk,sp" is not valid/],
      [['sweep', '--widths', '16,32', '--jobs', '0', '--out', bad], /--jobs="0" is not valid/],
      [['sweep', '--widths', '16,32', '--auto-lr', 'sometimes', '--out', bad], /auto-lr="sometimes" is not valid/],
      [['train', '--lr', 'auto-per-run'], /only applies to the sweep and phase commands/],
    ];
    for (const [argv, re] of cases) {
      const r = await run(argv);
      expect(r.code, argv.join(' ')).toBe(2);
      expect(r.err.trim().split('\n')).toHaveLength(1);
      expect(r.err).toMatch(re);
    }
    expect(existsSync(join(bad, 'runs.csv'))).toBe(false);
    // merging shards of different sweeps
    const other = join(root, 'other');
    mkdirSync(other, { recursive: true });
    const m = JSON.parse(readFileSync(join(full, 'sweep.json'), 'utf8'));
    const spec = { ...m.spec, seeds: 3 };
    const { sweepFingerprint } = await import('../../src/engine/sweep');
    writeFileSync(join(other, 'sweep.json'), JSON.stringify({ ...m, spec, fingerprint: sweepFingerprint(spec) }));
    writeFileSync(join(other, 'runs.csv'), readFileSync(join(full, 'runs.csv')));
    const r = await run(['merge', full, other, '--out', join(root, 'm2')]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/belongs to a different sweep/);
    expect(existsSync(join(root, 'm2', 'runs.csv'))).toBe(false);
    // a version-2 sweep.json (one η without its parametrization) is still read by merge
    const v2dir = join(root, 'v2');
    mkdirSync(v2dir, { recursive: true });
    const { param: _p, ...lr2 } = m.lr[0];
    const v2spec = { base: m.spec.base, widths: m.spec.widths, seeds: m.spec.seeds, autoLr: m.spec.autoLr };
    writeFileSync(join(v2dir, 'sweep.json'), JSON.stringify({ ...m, version: 2, spec: v2spec, lr: lr2 }));
    writeFileSync(join(v2dir, 'runs.csv'), readFileSync(join(full, 'runs.csv')));
    const rv2 = await run(['merge', v2dir, '--out', join(root, 'mv2')]);
    expect(rv2.code, rv2.err).toBe(0);
    for (const f of FILES) expect(readFileSync(join(root, 'mv2', f), 'utf8'), f).toBe(readFileSync(join(full, f), 'utf8'));
    const r2 = await run(['merge', join(root, 'nowhere'), '--out', join(root, 'm3')]);
    expect(r2.code).toBe(2);
    expect(r2.err).toMatch(/not a finished sweep directory/);
  }, 120_000);
});

describe('phase sweep CLI (param × α × width × seed)', () => {
  const root = mkdtempSync(join(tmpdir(), 'tl-phase-'));
  const TINY = ['--widths', '16,32', '--seeds', '1', '--steps', '20', '--train', '16', '--test', '8', '--depth', '2'];
  const full = join(root, 'full');

  it('phase --output-scales 1,10 --params ntk,mup: grouped files, η per parametrization, ucNfaLast recorded', async () => {
    const r = await run(['phase', ...TINY, '--output-scales', '1,10', '--params', 'ntk,mup', '--jobs', '1', '--out', full]);
    expect(r.code, r.err).toBe(0);
    expect(r.err).toMatch(/phase: 2 parametrizations × 2 output scales α × 2 widths × 1 seed; every run is centred/);
    expect(r.err).toMatch(/phase: 0\/8 runs done · running ntk α=1 width 16 seed 1/);
    const lines = readFileSync(join(full, 'runs.csv'), 'utf8').trim().split('\n');
    const header = lines[0].split(',');
    expect(header.slice(0, 6)).toEqual(['param', 'outputScale', 'width', 'seed', 'step', 'lr']);
    const ucCol = header.indexOf('ucNfaLast');
    expect(ucCol).toBeGreaterThan(0);
    // grid order: param, α, width, seed; one row per logged step (0, 1, …, 20: stride 1 with 20 steps)
    const runsOrder = [...new Set(lines.slice(1).map((l) => l.split(',').slice(0, 4).join('/')))];
    expect(runsOrder).toEqual(['ntk/1/16/1', 'ntk/1/32/1', 'ntk/10/16/1', 'ntk/10/32/1', 'mup/1/16/1', 'mup/1/32/1', 'mup/10/16/1', 'mup/10/32/1']);
    for (const l of lines.slice(1)) {
      const uc = Number(l.split(',')[ucCol]);
      expect(uc).toBeGreaterThanOrEqual(-1);
      expect(uc).toBeLessThanOrEqual(1);
    }
    // one η per parametrization, the same for both α
    const etaOf = (p: string) => new Set(lines.slice(1).filter((l) => l.startsWith(`${p},`)).map((l) => l.split(',')[5]));
    expect(etaOf('ntk').size).toBe(1);
    expect(etaOf('mup').size).toBe(1);
    const manifest = JSON.parse(readFileSync(join(full, 'sweep.json'), 'utf8'));
    expect(manifest.lr.map((l: { param: string }) => l.param)).toEqual(['ntk', 'mup']);
    expect(String(manifest.lr[0].eta)).toBe([...etaOf('ntk')][0]);
    expect(String(manifest.lr[1].eta)).toBe([...etaOf('mup')][0]);
    expect(manifest.spec.outputScales).toEqual([1, 10]);
    const summary = readFileSync(join(full, 'summary.csv'), 'utf8').trim().split('\n');
    expect(summary[0]).toBe('param,outputScale,metric,phase,width,mean,std,n');
    const metrics = sweepMetrics({ depth: 2, activation: 'tanh' });
    expect(summary.length - 1).toBe(4 * metrics.length * 2 * 2);
    expect(summary.some((l) => l.startsWith('mup,10,ucNfaLast,final,32,'))).toBe(true);
    const doc = JSON.parse(readFileSync(join(full, 'fits.json'), 'utf8'));
    expect(doc.lr.map((l: { param: string }) => l.param)).toEqual(['ntk', 'mup']);
    expect(doc.groups.map((g: { param: string; outputScale: number }) => `${g.param}/${g.outputScale}`)).toEqual(['ntk/1', 'ntk/10', 'mup/1', 'mup/10']);
    for (const g of doc.groups) {
      expect(Number.isFinite(g.fits.ntkDrift.final.slope)).toBe(true);
      expect(g.fits.ucNfaLast).toBeUndefined();
    }
  }, 300_000);

  it('2 shards merged = the unsharded phase sweep; --jobs 2 = --jobs 1', async () => {
    const argv = ['phase', ...TINY, '--output-scales', '1,10', '--params', 'ntk,mup'];
    const s1 = join(root, 's1');
    const s2 = join(root, 's2');
    expect((await run([...argv, '--jobs', '1', '--shard', '1/3', '--out', s1])).code).toBe(0);
    expect((await run([...argv, '--jobs', '1', '--shard', '2/3', '--out', s2])).code).toBe(0);
    const s3 = join(root, 's3');
    expect((await run([...argv, '--jobs', '2', '--shard', '3/3', '--out', s3])).code).toBe(0);
    const merged = join(root, 'merged');
    const r = await run(['merge', s3, s1, s2, '--out', merged]);
    expect(r.code, r.err).toBe(0);
    for (const f of FILES) expect(readFileSync(join(merged, f), 'utf8'), f).toBe(readFileSync(join(full, f), 'utf8'));
  }, 300_000);

  it('phase defaults to α = 1,3,10,30 (flag table and help)', async () => {
    const { parseCliArgs } = await import('../../src/cli/args');
    const { commandByName } = await import('../../src/cli/commands');
    expect(commandByName('phase')?.flags.find((f) => f.name === 'output-scales')?.default).toBe('1,3,10,30');
    expect(parseCliArgs(['phase', '--out', 'x']).sweep).toEqual({ out: 'x' });
    const help = await run(['phase', '--help']);
    expect(help.out + help.err).toMatch(/--output-scales A,A,…/);
  });
});
