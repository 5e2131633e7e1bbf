// The feature-alignment and early-time panels in the built app: the lazy/rich presets load and
// train, the NFA and early-time panels draw non-empty plots, and no path anywhere holds NaN.
import { afterAll, describe, expect, it } from 'vitest';
import { allPathDs, closePage, describePaths, openApp, play, screenshot, seriesPaths, tail, waitForBackend, waitForSeries, waitUntil, showView, type OpenedPage, type PathInfo, fileBrowser } from './helpers';
import { configFromSearch, configToSearch, DATASETS } from '../../src/schema/config';
import { presetByName, type Preset } from '../../src/content/presets';

const NFA_PRESETS: Preset[] = ['lazy-alignment', 'rich-alignment'].map((n) => presetByName(n)!);
const EARLY_TIME_PRESET = presetByName('early-time')!;

const browser = fileBrowser();

/** A preset's URL with a short run, on wasm (the CI machine has no GPU). */
function presetQuery(preset: Preset, over: object = {}): string {
  return configToSearch({ ...presetConfig(preset), ...over }, { backend: 'wasm' });
}
function presetConfig(preset: Preset) {
  return configFromSearch(preset.query).config;
}

async function expectNoNaN(p: OpenedPage): Promise<void> {
  const bad = (await allPathDs(p.page)).filter((d) => /NaN|Infinity|undefined/.test(d));
  expect(bad, tail(p)).toEqual([]);
}

for (const preset of NFA_PRESETS)
  describe(`preset "${preset.title}"`, () => {
    let p: OpenedPage | undefined;
    afterAll(async () => {
      await closePage(p);
    });
    it('trains and draws UC-NFA / C-NFA per layer and the NFM/AGOP heatmaps', async () => {
      // a narrower copy of the wide preset keeps the software backend quick
      p = await openApp(browser, presetQuery(preset, { width: Math.min(presetConfig(preset).width, 128), steps: 2000, logEvery: 10 }));
      await waitForBackend(p.page);
      await play(p.page);
      await showView(p.page, 'Feature alignment');
      // NFA is one of the budgeted (expensive) metrics: UC-NFA from step 0 on, C-NFA (undefined at
      // step 0) from the next measured step
      let paths: PathInfo[] = [];
      const drawn = () => paths.filter((q) => q.finite && q.points >= (q.series?.startsWith('uc') ? 2 : 1)).map((q) => q.series);
      await waitUntil(async () => {
        paths = await seriesPaths(p!.page, /feature alignment vs step/i);
        return ['uc1', 'uc2', 'c1', 'c2'].every((k) => drawn().includes(k));
      }, 150_000, 500);
      await screenshot(p.page, `nfa-${preset.name}`);
      expect(drawn(), describePaths(paths)).toEqual(expect.arrayContaining(['uc1', 'uc2', 'c1', 'c2']));
      await waitUntil(async () => (await p!.page.getByTestId('nfa-heatmap-agop').count()) > 0, 60_000);
      const heat = await p.page.getByTestId('nfa-heatmaps').locator('image').count();
      expect(heat).toBe(4);
      await expectNoNaN(p);
      expect(p.errors, tail(p)).toEqual([]);
    });
  });

describe('early-time model', () => {
  let p: OpenedPage | undefined;
  afterAll(async () => {
    await closePage(p);
  });
  const highDim = (DATASETS as readonly string[]).includes('gauss');
  it(highDim ? 'on gauss: losses, earlyGap vs step and the kernel identity' : 'on 2-D data: says the agreement needs high-dimensional inputs', async () => {
    const dataset = highDim ? 'gauss' : 'blobs';
    p = await openApp(browser, presetQuery(EARLY_TIME_PRESET, { dataset, width: 256, train: 128, steps: 40, logEvery: 2 }));
    await waitForBackend(p.page);
    await play(p.page);
    const loss = await waitForSeries(p.page, /early-time losses vs step/i, 3, 120_000);
    expect(loss.filter((q) => q.points >= 3 && q.finite).map((q) => q.series), describePaths(loss)).toEqual(expect.arrayContaining(['loss', 'linLoss']));
    if (highDim) {
      const gap = await waitForSeries(p.page, /earlyGap vs step/i, 3, 120_000);
      expect(gap.some((q) => q.series === 'earlyGap' && q.finite), describePaths(gap)).toBe(true);
      await expect(p.page.getByTestId('early-predictions').count()).resolves.toBe(1);
    } else {
      await expect(p.page.getByTestId('early-lowdim').textContent()).resolves.toMatch(/high-dimensional/);
      await expect(p.page.getByRole('img', { name: /earlyGap vs step/i }).count()).resolves.toBe(0);
    }
    await expect(p.page.getByTestId('kernel-identity').locator('image').count()).resolves.toBe(2);
    // the MLP-only panels give way; feature alignment (its own tab) says it is for the MLP
    await showView(p.page, 'Feature alignment');
    // the tab's panel is a lazy chunk: wait for it to mount, then count
    await p.page.getByTestId('nfa-not-applicable').first().waitFor({ timeout: 30_000 });
    await expect(p.page.getByTestId('nfa-not-applicable').count()).resolves.toBe(1);
    await expectNoNaN(p);
    await screenshot(p.page, 'early-time');
    expect(p.errors, tail(p)).toEqual([]);
  });
});
