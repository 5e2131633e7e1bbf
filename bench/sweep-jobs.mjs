#!/usr/bin/env node
// `node bench/sweep-jobs.mjs [--pairs=3] [--jobs=2]`: a whole `tangent-lab sweep` (the built CLI,
// wasm backend) with --jobs 1 and with --jobs N, alternately (1, N, 1, N, …) so both see the same
// machine, then a table of wall seconds (median, min, max), the speed-up of each pair and of the
// medians, and whether the four files of every run are byte-identical to the first --jobs 1 run.
// Never asserts on times. Needs dist-cli/main.mjs (npm run build:cli).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const arg = (name, def) => Number(process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? def);
const pairs = arg('pairs', 3);
const jobs = arg('jobs', 2);
const SWEEP = ['sweep', '--backend', 'wasm', '--widths', '16,32,64,128,256,512', '--seeds', '4', '--depth', '2', '--activation', 'tanh', '--dataset', 'gauss', '--steps', '100'];
const FILES = ['runs.csv', 'summary.csv', 'fits.json'];
const tmp = mkdtempSync(path.join(os.tmpdir(), 'tl-bench-jobs-'));

function runOnce(j, k) {
  const out = path.join(tmp, `j${j}-${k}`);
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, [path.join(root, 'bin/tangent-lab.mjs'), ...SWEEP, '--jobs', String(j), '--out', out], { encoding: 'utf8' });
  const s = Number(process.hrtime.bigint() - t0) / 1e9;
  if (r.status !== 0) throw new Error(`--jobs ${j} failed: ${r.stderr}`);
  return { s, files: FILES.map((f) => readFileSync(path.join(out, f), 'utf8')) };
}

const med = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const t = { 1: [], [jobs]: [] };
let reference = null;
let identical = true;
for (let k = 0; k < pairs; k++)
  for (const j of [1, jobs]) {
    const r = runOnce(j, k);
    t[j].push(r.s);
    reference ??= r.files;
    identical &&= r.files.every((f, i) => f === reference[i]);
    console.error(`pair ${k + 1}/${pairs}: --jobs ${j} ${r.s.toFixed(2)} s`);
  }
rmSync(tmp, { recursive: true, force: true });
console.log(`\nsweep ${SWEEP.slice(1).join(' ')} (${os.cpus().length} logical cores, ${os.cpus()[0]?.model ?? '?'})`);
console.log('| jobs | median s | min s | max s |');
console.log('|---|---|---|---|');
for (const j of [1, jobs]) console.log(`| ${j} | ${med(t[j]).toFixed(2)} | ${Math.min(...t[j]).toFixed(2)} | ${Math.max(...t[j]).toFixed(2)} |`);
const ratios = t[1].map((a, i) => a / t[jobs][i]);
console.log(`\nspeed-up --jobs ${jobs} vs 1: median of pairs ${med(ratios).toFixed(2)}× (pairs: ${ratios.map((r) => r.toFixed(2)).join(', ')})`);
console.log(`files byte-identical across every run: ${identical ? 'yes' : 'NO'}`);
