// Backend choice: WebGPU when Chromium exposes it (--enable-unsafe-webgpu; SwiftShader's software
// adapter, so slow: small settings and generous waits), and a fallback with a visible reason when not.
import { describe, expect, it } from 'vitest';
import { describeBrowser, BACKEND_RE, play, screenshot, tail, waitForBackend, waitForSteps } from './helpers';

describe('with --enable-unsafe-webgpu and ?backend=webgpu', () => {
  const fx = describeBrowser({ webgpu: true });

  it('runs on webgpu and training advances (skipped where the browser has no WebGPU adapter)', async (ctx) => {
    const p = await fx.open('?backend=webgpu&width=64&train=32');
    const { page } = p;
    const hasAdapter = await page.evaluate(async () => {
      const gpu = (navigator as unknown as { gpu?: { requestAdapter(): Promise<unknown> } }).gpu;
      return !!gpu && !!(await gpu.requestAdapter());
    });
    if (!hasAdapter) {
      console.log('[e2e] WebGPU test skipped: this browser exposes no WebGPU adapter (even with --enable-unsafe-webgpu).');
      ctx.skip('no WebGPU adapter in this browser');
      return;
    }
    const badge = await waitForBackend(page, 180_000);
    expect(badge, `badge; console:\n${tail(p)}`).toMatch(/webgpu/i);
    expect(badge).not.toMatch(/webgpu\s*(is\s*)?(unavailable|not available|failed|unsupported|not supported)/i);
    // Record what the state pill says (with times) until the first trained step: while the first
    // steps compile (seconds on SwiftShader) it says "compiling kernels…" and, after a second, how long.
    await page.evaluate(() => {
      const seen: [number, string][] = [];
      Reflect.set(window, '__pillSeen', seen);
      const read = () => {
        const t = document.querySelector('[data-testid="run-state"]')?.textContent ?? '';
        if (seen.at(-1)?.[1] !== t) seen.push([performance.now(), t]);
      };
      new MutationObserver(read).observe(document.body, { subtree: true, childList: true, characterData: true });
    });
    await play(page);
    await waitForSteps(page, 1, 200_000);
    const pills = (await page.evaluate(() => Reflect.get(window, '__pillSeen'))) as [number, string][];
    const texts = pills.map(([, t]) => t).filter((t) => !t.startsWith('starting'));
    const compiling = pills.filter(([, t]) => t.startsWith('compiling kernels'));
    const compileMs = compiling.length > 0 ? (pills.find(([t, x]) => t > compiling[0][0] && !x.startsWith('compiling'))?.[0] ?? performance.now()) - compiling[0][0] : 0;
    console.log(`[e2e] webgpu: compiling kernels for ~${Math.round(compileMs)} ms; pill after start-up: ${texts.join(' | ')}`);
    // 4 s: the pill ticks once a second on the main thread, which a loaded machine can delay by a tick or two
    if (compileMs > 4000) expect(texts.some((t) => /^compiling kernels.* · \d+ s$/.test(t)), `a ${Math.round(compileMs)} ms compile shows its seconds; seen: ${texts.join(' | ')}`).toBe(true);
    const steps = await waitForSteps(page, 5, 200_000);
    expect(steps, `training advances on webgpu; console:\n${tail(p)}`).toBeGreaterThanOrEqual(5);
    await screenshot(page, 'webgpu');
  });
});

describe('without WebGPU and no backend param', () => {
  const fx = describeBrowser();

  it('falls back to another backend and shows why WebGPU is not used', async () => {
    const p = await fx.open();
    const { page } = p;
    const badge = await waitForBackend(page, 90_000);
    expect(badge, `badge; console:\n${tail(p)}`).toMatch(/\b(webgl|wasm|cpu)\b/i);
    expect(badge, 'badge gives a reason that mentions WebGPU').toMatch(/webgpu/i);
    expect(badge).toMatch(/unavailable|not available|no adapter|failed|unsupported|not supported|disabled|missing|slower/i);
    await expect.poll(() => page.getByTestId('backend-badge').first().isVisible()).toBe(true);
    expect(badge).toMatch(BACKEND_RE);
    await screenshot(page, 'no-webgpu-fallback');
    expect(p.errors, 'no console errors or page errors').toEqual([]);
  });
});
