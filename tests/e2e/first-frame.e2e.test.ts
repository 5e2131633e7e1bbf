// Nothing waits on an empty card: on the default URL the function plot draws the initial network f₀
// (and its twin, equal to it at step 0) before Play is pressed, from the step-0 snapshot the worker
// posts as soon as the run is built. The worker started before React rendered (main.tsx prestarts it)
// is the one the page adopts: exactly one training worker runs. The same holds for an embed and for
// a forced backend (the prestarted worker got the page's ?backend=).
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { describeBrowser, badgeText, screenshot, stepCount, tail, waitForBackend, waitUntil, type OpenedPage } from './helpers';

/** Points of the function panel's network curve (0 while it is not drawn). */
async function f0Points(page: Page): Promise<number> {
  return page.evaluate(() => {
    const d = document.querySelector('[data-panel="function"] path.series-line[data-series="network"]')?.getAttribute('d') ?? '';
    return (d.match(/[ML]/g) ?? []).length;
  });
}

/** Training workers the page started (the wasm backend's own thread workers are blob: URLs, not counted). */
const trainerWorkers = (p: OpenedPage) => p.log.filter((l) => /^worker started: .*\/worker[-.][^/]*\.(js|ts)/.test(l)).length;

describe('first frame: f₀ before Play', () => {
  const fx = describeBrowser();

  for (const c of [
    { name: 'the Lab on the default URL', query: '', forced: null },
    { name: 'an embed of the function panel', query: '?embed=function', forced: null },
    { name: 'a forced backend', query: '?backend=cpu', forced: 'cpu' },
  ]) {
    it(`${c.name}: the network curve at step 0 is drawn without pressing Play, by the one prestarted worker`, async () => {
      const p = await fx.open(c.query);
      const { page } = p;
      const points = await waitUntil(async () => (await f0Points(page)) >= 50, 120_000, 100);
      expect(points, `f₀ drawn before Play; console:\n${tail(p)}`).toBe(true);
      expect(await f0Points(page)).toBeGreaterThanOrEqual(50);
      // nobody pressed Play: the run sits at step 0 and Play is offered
      const step = await stepCount(page);
      expect(step === null || step === 0, `step ${step}`).toBe(true);
      expect(await page.getByRole('button', { name: /^[^a-z0-9]*play[^a-z0-9]*$/i }).count()).toBeGreaterThan(0);
      if (c.query === '') {
        const badge = await waitForBackend(page, 60_000);
        expect(badge, 'the badge names the backend and why').toMatch(c.forced ? /forced/ : /fastest/);
        await screenshot(page, 'first-frame-f0');
      } else if (c.forced) {
        await waitUntil(async () => /forced/.test(await badgeText(page)), 30_000);
      }
      expect(trainerWorkers(p), `one training worker (the prestarted one adopted); console:\n${tail(p)}`).toBe(1);
      expect(p.errors, 'no console errors or page errors').toEqual([]);
    });
  }
});
