// The default page: loads cleanly, names its backend, trains on Play and fills every plot; the Width
// slider is keyboard-operable, writes the URL and restarts the run.
import { afterAll, describe, expect, it } from 'vitest';
import {
  BACKEND_RE,
  PLOTS,
  allPathDs,
  baseURL,
  button,
  closePage,
  describePaths,
  openApp,
  pauseAndSettle,
  play,
  plot,
  screenshot,
  slider,
  stepCount,
  tail,
  uiState,
  waitForBackend,
  waitForSeries,
  waitForSteps,
  waitUntil,
  type OpenedPage,
  fileBrowser,
  showView,
} from './helpers';

const browser = fileBrowser();

describe('server', () => {
  it('serves the built app with COOP/COEP headers', async () => {
    const res = await fetch(baseURL());
    expect(res.status).toBe(200);
    expect(res.headers.get('cross-origin-opener-policy')).toBe('same-origin');
    expect(res.headers.get('cross-origin-embedder-policy')).toBe('require-corp');
  });
});

describe('default page', () => {
  let p: OpenedPage | undefined;
  afterAll(async () => {
    if (p) await screenshot(p.page, 'app-default').catch(() => undefined);
    await closePage(p);
  });

  it('loads, trains on Play and fills the plots, with no console errors', async () => {
    p = await openApp(browser);
    const { page } = p;
    expect(await page.evaluate(() => crossOriginIsolated), 'page is cross-origin isolated').toBe(true);

    const badge = await waitForBackend(page, 90_000);
    expect(badge, `backend badge should name a backend; console:\n${tail(p)}`).toMatch(BACKEND_RE);

    await play(page);
    await expect.poll(() => button(page, 'pause').isVisible(), { timeout: 10_000 }).toBe(true);
    const steps = await waitForSteps(page, 20, 120_000);
    expect(steps, `step counter should advance after Play; console:\n${tail(p)}`).toBeGreaterThanOrEqual(20);
    const rate = await waitUntil(async () => Number(/\d+(?:\.\d+)?/.exec((await page.getByTestId('steps-per-sec').first().textContent()) ?? '')?.[0] ?? 0), 10_000);
    expect(rate, 'steps-per-sec shows a positive rate while playing').toBeGreaterThan(0);

    const drift = await waitForSeries(page, PLOTS.drift, 2, 60_000);
    expect(drift.length, 'drift plot has series paths').toBeGreaterThan(0);
    expect(drift.some((s) => s.points >= 2), `drift plot paths:\n${describePaths(drift)}`).toBe(true);
    expect(drift.every((s) => s.finite), `drift plot paths:\n${describePaths(drift)}`).toBe(true);

    const gap = await waitForSeries(page, PLOTS.gap, 2, 60_000);
    expect(gap.length, 'gap plot has series paths').toBeGreaterThan(0);
    expect(gap.some((s) => s.points >= 2), `gap plot paths:\n${describePaths(gap)}`).toBe(true);
    expect(gap.every((s) => s.finite), `gap plot paths:\n${describePaths(gap)}`).toBe(true);

    const corr = await waitForSeries(page, PLOTS.correlations, 1, 60_000);
    expect(corr.some((s) => s.points >= 1 && s.finite), `correlation plot paths:\n${describePaths(corr)}`).toBe(true);

    const ds = await allPathDs(page);
    expect(ds.filter((d) => /NaN|Infinity|undefined/.test(d)), 'no NaN in any path').toEqual([]);
    await screenshot(page, 'app-default');

    await showView(page, 'Loss');
    const loss = await waitForSeries(page, PLOTS.loss, 2, 60_000);
    expect(loss.some((s) => s.points >= 2 && s.finite), `loss plot paths:\n${describePaths(loss)}`).toBe(true);

    await showView(page, 'NTK heatmap');
    const heat = page.getByTestId('ntk-heatmap').first();
    await heat.waitFor({ state: 'visible', timeout: 60_000 });
    const box = await heat.boundingBox();
    expect(box && box.width > 10 && box.height > 10, 'NTK heatmap has a size').toBe(true);
    const cells = await waitUntil(
      () => heat.evaluate((el) => (/^(canvas|image|img|rect)$/i.test(el.tagName) ? 1 : el.querySelectorAll('rect, image, canvas, img').length)),
      30_000,
    );
    expect(cells, 'NTK heatmap draws cells (rect/image/canvas)').toBeGreaterThan(0);
    expect(await plot(page, PLOTS.heatmap).count(), 'an svg[role=img] labelled "NTK heatmap"').toBeGreaterThan(0);
    expect((await allPathDs(page)).filter((d) => /NaN|Infinity|undefined/.test(d)), 'no NaN in any path').toEqual([]);
    expect(p.errors, 'no console errors or page errors').toEqual([]);
  });
});

describe('Width slider', () => {
  let p: OpenedPage | undefined;
  afterAll(async () => {
    await closePage(p);
  });

  it('is keyboard-operable, writes width= to the URL and restarts the run', async () => {
    p = await openApp(browser);
    const { page } = p;
    await waitForBackend(page, 90_000);
    await play(page);
    const before = await waitForSteps(page, 30, 120_000);
    expect(before, `steps before changing width; console:\n${tail(p)}`).toBeGreaterThanOrEqual(30);
    const paused = await pauseAndSettle(page);
    expect(paused, `Pause stops the run (Play shown, step counter still): ${await uiState(page)}`).toBe(true);
    const s0 = (await stepCount(page)) ?? 0;

    const width = slider(page, /width/i);
    await width.waitFor({ state: 'visible', timeout: 10_000 });
    const urlWidth = () => new URL(page.url()).searchParams.get('width');
    const w0 = urlWidth();

    // Poll fast so that a restarted run that keeps playing is still seen near step 0.
    let minSeen = s0;
    const watch = setInterval(() => {
      stepCount(page)
        .then((s) => {
          if (s !== null) minSeen = Math.min(minSeen, s);
        })
        .catch(() => undefined);
    }, 50);
    try {
      await width.focus();
      await page.keyboard.press('ArrowRight');
      await expect.poll(urlWidth, { timeout: 15_000, message: 'width= in the URL changes after ArrowRight' }).not.toBe(w0);
      const w1 = urlWidth();
      expect(Number(w1), `URL width=${w1} is a number above 256`).toBeGreaterThan(256);
      await expect.poll(() => minSeen, { timeout: 30_000, message: 'step counter resets after the width change' }).toBeLessThan(s0);
      expect(minSeen, 'step counter went back near 0').toBeLessThanOrEqual(Math.min(20, s0 - 1));

      await screenshot(page, 'app-width-changed');
      await page.keyboard.press('ArrowLeft');
      await expect.poll(urlWidth, { timeout: 15_000, message: 'ArrowLeft moves width back' }).not.toBe(w1);
      const w2 = urlWidth();
      expect(w2 === null || Number(w2) === 256, `width back at the default (URL width=${w2})`).toBe(true);
    } finally {
      clearInterval(watch);
    }

    // The restarted run trains again after Play (or keeps training, if the app resumes by itself).
    await waitUntil(async () => (await button(page, 'play').isVisible()) || (await button(page, 'pause').isVisible()), 30_000);
    const before2 = await uiState(page);
    if (await button(page, 'play').isVisible()) await button(page, 'play').click();
    const r0 = (await stepCount(page)) ?? 0;
    const after = await waitForSteps(page, r0 + 10, 120_000);
    expect(after, `restarted run advances after Play; before Play: ${before2}; now: ${await uiState(page)}; console:\n${tail(p)}`).toBeGreaterThanOrEqual(r0 + 10);
    expect(p.errors, 'no console errors or page errors').toEqual([]);
  });
});
