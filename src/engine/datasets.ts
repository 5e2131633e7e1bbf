// Seeded data sets generated in code, each with a train/test split drawn from the same
// distribution (independent streams). 2D classification sets use labels ±1 as MSE targets.
import { TOY_DATASETS, type DatasetName, type ToyDatasetName } from '../state/config';
import { normalStream, streamSeed, uniformStream } from './prng';

export interface Dataset {
  name: DatasetName;
  inputDim: 1 | 2;
  /** Row-major N × inputDim. */
  xTrain: Float32Array;
  yTrain: Float32Array;
  xTest: Float32Array;
  yTest: Float32Array;
  /** Plot domain per input dimension. */
  domain: [number, number][];
}

export const DATASET_INFO: Record<ToyDatasetName, { inputDim: 1 | 2; label: string; description: string }> = {
  sine: { inputDim: 1, label: 'Sine (1D)', description: 'y = sin(2x) on [−3, 3]' },
  step: { inputDim: 1, label: 'Step (1D)', description: 'y = sign(x) on [−3, 3]' },
  teacher: { inputDim: 1, label: 'Random teacher (1D)', description: 'a random tanh network, width 16, output scaled to unit variance' },
  spirals: { inputDim: 2, label: 'Two spirals (2D)', description: 'two interleaved spirals, labels ±1' },
  circles: { inputDim: 2, label: 'Circles (2D)', description: 'a disc (+1) inside a ring (−1)' },
  xor: { inputDim: 2, label: 'XOR (2D)', description: 'label = sign(x₁·x₂)' },
  blobs: { inputDim: 2, label: 'Gaussian blobs (2D)', description: 'two Gaussian clusters, labels ±1' },
};

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

function sampler(name: ToyDatasetName, seed: number): Sampler {
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

function draw(name: ToyDatasetName, seed: number, split: string, n: number): { x: Float32Array; y: Float32Array } {
  const info = DATASET_INFO[name];
  const s = sampler(name, seed);
  const u = uniformStream(streamSeed(seed, `data:${name}:${split}:u`));
  const g = normalStream(streamSeed(seed, `data:${name}:${split}:g`));
  const x = new Float32Array(n * info.inputDim);
  const y = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const p = s(u, g, seed);
    for (let j = 0; j < info.inputDim; j++) x[i * info.inputDim + j] = p.x[j];
    y[i] = p.y;
  }
  return { x, y };
}

export function isToyDataset(name: DatasetName): name is ToyDatasetName {
  return TOY_DATASETS.some((t) => t === name);
}

/** Label and description for the settings panel (data sets not generated here get a plain entry). */
export function datasetInfo(name: DatasetName): { label: string; description: string; inputDim: number | null } {
  return isToyDataset(name) ? DATASET_INFO[name] : { label: name, description: `the ${name} data set`, inputDim: null };
}

export function makeDataset(name: DatasetName, nTrain: number, nTest: number, seed: number): Dataset {
  if (!isToyDataset(name)) throw new Error(`The "${name}" data set is not available in this version (available: ${TOY_DATASETS.join(', ')})`);
  const info = DATASET_INFO[name];
  const tr = draw(name, seed, 'train', nTrain);
  const te = draw(name, seed, 'test', nTest);
  return {
    name,
    inputDim: info.inputDim,
    xTrain: tr.x,
    yTrain: tr.y,
    xTest: te.x,
    yTest: te.y,
    domain: info.inputDim === 1 ? [DOMAIN_1D] : [DOMAIN_2D, DOMAIN_2D],
  };
}

/** Evaluation grid for the function plot: 1D → `n` points; 2D → n×n points row-major (y outer). */
export function makeGrid(ds: Pick<Dataset, 'inputDim' | 'domain'>, n: number): Float32Array {
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
