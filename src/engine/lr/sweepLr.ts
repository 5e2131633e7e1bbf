// The learning rate of a width sweep, resolved ONCE for the whole sweep (docs/science.md §8), so
// that every run trains for the same η·t unless the user asked otherwise:
//   explicit   η₀ given: η = η₀ at every width (κ = 0), or η₀·n^κ with the width exponent κ
//              (η₀ is then the rate at width 1, the reference width);
//   auto       one η for every width and seed: ½·η_c of the seed-mean kernel at the sweep's widest
//              width, η = N / mean_seeds λmax(Θ₀(X, X)) (3 significant digits), the finite-width
//              estimate closest to the infinite-width kernel;
//   auto-per-run  each run its own ½·η_c from its own θ₀ (the Lab's rule): slopes then mix η with width;
//   lr-scale   a learning-rate sweep: each run η = c·η_c of its own θ₀ for each c of spec.lrScales.
// A phase sweep resolves η once per parametrization (the kernels at init differ between them); η is
// in α = 1 units (λmax is divided by α², and a run with output scale α takes the raw step η/α²), so
// one η serves every output scale α of a parametrization.
import type { ExperimentConfig, Parametrization } from '../../schema/config';
import { PARAMETRIZATION_LABELS, roundSignificant } from '../../schema/config';
import type { SweepSpec } from '../../schema/sweep';
import { tf } from '../tf';
import { loadDataset } from '../data/datasets';
import { disposeParams, initParamArrays, paramsFromArrays, specFromConfig } from '../nn/mlp';
import { ntkLayerwise } from '../metrics/ntk';
import { lambdaMax } from '../metrics/kernelMetrics';
import { lambdaPerScaleSq } from './rule';
import { PER_RUN_LR_WARNING, type SweepLr, type SweepLrs } from '../records/sweepRecords';

const fmt = (v: number) => String(roundSignificant(v, 4));

/** λmax(Θ₀(X_train, X_train)) / N (in units of the α = 1 model, §10) of the network at `width` with θ₀ seed `seed` (data: base.seed). */
async function lambdaMaxOverN(base: ExperimentConfig, width: number, seed: number): Promise<number> {
  const config: ExperimentConfig = { ...base, width, seed };
  const data = await loadDataset(config, base.seed);
  const spec = specFromConfig(config, data.inputDim);
  const params = paramsFromArrays(initParamArrays(spec, seed));
  const lam = tf.tidy(() => {
    const x = tf.tensor2d(data.xTrain, [config.train, data.inputDim]);
    return lambdaMax(ntkLayerwise(spec, params, x));
  });
  disposeParams(params);
  const v = (await lam.data())[0];
  lam.dispose();
  return lambdaPerScaleSq(spec, v) / config.train;
}

/** Resolve the sweep's learning rate for one parametrization (the kernels are computed on the current tfjs backend). */
export async function resolveSweepLr(spec: SweepSpec, param: Parametrization = spec.params[0]): Promise<SweepLr> {
  const base: ExperimentConfig = { ...spec.base, param };
  const lr = await resolveLr(spec, base);
  return { param, ...lr, description: spec.params.length > 1 ? `${PARAMETRIZATION_LABELS[param]}: ${lr.description}` : lr.description };
}

/** The sweep's η for every parametrization of the spec, in spec.params order. */
export async function resolveSweepLrs(spec: SweepSpec): Promise<SweepLrs> {
  const out: SweepLr[] = [];
  for (const p of spec.params) out.push(await resolveSweepLr(spec, p));
  return out;
}


async function resolveLr(spec: SweepSpec, base: ExperimentConfig): Promise<Omit<SweepLr, 'param'>> {
  if (spec.lrScales?.length)
    return {
      rule: 'lr-scale',
      eta: null,
      widthExp: 0,
      measured: null,
      description: `each run: η = c·η_c = c·2N/λmax(Θ₀) of its own θ₀, c ∈ {${spec.lrScales.join(', ')}} (runs.csv has each run's η)`,
      warning: 'each run’s η is c·η_c of its own θ₀, so η differs between widths and seeds: the width slopes at one c compare runs at the same η/η_c, not the same η',
    };
  if (base.lr !== null) {
    const kappa = base.lrWidthExp;
    return {
      rule: 'explicit',
      eta: base.lr,
      widthExp: kappa,
      measured: null,
      description: kappa === 0 ? `η = ${base.lr} at every width (given)` : `η = ${base.lr}·n^${kappa} (given; η₀ is the rate at width 1)`,
      warning: kappa === 0 ? null : `η scales with width as n^${kappa}, so η·t differs between widths and the fitted slopes include that scaling`,
    };
  }
  if (spec.autoLr === 'per-run')
    return { rule: 'auto-per-run', eta: null, widthExp: 0, measured: null, description: 'each run: η = ½·η_c = N/λmax(Θ₀) of its own θ₀', warning: PER_RUN_LR_WARNING };
  const width = spec.widths[spec.widths.length - 1];
  const seeds = Array.from({ length: spec.seeds }, (_, k) => base.seed + k);
  const lams: number[] = [];
  for (const s of seeds) lams.push(await lambdaMaxOverN(base, width, s));
  const mean = lams.reduce((a, b) => a + b, 0) / lams.length;
  if (!(mean > 0 && Number.isFinite(mean))) throw new Error(`the automatic η needs a positive λmax(Θ₀) at width ${width}, got ${mean}`);
  const eta = roundSignificant(1 / mean, 3);
  return {
    rule: 'auto',
    eta,
    widthExp: 0,
    measured: { width, seeds, lambdaMaxOverN: lams },
    description: `η = ${eta} for every run: ½·η_c = N/λmax(Θ₀) with λmax(Θ₀)/N = ${fmt(mean)}, the mean over ${seeds.length} seed${seeds.length === 1 ? '' : 's'} at the widest width ${width}`,
    warning: null,
  };
}

