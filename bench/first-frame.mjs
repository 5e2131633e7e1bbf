#!/usr/bin/env node
// What a visitor waits for on the default URL, in the built app: page load → the initial network f₀
// drawn in the function plot (before any Play), → Play enabled, and with Play clicked as soon as it
// is enabled, → the step counter at ≥ 1. Headless Debian Chromium, each run in a fresh profile:
// auto backend (a first visit: the start-up probe times the backends), auto on a repeat visit (the
// same profile loads the page once first, so the remembered probe is used, as on a reload), and
// wasm forced. Compare builds by giving their dist folders:
//   node bench/first-frame.mjs [runs] [distDir …]   (default: dist/ after `npm run build`)
// Prints one table (medians over runs), writes test-output/bench/first-frame.json.
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { preview } from 'vite';
import { chromium } from 'playwright-core';
import { projectRoot } from '../scripts/vite-node-runner.mjs';

const runs = Number(process.argv[2] ?? 3);
const dists = process.argv.slice(3).length ? process.argv.slice(3) : [path.join(projectRoot, 'dist')];
const ARGS = ['--no-sandbox', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const cases = [
  { name: 'auto (start-up probe)', query: '' },
  { name: 'auto, repeat visit (remembered probe)', query: '', repeat: true },
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
// A build's label: its folder relative to the project (two "dist" folders stay apart).
const label = (dist) => path.relative(projectRoot, path.resolve(dist)) || '.';
/** One page load of `base + c.query` in a fresh profile: ms to f₀ drawn, Play enabled, step ≥ 1. */
async function measureOnce(browser, base, c) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  try {
    if (c.repeat) {
      // a first visit in this profile: wait until the page has remembered its probe (or 60 s)
      await page.goto(new URL(c.query, base).toString(), { waitUntil: 'load' });
      const until = Date.now() + 60_000;
      while (Date.now() < until && !(await page.evaluate(() => Object.keys(localStorage).some((k) => k.includes('backend-probe'))).catch(() => false))) {
        await new Promise((r) => setTimeout(r, 100));
      }
      await page.goto('about:blank');
    }
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
    return { f0Ms: tF0, playEnabledMs: tPlay, firstStepMs: tStep };
  } finally {
    await context.close();
  }
}

const browser = await chromium.launch({ executablePath: process.env.CHROME_PATH || '/usr/bin/chromium', headless: true, args: ARGS });
const servers = [];
try {
  for (const dist of dists) {
    const server = await preview({ root: projectRoot, configFile: path.join(projectRoot, 'vite.config.ts'), logLevel: 'warn', build: { outDir: path.resolve(dist) }, preview: { host: '127.0.0.1', port: 0, open: false } });
    servers.push({ dist, server, base: server.resolvedUrls.local[0] });
  }
  // Interleaved (run i of every case on every build before run i + 1), so a change in the machine's
  // load during the bench falls on every build alike.
  for (let i = 0; i < runs; i++) {
    for (const c of cases) {
      for (const { dist, base } of servers) {
        const row = { build: label(dist), case: c.name, run: i + 1, ...(await measureOnce(browser, base, c)) };
        rows.push(row);
        console.log(`[first-frame] ${row.build} ${c.name} #${i + 1}: f₀ drawn ${row.f0Ms ?? '–'} ms, Play enabled ${row.playEnabledMs ?? '–'} ms, step 1 ${row.firstStepMs ?? 'timeout'} ms after load`);
      }
    }
  }
} finally {
  for (const { server } of servers) await server.close();
  await browser.close();
}
const load = os.loadavg().map((x) => x.toFixed(2)).join(', ');
console.log(`\nmedians over ${runs} runs (ms after navigation starts); load average at the end ${load} (${os.cpus().length} cores)\n| build | case | f₀ drawn | Play enabled | first step |\n|:--|:--|--:|--:|--:|`);
for (const dist of dists) {
  const b = label(dist);
  for (const c of cases) {
    const rs = rows.filter((r) => r.build === b && r.case === c.name);
    console.log(`| ${b} | ${c.name} | ${median(rs.map((r) => r.f0Ms)) ?? '– (not before step 1)'} | ${median(rs.map((r) => r.playEnabledMs)) ?? '–'} | ${median(rs.map((r) => r.firstStepMs)) ?? 'timeout'} |`);
  }
}
const outDir = path.join(projectRoot, 'test-output', 'bench');
mkdirSync(outDir, { recursive: true });
writeFileSync(path.join(outDir, 'first-frame.json'), JSON.stringify({ date: new Date().toISOString(), runs, loadavg: os.loadavg(), cores: os.cpus().length, rows }, null, 2));
