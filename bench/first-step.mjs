#!/usr/bin/env node
// Time to the first trained step in the built app (dist/, `npm run build` first), per backend, at the
// default settings: page load → backend badge (start-up probe or forced backend ready) → Play → the
// step counter shows ≥ 1. Headless Debian Chromium; webgpu there is SwiftShader (software only).
// `node bench/first-step.mjs [runs]`; prints a table, writes test-output/bench/first-step.json.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { preview } from 'vite';
import { chromium } from 'playwright-core';
import { projectRoot } from '../scripts/vite-node-runner.mjs';

const runs = Number(process.argv[2] ?? 2);
const ARGS = ['--no-sandbox', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const server = await preview({ root: projectRoot, configFile: path.join(projectRoot, 'vite.config.ts'), logLevel: 'warn', preview: { host: '127.0.0.1', port: 0, open: false } });
const base = server.resolvedUrls.local[0];
const cases = [
  { name: 'auto (start-up probe)', query: '' },
  { name: 'wasm', query: '?backend=wasm' },
  { name: 'cpu', query: '?backend=cpu' },
  { name: 'webgl (SwiftShader: software)', query: '?backend=webgl' },
  { name: 'webgpu (SwiftShader: software only)', query: '?backend=webgpu', webgpu: true },
];
const rows = [];
const firstInt = (t) => {
  const m = /\d[\d,\u2009\u202f]*/.exec(t ?? '');
  return m ? Number(m[0].replace(/[^\d]/g, '')) : null;
};
async function until(fn, timeoutMs) {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    const v = await fn();
    if (v) return v;
    await new Promise((r) => setTimeout(r, 50));
  }
  return null;
}
try {
  for (const c of cases) {
    const browser = await chromium.launch({ executablePath: process.env.CHROME_PATH || '/usr/bin/chromium', headless: true, args: c.webgpu ? [...ARGS, '--enable-unsafe-webgpu'] : ARGS });
    try {
      for (let i = 0; i < runs; i++) {
        const page = await browser.newPage();
        const t0 = Date.now();
        await page.goto(new URL(c.query, base).toString(), { waitUntil: 'load' });
        const badge = await until(async () => {
          const t = await page.getByTestId('backend-badge').first().textContent().catch(() => '');
          return /\b(webgpu|webgl|wasm|cpu)\b/i.test(t ?? '') ? t : null;
        }, 120_000);
        const tReady = Date.now();
        const play = page.getByRole('button', { name: /^[^a-z0-9]*play[^a-z0-9]*$/i }).first();
        await play.waitFor({ state: 'visible', timeout: 60_000 });
        const tPlay = Date.now();
        await play.click();
        const step = await until(async () => ((firstInt(await page.getByTestId('step-count').first().textContent().catch(() => '')) ?? 0) >= 1 ? true : null), 180_000);
        const tStep = Date.now();
        const running = /\b(webgpu|webgl|wasm|cpu)\b/i.exec(badge ?? '')?.[1] ?? '?';
        const row = { case: c.name, run: i + 1, backend: running, readyMs: tReady - t0, playToFirstStepMs: step ? tStep - tPlay : null };
        rows.push(row);
        console.log(`[first-step] ${c.name} #${i + 1}: runs on ${running}; page load → backend ready ${row.readyMs} ms; Play → step 1 ${row.playToFirstStepMs ?? 'timeout'} ms`);
        await page.close();
      }
    } finally {
      await browser.close();
    }
  }
} finally {
  await server.close();
}
console.log('\n| case | backend | page load → backend ready, ms | Play → first step, ms |\n|:--|:--|--:|--:|');
for (const r of rows) console.log(`| ${r.case} | ${r.backend} | ${r.readyMs} | ${r.playToFirstStepMs ?? 'timeout'} |`);
const outDir = path.join(projectRoot, 'test-output', 'bench');
mkdirSync(outDir, { recursive: true });
writeFileSync(path.join(outDir, 'first-step.json'), JSON.stringify({ date: new Date().toISOString(), rows }, null, 2));
