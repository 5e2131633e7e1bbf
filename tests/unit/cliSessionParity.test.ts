// The CLI does what the app does: `taylor` measures along the app's step (with an output scale α
// and centring its c1, c2, c3 at the first n training points give the Session's correlations at step 0
// on a probe set of exactly those points: Δ = −(η/α²)∇θL on the whole training set, targets y + f₀
// when centred; before the fix it took the raw η and the uncentred y), and `sweep` refuses the
// early-time model (before, nothing in the sweep read `model` and it silently trained MLPs).
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main';
import { parseCliArgs } from '../../src/cli/args';
import { Session } from '../../src/engine/session/session';

async function run(argv: string[]) {
  let out = '';
  let err = '';
  const code = await main(argv, { stdout: (s) => (out += s), stderr: (s) => (err += s) });
  return { code, out, err };
}

const rms = (v: number[]) => Math.sqrt(v.reduce((a, x) => a + x * x, 0) / v.length);

describe('taylor goes through the session step and centring', () => {
  for (const extra of [['--output-scale', '10'], ['--center', 'true'], ['--output-scale', '4', '--center', 'true']]) {
    it(`taylor ${extra.join(' ')} equals the app's correlations at step 0`, async () => {
      const argv = ['taylor', '--width', '32', '--depth', '2', '--train', '24', '--test', '8', '--activation', 'tanh', '--n', '12', ...extra, '--json'];
      const r = await run(argv);
      expect(r.code, r.err).toBe(0);
      const o = JSON.parse(r.out) as { c1: number[]; c2: number[]; c3: number[]; config: { lr: number } };
      expect(o.c1).toHaveLength(12);
      // the app: the same config, its probe set = the first 12 training points, the row at step 0
      const { config } = parseCliArgs(argv);
      const s = await Session.create(config, { gridSize: 2, probeTrain: 12, probeTest: 0 });
      try {
        const row = await s.measure('always');
        expect(o.config.lr).toBeCloseTo(s.meta.lr, 6);
        expect(rms(o.c1)).toBeCloseTo(row.c1Rms!, 5);
        expect(rms(o.c2) / rms(o.c1)).toBeCloseTo(row.c2OverC1!, 4);
        expect(rms(o.c3) / rms(o.c1)).toBeCloseTo(row.c3OverC1!, 4);
        expect(row.c1Rms!).toBeGreaterThan(0);
      } finally {
        s.dispose();
      }
    });
  }
});

describe('sweep refuses the early-time model', () => {
  it('sweep --model early-time: exit 2, one clear line on stderr, nothing run', async () => {
    const r = await run(['sweep', '--model', 'early-time', '--widths', '16,32', '--steps', '2', '--out', '/tmp/tangent-lab-never-written']);
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toMatch(/^error: sweep --model early-time: a width sweep trains the MLP; the early-time model is not swept/);
  });

  it('the sweep spec refuses it too (the app\'s sweep form shows the message)', async () => {
    const { parseSweepSpec, SWEEP_MODEL_MESSAGE } = await import('../../src/schema/sweep');
    const { DEFAULT_CONFIG } = await import('../../src/schema/config');
    const r = parseSweepSpec({ base: { ...DEFAULT_CONFIG, model: 'early-time' }, widths: [16, 32] });
    expect(r).toEqual({ ok: false, error: `base: ${SWEEP_MODEL_MESSAGE}` });
    expect(parseSweepSpec({ base: DEFAULT_CONFIG, widths: [16, 32] }).ok).toBe(true);
  });
});
