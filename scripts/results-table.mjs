#!/usr/bin/env node
// `node scripts/results-table.mjs DIR [metric …]`: the fitted slopes of a finished sweep directory
// (fits.json + sweep.json written by `tangent-lab sweep` or `phase`) as a Markdown table, plus how η
// was chosen and the per-width seed means of the NTK drift — what docs/results/ pages quote. A phase
// sweep gives one table per (param, α) group and the seed means of the phase diagram's metrics.
import { readFileSync } from 'node:fs';
import path from 'node:path';

const [dir, ...wanted] = process.argv.slice(2);
if (!dir) {
  console.error('usage: node scripts/results-table.mjs DIR [metric …]');
  process.exit(2);
}
const doc = JSON.parse(readFileSync(path.join(dir, 'fits.json'), 'utf8'));
const manifest = JSON.parse(readFileSync(path.join(dir, 'sweep.json'), 'utf8'));
const f2 = (v) => (v === null || v === undefined ? '—' : (v < 0 ? '−' : '') + Math.abs(v).toFixed(2));
const fit = (f) => (!f ? '—' : f.ci95 ? `${f2(f.slope)} [${f2(f.ci95[0])}, ${f2(f.ci95[1])}]` : `${f2(f.slope)} (one seed)`);
const phase = Array.isArray(doc.groups);
const lrs = Array.isArray(doc.lr) ? doc.lr : [doc.lr];
const groups = phase ? doc.groups : [{ fits: doc.fits }];

console.log(`η: ${lrs.map((l) => l.description).join('; ')}.${doc.warnings.length ? ` Warning: ${doc.warnings.join('; ')}.` : ''}`);
console.log(`Runs: ${manifest.runs.length}, diverged: ${manifest.diverged.length}, backend ${manifest.backend}, ${manifest.jobs} job(s).`);
for (const g of groups) {
  if (phase) console.log(`\n**${g.param}, α = ${g.outputScale}**`);
  console.log('\n| metric | slope at θ₀ [95% CI] | slope after training [95% CI] |');
  console.log('|---|---|---|');
  for (const k of wanted.length ? wanted : Object.keys(g.fits)) {
    const e = g.fits[k];
    if (!e) continue;
    console.log(`| ${e.label} (\`${k}\`) | ${'init' in e ? fit(e.init) : '0 at θ₀'} | ${fit(e.final)} |`);
  }
}
// summary.csv: a phase sweep has param,outputScale in front of metric,phase,width,mean,std,n
const summary = readFileSync(path.join(dir, 'summary.csv'), 'utf8').trim().split('\n').slice(1).map((l) => l.split(','));
const off = phase ? 2 : 0;
const means = (metric, ph, group = null) =>
  summary
    .filter((c) => c[off] === metric && c[off + 1] === ph && (!group || (c[0] === group.param && Number(c[1]) === group.outputScale)))
    .map((c) => `${c[off + 2]}: ${Number(c[off + 3]).toPrecision(3)}`);
if (phase) {
  for (const m of ['ntkDrift', 'ucNfaLast', 'gapTrainRel']) {
    console.log(`\nSeed means after training — ${m}:`);
    for (const g of groups) console.log(`- ${g.param}, α = ${g.outputScale}: ${means(m, 'final', g).join(', ')}`);
  }
} else {
  console.log(`\nSeed means after training — ntkDrift: ${means('ntkDrift', 'final').join(', ')}`);
  for (const m of ['gradChange', 'gradChangePerC1', 'gradChangeFixedStep'])
    if (summary.some((c) => c[0] === m)) console.log(`Seed means at θ₀ — ${m}: ${means(m, 'init').join(', ')}; after training: ${means(m, 'final').join(', ')}`);
}
