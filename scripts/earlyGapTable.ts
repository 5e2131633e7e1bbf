// earlyGap of the early-time model at fixed steps for several widths, on Gaussian inputs
// x ~ N(0, I_d) with sign-of-teacher targets ±1 (the setting of docs/early-time-and-nfa-*.md), or
// on a named data set of the app. Run: node scripts/early-gap-table.mjs [--dataset NAME] [...]
import { DEFAULT_CONFIG, type Activation, type DatasetName, type ExperimentConfig } from '../src/schema/config';
import { normals } from '../src/engine/prng';
import type { Dataset } from '../src/engine/data/datasets';
import { earlyGapByWidth } from '../src/engine/earlyTime/earlyTimeSweep';
import { useNodeBackend, type NodeBackend } from '../src/engine/nodeBackend';

/** x ~ N(0, I_d) (so ‖x‖² ≈ d), y = sign(teacher · x). */
export function gaussianTeacher(n: number, nTest: number, d: number, seed: number): Dataset {
  const teacher = normals(seed, 'table-teacher', d);
  const make = (m: number, tag: string) => {
    const x = Float32Array.from(normals(seed, tag, m * d));
    const y = Float32Array.from({ length: m }, (_, i) => {
      let s = 0;
      for (let j = 0; j < d; j++) s += x[i * d + j] * teacher[j];
      return s >= 0 ? 1 : -1;
    });
    return { x, y };
  };
  const tr = make(n, 'table-x-train');
  const te = make(nTest, 'table-x-test');
  return { name: 'sine' as DatasetName, inputDim: d as 1, xTrain: tr.x, yTrain: tr.y, xTest: te.x, yTest: te.y, domain: [] };
}

export interface TableOptions {
  dataset: string | null;
  activation: Activation;
  widths: number[];
  steps: number[];
  seeds: number[];
  train: number;
  dim: number;
  lr: number;
  backend: NodeBackend;
}

export async function earlyGapTable(o: TableOptions, log: (s: string) => void): Promise<void> {
  await useNodeBackend(o.backend);
  log(`# early-time earlyGap: data ${o.dataset ?? `gaussian d=${o.dim}, sign-of-teacher`}, n=${o.train}, ${o.activation}, η=${o.lr}, seeds ${o.seeds.join(',')}`);
  log(`| m | ${o.steps.map((s) => `step ${s}`).join(' | ')} |`);
  log(`|---|${o.steps.map(() => '---').join('|')}|`);
  for (const width of o.widths) {
    const sums = o.steps.map(() => [] as number[]);
    for (const seed of o.seeds) {
      const config: ExperimentConfig = { ...DEFAULT_CONFIG, model: 'early-time', activation: o.activation, train: o.train, test: 8, seed, lr: o.lr, width };
      if (o.dataset) (config as unknown as Record<string, unknown>).dataset = o.dataset;
      const t0 = Date.now();
      const data = o.dataset ? undefined : gaussianTeacher(o.train, 8, o.dim, seed);
      const pts = await earlyGapByWidth(config, o.lr, { widths: [width], steps: o.steps, ...(data ? { data } : {}) });
      pts.forEach((p, i) => p.earlyGap !== null && sums[i].push(p.earlyGap));
      log(`#   m=${width} seed=${seed}: ${pts.map((p) => p.earlyGap?.toFixed(4)).join(' ')} (${((Date.now() - t0) / 1000).toFixed(0)} s)`);
    }
    const mean = (a: number[]) => (a.length ? (a.reduce((x, y) => x + y, 0) / a.length).toFixed(3) : '—');
    log(`| ${width} | ${sums.map(mean).join(' | ')} |`);
  }
}
