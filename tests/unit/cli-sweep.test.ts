// `tangent-lab sweep` / `merge` end to end in-process: the three files, their row counts and
// finite values, 2 shards merged = the unsharded sweep byte for byte, one-line errors with exit 2.
import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, existsSync, writeFileSync, mkdirSync } from 'node:fs';
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
    expect(r.err).toMatch(/sweep: run 1\/6 \(width 8 seed 1\)/);
    const metrics = sweepMetrics(2);
    const runs = readFileSync(join(full, 'runs.csv'), 'utf8').trim().split('\n');
    const header = runs[0].split(',');
    expect(header.slice(0, 4)).toEqual(['width', 'seed', 'step', 'lr']);
    expect(header).toContain('c2OverC1Sq');
    expect(header).toContain('layerChange3');
    expect(runs.length - 1).toBe(3 * 2 * 3); // 6 runs × steps 0, 25, 50
    for (const line of runs.slice(1)) for (const v of line.split(',')) expect(Number.isFinite(Number(v)) && v !== '').toBe(true);
    const summary = readFileSync(join(full, 'summary.csv'), 'utf8').trim().split('\n');
    expect(summary[0]).toBe('metric,phase,width,mean,std,n');
    expect(summary.length - 1).toBe(metrics.length * 2 * 3);
    for (const line of summary.slice(1)) {
      const c = line.split(',');
      expect(Number(c[5])).toBe(2);
      expect(Number.isFinite(Number(c[3]))).toBe(true);
    }
    const fits = JSON.parse(readFileSync(join(full, 'fits.json'), 'utf8'));
    expect(JSON.parse(r.out)).toEqual(fits);
    expect(Object.keys(fits)).toEqual(metrics.map((m) => m.key));
    expect(fits.ntkDrift.init).toBeNull(); // exactly 0 at step 0
    const f = fits.ntkDrift.final;
    expect(Number.isFinite(f.slope)).toBe(true);
    expect(f.n).toBe(6);
    expect(f.ci95[0]).toBeLessThanOrEqual(f.slope);
    expect(f.ci95[1]).toBeGreaterThanOrEqual(f.slope);
    expect(Number.isFinite(fits.c2OverC1Sq.init.slope)).toBe(true);
    const manifest = JSON.parse(readFileSync(join(full, 'sweep.json'), 'utf8'));
    expect(manifest.runs).toEqual([0, 1, 2, 3, 4, 5]);
    expect(manifest.fingerprint).toMatch(/^[0-9a-f]{16}$/);
  }, 300_000);

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
      [['train', '--widths', '16,32'], /only applies to the sweep and early-sweep commands/],
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
    const r2 = await run(['merge', join(root, 'nowhere'), '--out', join(root, 'm3')]);
    expect(r2.code).toBe(2);
    expect(r2.err).toMatch(/not a finished sweep directory/);
  }, 120_000);
});
