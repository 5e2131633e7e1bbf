// The network's per-mode residuals u_kᵀ(f_t − y) against a float64 replay of GD
// (tests/reference/modesReference.ts), through the Session and through the real CLI output.
import { describe, expect, it } from 'vitest';
import { Session } from '../../src/engine/session/session';
import { initParamArrays, type LayerArrays, type MlpSpec } from '../../src/engine/nn/mlp';
import { DEFAULT_CONFIG, type Activation, type ExperimentConfig } from '../../src/schema/config';
import { main } from '../../src/cli/main';
import { gdReplay64, ntk64, project64, roundToFloat32, separatedModes, topModes64 } from '../reference/modesReference';
import { norm64 } from '../reference/reference64';
import { gdModeClosedForm } from '../../src/engine/metrics/modeClosedForm';

const STEPS = [0, 1, 10, 50, 100];
const K = 10;
/** Modes whose λ is this far (× λ₁) from both neighbours: their eigenvectors are well defined in float32. */
const SEPARATION = 1e-3;
/** Allowed deviation, as a fraction of ‖f₀ − y‖₂. */
const TOL = 2e-3;

const config = (activation: Activation): ExperimentConfig => ({ ...DEFAULT_CONFIG, activation, width: 32, depth: 2, train: 16, test: 4, steps: 100, modes: K });

interface Oracle {
  lambda: number[];
  separated: number[];
  /** step → reference projections u_kᵀ(f_t − y). */
  net: Map<number, number[]>;
  scale: number;
}

function oracle(spec: MlpSpec, layers: LayerArrays[], x: ArrayLike<number>, y: ArrayLike<number>, lr: number): Oracle {
  const n = y.length;
  const all = topModes64(ntk64(spec, layers, x, n), n, n);
  const u = all.u.slice(0, K);
  const res = gdReplay64(spec, layers, x, y, lr, STEPS);
  const net = new Map(STEPS.map((t) => [t, project64(u, res.get(t)!)]));
  return { lambda: all.lambda, separated: separatedModes(all.lambda, K, SEPARATION), net, scale: norm64(res.get(0)!) };
}

/** Largest |engine − reference| over the separated modes and logged steps, relative to ‖f₀ − y‖₂. */
function worstDeviation(o: Oracle, rows: Map<number, number[]>): number {
  let worst = 0;
  for (const t of STEPS) for (const k of o.separated) worst = Math.max(worst, Math.abs(rows.get(t)![k] - o.net.get(t)![k]) / o.scale);
  return worst;
}

describe.each(['tanh', 'relu'] as const)('network per mode vs float64 GD replay (%s)', (activation) => {
  it('Session rows: u_kᵀ(f_t − y) within 2e-3·‖f₀ − y‖ on well-separated modes; λ_k/N to 1e-5', async () => {
    const s = await Session.create(config(activation), { gridSize: 2 });
    try {
      const layers = roundToFloat32(initParamArrays(s.spec, s.config.seed));
      const o = oracle(s.spec, layers, s.data.xTrain, s.data.yTrain, s.meta.lr);
      expect(o.separated.length).toBeGreaterThanOrEqual(4);
      const rows = new Map<number, number[]>();
      for (const t of STEPS) {
        s.advance(t - s.step);
        const row = await s.measure('never');
        rows.set(t, row.modes!.net as number[]);
        if (t === 0) for (let k = 0; k < K; k++) expect(Math.abs(row.modes!.lambda[k] - o.lambda[k])).toBeLessThan(1e-5 * o.lambda[0]);
      }
      const worst = worstDeviation(o, rows);
      expect(worst).toBeLessThan(TOL);
      // The network moves away from its step-0 projections: the comparison is not trivially of constants.
      expect(Math.abs(rows.get(100)![0] - rows.get(0)![0]) / o.scale).toBeGreaterThan(0.05);
    } finally {
      s.dispose();
    }
  }, 60_000);

  it('CLI train --json: the printed modes match the float64 replay of the network printed by ntk; lin follows the GD closed form', async () => {
    const flags = ['--activation', activation, '--width', '32', '--depth', '2', '--train', '16', '--test', '4', '--modes', String(K)];
    const run = async (argv: string[]) => {
      let out = '';
      const code = await main(argv, { stdout: (s) => (out += s), stderr: () => undefined });
      expect(code).toBe(0);
      return out.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    };
    const [init] = await run(['ntk', ...flags, '--json']);
    const c = init.config as Record<string, unknown>;
    const spec: MlpSpec = { inputDim: 1, width: 32, depth: 2, activation, param: 'ntk', sigmaW2: c.sigmaW2 as number, sigmaB2: c.sigmaB2 as number, bias: true };
    const params = init.params as { W: number[][]; b: number[] | null }[];
    const layers = params.map((p) => ({ nOut: p.W.length, nIn: p.W[0].length, W: Float64Array.from(p.W.flat()), b: p.b ? Float64Array.from(p.b) : null }));
    const x = (init.x as number[][]).flat();
    const lr = c.lr as number;
    const o = oracle(spec, layers, x, init.y as number[], lr);
    const lines = await run(['train', ...flags, '--steps', '100', '--log-every', '1', '--json']);
    type Modes = { lambda: number[]; net: number[]; lin: number[] };
    const byStep = new Map(lines.map((l) => [l.step as number, l.modes as Modes]));
    const worst = worstDeviation(o, new Map(STEPS.map((t) => [t, byStep.get(t)!.net])));
    expect(worst).toBeLessThan(TOL);
    // The twin's printed projections follow (1 − ηλ_k/N)^t lin_k(0) (7 printed digits).
    const m0 = byStep.get(0)!;
    for (const t of STEPS)
      for (let k = 0; k < K; k++) expect(Math.abs(byStep.get(t)!.lin[k] - gdModeClosedForm(m0.lambda[k], lr, t, m0.lin[k]))).toBeLessThan(1e-5 * o.scale);
  }, 60_000);
});
