// The CLI end to end in-process: JSON shapes, exit codes, and its numbers recomputed independently
// from its own output (θ₀, x, y) with the float64 reference network.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { main } from '../../src/cli/main';
import { parseCliArgs } from '../../src/cli/args';
import { COMMANDS } from '../../src/cli/commands';
import { tf } from '../../src/engine/tf';
import { dot64, flatten64, forward64, gradient64, axpy64 } from '../reference/reference64';
import type { LayerArrays, MlpSpec } from '../../src/engine/nn/mlp';

async function run(argv: string[]) {
  let out = '';
  let err = '';
  const code = await main(argv, { stdout: (s) => (out += s), stderr: (s) => (err += s) });
  return { code, out, err };
}

interface ParamJson {
  W: number[][];
  b: number[] | null;
}
function layersFromJson(params: ParamJson[]): LayerArrays[] {
  return params.map((p) => ({ nOut: p.W.length, nIn: p.W[0].length, W: Float64Array.from(p.W.flat()), b: p.b ? Float64Array.from(p.b) : null }));
}
function specFromJson(c: Record<string, unknown>): MlpSpec {
  return {
    inputDim: c.inputDim as number,
    width: c.width as number,
    depth: c.depth as number,
    activation: c.activation as MlpSpec['activation'],
    param: c.param as MlpSpec['param'],
    sigmaW2: c.sigmaW2 as number,
    sigmaB2: c.sigmaB2 as number,
    bias: c.bias as boolean,
  };
}

describe('tangent-lab CLI', () => {
  it('train --json prints one JSON object per logged step, starting at step 0', async () => {
    const r = await run(['train', '--width', '32', '--train', '16', '--test', '16', '--steps', '6', '--log-every', '3', '--json']);
    expect(r.code).toBe(0);
    const all = r.out.trim().split('\n').map((l) => JSON.parse(l));
    // the rows, then one summary line (the measured learning-rate phase, src/engine/lr/phase.ts)
    const lines = all.slice(0, -1);
    expect(lines.map((l) => l.step)).toEqual([0, 3, 6]);
    expect(all[all.length - 1].summary.phase).toBe('lazy');
    expect(typeof lines[2].sharpness).toBe('number');
    for (const key of ['loss', 'testLoss', 'linLoss', 'linTestLoss', 'ntkDrift', 'alignDrift', 'lambdaMax', 'gapTrain', 'gapTest', 'c2OverC1', 'c3OverC1', 'gradChange'])
      expect(typeof lines[2][key]).toBe('number');
    // at initialisation the twin is the network
    expect(lines[0].linLoss).toBe(lines[0].loss);
    expect(lines[0].ntkDrift).toBe(0);
    expect(lines[2].loss).toBeLessThan(lines[0].loss);
  });

  it('bad flags exit non-zero with a one-line error naming the flag and range', async () => {
    const r = await run(['train', '--depth', '9']);
    expect(r.code).toBe(2);
    expect(r.err.trim().split('\n')).toHaveLength(1);
    expect(r.err).toMatch(/--depth.*from 1 to 6/);
    expect((await run(['fly'])).code).toBe(2);
    expect((await run(['train', '--colour', 'red'])).err).toMatch(/unknown flag --colour/);
  });

  it('ntk --json: the kernel equals J Jᵀ recomputed in float64 from the printed θ₀, and step-0 loss matches', async () => {
    const r = await run(['ntk', '--width', '24', '--depth', '2', '--activation', 'erf', '--param', 'standard', '--dataset', 'circles', '--n', '6', '--json']);
    expect(r.code).toBe(0);
    const o = JSON.parse(r.out);
    expect(o.x).toHaveLength(6);
    expect(o.x[0]).toHaveLength(2);
    expect(o.params).toHaveLength(3);
    expect(o.params[0].W).toHaveLength(24); // n_out × n_in
    expect(o.params[0].W[0]).toHaveLength(2);
    const spec = specFromJson(o.config);
    const layers = layersFromJson(o.params);
    const grads = o.x.map((xi: number[]) => flatten64(gradient64(spec, layers, xi)));
    let err = 0;
    let norm = 0;
    for (let i = 0; i < 6; i++)
      for (let j = 0; j < 6; j++) {
        const ref = dot64(grads[i], grads[j]);
        err += (o.ntk[i][j] - ref) ** 2;
        norm += ref ** 2;
      }
    expect(Math.sqrt(err / norm)).toBeLessThan(1e-5);
  });

  it('train step-0 loss is (1/2N) Σ (f − y)² of the network printed by ntk', async () => {
    const flags = ['--width', '16', '--train', '12', '--test', '8', '--seed', '5', '--activation', 'relu'];
    const o = JSON.parse((await run(['ntk', ...flags, '--json'])).out);
    const row = JSON.parse((await run(['train', ...flags, '--steps', '1', '--json'])).out.split('\n')[0]);
    const f = forward64(specFromJson(o.config), layersFromJson(o.params), o.x.flat(), o.x.length);
    const loss = f.reduce((s, fi, i) => s + (fi - o.y[i]) ** 2, 0) / (2 * o.x.length);
    expect(row.loss).toBeCloseTo(loss, 5);
  });

  it('taylor --json: c1 equals ∇f·Δ with Δ = −η∇L recomputed in float64', async () => {
    const r = await run(['taylor', '--width', '16', '--train', '10', '--activation', 'tanh', '--json']);
    expect(r.code).toBe(0);
    const o = JSON.parse(r.out);
    const spec = specFromJson(o.config);
    const layers = layersFromJson(o.params);
    const n = o.x.length;
    const f = forward64(spec, layers, o.x.flat(), n);
    // Δ = −η ∇θ L = −(η/N) Σ (f_i − y_i) ∇f_i
    const grads = o.x.map((xi: number[]) => flatten64(gradient64(spec, layers, xi)));
    const delta = new Float64Array(grads[0].length);
    for (let i = 0; i < n; i++) for (let p = 0; p < delta.length; p++) delta[p] -= (o.config.lr / n) * (f[i] - o.y[i]) * grads[i][p];
    for (let i = 0; i < n; i++) expect(o.c1[i]).toBeCloseTo(dot64(grads[i], delta), 4);
    // c1 + c2 + c3 predicts f(θ + Δ) − f(θ) better than c1 alone (the Taylor series at ε = 1)
    let k = 0;
    const dirLayers: LayerArrays[] = layers.map((L) => ({
      nOut: L.nOut,
      nIn: L.nIn,
      W: Float64Array.from(L.W, () => delta[k++]),
      b: L.b ? Float64Array.from(L.b, () => delta[k++]) : null,
    }));
    const fPlus = forward64(spec, axpy64(layers, dirLayers, 1), o.x.flat(), n);
    let err1 = 0;
    let err3 = 0;
    for (let i = 0; i < n; i++) {
      const df = fPlus[i] - f[i];
      err1 += (df - o.c1[i]) ** 2;
      err3 += (df - o.c1[i] - o.c2[i] - o.c3[i]) ** 2;
    }
    expect(err3).toBeLessThan(0.1 * err1);
  });

  describe('conventions: the command table', () => {
    it('--help and -h anywhere print help on stdout and exit 0; <command> --help lists its flags with ranges and defaults', async () => {
      for (const argv of [['--help'], ['-h'], ['help'], [], ['fly', '--help']]) {
        const r = await run(argv);
        expect(r.code, argv.join(' ')).toBe(0);
        expect(r.err).toBe('');
        expect(r.out).toMatch(/^usage: tangent-lab <command>/);
        for (const c of COMMANDS) expect(r.out).toContain(`  ${c.name} `);
      }
      const t = await run(['train', '--width', '64', '-h']);
      expect(t.code).toBe(0);
      expect(t.out).toMatch(/^usage: tangent-lab train/);
      expect(t.out).toMatch(/--width N +Width: an integer from 8 to 4096 \(default 256\)/);
      expect(t.out).toMatch(/--lr X +Learning rate: a number from 0.00001 to 1000 or "auto" \(default auto\)/);
      expect(t.out).toMatch(/--backend NAME +.*\(default wasm\)/);
      const s = await run(['sweep', '--help']);
      expect(s.out).toMatch(/^usage: tangent-lab sweep/);
      expect(s.out).toMatch(/--seeds N +seeds per width, from 1 to 64 \(default 5\)/);
      expect(s.out).toMatch(/--widths W,W,… +.*\(default 16,32,64,128,256,512,1024,2048\)/);
      expect((await run(['help', 'merge'])).out).toMatch(/^usage: tangent-lab merge DIR1 DIR2 … \[flags\]/);
      expect((await run(['merge', '--help'])).out).not.toContain('--width N');
    });

    it("--version prints package.json's version", async () => {
      const { version } = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
      const r = await run(['--version']);
      expect(r).toEqual({ code: 0, out: version + '\n', err: '' });
    });

    it('an unknown command lists the commands; a flag of another command names the commands that take it', async () => {
      const r = await run(['fly']);
      expect(r.code).toBe(2);
      expect(r.err).toBe(`error: unknown command "fly" (expected ${COMMANDS.slice(0, -1).map((c) => c.name).join(', ')} or ${COMMANDS[COMMANDS.length - 1].name})\n`);
      expect((await run(['train', '--at', '10'])).err).toBe('error: flag --at only applies to the early-sweep command\n');
      expect((await run(['train', '--widths', '16,32'])).err).toBe('error: flag --widths only applies to the sweep, phase and early-sweep commands\n');
      expect((await run(['merge', 'a', '--width', '16'])).err).toMatch(/^error: flag --width only applies to the train, ntk, taylor, sweep, phase and early-sweep commands/);
    });

    it("the backend defaults to wasm; --backend cpu stays; a command's own flags reach it raw", async () => {
      expect(parseCliArgs(['train']).backend).toBe('wasm');
      expect(parseCliArgs(['train', '--backend', 'cpu']).backend).toBe('cpu');
      expect((await run(['train', '--width', '16', '--train', '8', '--test', '8', '--steps', '1', '--json'])).code).toBe(0);
      expect(tf.getBackend()).toBe('wasm');
      expect((await run(['train', '--width', '16', '--train', '8', '--test', '8', '--steps', '1', '--json', '--backend', 'cpu'])).code).toBe(0);
      expect(tf.getBackend()).toBe('cpu');
      const a = parseCliArgs(['sweep', '--seeds', '3', '--out', 'x', '--widths', '16,32']);
      expect(a.sweep).toEqual({ seeds: '3', out: 'x', widths: '16,32' });
      expect(a.flags).toBe(a.sweep);
      expect(parseCliArgs(['train', '--width', '16']).sweep).toEqual({});
    });
  });
});

