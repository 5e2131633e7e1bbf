// The phase diagram in the built app: a tiny phase sweep (2 output scales α × 2 widths, one seed)
// opened by URL runs in the sweep worker; three heatmaps render with one cell per (α, width), a
// cell's tooltip shows its per-seed values, the table toggle shows the numbers, the heatmap exports
// as SVG, and runs.csv carries the param and outputScale columns.
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { closePage, openApp, screenshot, tail, waitUntil, type OpenedPage, fileBrowser } from './helpers';

const browser = fileBrowser();

const TINY = '?view=sweep&widths=16,32&output-scales=1,10&seeds=1&steps=20&depth=2&train=16&test=16';

async function status(page: Page): Promise<{ status: string; runs: number; text: string }> {
  const box = page.getByTestId('sweep-progress');
  return { status: (await box.getAttribute('data-status')) ?? '', runs: Number(await box.getAttribute('data-runs')), text: ((await box.textContent()) ?? '').trim() };
}

describe('Phase diagram', () => {
  let p: OpenedPage | undefined;
  afterAll(async () => closePage(p));

  it('runs a 2 α × 2 width phase sweep; three heatmaps with 4 cells, tooltips with per-seed values, a table', async () => {
    p = await openApp(browser, TINY);
    const { page } = p;
    // the form shows the URL's output scales and counts the runs of the whole grid
    expect(await page.getByLabel('Output scales α').inputValue()).toBe('1,10');
    expect(await page.locator('.sweep-count').textContent()).toMatch(/1 parametrization × 2 α × 2 widths × 1 seed = 4 runs/);
    await page.getByRole('button', { name: 'Run sweep' }).click();
    let last = await status(page);
    await waitUntil(async () => {
      last = await status(page);
      return last.status === 'done' || last.status === 'failed';
    }, 180_000, 300);
    expect(last.status, `${last.text}\n${tail(p)}`).toBe('done');
    expect(last.runs).toBe(4);
    expect(await page.getByTestId('phase-summary').textContent()).toMatch(/Phase sweep: NTK × output scales α = 1, 10 × widths 16, 32 × 1 seed/);

    const diagram = page.getByTestId('phase-diagram');
    expect(await diagram.getByTestId('phase-heatmap').count()).toBe(3);
    for (const key of ['ntkDrift', 'ucNfaLast', 'gapTrainRel']) {
      const card = page.getByTestId(`phase-card-${key}`);
      expect(await card.getByTestId('phase-cell').count(), key).toBe(4);
      expect(await card.getByTestId('phase-legend').count(), key).toBe(1);
      // every cell has a measured mean: a colour, not the grey of a missing value
      for (const fill of await card.getByTestId('phase-cell').evaluateAll((els) => els.map((e) => e.getAttribute('fill'))))
        expect(fill, key).not.toBe('#e5e7eb');
    }
    expect(await page.getByTestId('phase-card-ucNfaLast').textContent()).toMatch(/linear scale \(a correlation\)/);
    expect(await page.getByTestId('phase-card-ntkDrift').textContent()).toMatch(/log colour scale/);

    // hover: the tooltip names the cell and lists each seed's value
    const drift = page.getByTestId('phase-card-ntkDrift');
    await drift.getByTestId('phase-cell').nth(3).hover();
    const tip = drift.getByTestId('phase-tooltip');
    await tip.waitFor();
    expect(await tip.textContent()).toMatch(/NTK · α = 10, width 32.*mean [\d.]+.*\(1 seed\).*seed 1: [\d.]+/);
    // keyboard focus shows it too
    await drift.getByTestId('phase-cell').nth(0).focus();
    expect(await drift.getByTestId('phase-tooltip').textContent()).toMatch(/NTK · α = 1, width 16/);
    await screenshot(page, 'phase-diagram');

    // the table: one row per (α, width) with the seed mean and seed 1's value
    await drift.getByText('Show table').click();
    const rows = drift.getByRole('table').locator('tbody tr');
    expect(await rows.count()).toBe(4);
    expect(await drift.getByRole('table').locator('thead').textContent()).toMatch(/parametrization, α.*width.*mean over seeds.*seed 1/);
    expect(await rows.nth(2).textContent()).toMatch(/NTK · α = 10\s*16/);

    // the heatmap exports as SVG (cells and legend, no tooltip)
    const [svgDl] = await Promise.all([page.waitForEvent('download'), drift.getByRole('button', { name: /as SVG/ }).click()]);
    expect(svgDl.suggestedFilename()).toBe('phase-ntkDrift.svg');
    const svg = readFileSync((await svgDl.path())!, 'utf8');
    expect(svg.match(/class="phase-cell"/g)).toHaveLength(4);

    // runs.csv of a phase sweep: param and outputScale in front
    const [dl] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'runs.csv' }).click()]);
    const csv = readFileSync((await dl.path())!, 'utf8').split('\n');
    expect(csv[0].startsWith('param,outputScale,width,seed,step,lr,')).toBe(true);
    expect(csv[0]).toContain('ucNfaLast');

    // the width plots below show one group at a time
    await page.getByLabel('Group of the width plots').selectOption({ label: 'NTK · α = 10' });
    expect(await page.getByTestId('sweep-card-ntkDrift').locator('g.means[data-series=final] g.mean-point').count()).toBe(2);
  });
});
