#!/usr/bin/env node
// `node scripts/results-table.mjs DIR [metric …]`: the fitted slopes of a finished sweep directory
// (fits.json + sweep.json written by `tangent-lab sweep`) as a Markdown table, plus how η was
// chosen and the per-width seed means of the NTK drift — what docs/results/ pages quote.
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
const keys = wanted.length ? wanted : Object.keys(doc.fits);

console.log(`η: ${doc.lr.description}.${doc.warnings.length ? ` Warning: ${doc.warnings.join('; ')}.` : ''}`);
console.log(`Runs: ${manifest.runs.length}, diverged: ${manifest.diverged.length}, backend ${manifest.backend}, ${manifest.jobs} job(s).\n`);
console.log('| metric | slope at θ₀ [95% CI] | slope after training [95% CI] |');
console.log('|---|---|---|');
for (const k of keys) {
  const e = doc.fits[k];
  if (!e) continue;
  console.log(`| ${e.label} (\`${k}\`) | ${'init' in e ? fit(e.init) : '0 at θ₀'} | ${fit(e.final)} |`);
}
const summary = readFileSync(path.join(dir, 'summary.csv'), 'utf8').trim().split('\n').slice(1).map((l) => l.split(','));
const means = (metric, phase) => summary.filter((c) => c[0] === metric && c[1] === phase).map((c) => `${c[2]}: ${Number(c[3]).toPrecision(3)}`);
console.log(`\nSeed means after training — ntkDrift: ${means('ntkDrift', 'final').join(', ')}`);
for (const m of ['gradChange', 'gradChangePerC1'])
  if (summary.some((c) => c[0] === m)) console.log(`Seed means at θ₀ — ${m}: ${means(m, 'init').join(', ')}; after training: ${means(m, 'final').join(', ')}`);
