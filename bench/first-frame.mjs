#!/usr/bin/env node
// What a visitor waits for on the default URL, in the built app: page load → the initial network f₀
// drawn in the function plot (before any Play), → Play enabled, and with Play clicked as soon as it
// is enabled, → the step counter at ≥ 1. Headless Debian Chromium, auto backend (start-up probe)
// and wasm forced. Compare builds by giving their dist folders:
//   node bench/first-frame.mjs [runs] [distDir …]   (default: dist/ after `npm run build`)
// Prints one table (medians over runs), writes test-output/bench/first-frame.json.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { preview } from 'vite';
import { chromium } from 'playwright-core';
import { projectRoot } from '../scripts/vite-node-runner.mjs';

const runs = Number(process.argv[2] ?? 3);
const dists = process.argv.slice(3).length ? process.argv.slice(3) : [path.join(projectRoot, 'dist')];
const ARGS = ['--no-sandbox', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const cases = [
  { name: 'auto (start-up probe)', query: '' },
  { name: 'wasm forced', query: '?backend=wasm' },
];
const firstInt = (t) => {
  const m = /\d[\d,\u2009\u202f]*/.exec(t ?? '');
  return m ? Number(m[0].replace(/[^\d]/g, '')) : null;
};
const median = (xs) => {
  const s = xs.filter((x) => x !== null).sort((a, b) => a - b);
  return s.length ? s[Math.floor((s.length - 1) / 2)] : null;
};
const rows = [];
const browser = await chromium.launch({ executablePath: process.env.CHROME_PATH || '/usr/bin/chromium', headless: true, args: ARGS });
try {
  for (const dist of dists) {
    const server = await preview({ root: projectRoot, configFile: path.join(projectRoot, 'vite.config.ts'), logLevel: 'warn', build: { outDir: path.resolve(dist) }, preview: { host: '127.0.0.1', port: 0, open: false } });
    const base = server.resolvedUrls.local[0];
    try {
      for (const c of cases) {
        for (let i = 0; i < runs; i++) {
          const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
          const page = await context.newPage();
          const t0 = Date.now();
          await page.goto(new URL(c.query, base).toString(), { waitUntil: 'commit' });
          let tF0 = null;
          let tPlay = null;
          let tStep = null;
          const end = t0 + 120_000;
          while (Date.now() < end && tStep === null) {
            const s = await page.evaluate(() => {
              const f0 = document.querySelector('[data-panel="function"] path.series-line[data-series="network"]');
              const play = [...document.querySelectorAll('button')].find((b) => /^\W*play\W*$/i.test(b.textContent ?? ''));
              const step = document.querySelector('[data-testid="step-count"]')?.textContent ?? '';
              return { f0: Boolean(f0 && (f0.getAttribute('d') ?? '').length > 10), play: Boolean(play && !play.disabled), playEl: Boolean(play), step };
            }).catch(() => null);
            const now = Date.now();
            if (s) {
              if (s.f0 && tF0 === null) tF0 = now - t0;
              if (s.play && tPlay === null) {
                tPlay = now - t0;
                await page.getByRole('button', { name: /^\W*play\W*$/i }).first().click().catch(() => undefined);
              }
              if ((firstInt(s.step) ?? 0) >= 1 && tPlay !== null) tStep = now - t0;
            }
            await new Promise((r) => setTimeout(r, 25));
          }
          const row = { build: path.basename(path.resolve(dist)), case: c.name, run: i + 1, f0Ms: tF0, playEnabledMs: tPlay, firstStepMs: tStep };
          rows.push(row);
          console.log(`[first-frame] ${row.build} ${c.name} #${i + 1}: f₀ drawn ${tF0 ?? '–'} ms, Play enabled ${tPlay ?? '–'} ms, step 1 ${tStep ?? 'timeout'} ms after load`);
          await context.close();
        }
      }
    } finally {
      await server.close();
    }
  }
} finally {
  await browser.close();
}
console.log(`\nmedians over ${runs} runs (ms after navigation starts)\n| build | case | f₀ drawn | Play enabled | first step |\n|:--|:--|--:|--:|--:|`);
for (const dist of dists) {
  const b = path.basename(path.resolve(dist));
  for (const c of cases) {
    const rs = rows.filter((r) => r.build === b && r.case === c.name);
    console.log(`| ${b} | ${c.name} | ${median(rs.map((r) => r.f0Ms)) ?? '– (not before step 1)'} | ${median(rs.map((r) => r.playEnabledMs)) ?? '–'} | ${median(rs.map((r) => r.firstStepMs)) ?? 'timeout'} |`);
  }
}
const outDir = path.join(projectRoot, 'test-output', 'bench');
mkdirSync(outDir, { recursive: true });
writeFileSync(path.join(outDir, 'first-frame.json'), JSON.stringify({ date: new Date().toISOString(), runs, rows }, null, 2));
