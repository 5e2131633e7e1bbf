// Learning-rate phases in the app: the catapult preset trains to the end on the Sharpness view, the
// badge says "measured: catapult", the twin's blow-up is marked and Settings show η/η_c = 1.5; a tiny
// learning-rate sweep (lr-scales 0.5, 3 × widths 16, 32) draws the learning-rate phase diagram with
// verdict colours and flags the runs past η·S = 2. Screenshots: test-output/e2e/lr-phases-*.png.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import path from 'node:path';
import { button, closePage, openApp, screenshot, screenshotDir, showView, stepCount, tail, uiState, waitUntil, fileBrowser } from './helpers';

const browser = fileBrowser();

async function sweepStatus(page: Page): Promise<string> {
  return (await page.getByTestId('sweep-progress').getAttribute('data-status')) ?? '';
}

describe('learning-rate phases', () => {
  it('catapult preset: measured badge, twin marker, η/η_c in Settings', async () => {
    const p = await openApp(browser, '?preset=catapult&backend=wasm');
    try {
      const { page } = p;
      await showView(page, 'Sharpness');
      await button(page, 'play').click({ timeout: 60_000 });
      await waitUntil(async () => (await stepCount(page)) === 300, 240_000, 500);
      expect(await stepCount(page), await uiState(page)).toBe(300);
      const badge = page.getByTestId('phase-badge');
      await waitUntil(async () => (await badge.count()) > 0, 20_000);
      expect(await badge.getAttribute('data-phase')).toBe('catapult');
      expect(((await badge.textContent()) ?? '').replace(/\s+/g, ' ')).toContain('measured: catapult');
      // the twin's blow-up is marked on both plots of the panel (rows carry twinDiverged)
      expect(((await page.locator('section[data-panel="sharpness"]').first().textContent()) ?? '').match(/twin diverged/g)?.length).toBe(2);
      expect(await page.getByTestId('sharpness-readout').textContent()).toMatch(/η\/ηc = 1\.5/);
      expect(await page.getByTestId('lr-ratio').first().textContent()).toMatch(/1\.5/);
      await screenshot(page, 'lr-phases-catapult');
      expect(p.errors).toEqual([]);
    } finally {
      await closePage(p);
    }
  });

  it('a learning-rate sweep draws the phase diagram (verdict colours) and flags runs past the edge', async () => {
    const p = await openApp(browser, '?view=sweep&widths=16,32&seeds=1&lr-scales=0.5,3&steps=30&depth=1&activation=relu&train=16&test=8&backend=wasm');
    try {
      const { page } = p;
      expect(await page.getByLabel('Learning-rate scales c (η = c·η_c)').inputValue()).toBe('0.5,3');
      // lr-scales is a known URL parameter (no "unknown setting" notice)
      expect(await page.getByText(/Unknown setting/).count()).toBe(0);
      expect(await page.locator('.sweep-count').textContent()).toMatch(/2 learning rates \(c·η_c\) × 2 widths × 1 seed = 4 runs/);
      await page.getByRole('button', { name: 'Run sweep' }).click();
      await waitUntil(async () => ['done', 'failed'].includes(await sweepStatus(page)), 240_000, 300);
      expect(await sweepStatus(page), tail(p)).toBe('done');
      const diagram = page.getByTestId('lr-phase-diagram');
      const cells = diagram.getByTestId('phase-cell');
      expect(await cells.count()).toBe(4);
      const labels = await cells.evaluateAll((els) => els.map((e) => e.getAttribute('aria-label') ?? ''));
      // rows: c = 0.5 (lazy) then c = 3 (diverged)
      expect(labels[0]).toMatch(/η = 0\.5·η_c, width 16: .*measured: seed 1 lazy/);
      expect(labels[3]).toMatch(/η = 3·η_c, width 32: .*measured: seed 1 diverged/);
      const fills = await cells.evaluateAll((els) => els.map((e) => e.getAttribute('fill')));
      expect(fills).toEqual(['#0072b2', '#0072b2', '#d55e00', '#d55e00']);
      expect(await page.getByTestId('sweep-past-edge').textContent()).toMatch(/2 runs went past the edge of stability/);
      await screenshot(page, 'lr-phases-sweep');
      await diagram.screenshot({ path: path.join(screenshotDir, 'lr-phases-diagram.png') });
      expect(p.errors).toEqual([]);
    } finally {
      await closePage(p);
    }
  });
});
