// The sharpness S_t = λmax(Θ_t(X, X))/(α²N) against a float64 replay of GD, its α units, and the
// measured learning-rate phase of lazy, catapult and divergent runs of a small relu net (tfjs cpu).
import { describe, expect, it } from 'vitest';
import { Session } from '../../src/engine/session/session';
import { initParamArrays } from '../../src/engine/nn/mlp';
import { DEFAULT_CONFIG, type ExperimentConfig } from '../../src/schema/config';
import { main } from '../../src/cli/main';
import { roundToFloat32 } from '../reference/modesReference';
import { gdLayers64, sharpness64 } from '../reference/sharpnessReference';

const RELU: ExperimentConfig = { ...DEFAULT_CONFIG, activation: 'relu', depth: 1, width: 64, train: 16, test: 4, modes: 0 };

describe('sharpness vs a float64 GD replay (λmax(JJᵀ)/N on the training set)', () => {
  // below the edge (S moves slowly) and past it (S falls by tens of per cent within 20 steps)
  for (const [lrScale, steps] of [
    [0.5, [0, 10, 100]],
    [1.5, [0, 5, 10, 20]],
  ] as const)
    it(`lr-scale ${lrScale}: S_t at steps ${steps.join(', ')} within 2e-4 relative`, async () => {
      const s = await Session.create({ ...RELU, lrScale }, { gridSize: 2 });
      try {
        const layers0 = roundToFloat32(initParamArrays(s.spec, s.config.seed));
        const replay = gdLayers64(s.spec, layers0, s.data.xTrain, s.data.yTrain, s.meta.lr, steps);
        const ref = steps.map((t) => sharpness64(s.spec, replay.get(t)!, s.data.xTrain, s.config.train));
        const got: number[] = [];
        for (const t of steps) {
          s.advance(t - s.step);
          got.push((await s.measure('always')).sharpness!);
        }
        got.forEach((g, i) => expect(Math.abs(g - ref[i]) / ref[i]).toBeLessThan(2e-4));
        // η·S₀ = 2c exactly: η = c·η_c with η_c = 2/S₀ from the same estimator
        expect(s.meta.lr * got[0]).toBeCloseTo(2 * lrScale, 5);
        // the sharpness moves by more than the tolerance (the check is not of a constant)
        const move = Math.abs(ref[ref.length - 1] - ref[0]) / ref[0];
        expect(move).toBeGreaterThan(lrScale > 1 ? 0.1 : 1e-3);
      } finally {
        s.dispose();
      }
    }, 60_000);

  it('is in the units of η: S₀ of a centred α = 4 model equals the α = 1 model’s', async () => {
    const values: number[] = [];
    for (const outputScale of [1, 4]) {
      const s = await Session.create({ ...RELU, outputScale, center: true }, { gridSize: 2 });
      values.push((await s.measure('always')).sharpness!);
      s.dispose();
    }
    expect(Math.abs(values[1] - values[0]) / values[0]).toBeLessThan(1e-5);
  }, 30_000);
});

interface Summary {
  phase: string;
  lrOverCritical: number;
  sharpness0: number;
  sharpnessFinal: number;
  etaSharpnessMax: number;
  lossPeakRatio: number | null;
  twinDiverged: boolean;
}

async function train(flags: string[]): Promise<{ code: number; rows: Record<string, unknown>[]; summary: Summary }> {
  let out = '';
  const code = await main(['train', '--json', ...flags], { stdout: (s) => (out += s), stderr: () => undefined });
  const lines = out.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
  const last = lines[lines.length - 1] as { summary: Summary };
  return { code, rows: lines.slice(0, -1), summary: last.summary };
}

describe('measured learning-rate phase of a relu net (width 256, depth 1, 16 sine points, GD)', () => {
  const flags = ['--activation', 'relu', '--depth', '1', '--width', '256', '--train', '16', '--test', '4', '--modes', '0', '--steps', '200', '--log-every', '5'];

  it('lr-scale 0.5: lazy, S nearly constant, the twin stable', async () => {
    const r = await train([...flags, '--lr-scale', '0.5']);
    expect(r.code).toBe(0);
    expect(r.summary.phase).toBe('lazy');
    expect(r.summary.lrOverCritical).toBeCloseTo(0.5, 5);
    expect(r.summary.twinDiverged).toBe(false);
    expect(Math.abs(r.summary.sharpnessFinal / r.summary.sharpness0 - 1)).toBeLessThan(0.05);
    for (const row of r.rows) expect(typeof row.sharpness).toBe('number');
  }, 60_000);

  it('lr-scale 1.5: catapult — the loss spikes, S falls below 2/η, the twin diverges with a flag', async () => {
    const r = await train([...flags, '--lr-scale', '1.5']);
    expect(r.code).toBe(0);
    expect(r.summary.phase).toBe('catapult');
    expect(r.summary.lossPeakRatio).toBeGreaterThan(1);
    expect(r.summary.sharpnessFinal * (3 / r.summary.sharpness0)).toBeLessThan(2);
    expect(r.summary.twinDiverged).toBe(true);
    const flagged = r.rows.filter((row) => row.twinDiverged === true);
    expect(flagged.length).toBeGreaterThan(0);
    // flagged from the first blow-up on, to the last row
    expect(r.rows[r.rows.length - 1].twinDiverged).toBe(true);
  }, 60_000);

  it('lr-scale 3: diverged, exit 3, and the summary line is still printed', async () => {
    const r = await train([...flags, '--lr-scale', '3']);
    expect(r.code).toBe(3);
    expect(r.summary.phase).toBe('diverged');
    expect(r.summary.lrOverCritical).toBeCloseTo(3, 5);
  }, 60_000);
});

describe('sweep --lr-scales: the learning-rate × width phase diagram files', () => {
  it('one group per c, η = c·η_c of each run’s θ₀, a measured phase per run, runs past the edge listed in fits.json', async () => {
    const { mkdtempSync, readFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const out = mkdtempSync(join(tmpdir(), 'lr-sweep-'));
    let err = '';
    const code = await main(
      ['sweep', '--activation', 'relu', '--depth', '1', '--train', '16', '--test', '4', '--modes', '0', '--steps', '60', '--widths', '32,128', '--seeds', '1', '--lr-scales', '0.5,3', '--jobs', '1', '--out', out],
      { stdout: () => undefined, stderr: (s) => (err += s) },
    );
    expect(code, err).toBe(0);
    const lines = readFileSync(join(out, 'runs.csv'), 'utf8').trim().split('\n');
    const header = lines[0].split(',');
    expect(header.slice(0, 3)).toEqual(['param', 'outputScale', 'lrScale']);
    const col = (k: string) => header.indexOf(k);
    const runs = new Map<string, string[]>();
    for (const l of lines.slice(1)) {
      const c = l.split(',');
      runs.set(`${c[col('lrScale')]}/${c[col('width')]}`, c);
    }
    expect([...runs.keys()].sort()).toEqual(['0.5/128', '0.5/32', '3/128', '3/32']);
    for (const [key, c] of runs) {
      const lrScale = Number(key.split('/')[0]);
      // η·S₀ = 2c: each run's η is c times its own critical rate
      expect(Number(c[col('lr')]) * Number(c[col('sharpness0')])).toBeCloseTo(2 * lrScale, 4);
      expect(c[col('lrPhase')]).toBe(lrScale === 0.5 ? 'lazy' : 'diverged');
      expect(c[col('twinDiverged')]).toBe(lrScale === 0.5 ? '0' : '1');
    }
    const fits = JSON.parse(readFileSync(join(out, 'fits.json'), 'utf8'));
    expect(fits.groups.map((g: { lrScale: number }) => g.lrScale)).toEqual([0.5, 3]);
    expect(fits.pastEdge.map((r: { lrScale: number; width: number }) => `${r.lrScale}/${r.width}`)).toEqual(['3/32', '3/128']);
    expect(fits.warnings.join(' ')).toMatch(/past the edge of stability/);
    expect(err).toMatch(/2 runs went past the edge of stability/);
  }, 120_000);
});
