// The remembered start-up probe: a first visit times the backends and the page stores the choice;
// reloading in the same browser profile starts that backend without timing ("fastest measured
// earlier"); "Measure again" forgets it and probes afresh. Training works in each case.
import { describe, expect, it } from 'vitest';
import { describeBrowser, badgeText, play, screenshot, tail, waitForBackend, waitForSteps, waitUntil } from './helpers';

describe('remembered start-up probe', () => {
  const fx = describeBrowser();

  it('probes once, reuses the choice on reload, and Measure again probes afresh', async () => {
    const p = await fx.open('?width=32&train=32');
    const { page } = p;
    const first = await waitForBackend(page, 120_000);
    expect(first, `first visit probes; console:\n${tail(p)}`).toMatch(/fastest in the start-up probe/);
    expect(await page.getByTestId('backend-remembered').count()).toBe(0);
    const chosen = /\b(webgpu|webgl|wasm|cpu)\b/i.exec(first)![1];
    const stored = await page.evaluate(() => localStorage.getItem('tangent-lab.backend-probe.v1'));
    expect(stored, 'the probe is stored').toContain(chosen);

    await page.reload({ waitUntil: 'load' });
    const again = await waitForBackend(page, 120_000);
    expect(again, `reload reuses it; console:\n${tail(p)}`).toMatch(/fastest measured earlier/);
    expect(again).toMatch(new RegExp(`\\b${chosen}\\b`));
    await page.getByTestId('backend-remembered').waitFor({ state: 'visible', timeout: 10_000 });
    await play(page);
    expect(await waitForSteps(page, 3, 120_000), `trains on the remembered backend; console:\n${tail(p)}`).toBeGreaterThanOrEqual(3);
    await screenshot(page, 'probe-remembered');

    await page.getByTestId('backend-badge').locator('summary').click();
    await page.getByTestId('backend-reprobe').click();
    await waitUntil(async () => /fastest in the start-up probe/.test(await badgeText(page)), 120_000);
    expect(await page.getByTestId('backend-remembered').count()).toBe(0);
    expect(await waitForSteps(page, 3, 120_000), `trains after re-probing; console:\n${tail(p)}`).toBeGreaterThanOrEqual(3);
    expect(p.errors, 'no console errors or page errors').toEqual([]);
  });
});
