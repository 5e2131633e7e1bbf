// Full screen (F) fills the screen with the plot, also for the panels of several plots: at 1280×800
// the focused panel of each (eigenmodes, feature alignment, sharpness, pair, digits, early-time)
// shows one view at a time (its switch in the header) whose drawings cover at least half the
// screen's height, with nothing overflowing or sticking out and no text under 10 px. Every view the
// switch offers is checked. Screenshots: test-output/e2e/fullscreen-*.png.
import { describe, expect, it } from 'vitest';
import { button, closePage, fileBrowser, openApp, screenshot, waitForSteps, waitUntil } from './helpers';
import { probeLayout } from './layoutProbe';
import { panelViews } from '../../src/ui/panels/panelViews';

const browser = fileBrowser();
const GROUPS = [
  { query: '?backend=wasm&width=32', keys: ['modes', 'nfa', 'sharpness', 'pair'] },
  { query: '?backend=wasm&width=32&dataset=mnist', keys: ['digits'] },
  { query: '?backend=wasm&width=32&model=early-time&dataset=gauss', keys: ['early-time'] },
] as const;

describe('full screen (F) fills the screen with the plot', () => {
  for (const group of GROUPS) {
    it(`${group.keys.join(', ')}`, async () => {
      const p = await openApp(browser, group.query);
      const { page } = p;
      try {
        await page.setViewportSize({ width: 1280, height: 800 });
        await button(page, 'play').click({ timeout: 60_000 });
        await waitForSteps(page, 30, 180_000);
        await button(page, 'pause').click();
        const problems: string[] = [];
        for (const key of group.keys) {
          const tab = page.locator(`.view-tab[data-view="${key}"]`);
          if ((await tab.count()) > 0) await tab.click();
          const cell = page.locator(`.panel-cell[data-panel="${key}"]`);
          await cell.locator('section.tl-panel').waitFor({ timeout: 60_000 });
          await cell.focus();
          await page.keyboard.press('f');
          await waitUntil(async () => page.evaluate((k) => document.fullscreenElement?.getAttribute('data-panel') === k, key), 5_000);
          const parts = await cell.locator('.view-switch-button').evaluateAll((els) => els.map((e) => e.getAttribute('data-part') ?? ''));
          if (panelViews(key).length > 0 && parts.length < 2) problems.push(`${key}: full screen offers ${parts.length} view(s)`);
          for (const part of parts.length > 0 ? parts : ['main']) {
            if (part !== 'main') await cell.locator(`.view-switch-button[data-part="${part}"]`).click();
            await page.mouse.move(1, 1);
            await page.waitForTimeout(400);
            const tag = `${key} · ${part}`;
            const m = await probeLayout(page, `.panel-cell[data-panel="${key}"]`, 10);
            for (const o of m.outside.slice(0, 3)) problems.push(`${tag}: outside the screen: ${o}`);
            for (const s of m.small.slice(0, 3)) problems.push(`${tag}: text under 10px: ${s}`);
            const fit = await cell.evaluate((el) => {
              // the vertical extent the drawings (plots, heatmaps, digit grids) cover together
              const boxes = [...el.querySelectorAll('.plot-area, svg.plot-svg, .digits-grid')].map((d) => d.getBoundingClientRect()).filter((r) => r.height > 0);
              const span = boxes.length ? Math.max(...boxes.map((r) => r.bottom)) - Math.min(...boxes.map((r) => r.top)) : 0;
              // the early-time width sweep before it is run: its button, nothing to draw yet
              const waiting = el.querySelector('.early-width-sweep button') !== null && el.querySelector('.early-width-sweep svg') === null;
              return { overflow: el.scrollHeight - el.clientHeight, span, screen: window.innerHeight, waiting };
            });
            if (fit.overflow > 1) problems.push(`${tag}: the panel overflows the screen by ${fit.overflow}px`);
            if (fit.span < fit.screen / 2 && !fit.waiting) problems.push(`${tag}: the drawings cover ${Math.round(fit.span)}px of ${fit.screen}px`);
            await screenshot(page, `fullscreen-${key}-${part}`);
          }
          await page.keyboard.press('f');
          await waitUntil(async () => page.evaluate(() => document.fullscreenElement === null), 5_000);
        }
        expect(problems, problems.join('\n')).toEqual([]);
        expect(p.errors).toEqual([]);
      } finally {
        await closePage(p);
      }
    });
  }
});
