#!/usr/bin/env node
// node scripts/early-gap-table.mjs [--dataset gauss|mnist] [--activation tanh] [--widths 64,256] [--steps 10,100,1000]
//   [--seeds 1] [--train 256] [--dim 100] [--lr 1] [--backend wasm]
// Prints a markdown table of earlyGap (mean over seeds) per width and step.
import { importTs } from './vite-node-runner.mjs';

const argv = process.argv.slice(2);
const opt = (k, d) => {
  const i = argv.indexOf(`--${k}`);
  return i >= 0 ? argv[i + 1] : d;
};
const list = (s) => s.split(',').map(Number);
const { mod, close } = await importTs('scripts/earlyGapTable.ts');
try {
  await mod.earlyGapTable(
    {
      dataset: opt('dataset', null),
      activation: opt('activation', 'tanh'),
      widths: list(opt('widths', '64,256,1024,4096')),
      steps: list(opt('steps', '10,100,1000')),
      seeds: list(opt('seeds', '1')),
      train: Number(opt('train', '256')),
      dim: Number(opt('dim', '100')),
      lr: Number(opt('lr', '1')),
      backend: opt('backend', 'wasm'),
    },
    (s) => console.log(s),
  );
} finally {
  await close();
}
