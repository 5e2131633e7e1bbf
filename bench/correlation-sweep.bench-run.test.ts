// Manual science check for docs/science.md §5 (not part of the unit run):
//   npx vitest run --config bench/vitest.correlations.config.ts
// Env: SWEEP_PART=timing|sweep|all (default all), SWEEP_BACKEND=cpu|wasm (default cpu),
//      SWEEP_WIDTHS=32,64,… SWEEP_SEEDS=1,2,3 SWEEP_STEPS=500 SWEEP_ACTS=tanh,relu.
// Sweep: depth 2, NTK parametrization, sine data (64 train points), GD with η = ½·2N/λmax(Θ₀)
// (per width and seed), Δ = one GD step at θ; measures c2/c1, c3/c1, gradChange, ‖HΔ‖/‖∇f‖ and
// the first-order prediction error at init and after SWEEP_STEPS steps, then fits log–log slopes
// of the seed mean vs width (least squares). Only measures and prints; asserts nothing about the
// science.
import { it } from 'vitest';
import { tf } from '../src/engine/tf';
import { useNodeBackend } from '../src/engine/nodeBackend';
import { disposeParams, initParams, toVariables, type MlpSpec, type Params } from '../src/engine/nn/mlp';
import { makeDataset } from '../src/engine/data/datasets';
import { gdDirection, sgdUpdate } from '../src/engine/nn/train';
import { ntkLayerwise } from '../src/engine/metrics/ntk';
import { criticalLearningRate } from '../src/engine/lr/rule';
import { symmetricEigenvalues } from '../src/engine/linalg/symmetricEigen';
import { CORRELATION_SUMMARY_NAMES, correlationSummary, pairMatrix } from '../src/engine/metrics/correlations';

const env = (k: string, d: string) => process.env[k] ?? d;
const part = env('SWEEP_PART', 'all');
const backend = env('SWEEP_BACKEND', 'cpu') as 'cpu' | 'wasm';
const widths = env('SWEEP_WIDTHS', '32,64,128,256,512,1024,2048').split(',').map(Number);
const seeds = env('SWEEP_SEEDS', '1,2,3').split(',').map(Number);
const steps = Number(env('SWEEP_STEPS', '500'));
const acts = env('SWEEP_ACTS', 'tanh,relu').split(',') as MlpSpec['activation'][];

function spec(activation: MlpSpec['activation'], width: number): MlpSpec {
  return { inputDim: 1, width, depth: 2, activation, param: 'ntk', sigmaW2: activation === 'relu' ? 2 : 1, sigmaB2: 0.1, bias: true };
}

async function timeMs(fn: () => tf.Tensor, reps: number): Promise<number> {
  const warm = fn();
  await warm.data();
  warm.dispose();
  const t0 = performance.now();
  for (let r = 0; r < reps; r++) {
    const t = fn();
    await t.data();
    t.dispose();
  }
  return (performance.now() - t0) / reps;
}

function fitSlope(xs: number[], ys: number[]): { slope: number; se: number } {
  const lx = xs.map(Math.log);
  const ly = ys.map(Math.log);
  const n = lx.length;
  const mx = lx.reduce((a, b) => a + b, 0) / n;
  const my = ly.reduce((a, b) => a + b, 0) / n;
  let sxy = 0;
  let sxx = 0;
  for (let i = 0; i < n; i++) {
    sxy += (lx[i] - mx) * (ly[i] - my);
    sxx += (lx[i] - mx) ** 2;
  }
  const slope = sxy / sxx;
  let rss = 0;
  for (let i = 0; i < n; i++) rss += (ly[i] - my - slope * (lx[i] - mx)) ** 2;
  return { slope, se: Math.sqrt(rss / Math.max(n - 2, 1) / sxx) };
}

it('setup backend', async () => {
  await useNodeBackend(backend);
  console.log(`backend ${tf.getBackend()}`);
});

it.runIf(part === 'timing' || part === 'all')('timing: correlationSummary and pairMatrix', async () => {
  const ds = makeDataset('sine', 64, 8, 1);
  const x = tf.tensor2d(ds.xTrain, [64, 1]);
  const y = tf.tensor1d(ds.yTrain);
  for (const width of [256, 1024]) {
    const s = spec('tanh', width);
    const params = initParams(s, 1);
    const dir = gdDirection(s, params, x, y, 0.1);
    const reps = width > 512 ? 2 : 5;
    const tSum = await timeMs(() => correlationSummary(s, params, dir, x), reps);
    const x0 = tf.tensor2d([0.3], [1, 1]);
    const row: string[] = [];
    for (const M of [16, 64]) {
      const probe = tf.slice(x, [0, 0], [M, 1]);
      row.push(`pairMatrix M=${M}: ${(await timeMs(() => pairMatrix(s, params, x0, probe), reps)).toFixed(0)} ms`);
      probe.dispose();
    }
    const tFwd = await timeMs(() => tf.tidy(() => tf.matMul(tf.matMul(x, params[0].W, false, true), params[1].W, false, true)), reps);
    console.log(`width ${width}, N=64 probe, depth 2, tanh: correlationSummary ${tSum.toFixed(0)} ms; ${row.join('; ')}; (one 64×n·n×n matmul ≈ ${tFwd.toFixed(1)} ms)`);
    x0.dispose();
    disposeParams(params);
    disposeParams(dir);
  }
  tf.dispose([x, y]);
});

it.runIf(part === 'sweep' || part === 'all')('sweep', async () => {
  const ds = makeDataset('sine', 64, 8, 1);
  const x = tf.tensor2d(ds.xTrain, [64, 1]);
  const y = tf.tensor1d(ds.yTrain);
  const names = CORRELATION_SUMMARY_NAMES;
  type Row = { act: string; width: number; when: 'init' | 'trained'; values: number[][] };
  const rows: Row[] = [];
  for (const act of acts)
    for (const width of widths) {
      const init: number[][] = [];
      const trained: number[][] = [];
      const t0 = performance.now();
      for (const seed of seeds) {
        const s = spec(act, width);
        const p0 = initParams(s, seed);
        const K = ntkLayerwise(s, p0, x);
        const lr = 0.5 * criticalLearningRate(symmetricEigenvalues(await K.data(), 64)[0], 64);
        K.dispose();
        const measure = async (params: Params) => {
          const dir = gdDirection(s, params, x, y, lr);
          const v = correlationSummary(s, params, dir, x);
          const out = Array.from(await v.data());
          v.dispose();
          disposeParams(dir);
          return out;
        };
        init.push(await measure(p0));
        const vars = toVariables(p0);
        disposeParams(p0);
        for (let t = 0; t < steps; t++) sgdUpdate(s, vars, x, y, lr).dispose();
        trained.push(await measure(vars));
        disposeParams(vars);
      }
      rows.push({ act, width, when: 'init', values: init }, { act, width, when: 'trained', values: trained });
      const mean = (vals: number[][], k: number) => vals.reduce((a, v) => a + v[k], 0) / vals.length;
      console.log(
        `${act} n=${width} (${((performance.now() - t0) / 1000).toFixed(1)} s): ` +
          (['init', 'trained'] as const)
            .map((w) => `${w} ` + names.map((nm, k) => `${nm}=${mean(w === 'init' ? init : trained, k).toExponential(2)}`).join(' '))
            .join(' | '),
      );
    }
  console.log(`\nlog–log slopes of the seed mean vs width (widths ${widths.join(',')}, seeds ${seeds.join(',')}, ${steps} GD steps, η = ½ critical):`);
  console.log(`| activation | when | ${names.join(' | ')} |`);
  console.log(`|---|---|${names.map(() => '---').join('|')}|`);
  for (const act of acts)
    for (const when of ['init', 'trained'] as const) {
      const rs = rows.filter((r) => r.act === act && r.when === when);
      const cells = names.map((_, k) => {
        const ys = rs.map((r) => r.values.reduce((a, v) => a + v[k], 0) / r.values.length);
        const { slope, se } = fitSlope(rs.map((r) => r.width), ys);
        return `${slope.toFixed(2)} ± ${se.toFixed(2)}`;
      });
      console.log(`| ${act} | ${when} | ${cells.join(' | ')} |`);
    }
  tf.dispose([x, y]);
});
