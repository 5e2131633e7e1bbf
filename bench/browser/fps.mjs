#!/usr/bin/env node
// UI frame rate while training: the built app (dist/, `npm run build` first, or --dist DIR) in
// headless Chromium at the default settings with every panel in view (a tall viewport), Play
// pressed, then for `--seconds` (default 10) the page counts requestAnimationFrame callbacks,
// frame intervals and long tasks (PerformanceObserver 'longtask', > 50 ms on the main thread).
// The same page measured paused gives the idle baseline (headless Chromium's frame cap). Frame
// rates depend on what else the machine runs (the worker and other processes compete for the
// cores), so the table also gives the main thread's own CPU time per second (CDP ThreadTime) and
// its script and style+layout time: the UI's cost, independent of contention.
// `node bench/browser/fps.mjs [--backends wasm,cpu] [--seconds 10] [--query '&width=512']
//   [--dist dist[,other-dist …]] [--json]` — several builds are measured alternately (before/after).
// Prints a table (never asserts) and writes test-output/bench/fps.json.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { preview } from 'vite';
import { chromium } from 'playwright-core';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const arg = (k, d) => {
  const i = process.argv.indexOf(k);
  return i >= 0 ? process.argv[i + 1] : d;
};
const backends = arg('--backends', 'wasm,cpu').split(',');
const seconds = Number(arg('--seconds', '10'));
const extraQuery = arg('--query', '');
const dists = arg('--dist', 'dist').split(',').map((d) => path.resolve(root, d));
const ARGS = ['--no-sandbox', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** In the page: count frames and long tasks for `ms`; resolves to the summary. */
function measureInPage(ms) {
  return new Promise((resolve) => {
    const longTasks = [];
    let po = null;
    try {
      po = new PerformanceObserver((list) => {
        for (const e of list.getEntries()) longTasks.push(e.duration);
      });
      po.observe({ type: 'longtask', buffered: false });
    } catch {
      po = null;
    }
    const intervals = [];
    let last = null;
    let frames = 0;
    const t0 = performance.now();
    const tick = (t) => {
      if (last !== null) intervals.push(t - last);
      last = t;
      frames++;
      if (t - t0 < ms) requestAnimationFrame(tick);
      else {
        po?.disconnect();
        const elapsed = t - t0;
        const sorted = [...intervals].sort((a, b) => a - b);
        const q = (p) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] : NaN);
        resolve({
          fps: (frames - 1) / (elapsed / 1000),
          p50: q(0.5),
          p95: q(0.95),
          max: sorted.length ? sorted[sorted.length - 1] : NaN,
          over33: intervals.filter((d) => d > 33.4).length,
          longTasks: longTasks.length,
          longTaskMs: longTasks.reduce((a, b) => a + b, 0),
          elapsedMs: elapsed,
        });
      }
    };
    requestAnimationFrame(tick);
  });
}

const stepOf = async (page) => {
  const t = (await page.getByTestId('step-count').first().textContent().catch(() => '')) ?? '';
  const m = /\d[\d,\u2009\u202f]*/.exec(t);
  return m ? Number(m[0].replace(/[^\d]/g, '')) : 0;
};
async function until(fn, timeoutMs) {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (await fn()) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return false;
}

const servers = [];
for (const outDir of dists)
  servers.push(await preview({ root, configFile: path.join(root, 'vite.config.ts'), logLevel: 'warn', build: { outDir }, preview: { host: '127.0.0.1', port: 0, open: false } }));
const browser = await chromium.launch({ executablePath: process.env.CHROME_PATH || '/usr/bin/chromium', headless: true, args: ARGS });
const METRICS = ['ThreadTime', 'ScriptDuration', 'LayoutDuration', 'RecalcStyleDuration'];
async function metrics(cdp) {
  const { metrics: list } = await cdp.send('Performance.getMetrics');
  return Object.fromEntries(list.filter((m) => METRICS.includes(m.name)).map((m) => [m.name, m.value]));
}
/** Frames and long tasks in the page, and the main thread's CPU/script/layout time per second of wall time. */
async function measure(page, cdp, ms) {
  const before = await metrics(cdp);
  const t0 = Date.now();
  const m = await page.evaluate(measureInPage, ms);
  const after = await metrics(cdp);
  const wall = (Date.now() - t0) / 1000;
  const per = (k) => ((after[k] - before[k]) * 1000) / wall;
  return { ...m, cpuMsPerS: per('ThreadTime'), scriptMsPerS: per('ScriptDuration'), layoutMsPerS: per('LayoutDuration') + per('RecalcStyleDuration') };
}
const rows = [];
try {
  for (const backend of backends) {
    for (const [di, server] of servers.entries()) {
      const build = path.basename(dists[di]);
      const base = server.resolvedUrls.local[0];
      const page = await browser.newPage({ viewport: { width: 1400, height: 3200 } });
      const cdp = await page.context().newCDPSession(page);
      await cdp.send('Performance.enable', { timeDomain: 'threadTicks' });
      const errors = [];
      page.on('pageerror', (e) => errors.push(String(e)));
      await page.goto(new URL(`?backend=${backend}${extraQuery}`, base).toString(), { waitUntil: 'load' });
      const play = page.getByRole('button', { name: /^[^a-z0-9]*play[^a-z0-9]*$/i }).first();
      await play.waitFor({ state: 'visible', timeout: 120_000 });
      await page.waitForTimeout(1500);
      const idle = await measure(page, cdp, Math.min(seconds, 4) * 1000);
      rows.push({ build, backend, state: 'paused', ...idle, stepsPerS: 0 });
      await play.click();
      await until(async () => (await stepOf(page)) >= 1, 180_000);
      await page.waitForTimeout(2000); // past the first steps' compilation and warm-up
      const s0 = await stepOf(page);
      const t0 = Date.now();
      const m = await measure(page, cdp, seconds * 1000);
      const steps = (await stepOf(page)) - s0;
      rows.push({ build, backend, state: 'training', ...m, stepsPerS: steps / ((Date.now() - t0) / 1000) });
      if (errors.length) console.error(`[fps] ${build} ${backend}: page errors: ${errors.join(' | ')}`);
      await page.close();
    }
  }
} finally {
  await browser.close();
  for (const s of servers) await s.close();
}

const f = (x, d = 1) => (Number.isFinite(x) ? x.toFixed(d) : '–');
if (process.argv.includes('--json')) console.log(JSON.stringify(rows, null, 2));
console.log(`\nUI frame rate, default settings${extraQuery ? ` + ${extraQuery}` : ''}, viewport 1400×3200 (every panel in view), ${seconds} s\n`);
console.log('| build | backend | state | fps | frame p95 ms | max ms | frames > 33 ms | long tasks | long-task ms | main-thread CPU ms/s | script ms/s | style+layout ms/s | steps/s |');
console.log('|:--|:--|:--|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|');
for (const r of rows)
  console.log(
    `| ${r.build} | ${r.backend} | ${r.state} | ${f(r.fps)} | ${f(r.p95)} | ${f(r.max, 0)} | ${r.over33} | ${r.longTasks} | ${f(r.longTaskMs, 0)} | ${f(r.cpuMsPerS, 0)} | ${f(r.scriptMsPerS, 0)} | ${f(r.layoutMsPerS, 0)} | ${f(r.stepsPerS, 0)} |`,
  );
const dir = path.join(root, 'test-output', 'bench');
mkdirSync(dir, { recursive: true });
writeFileSync(path.join(dir, 'fps.json'), JSON.stringify({ date: new Date().toISOString(), seconds, extraQuery, rows }, null, 2));
