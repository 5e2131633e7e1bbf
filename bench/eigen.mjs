#!/usr/bin/env node
// `node bench/eigen.mjs [--sizes=128,256,512,1024] [--jacobi-max=N] [--runs=R]`: the float64 symmetric
// eigensolver before/after issue 24 on NTK-like Gram matrices, printed as a table: cyclic Jacobi (the
// original), Householder + implicit QL (its first replacement, bench/legacyQl.ts) and Householder +
// divide and conquer (src/engine/linalg/symmetricEigen.ts). Jacobi runs once per size up to
// --jacobi-max (default 1024: over an hour at N = 1024 on a 2-core machine; pass a smaller value);
// QL and D&C run R times each (3), alternately, and the median run is shown.
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

const loadBefore = os.loadavg()[0];
const { mod, close } = await importTs('bench/eigen.ts');
const rows = mod.eigenBench(sizes, jacobiMax, runs, (s) => console.log(s));
await close();

const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
console.log(`\n## Symmetric eigendecomposition, float64, Node ${process.version} (${os.cpus().length} × ${cpu}, 1-min load average ${loadBefore.toFixed(1)} at the start, ${os.loadavg()[0].toFixed(1)} at the end)`);
console.log(`matrix: B Bᵀ / n, B n × n standard normal; Jacobi: one run; QL, D&C: median of ${runs}. Times: wall ms (this process's CPU ms) —`);
console.log('on a shared machine the wall time includes waiting for a core; the CPU time does not.');
console.log('Residual max|AV − VΛ|/λ₁ and orthogonality max|VᵀV − I| (every 4th vector above n = 512); Δλ: max|λ(D&C) − λ(other)|/λ₁.\n');
const t = (x) => `${x.wallMs.toFixed(0)} (${x.cpuMs.toFixed(0)})`;
const e = (x) => x.toExponential(1);
const header = ['n', 'Jacobi full', 'QL full', 'D&C full', 'D&C top-16 vectors', 'values only', 'D&C vs QL (cpu)', 'Δλ Jacobi', 'Δλ QL', 'residual QL / D&C', 'VᵀV − I QL / D&C'];
const table = rows.map((r) => [
  String(r.n),
  r.jacobi === null ? 'skipped' : t(r.jacobi),
  t(r.ql),
  t(r.dc),
  t(r.dcTop16),
  t(r.qlValues),
  `${(r.ql.cpuMs / r.dc.cpuMs).toFixed(2)}×`,
  r.agreement === null ? '–' : e(r.agreement),
  e(r.agreementQl),
  `${e(r.residualQl)} / ${e(r.residual)}`,
  `${e(r.orthoQl)} / ${e(r.ortho)}`,
]);
const widths = header.map((h, c) => Math.max(h.length, ...table.map((row) => row[c].length)));
const line = (cells) => '| ' + cells.map((s, c) => s.padStart(widths[c])).join(' | ') + ' |';
console.log(line(header));
console.log('|' + widths.map((w) => '-'.repeat(w + 2)).join('|') + '|');
for (const row of table) console.log(line(row));
