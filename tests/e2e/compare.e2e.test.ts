// Compare mode (`?compare=FIELD:VALUE`): the Lab trains both runs and every core plot (learned
// function, NTK drift, network–twin gap, derivative correlations) draws both, named by the
// differing value; the setting survives share links and embeds; both runs' rows are exported; a bad
// value is a notice and compare stays off; the Lab's one-click "Both side by side" (narrow vs wide) turns it on.
// Screenshots go to test-output/e2e/compare-*.png.
import type { Browser, Download, Page } from 'playwright-core';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PLOTS, button, closePage, launchBrowser, openApp, plot, screenshot, seriesPaths, stepCount, uiState, waitUntil, type OpenedPage } from './helpers';

const STEPS = 120;
const BASE = `backend=wasm&depth=1&steps=${STEPS}`;

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const CORE = [
  { name: 'function', label: /^learned function$/i, series: ['network', 'twin'] },
  { name: 'drift', label: PLOTS.drift, series: ['ntkDrift'] },
  { name: 'gap', label: PLOTS.gap, series: ['gapTrain'] },
  { name: 'correlations', label: PLOTS.correlations, series: ['c2OverC1'] },
] as const;

/** The core plots' series of both runs, each with ≥ 2 finite points (the function: ≥ 20 grid points). */
async function bothRunsDrawn(page: Page): Promise<string[]> {
  const missing: string[] = [];
  for (const c of CORE) {
    const paths = await seriesPaths(page, c.label);
    for (const s of c.series)
      for (const run of [1, 2]) {
        const p = paths.find((x) => x.series === `${s}@${run}`);
        if (!p || !p.finite || p.points < (c.name === 'function' ? 20 : 2)) missing.push(`${c.name}: ${s}@${run}`);
      }
  }
  return missing;
}

async function legendText(page: Page, label: RegExp): Promise<string> {
  const svg = plot(page, label);
  return (await svg.locator(`xpath=ancestor::div[contains(concat(' ', normalize-space(@class), ' '), ' plot ')][1]`).locator('.legend').first().textContent()) ?? '';
}

async function download(page: Page, click: () => Promise<void>): Promise<{ dl: Download; text: string }> {
  const [dl] = await Promise.all([page.waitForEvent('download', { timeout: 30_000 }), click()]);
  return { dl, text: readFileSync(await dl.path()).toString('utf8') };
}

describe('compare mode', () => {
  it('?compare=width:4096&width=16 trains both runs; every core plot shows both, named by width; rows of both are exported', async () => {
    const p: OpenedPage = await openApp(browser, `?compare=width:4096&width=16&${BASE}`);
    try {
      const { page } = p;
      await button(page, 'play').click({ timeout: 60_000 });
      await waitUntil(async () => (await stepCount(page)) === STEPS, 200_000, 500);
      expect(await stepCount(page), await uiState(page)).toBe(STEPS);
      let missing: string[] = [];
      await waitUntil(async () => (missing = await bothRunsDrawn(page)).length === 0, 20_000, 500);
      expect(missing).toEqual([]);
      for (const c of CORE) {
        const legend = await legendText(page, c.label);
        expect(legend, c.name).toContain('width 16');
        expect(legend, c.name).toContain('width 4096');
      }
      // The two runs differ: the narrow kernel drifts more than the wide one (last drawn point higher = smaller y px).
      const drift = await seriesPaths(page, PLOTS.drift);
      const lastY = (s: string) => drift.find((x) => x.series === s)!.numbers.at(-1)!;
      expect(lastY('ntkDrift@1')).toBeLessThan(lastY('ntkDrift@2'));
      const csv = await download(page, () => page.getByRole('group', { name: /metrics/i }).getByRole('button', { name: 'CSV' }).click());
      const lines = csv.text.trim().split(/\r?\n/);
      expect(lines[0].startsWith('run,step,loss')).toBe(true);
      const runs = lines.slice(1).map((l) => l.split(',')[0]);
      expect(runs.filter((r) => r === 'width 16').length).toBeGreaterThan(2);
      expect(runs.filter((r) => r === 'width 4096').length).toBe(runs.filter((r) => r === 'width 16').length);
      expect(csv.dl.suggestedFilename()).toMatch(/vs-width-4096/);
      const json = await download(page, () => page.getByRole('group', { name: /metrics/i }).getByRole('button', { name: 'JSON' }).click());
      const parsed = JSON.parse(json.text) as { config: { width: number }; rows: unknown[]; compare: { field: string; config: { width: number }; rows: unknown[] } };
      expect(parsed.config.width).toBe(16);
      expect(parsed.compare.field).toBe('width');
      expect(parsed.compare.config.width).toBe(4096);
      expect(parsed.compare.rows.length).toBe(parsed.rows.length);
      await screenshot(page, 'compare-lab');
      expect(p.errors).toEqual([]);
    } finally {
      await closePage(p);
    }
  });

  it('survives a share link and an embed in large type (?embed=drift&large=1&compare=width:16)', async () => {
    const p = await openApp(browser, `?width=256&${BASE}&compare=width:16`);
    let embed: OpenedPage | undefined;
    try {
      // The address bar (the share link) keeps compare; a fresh page from it compares again.
      expect(new URL(p.page.url()).searchParams.get('compare')).toBe('width:16');
      await p.page.getByRole('slider', { name: /^width/i }).first().focus();
      await p.page.keyboard.press('ArrowRight');
      await waitUntil(async () => new URL(p.page.url()).searchParams.get('width') !== '256', 10_000);
      const shared = new URL(p.page.url());
      expect(shared.searchParams.get('compare')).toBe('width:16');
      // presenter settings (large type) ride along
      embed = await openApp(browser, `?embed=drift&large=1&${shared.searchParams.toString()}`);
      const { page } = embed;
      await button(page, 'play').click({ timeout: 60_000 });
      await waitUntil(async () => {
        const paths = await seriesPaths(page, PLOTS.drift);
        return ['ntkDrift@1', 'ntkDrift@2'].every((s) => paths.some((x) => x.series === s && x.finite && x.points >= 2));
      }, 200_000, 500);
      const legend = await legendText(page, PLOTS.drift);
      expect(legend).toContain(`width ${shared.searchParams.get('width')}`);
      expect(legend).toContain('width 16');
      expect(await page.getByRole('link', { name: /full lab/i }).getAttribute('href')).toContain('compare=width%3A16');
      await screenshot(page, 'compare-embed-drift');
      expect(embed.errors).toEqual([]);
      expect(p.errors).toEqual([]);
    } finally {
      await closePage(embed);
      await closePage(p);
    }
  });

  it('a pair that does not fit the memory budget together is refused with a message naming both runs (width 4096 × depth 4, NTK vs μP)', async () => {
    // Each run alone needs about 1.1 GiB (under wasm's 1.5 GiB); together they do not fit. The guard
    // refuses the pair before either run is built (src/engine/memoryBudget.ts, checkCompareMemory).
    const p = await openApp(browser, `?width=4096&depth=4&compare=param:mup&backend=wasm&steps=${STEPS}`);
    try {
      const { page } = p;
      const error = page.getByTestId('error');
      await waitUntil(async () => (await error.count()) > 0 || (await button(page, 'play').isEnabled().catch(() => false)), 60_000, 250);
      if ((await error.count()) === 0) await button(page, 'play').click({ timeout: 60_000 });
      await waitUntil(async () => (await error.count()) > 0, 60_000, 250);
      await screenshot(page, 'compare-memory');
      expect(await error.count(), `${await uiState(page)}\n${p.log.slice(-15).join('\n')}`).toBeGreaterThan(0);
      const text = (await error.first().textContent()) ?? '';
      expect(text).toMatch(/Not started: compare mode trains two runs at once: NTK needs about \d+ MiB and μP about \d+ MiB, \d+ MiB together, more than the \d+ MiB this app allows on/);
      expect((await stepCount(page)) ?? 0).toBe(0);
    } finally {
      await closePage(p);
    }
  });

  it('a bad compare value is a notice, compare stays off; the one-click "Both side by side" turns it on', async () => {
    const p = await openApp(browser, `?compare=width:99999&${BASE}`);
    try {
      const { page } = p;
      await waitUntil(async () => (await page.getByText(/compare mode is off/i).count()) > 0, 30_000);
      expect(await page.getByText(/width must be an integer from 8 to 4096/).count()).toBeGreaterThan(0);
      await page.getByRole('button', { name: /both side by side/i }).click();
      await waitUntil(async () => new URL(page.url()).searchParams.get('compare') === 'width:512', 10_000);
      expect(new URL(page.url()).searchParams.get('width')).toBe('16');
      await button(page, 'play').click({ timeout: 60_000 });
      let missing: string[] = [];
      await waitUntil(async () => (missing = await bothRunsDrawn(page)).length === 0, 200_000, 500);
      expect(missing).toEqual([]);
      expect(p.errors).toEqual([]);
    } finally {
      await closePage(p);
    }
  });
});
