// The Digits panel on mnist: ≥ 16 training digits with class labels, and 12 test digits with the
// network's and the twin's finite outputs after a few steps; no page errors.
import { afterAll, describe, expect, it } from 'vitest';
import { button, closePage, fileBrowser, openApp, screenshot, stepCount, tail, uiState, waitForBackend, waitUntil, showView, type OpenedPage } from './helpers';

const browser = fileBrowser();
let p: OpenedPage | undefined;
afterAll(async () => {
  await closePage(p);
});

describe('Digits panel on ?dataset=mnist', () => {
  it('shows training digits and test predictions of network and twin', async () => {
    p = await openApp(browser, '?dataset=mnist&width=64&train=64');
    const { page } = p;
    await waitForBackend(page, 90_000);
    await showView(page, 'Digits');
    const panel = page.locator('section[data-panel=digits]');
    await panel.waitFor({ state: 'visible', timeout: 60_000 });
    const trainCells = panel.locator('[data-testid=digits-train] li');
    await waitUntil(async () => (await trainCells.count()) >= 16, 60_000);
    expect(await trainCells.count(), await uiState(page)).toBeGreaterThanOrEqual(16);
    expect(await panel.locator('[data-testid=digits-train] canvas[role=img]').count()).toBeGreaterThanOrEqual(16);
    const firstLabel = (await trainCells.first().locator('canvas').getAttribute('aria-label')) ?? '';
    expect(firstLabel).toMatch(/class (0|7), target [+−]1/);

    const step = button(page, 'step');
    const before = (await stepCount(page)) ?? 0;
    for (let i = 0; i < 3; i++) {
      await step.waitFor({ state: 'visible', timeout: 30_000 });
      await step.click();
      await waitUntil(async () => ((await stepCount(page)) ?? 0) > before + i, 30_000);
    }
    expect(await stepCount(page), await uiState(page)).toBeGreaterThan(before);

    const testCells = panel.locator('[data-testid=digits-test] li');
    await waitUntil(async () => (await testCells.count()) === 12, 60_000);
    const values = await testCells.evaluateAll((els) => els.map((e) => [Number(e.getAttribute('data-f')), Number(e.getAttribute('data-flin'))]));
    expect(values, `${await uiState(page)}\n${tail(p)}`).toHaveLength(12);
    for (const [f, fl] of values) {
      expect(Number.isFinite(f)).toBe(true);
      expect(Number.isFinite(fl)).toBe(true);
    }
    // Right/wrong in text as well as colour.
    const verdicts = await panel.locator('.digit-verdict').allTextContents();
    expect(verdicts).toHaveLength(12);
    for (const v of verdicts) expect(v).toMatch(/^[✓✗] (0|7)$/);
    await panel.scrollIntoViewIfNeeded();
    await screenshot(page, 'digits-panel');
    await panel.screenshot({ path: 'test-output/e2e/digits-panel-only.png' });
    expect(p.errors, tail(p)).toEqual([]);
  }, 240_000);
});
