#!/usr/bin/env node
// `node bench/eigen.mjs [--sizes=128,256,512,1024] [--jacobi-max=N] [--runs=R]`: the float64 symmetric
// eigensolver before/after issue 24 (cyclic Jacobi vs Householder + implicit QL) on NTK-like Gram
// matrices, printed as a table. Jacobi runs once per size up to --jacobi-max (default 1024: ~10 min
// in all on a 2-core machine; pass a smaller value for a quick run); QL is the median of R runs (3).
import os from 'node:os';
import { importTs } from '../scripts/vite-node-runner.mjs';

const arg = (name, fallback) => process.argv.slice(2).find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback;
const sizes = arg('sizes', '128,256,512,1024').split(',').map(Number);
const jacobiMax = Number(arg('jacobi-max', '1024'));
const runs = Number(arg('runs', '3'));
if (sizes.some((n) => !Number.isInteger(n) || n < 2) || !Number.isFinite(jacobiMax) || !Number.isInteger(runs) || runs < 1) {
  console.error('usage: node bench/eigen.mjs [--sizes=128,256,512,1024] [--jacobi-max=N] [--runs=R] (sizes: integers ≥ 2)');
  process.exit(2);
}

const { mod, close } = await importTs('bench/eigen.ts');
const rows = mod.eigenBench(sizes, jacobiMax, runs, (s) => console.log(s));
await close();

const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
console.log(`\n## Symmetric eigendecomposition, float64, Node ${process.version} (${os.cpus().length} × ${cpu}, load avg ${os.loadavg()[0].toFixed(1)})`);
console.log(`matrix: B Bᵀ / n, B n × n standard normal; Jacobi: one run; QL: median of ${runs}. Times: wall ms (this process's CPU ms) —`);
console.log('on a shared machine the wall time includes waiting for a core; the CPU time does not.\n');
const t = (x) => `${x.wallMs.toFixed(0)} (${x.cpuMs.toFixed(0)})`;
const header = ['n', 'Jacobi full', 'QL full', 'QL values only', 'speed-up (full, cpu)', 'max |Δλ| / λ₁', 'QL max |AV − VΛ| / λ₁'];
const table = rows.map((r) => [
  String(r.n),
  r.jacobi === null ? 'skipped' : t(r.jacobi),
  t(r.ql),
  t(r.qlValues),
  r.jacobi === null ? '–' : `${(r.jacobi.cpuMs / r.ql.cpuMs).toFixed(0)}×`,
  r.agreement === null ? '–' : r.agreement.toExponential(1),
  r.residual.toExponential(1),
]);
const widths = header.map((h, c) => Math.max(h.length, ...table.map((row) => row[c].length)));
const line = (cells) => '| ' + cells.map((s, c) => s.padStart(widths[c])).join(' | ') + ' |';
console.log(line(header));
console.log('|' + widths.map((w) => '-'.repeat(w + 2)).join('|') + '|');
for (const row of table) console.log(line(row));
