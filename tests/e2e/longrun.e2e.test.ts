// Long run: 2000 steps in the browser with the default metrics (the worker's 'auto' mode computes
// every metric, the expensive ones on a duty cycle) at width 64. The worker's tf.memory().numTensors
// (reported with each status, data-num-tensors on the step counter) must be exactly flat after
// warm-up, and the page's JS heap (CDP Performance.getMetrics after a forced GC) must not grow beyond
// a tolerance. Both series are printed.
import { afterAll, describe, expect, it } from 'vitest';
import { closePage, openApp, play, stepCount, tail, uiState, waitForBackend, waitUntil, type OpenedPage, fileBrowser } from './helpers';

const STEPS = 2000;
const SAMPLE_EVERY = 200;
/** Heap growth allowed from the first sample after warm-up to the end (metrics rows are kept, so some growth is expected). */
const HEAP_TOLERANCE_BYTES = 8 * 1024 * 1024;

const browser = fileBrowser();

describe('long run: 2000 steps, tensors and heap flat', () => {
  let p: OpenedPage | undefined;
  afterAll(async () => {
    await closePage(p);
  });

  it('keeps tf.memory().numTensors exactly flat and the JS heap bounded', async () => {
    p = await openApp(browser, `?width=64&steps=${STEPS}`);
    const { page } = p;
    const backend = await waitForBackend(page);
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Performance.enable');
    const heapUsed = async (): Promise<number> => {
      await cdp.send('HeapProfiler.collectGarbage');
      const { metrics } = await cdp.send('Performance.getMetrics');
      return metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? NaN;
    };
    const tensors = async (): Promise<{ n: number | null; bytes: number | null }> => {
      const el = page.getByTestId('step-count').first();
      const n = await el.getAttribute('data-num-tensors');
      const b = await el.getAttribute('data-num-bytes');
      return { n: n === null ? null : Number(n), bytes: b === null ? null : Number(b) };
    };
    await play(page);
    const samples: { step: number; numTensors: number | null; numBytes: number | null; heap: number }[] = [];
    for (let target = SAMPLE_EVERY; target <= STEPS; target += SAMPLE_EVERY) {
      await waitUntil(async () => ((await stepCount(page)) ?? 0) >= target, 300_000, 100);
      const step = (await stepCount(page)) ?? 0;
      const t = await tensors();
      samples.push({ step, numTensors: t.n, numBytes: t.bytes, heap: await heapUsed() });
    }
    // The final status (state done) carries the count after the last step.
    await waitUntil(async () => (await page.locator('.state-pill').textContent())?.match(/done|finished|complete/i) ?? null, 60_000);
    const end = await tensors();
    samples.push({ step: (await stepCount(page)) ?? 0, numTensors: end.n, numBytes: end.bytes, heap: await heapUsed() });
    console.log(`long run on ${backend}: step, numTensors, numBytes, JS heap used (MB)`);
    for (const s of samples) console.log(`  ${s.step}\t${s.numTensors}\t${s.numBytes}\t${(s.heap / 2 ** 20).toFixed(2)}`);
    const ctx = `${await uiState(page)}\n${tail(p)}`;
    expect(samples.at(-1)!.step, ctx).toBe(STEPS);
    const afterWarmup = samples.slice(1);
    expect(afterWarmup.every((s) => s.numTensors !== null && s.numTensors > 0), ctx).toBe(true);
    expect(new Set(afterWarmup.map((s) => s.numTensors)).size, `numTensors series ${afterWarmup.map((s) => s.numTensors).join(',')}`).toBe(1);
    expect(new Set(afterWarmup.map((s) => s.numBytes)).size, `numBytes series ${afterWarmup.map((s) => s.numBytes).join(',')}`).toBe(1);
    const growth = samples.at(-1)!.heap - afterWarmup[0].heap;
    expect(growth, `heap grew by ${(growth / 2 ** 20).toFixed(2)} MB`).toBeLessThan(HEAP_TOLERANCE_BYTES);
    expect(p.errors, tail(p)).toEqual([]);
  }, 600_000);
});
