// Seeded data sets generated in code, each with a train/test split drawn from the same
// distribution (independent streams). 2D classification sets use labels ±1 as MSE targets.
// High-dimensional sets: `gauss` (x ~ N(0, I_d), random two-layer teacher) and `mnist` (real
// digits bundled with the app, see mnist.ts); they have no plot domain (no function grid).
import type { DatasetName, ExperimentConfig } from '../../schema/config';
import { TOY_INPUT_DIM } from '../../schema/config';
import { DEFAULT_CONFIG } from '../../schema/config';
import { normalStream, streamSeed, uniformStream } from '../prng';
import { MNIST_PER_DIGIT, MNIST_SIDE, loadMnistBytes, mnistBytesIfLoaded, mnistInputs, mnistSplit, parseDigits } from './mnist';

export interface Dataset {
  name: DatasetName;
  inputDim: number;
  /** Row-major N × inputDim. */
  xTrain: Float32Array;
  yTrain: Float32Array;
  xTest: Float32Array;
  yTest: Float32Array;
  /** Plot domain per input dimension; empty for high-dimensional data (d > 2: no function grid). */
  domain: [number, number][];
  /** MNIST only: image side (28 or 14) and the digit of each train/test image. */
  images?: { side: number; digitTrain: Int8Array; digitTest: Int8Array };
}

/** Per-data-set options taken from the config (ignored by the data sets that don't use them). */
export interface DatasetOptions {
  /** gauss: input dimension. */
  dim?: number;
  /** mnist: resolution. */
  mnistRes?: ExperimentConfig['mnistRes'];
  /** mnist: target, e.g. 0v7 or 3vrest. */
  digits?: string;
}

/** The input dimension a config's data set has. */
export function datasetInputDim(config: Pick<ExperimentConfig, 'dataset' | 'dim' | 'mnistRes'>): number {
  if (config.dataset === 'gauss') return config.dim;
  if (config.dataset === 'mnist') return Number(config.mnistRes) ** 2;
  return TOY_INPUT_DIM[config.dataset];
}

const DOMAIN_1D: [number, number] = [-3, 3];
const DOMAIN_2D: [number, number] = [-2, 2];

type Sampler = (u: () => number, g: () => number, seed: number) => { x: number[]; y: number };

function teacherFunction(seed: number): (x: number) => number {
  const g = normalStream(streamSeed(seed, 'teacher'));
  const m = 16;
  const w = Array.from({ length: m }, () => g() * 1.2);
  const b = Array.from({ length: m }, () => g() * 0.8);
  const v = Array.from({ length: m }, () => g());
  const raw = (x: number) => {
    let s = 0;
    for (let i = 0; i < m; i++) s += v[i] * Math.tanh(w[i] * x + b[i]);
    return s / Math.sqrt(m);
  };
  // normalise to unit variance over the domain (midpoint rule, 512 points)
  let s1 = 0;
  let s2 = 0;
  const K = 512;
  for (let k = 0; k < K; k++) {
    const x = DOMAIN_1D[0] + ((k + 0.5) / K) * (DOMAIN_1D[1] - DOMAIN_1D[0]);
    const r = raw(x);
    s1 += r;
    s2 += r * r;
  }
  const mean = s1 / K;
  const sd = Math.sqrt(Math.max(s2 / K - mean * mean, 1e-12));
  return (x) => (raw(x) - mean) / sd;
}

function sampler(name: Exclude<DatasetName, 'gauss' | 'mnist'>, seed: number): Sampler {
  const unif1 = (u: () => number) => DOMAIN_1D[0] + u() * (DOMAIN_1D[1] - DOMAIN_1D[0]);
  switch (name) {
    case 'sine':
      return (u) => {
        const x = unif1(u);
        return { x: [x], y: Math.sin(2 * x) };
      };
    case 'step':
      return (u) => {
        const x = unif1(u);
        return { x: [x], y: x >= 0 ? 1 : -1 };
      };
    case 'teacher': {
      const t = teacherFunction(seed);
      return (u) => {
        const x = unif1(u);
        return { x: [x], y: t(x) };
      };
    }
    case 'spirals':
      return (u, g) => {
        const label = u() < 0.5 ? 1 : -1;
        const r = 0.15 + 1.55 * u();
        const theta = r * 2.4 * Math.PI + (label > 0 ? 0 : Math.PI);
        return { x: [r * Math.cos(theta) + 0.05 * g(), r * Math.sin(theta) + 0.05 * g()], y: label };
      };
    case 'circles':
      return (u, g) => {
        const label = u() < 0.5 ? 1 : -1;
        const r = label > 0 ? 0.6 * Math.sqrt(u()) : 1.1 + 0.5 * u();
        const theta = 2 * Math.PI * u();
        return { x: [r * Math.cos(theta) + 0.05 * g(), r * Math.sin(theta) + 0.05 * g()], y: label };
      };
    case 'xor':
      return (u) => {
        const x1 = DOMAIN_2D[0] + u() * (DOMAIN_2D[1] - DOMAIN_2D[0]);
        const x2 = DOMAIN_2D[0] + u() * (DOMAIN_2D[1] - DOMAIN_2D[0]);
        return { x: [x1, x2], y: x1 * x2 >= 0 ? 1 : -1 };
      };
    case 'blobs':
      return (u, g) => {
        const label = u() < 0.5 ? 1 : -1;
        const c = label > 0 ? [0.8, 0.8] : [-0.8, -0.6];
        return { x: [c[0] + 0.45 * g(), c[1] + 0.45 * g()], y: label };
      };
  }
}

function draw(name: Exclude<DatasetName, 'gauss' | 'mnist'>, seed: number, split: string, n: number): { x: Float32Array; y: Float32Array } {
  const inputDim = TOY_INPUT_DIM[name];
  const s = sampler(name, seed);
  const u = uniformStream(streamSeed(seed, `data:${name}:${split}:u`));
  const g = normalStream(streamSeed(seed, `data:${name}:${split}:g`));
  const x = new Float32Array(n * inputDim);
  const y = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const p = s(u, g, seed);
    for (let j = 0; j < inputDim; j++) x[i * inputDim + j] = p.x[j];
    y[i] = p.y;
  }
  return { x, y };
}

/** Width of the `gauss` teacher. */
export const GAUSS_TEACHER_WIDTH = 32;

/**
 * The `gauss` teacher: t(x) = (g(x) − μ)/σ with g(x) = Σ_k v_k tanh(w_k·x/√d)/√m, w_k ~ N(0, I_d),
 * v_k ~ N(0, 1), m = 32, and μ, σ the mean and standard deviation of g over 2048 reference draws
 * x ~ N(0, I_d) (so targets have about unit variance). Seeded by (seed, d).
 */
export function gaussTeacher(seed: number, d: number): (x: ArrayLike<number>, offset: number) => number {
  const m = GAUSS_TEACHER_WIDTH;
  const g = normalStream(streamSeed(seed, `gauss:teacher:${d}`));
  const w = Float64Array.from({ length: m * d }, () => g());
  const v = Float64Array.from({ length: m }, () => g());
  const raw = (x: ArrayLike<number>, off: number) => {
    let s = 0;
    for (let k = 0; k < m; k++) {
      let z = 0;
      for (let j = 0; j < d; j++) z += w[k * d + j] * x[off + j];
      s += v[k] * Math.tanh(z / Math.sqrt(d));
    }
    return s / Math.sqrt(m);
  };
  const ref = normalStream(streamSeed(seed, `gauss:teacher:ref:${d}`));
  const K = 2048;
  const xr = new Float64Array(d);
  let s1 = 0;
  let s2 = 0;
  for (let k = 0; k < K; k++) {
    for (let j = 0; j < d; j++) xr[j] = ref();
    const r = raw(xr, 0);
    s1 += r;
    s2 += r * r;
  }
  const mean = s1 / K;
  const sd = Math.sqrt(Math.max(s2 / K - mean * mean, 1e-12));
  return (x, off) => (raw(x, off) - mean) / sd;
}

function drawGauss(seed: number, d: number, split: string, n: number, teacher: ReturnType<typeof gaussTeacher>) {
  const g = normalStream(streamSeed(seed, `data:gauss:${d}:${split}`));
  const x = new Float32Array(n * d);
  for (let i = 0; i < x.length; i++) x[i] = g();
  const y = Float32Array.from({ length: n }, (_, i) => teacher(x, i * d));
  return { x, y };
}

/**
 * A data set. `mnist` needs the bundled digits loaded first (use loadDataset, or await
 * loadMnistBytes()); the other sets are generated synchronously from the seed.
 */
export function makeDataset(name: DatasetName, nTrain: number, nTest: number, seed: number, opts: DatasetOptions = {}): Dataset {
  if (name === 'gauss') {
    const d = opts.dim ?? DEFAULT_CONFIG.dim;
    const teacher = gaussTeacher(seed, d);
    const tr = drawGauss(seed, d, 'train', nTrain, teacher);
    const te = drawGauss(seed, d, 'test', nTest, teacher);
    return { name, inputDim: d, xTrain: tr.x, yTrain: tr.y, xTest: te.x, yTest: te.y, domain: [] };
  }
  if (name === 'mnist') {
    const bytes = mnistBytesIfLoaded();
    if (!bytes) throw new Error('the MNIST digits are not loaded yet: use loadDataset() (or await loadMnistBytes()) first');
    const res = Number(opts.mnistRes ?? DEFAULT_CONFIG.mnistRes) as 28 | 14;
    const split = mnistSplit(parseDigits(opts.digits ?? DEFAULT_CONFIG.digits), nTrain, nTest, seed);
    const digitOf = (idx: number[]) => Int8Array.from(idx, (i) => Math.floor(i / MNIST_PER_DIGIT));
    return {
      name,
      inputDim: res * res,
      xTrain: mnistInputs(bytes, split.train, res),
      yTrain: split.yTrain,
      xTest: mnistInputs(bytes, split.test, res),
      yTest: split.yTest,
      domain: [],
      images: { side: res === 28 ? MNIST_SIDE : 14, digitTrain: digitOf(split.train), digitTest: digitOf(split.test) },
    };
  }
  const inputDim = TOY_INPUT_DIM[name];
  const tr = draw(name, seed, 'train', nTrain);
  const te = draw(name, seed, 'test', nTest);
  return {
    name,
    inputDim,
    xTrain: tr.x,
    yTrain: tr.y,
    xTest: te.x,
    yTest: te.y,
    domain: inputDim === 1 ? [DOMAIN_1D] : [DOMAIN_2D, DOMAIN_2D],
  };
}

/** The config's data set (loading the bundled MNIST digits first when needed); `seed` overrides config.seed. */
export async function loadDataset(
  config: Pick<ExperimentConfig, 'dataset' | 'train' | 'test' | 'seed' | 'dim' | 'mnistRes' | 'digits'>,
  seed: number = config.seed,
): Promise<Dataset> {
  if (config.dataset === 'mnist') await loadMnistBytes();
  return makeDataset(config.dataset, config.train, config.test, seed, { dim: config.dim, mnistRes: config.mnistRes, digits: config.digits });
}

/** Evaluation grid for the function plot: 1D → `n` points; 2D → n×n points row-major (y outer); none for d > 2. */
export function makeGrid(ds: Pick<Dataset, 'inputDim' | 'domain'>, n: number): Float32Array {
  if (ds.inputDim > 2) return new Float32Array(0);
  if (ds.inputDim === 1) {
    const [lo, hi] = ds.domain[0];
    return Float32Array.from({ length: n }, (_, i) => lo + ((hi - lo) * i) / (n - 1));
  }
  const [x0, x1] = ds.domain[0];
  const [y0, y1] = ds.domain[1];
  const out = new Float32Array(n * n * 2);
  for (let r = 0; r < n; r++)
    for (let c = 0; c < n; c++) {
      out[(r * n + c) * 2] = x0 + ((x1 - x0) * c) / (n - 1);
      out[(r * n + c) * 2 + 1] = y1 - ((y1 - y0) * r) / (n - 1);
    }
  return out;
}
