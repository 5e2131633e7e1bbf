// Device loss mid-run: with ?debug the page asks the worker to lose its REAL device
// (GPUDevice.destroy() on webgpu, WEBGL_lose_context.loseContext() on webgl). The app must say
// what was lost and why, switch to the next backend in the badge, restart the run from step 0 with
// the same settings and keep training, with no page errors and exactly one worker.
import { describe, expect, it } from 'vitest';
import { describeBrowser, badgeText, play, screenshot, tail, waitForBackend, waitForSteps, waitUntil, type OpenedPage } from './helpers';

type Lost = 'webgpu' | 'webgl';

/** The backend the worker runs, from the badge's class (badge-<name>). */
async function runningBackend(page: OpenedPage['page']): Promise<string | null> {
  const cls = (await page.getByTestId('backend-badge').first().getAttribute('class')) ?? '';
  return /\bbadge-(webgpu|webgl|wasm|cpu)\b/.exec(cls)?.[1] ?? null;
}

/**
 * The page's training workers (the app's worker chunk): wasm's pthread pool workers, which
 * Playwright lists as well, are not training workers.
 */
function trainers(page: OpenedPage['page']): string[] {
  return page
    .workers()
    .map((w) => w.url())
    .filter((u) => /\/(assets\/)?worker[-.][^/]*$/.test(new URL(u).pathname));
}

async function loseAndRecover(p: OpenedPage, lost: Lost, shot: string): Promise<void> {
  const { page } = p;
  const badge = await waitForBackend(page, 240_000);
  expect(badge, `badge; console:\n${tail(p)}`).toMatch(new RegExp(`\\b${lost}\\b`, 'i'));
  await play(page);
  const before = await waitForSteps(page, 5, 240_000);
  expect(before, `trains on ${lost} first; console:\n${tail(p)}`).toBeGreaterThanOrEqual(5);
  expect(trainers(page), `workers: ${page.workers().map((w) => w.url()).join(', ')}`).toHaveLength(1);

  // Record every value the step counter shows from now on (polling could miss a fast restart).
  await page.evaluate(() => {
    const seen: number[] = [];
    Reflect.set(window, '__stepsSeen', seen);
    const read = () => {
      const el = document.querySelector('[data-testid="step-count"]');
      const n = Number.parseInt((el?.textContent ?? '').replace(/[^0-9]/g, ''), 10);
      if (Number.isFinite(n) && seen.at(-1) !== n) seen.push(n);
    };
    new MutationObserver(read).observe(document.body, { subtree: true, childList: true, characterData: true });
    read();
  });
  await page.evaluate(() => (window as unknown as { tangentLabDebug: { loseDevice(): void } }).tangentLabDebug.loseDevice());
  // The notice: what was lost, the browser's reason, the restart, and the backend now running.
  const notice = page.getByTestId('notice').filter({ hasText: /lost/i }).first();
  await notice.waitFor({ state: 'visible', timeout: 30_000 });
  const what = lost === 'webgpu' ? /WebGPU device lost \(.+\)/ : /WebGL context lost \(.+\)/;
  expect(await notice.textContent()).toMatch(what);
  // The fresh worker chose another backend: the badge names it and says it is a fallback.
  const now = await waitUntil(async () => {
    const t = await badgeText(page);
    const m = /\b(webgpu|webgl|wasm|cpu)\b/i.exec(t);
    return m && m[1].toLowerCase() !== lost && /fallback/i.test(t) ? m[1].toLowerCase() : null;
  }, 240_000);
  expect(now, `a new backend in the badge; badge: ${await badgeText(page)}\nconsole:\n${tail(p)}`).not.toBeNull();
  expect(await badgeText(page)).toMatch(new RegExp(`${lost}`, 'i'));
  await expect.poll(() => notice.textContent(), { timeout: 10_000 }).toMatch(new RegExp(`restarted from step 0 .* on ${now}\\.`));
  // The run restarted from step 0 and trains again.
  const after = await waitForSteps(page, 5, 240_000);
  expect(after, `trains again after the loss; console:\n${tail(p)}`).toBeGreaterThanOrEqual(5);
  const seen = (await page.evaluate(() => Reflect.get(window, '__stepsSeen'))) as number[];
  const zero = seen.indexOf(0);
  expect(zero, `the step counter went back to 0; values seen: ${seen.slice(0, 40).join(' ')}`).toBeGreaterThanOrEqual(0);
  expect(Math.max(...seen.slice(zero)), 'and advanced again from there').toBeGreaterThanOrEqual(5);
  const all = page.workers().map((w) => w.url());
  expect(trainers(page), `exactly one training worker after the fallback; workers: ${all.join(', ')}`).toHaveLength(1);
  await screenshot(page, shot);
  expect(p.errors, 'no console errors or page errors').toEqual([]);
}

describe('WebGPU device lost mid-run → fallback', () => {
  const fx = describeBrowser({ webgpu: true });

  it('destroys the real GPUDevice, falls back, restarts from step 0 (skipped where the browser has no WebGPU adapter)', async (ctx) => {
    const p = await fx.open('?backend=webgpu&debug&width=16&train=32&steps=100000');
    const hasAdapter = await p.page.evaluate(async () => {
      const gpu = (navigator as unknown as { gpu?: { requestAdapter(): Promise<unknown> } }).gpu;
      return !!gpu && !!(await gpu.requestAdapter());
    });
    if (!hasAdapter) {
      console.log('[e2e] device-loss WebGPU test skipped: this browser exposes no WebGPU adapter (even with --enable-unsafe-webgpu).');
      ctx.skip('no WebGPU adapter in this browser');
      return;
    }
    await loseAndRecover(p, 'webgpu', 'device-lost-webgpu');
  });
});

describe('WebGL context lost mid-run → fallback', () => {
  const fx = describeBrowser();

  it('loses the real WebGL context in the worker, falls back, restarts from step 0 (skipped without WebGL2 in a worker)', async (ctx) => {
    const p = await fx.open('?backend=webgl&debug&width=16&train=32&steps=100000');
    const hasGl = await p.page.evaluate(() => typeof OffscreenCanvas !== 'undefined' && !!new OffscreenCanvas(1, 1).getContext('webgl2'));
    if (!hasGl) {
      console.log('[e2e] device-loss WebGL test skipped: no WebGL2 through OffscreenCanvas in this browser.');
      ctx.skip('no WebGL2');
      return;
    }
    // A page can have WebGL2 while its workers cannot (the @sparticuz/chromium build: "Cannot create
    // a canvas in this context" in the worker): then the app runs another backend and says why.
    await waitForBackend(p.page, 240_000);
    const running = await runningBackend(p.page);
    if (running !== 'webgl') {
      console.log(`[e2e] device-loss WebGL test skipped: WebGL2 did not start in the worker (the app runs ${running}: ${await badgeText(p.page)}).`);
      ctx.skip('no WebGL2 in a worker');
      return;
    }
    await loseAndRecover(p, 'webgl', 'device-lost-webgl');
  });
});
