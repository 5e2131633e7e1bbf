#!/usr/bin/env node
// `npm run bench [-- --quick] [--no-node] [--no-overhead] [--no-browser] [--no-webgpu] [--budget=S]` (S: autodiff seconds per cell)
// (a) Node: tfjs 'cpu' and 'wasm' through the Vite module runner (scripts/vite-node-runner.mjs).
// (b) Headless Debian Chromium (playwright-core, /usr/bin/chromium): webgl, wasm, cpu from a page
//     served by a Vite dev server (bench/browser/index.html), plus webgpu in a second browser
//     launched with --enable-unsafe-webgpu (SwiftShader software adapter: correctness only).
// Prints aligned tables and writes test-output/bench/results.json. Never asserts on times.
import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer as createNetServer } from 'node:net';
import path from 'node:path';
import { importTs, projectRoot } from '../scripts/vite-node-runner.mjs';

const argv = process.argv.slice(2);
const flag = (name) => argv.includes(`--${name}`);
const quick = flag('quick');
const budgetArg = argv.find((a) => a.startsWith('--budget='));
const t0 = Date.now();
const log = (msg) => console.log(msg);
const elapsed = () => `${((Date.now() - t0) / 1000).toFixed(0)}s`;

const CHROMIUM_ARGS = ['--no-sandbox', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const WEBGPU_LABEL = 'webgpu (software adapter — correctness only, not speed)';

/** @type {any[]} */
const results = [];

// ---------------------------------------------------------------- (a) Node
if (!flag('no-node')) {
  log(`[bench] Node backends (cpu, wasm)${quick ? ' — quick grid' : ''}`);
  const { mod, close } = await importTs('bench/node-bench.ts');
  try {
    const overrides = budgetArg ? { autodiffBudgetS: Number(budgetArg.slice(9)) } : {};
    results.push(...(await mod.runNode(['cpu', 'wasm'], quick, log, overrides)));
  } finally {
    await close();
  }
  log(`[bench] Node done after ${elapsed()}`);
}

// ---------------------------------------------------------------- (a2) live-metrics overhead
/** @type {any[]} */
let overhead = [];
if (!flag('no-overhead')) {
  log('[bench] live-metrics overhead: the app loop with and without NTK drift / correlations (Node wasm, default settings)');
  const { mod, close } = await importTs('bench/metrics-overhead.ts');
  try {
    overhead = await mod.runOverhead(quick ? 8 : 20, log);
  } finally {
    await close();
  }
}

// ---------------------------------------------------------------- (b) Browser
if (!flag('no-browser')) {
  const { existsSync } = await import('node:fs');
  if (!existsSync('/usr/bin/chromium')) {
    log('[bench] /usr/bin/chromium not found: skipping the browser part (apt-get install chromium)');
  } else {
    const { createServer } = await import('vite');
    const { chromium } = await import('playwright-core');
    const port = await freePort();
    const isolation = { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' };
    const server = await createServer({
      configFile: false,
      root: projectRoot,
      logLevel: 'warn',
      appType: 'mpa',
      cacheDir: 'node_modules/.vite-bench', // keep clear of the app's dev-server dep cache
      server: { host: '127.0.0.1', port, strictPort: true, headers: isolation, hmr: false, watch: null },
      optimizeDeps: {
        entries: ['bench/browser/index.html'],
        include: [
          '@tensorflow/tfjs-core',
          '@tensorflow/tfjs-core/dist/register_all_gradients',
          '@tensorflow/tfjs-core/dist/public/chained_ops/register_all_chained_ops',
          '@tensorflow/tfjs-backend-cpu',
          '@tensorflow/tfjs-backend-webgl',
          '@tensorflow/tfjs-backend-wasm',
          '@tensorflow/tfjs-backend-webgpu',
        ],
      },
    });
    await server.listen();
    const url = `http://127.0.0.1:${port}/bench/browser/index.html`;
    log(`[bench] Vite dev server at ${url}`);
    const runs = [
      { backend: 'webgl', webgpu: false },
      { backend: 'wasm', webgpu: false },
      { backend: 'cpu', webgpu: false },
    ];
    if (!flag('no-webgpu')) runs.push({ backend: 'webgpu', webgpu: true });
    try {
      for (const webgpu of [false, true]) {
        const mine = runs.filter((r) => r.webgpu === webgpu);
        if (mine.length === 0) continue;
        const browser = await chromium.launch({
          executablePath: '/usr/bin/chromium',
          headless: true,
          args: webgpu ? [...CHROMIUM_ARGS, '--enable-unsafe-webgpu'] : CHROMIUM_ARGS,
        });
        try {
          for (const r of mine) {
            log(`[bench] browser ${r.backend}${quick ? ' — quick grid' : ''} (${elapsed()})`);
            const page = await browser.newPage();
            page.on('console', (m) => {
              const t = m.text();
              if (t.startsWith('[bench]')) log(`  ${t.slice(8)}`);
              else if (m.type() === 'error') log(`  [page error] ${t}`);
            });
            // An uncaught error means the page failed to load (main() catches its own errors): stop waiting.
            let failed = null;
            page.on('pageerror', (e) => {
              log(`  [pageerror] ${e.message}`);
              failed ??= e.message;
            });
            const q = new URLSearchParams({ backend: r.backend, ...(quick ? { quick: '1' } : {}), ...(budgetArg ? { budget: budgetArg.slice(9) } : {}) });
            await page.goto(`${url}?${q}`, { waitUntil: 'load', timeout: 120_000 });
            try {
              const limit = Date.now() + (quick ? 4 : 8) * 60_000;
              while (!(await page.evaluate(() => window.__benchDone === true))) {
                if (failed) throw new Error(`page error: ${failed}`);
                if (Date.now() > limit) throw new Error('timed out');
                await new Promise((res) => setTimeout(res, 1000));
              }
              const res = await page.evaluate(() => window.__benchResults);
              if (r.backend === 'webgpu' && res) res.label = WEBGPU_LABEL;
              results.push({ ...res, backend: `browser-${r.backend}`, label: res?.label });
            } catch (e) {
              log(`[bench] browser ${r.backend} did not finish: ${String(e).split('\n')[0]}`);
              results.push({ backend: `browser-${r.backend}`, ntk: [], train: [], error: String(e).split('\n')[0] });
            }
            await page.close();
          }
        } finally {
          await browser.close();
        }
      }
    } finally {
      await server.close();
    }
  }
}

// ---------------------------------------------------------------- Tables
printTables(results);
const outDir = path.join(projectRoot, 'test-output', 'bench');
mkdirSync(outDir, { recursive: true });
writeFileSync(path.join(outDir, 'results.json'), JSON.stringify({ date: new Date().toISOString(), quick, results, overhead }, null, 2));
log(`\n[bench] total ${elapsed()}; raw results in test-output/bench/results.json`);

function fmtMs(ms) {
  if (ms === null || ms === undefined) return '—';
  return ms >= 100 ? ms.toFixed(0) : ms >= 10 ? ms.toFixed(1) : ms.toFixed(2);
}

function table(headers, rows, alignRight) {
  const w = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  const line = (cells) => '| ' + cells.map((c, i) => (alignRight[i] ? String(c).padStart(w[i]) : String(c).padEnd(w[i]))).join(' | ') + ' |';
  const sep = '|' + w.map((n, i) => (alignRight[i] ? '-'.repeat(n + 1) + ':' : ':' + '-'.repeat(n + 1))).join('|') + '|';
  return [line(headers), sep, ...rows.map(line)].join('\n');
}

function printTables(all) {
  console.log('\n## NTK: layerwise vs autodiff Jacobian (depth 2, tanh, NTK param., 1D inputs; median ms, readback included)\n');
  const rows = [];
  for (const r of all) {
    const name = r.label ?? r.backend;
    if (r.error && (!r.ntk || r.ntk.length === 0)) rows.push([name, '—', '—', '—', 'error', r.error.slice(0, 60), '—', '—']);
    for (const c of r.ntk ?? []) {
      rows.push([
        name,
        c.n,
        c.width,
        c.params,
        c.layerwiseMs !== null ? fmtMs(c.layerwiseMs) : c.error ? 'error' : '—',
        c.autodiffMs !== null ? fmtMs(c.autodiffMs) : c.autodiffNote ?? '—',
        c.ratio !== null ? `${c.ratio.toFixed(1)}×` : '—',
        c.relDiff !== null ? c.relDiff.toExponential(1) : '—',
      ]);
    }
  }
  console.log(table(['backend', 'N', 'width', 'params', 'layerwise ms', 'autodiff ms', 'ratio', 'max rel diff'], rows, [false, true, true, true, true, true, true, true]));
  console.log('\n## Correctness: layerwise vs autodiff NTK on the probe set (N = 8): max |ΔΘ| / max |Θ|\n');
  const crows = [];
  for (const r of all) {
    const name = r.label ?? r.backend;
    for (const c of r.checks ?? []) crows.push([name, c.n, c.width, c.relDiff !== null ? c.relDiff.toExponential(1) : `error: ${String(c.error).slice(0, 50)}`]);
  }
  console.log(table(['backend', 'N', 'width', 'max rel diff'], crows, [false, true, true, true]));
  console.log('\n## Training throughput (full-batch GD, width 256, depth 2, 256 points; readback after every chunk)\n');
  const trows = [];
  for (const r of all) {
    const name = r.label ?? r.backend;
    for (const c of r.train ?? []) {
      trows.push([name, c.kind, c.width, c.depth, c.points, c.steps, c.error ? `error: ${c.error.slice(0, 50)}` : c.stepsPerSec.toFixed(1)]);
    }
  }
  console.log(table(['backend', 'step', 'width', 'depth', 'points', 'steps timed', 'steps/s'], trows, [false, false, true, true, true, true, true]));
  if (overhead.length) {
    console.log('\n## Live-metrics overhead (app loop, Node wasm, default settings: width 256, depth 2, 64 points, GD)\n');
    const mean = (v) => {
      const xs = overhead.filter((r) => r.variant === v).map((r) => r.stepsPerSec);
      return xs.reduce((a, b) => a + b, 0) / xs.length;
    };
    const orows = overhead.map((r) => [r.variant, r.seconds.toFixed(1), r.steps, r.stepsPerSec.toFixed(1), r.rows, r.fullRows]);
    console.log(table(['variant', 'seconds', 'steps', 'steps/s', 'rows', 'rows with correlations'], orows, [false, true, true, true, true, true]));
    console.log(`\nslowdown from NTK drift + correlations + pair matrix: ${((1 - mean('app') / mean('bare')) * 100).toFixed(0)}% (mean steps/s ${mean('app').toFixed(1)} vs ${mean('bare').toFixed(1)})`);
  }
  const infos = all.filter((r) => r.info).map((r) => `  ${r.label ?? r.backend}: ${JSON.stringify(r.info)}`);
  if (infos.length) console.log('\nBackend details:\n' + infos.join('\n'));
}

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createNetServer();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() => resolve(addr.port));
    });
  });
}
