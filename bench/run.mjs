#!/usr/bin/env node
// `npm run bench [-- --quick] [--no-node] [--no-overhead] [--no-browser] [--no-webgpu] [--no-numpy] [--no-cli] [--budget=S]` (S: autodiff seconds per cell)
// (a) Node: tfjs 'cpu' and 'wasm' through the Vite module runner (scripts/vite-node-runner.mjs).
// (b) Headless Debian Chromium (playwright-core, /usr/bin/chromium): webgl, wasm, cpu from a page
//     served by a Vite dev server (bench/browser/index.html), plus webgpu in a second browser
//     launched with --enable-unsafe-webgpu (SwiftShader software adapter: correctness only).
// (c) Native reference: bench/numpy_step.py (numpy float32, the same GD step) if python3 + numpy exist,
//     run next to each block so ratios come from the same run; CLI start-up (bundle vs module runner).
// Prints aligned tables and writes test-output/bench/results.json. Never asserts on times.
import { execFileSync, spawnSync } from 'node:child_process';
import os from 'node:os';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
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
/** numpy reference runs: { when, threads, numpy, cells: [{ width, stepsPerSec }] } */
const numpyRuns = [];
const SCALING_WIDTHS = [64, 256, 1024, 4096];
if (flag('no-numpy')) process.env.BENCH_NO_NUMPY = '1'; // read by bench/node-bench.ts

/**
 * The same GD step in numpy float32, twice: BLAS with its default threads and with one thread (on a
 * loaded 2-core machine multithreaded OpenBLAS can be 10× slower than one thread). Ratios use the
 * faster of the two per width, so they never flatter us.
 */
function numpyReference(when) {
  for (const threads of ['default', '1']) {
    const env = { ...process.env, ...(threads === '1' ? { OPENBLAS_NUM_THREADS: '1', OMP_NUM_THREADS: '1', MKL_NUM_THREADS: '1' } : {}) };
    try {
      const out = execFileSync('python3', [path.join(projectRoot, 'bench', 'numpy_step.py'), quick ? '1' : '2', ...SCALING_WIDTHS.map(String)], { env, encoding: 'utf8', timeout: 300_000 });
      const r = JSON.parse(out);
      numpyRuns.push({ when, threads, numpy: r.numpy, cells: r.cells });
      log(`[bench] numpy ${r.numpy} (${threads} BLAS threads, ${when}): ${r.cells.map((c) => `${c.width}: ${c.stepsPerSec.toFixed(1)}`).join(', ')} steps/s`);
    } catch (e) {
      log(`[bench] skipped reference: python3 with numpy not available (${String(e).split('\n')[0].slice(0, 80)})`);
      return;
    }
  }
}

/** Best numpy steps/s at a width among the runs of one block. */
function numpyBest(when, width) {
  const xs = numpyRuns.filter((r) => r.when === when).flatMap((r) => r.cells.filter((c) => c.width === width).map((c) => c.stepsPerSec));
  return xs.length ? Math.max(...xs) : null;
}

/** Whole-process wall time (median of n, alternating A and B) of two commands. */
function startupAB(n, a, b) {
  const wall = (cmd) => {
    const t0 = performance.now();
    const r = spawnSync(cmd[0], cmd.slice(1), { cwd: projectRoot, encoding: 'utf8' });
    return { ms: performance.now() - t0, ok: r.status === 0 };
  };
  const ta = [];
  const tb = [];
  wall(a.cmd);
  for (let i = 0; i < n; i++) {
    ta.push(wall(a.cmd));
    if (b) tb.push(wall(b.cmd));
  }
  const med = (xs) => {
    const s = xs.map((x) => x.ms).sort((p, q) => p - q);
    return s[s.length >> 1];
  };
  return { a: { ...a, ms: med(ta), ok: ta.every((x) => x.ok) }, b: b ? { ...b, ms: med(tb), ok: tb.every((x) => x.ok) } : null };
}

// ---------------------------------------------------------------- (c) CLI start-up
/** @type {any[]} */
const cliStartup = [];
if (!flag('no-cli')) {
  if (!existsSync(path.join(projectRoot, 'dist-cli', 'main.mjs'))) execFileSync('node', ['scripts/build-cli.mjs'], { cwd: projectRoot, stdio: 'inherit' });
  log('[bench] CLI start-up: bin/tangent-lab.mjs (bundle) vs the TypeScript through Vite\'s module runner');
  const runner = (args) => ['node', '--input-type=module', '-e', `const { importTs } = await import('./scripts/vite-node-runner.mjs'); const { mod, close } = await importTs('src/cli/main.ts'); const c = await mod.main(${JSON.stringify(args)}, { stdout() {}, stderr() {} }); await close(); process.exitCode = c;`];
  for (const args of [['help'], ['ntk', '--width', '64', '--n', '8', '--json']]) {
    const r = startupAB(quick ? 3 : 5, { what: `bundle: tangent-lab ${args.join(' ')}`, cmd: ['node', 'bin/tangent-lab.mjs', ...args] }, { what: `module runner: tangent-lab ${args.join(' ')}`, cmd: runner(args) });
    cliStartup.push(r.a, r.b);
    log(`[bench] ${r.a.what}: ${r.a.ms.toFixed(0)} ms; ${r.b.what}: ${r.b.ms.toFixed(0)} ms`);
  }
}

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
    if (!flag('no-numpy')) numpyReference('browser');
    await server.listen();
    const url = `http://127.0.0.1:${port}/bench/browser/index.html`;
    log(`[bench] Vite dev server at ${url}`);
    const runs = [
      { backend: 'webgl', webgpu: false },
      { backend: 'wasm', webgpu: false },
      { backend: 'cpu', webgpu: false },
    ];
    // tfjs-wasm's own pool is ⌊cores / 2⌋ threads (1 on a 2-core machine) and the app asks for
    // cores − 1 (src/worker/wasmThreads.ts, one core left to the page): time the bare step again with
    // every core (the cap lifted) to show what threads give when nothing else runs
    const allCores = Math.min(4, Math.max(1, os.cpus().length));
    if (allCores > Math.floor(os.cpus().length / 2)) runs.splice(2, 0, { backend: 'wasm', threads: allCores, webgpu: false });
    if (!flag('no-webgpu')) runs.push({ backend: 'webgpu', webgpu: true });
    try {
      for (const webgpu of [false, true]) {
        const mine = runs.filter((r) => r.webgpu === webgpu);
        if (mine.length === 0) continue;
        const browser = await chromium.launch({
          executablePath: process.env.CHROME_PATH || '/usr/bin/chromium',
          headless: true,
          args: webgpu ? [...CHROMIUM_ARGS, '--enable-unsafe-webgpu'] : CHROMIUM_ARGS,
        });
        try {
          for (const r of mine) {
            const name = r.threads ? `${r.backend}-${r.threads}t` : r.backend;
            log(`[bench] browser ${name}${quick ? ' — quick grid' : ''} (${elapsed()})`);
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
            const q = new URLSearchParams({ backend: r.backend, ...(r.threads ? { threads: String(r.threads) } : {}), ...(quick ? { quick: '1' } : {}), ...(budgetArg ? { budget: budgetArg.slice(9) } : {}) });
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
              results.push({ ...res, backend: `browser-${name}`, label: res?.label });
            } catch (e) {
              log(`[bench] browser ${name} did not finish: ${String(e).split('\n')[0]}`);
              results.push({ backend: `browser-${name}`, ntk: [], train: [], error: String(e).split('\n')[0] });
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
writeFileSync(path.join(outDir, 'results.json'), JSON.stringify({ date: new Date().toISOString(), quick, results, overhead, numpy: numpyRuns, cliStartup }, null, 2));
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
  printPerfTables(all);
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

function printPerfTables(all) {
  const srows = [];
  for (const r of all) {
    const name = r.label ?? r.backend;
    const when = name.startsWith('node') ? 'node' : 'browser';
    for (const c of r.scaling ?? []) {
      // Node cells carry a numpy run made seconds before them; browser cells use the block's runs
      const np = c.numpyStepsPerSec ?? numpyBest(when, c.width);
      srows.push([
        name,
        { after: 'backprop, fast products (after)', dense: 'autodiff, fast dense layer', before: 'autodiff, transpose flags (before)' }[c.variant],
        c.width,
        c.stepsPerSec === null ? c.note ?? '—' : c.stepsPerSec.toFixed(c.stepsPerSec < 10 ? 2 : 1),
        np === null ? '—' : np.toFixed(1),
        np === null || c.stepsPerSec === null ? '—' : `${(c.stepsPerSec / np).toFixed(3)}×`,
        c.firstStepMs === undefined ? '—' : c.firstStepMs.toFixed(0),
      ]);
    }
  }
  if (srows.length) {
    console.log('\n## Training step vs numpy float32 (full-batch GD, depth 2, tanh, 256 points; numpy = best of default/1 BLAS thread, same run: Node rows right before each width, browser rows before the browser block)\n');
    console.log(table(['backend', 'step', 'width', 'steps/s', 'numpy steps/s', 'ratio', 'first step ms'], srows, [false, false, true, true, true, true, true]));
  }
  const mrows = [];
  for (const r of all) for (const c of r.matmul ?? []) mrows.push([r.label ?? r.backend, c.shape, c.variant, c.gflops.toFixed(2)]);
  if (mrows.length) {
    console.log('\n## matMul GFLOP/s per variant (tfjs-wasm; median, readback included)\n');
    console.log(table(['backend', 'm×k · k×n', 'variant', 'GFLOP/s'], mrows, [false, false, false, true]));
  }
  const frows = [];
  for (const r of all) {
    const c = (r.scaling ?? []).find((x) => x.variant === 'after' && x.width === 256 && x.firstStepMs !== undefined);
    if (r.setupMs !== undefined && c) frows.push([r.label ?? r.backend, r.setupMs.toFixed(0), c.firstStepMs.toFixed(0), (r.setupMs + c.firstStepMs).toFixed(0)]);
  }
  if (frows.length) {
    console.log('\n## Time to first trained step (backend start-up + first GD step incl. kernel/shader set-up; width 256, 256 points)\n');
    console.log(table(['backend', 'start-up ms', 'first step ms', 'total ms'], frows, [false, true, true, true]));
  }
  if (cliStartup.length) {
    console.log('\n## CLI start-up (whole process, median wall ms)\n');
    console.log(table(['command', 'ms', 'exit ok'], cliStartup.map((c) => [c.what, c.ms.toFixed(0), c.ok ? 'yes' : 'NO']), [false, true, false]));
  }
}
