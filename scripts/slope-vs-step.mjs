// Slope of a metric against width at every logged step of a width sweep: least squares of
// log(metric) on log(width) over the per-seed values in runs.csv (the fit the sweep does at the final
// step, here at each step), printed as a Markdown table with η·t. Usage:
//   node scripts/slope-vs-step.mjs DIR/runs.csv ntkDrift
import { readFileSync } from 'node:fs';
const [file, metric] = process.argv.slice(2);
const lines = readFileSync(file, 'utf8').trim().split('\n');
const head = lines[0].split(',');
const rows = lines.slice(1).map((l) => Object.fromEntries(l.split(',').map((v, i) => [head[i], Number(v)])));
const steps = [...new Set(rows.map((r) => r.step))].sort((a, b) => a - b);
const lr = rows[0].lr;
console.log(`| t | η·t | slope of ${metric} | seed means by width |`);
console.log('|---|---|---|---|');
for (const t of steps) {
  const pts = rows.filter((r) => r.step === t && r[metric] > 0);
  if (pts.length < 3) continue;
  const xs = pts.map((r) => Math.log(r.width)), ys = pts.map((r) => Math.log(r[metric]));
  const mx = xs.reduce((a, b) => a + b) / xs.length, my = ys.reduce((a, b) => a + b) / ys.length;
  let sxy = 0, sxx = 0;
  xs.forEach((x, i) => { sxy += (x - mx) * (ys[i] - my); sxx += (x - mx) ** 2; });
  const widths = [...new Set(pts.map((r) => r.width))].sort((a, b) => a - b);
  const means = widths.map((w) => { const v = pts.filter((r) => r.width === w).map((r) => r[metric]); return `${w}: ${(v.reduce((a, b) => a + b) / v.length).toPrecision(3)}`; });
  console.log(`| ${t} | ${+(lr * t).toFixed(2)} | ${(sxy / sxx).toFixed(2)} | ${means.join(', ')} |`);
}
