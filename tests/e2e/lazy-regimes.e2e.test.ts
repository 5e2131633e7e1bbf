// Lazy because wide, lazy because scaled, rich at any width: the three presets load, train to the
// end and show the regime badge and the NTK drift (in the range the CLI measured for the same
// config, wasm, seed 1: 0.114, 0.0173, 1.71); the Output scale α slider and the "Centre at θ₀" box
// round-trip through the URL; the tour's "Width is not the whole story" runs its NTK and μP figures
// one at a time and its α slider changes the figure's config and lab link. Screenshots go to
// test-output/e2e/lazy-regimes-*.png.
import type { Locator, Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { button, closePage, fig, figStep, isActive, openApp, screenshot, stepCount, uiState, waitUntil, type OpenedPage, fileBrowser } from './helpers';

const BACKEND = 'backend=wasm';

const browser = fileBrowser();

const badge = (scope: Page | Locator) => scope.getByTestId('regime-badge').first();

/** The drift panel's latest relative drift, or null before it was measured. */
async function latestDrift(page: Page): Promise<number | null> {
  const values = await page.locator('[data-panel="drift"] .plot-readout .readout-value').allTextContents();
  const rel = values.find((v) => v.trim().startsWith('relative drift'));
  const m = rel ? /relative drift\s*([0-9.]+)$/.exec(rel.trim()) : null;
  return m ? Number(m[1]) : null;
}

describe('lazy and rich presets', () => {
  const cases = [
    { name: 'lazy-wide', label: 'lazy because wide (NTK, n = 1024)', drift: [0.05, 0.2] },
    { name: 'lazy-scaled', label: 'lazy because scaled (α = 30)', drift: [0.005, 0.05] },
    { name: 'mup-wide', label: 'rich at any width (μP, n = 1024)', drift: [1, 3] },
  ] as const;

  it.each(cases)('$name: badge "$label", trains 500 steps, drift in the measured range', async ({ name, label, drift }) => {
    const p: OpenedPage = await openApp(browser, `?preset=${name}&${BACKEND}`);
    try {
      const { page } = p;
      expect(((await badge(page).textContent()) ?? '').replace(/\s+/g, ' ')).toContain(`expected: ${label}`);
      await button(page, 'play').click({ timeout: 60_000 });
      await waitUntil(async () => (await stepCount(page)) === 500, 180_000, 500);
      expect(await stepCount(page), await uiState(page)).toBe(500);
      await waitUntil(async () => (await latestDrift(page)) !== null, 10_000);
      const d = await latestDrift(page);
      expect(d, `${name}: drift readout`).not.toBeNull();
      expect(d!).toBeGreaterThanOrEqual(drift[0]);
      expect(d!).toBeLessThanOrEqual(drift[1]);
      // The badge names an expectation, and opens to say it is not a measurement.
      await badge(page).locator('summary').click();
      expect(await badge(page).textContent()).toContain('By theory, not measured');
      await screenshot(page, `lazy-regimes-${name}`);
      expect(p.errors).toEqual([]);
    } finally {
      await closePage(p);
    }
  });
});

describe('Output scale α and Centre at θ₀ in the settings', () => {
  it('round-trip through the URL; the box is locked on while α > 1; μP is in the menu', async () => {
    const p = await openApp(browser, `?width=64&output-scale=30&${BACKEND}`);
    try {
      const { page } = p;
      const alpha = page.getByRole('slider', { name: 'Output scale α' }).first();
      const centre = page.getByRole('checkbox', { name: /Centre at θ₀/ }).first();
      await alpha.waitFor({ state: 'visible', timeout: 60_000 });
      expect(await alpha.getAttribute('aria-valuetext')).toBe('30');
      expect(await centre.isChecked()).toBe(true);
      expect(await centre.isDisabled()).toBe(true);
      expect(await badge(page).textContent()).toContain('lazy because scaled (α = 30)');

      // Down to α = 1: the URL drops output-scale, the box unlocks and is off.
      await alpha.focus();
      await page.keyboard.press('Home');
      await waitUntil(async () => new URL(page.url()).searchParams.get('output-scale') === null, 10_000);
      expect(await alpha.getAttribute('aria-valuetext')).toBe('1');
      expect(await centre.isDisabled()).toBe(false);
      expect(await centre.isChecked()).toBe(false);
      expect(await badge(page).textContent()).toContain('rich because narrow (NTK, n = 64)');
      await centre.check();
      await waitUntil(async () => new URL(page.url()).searchParams.get('center') === 'true', 10_000);
      expect(await badge(page).textContent()).toContain('rich because narrow (NTK, n = 64)');

      // One step up is α = 1.5, written to the URL; a reload restores both settings.
      await alpha.focus();
      await page.keyboard.press('ArrowRight');
      await waitUntil(async () => new URL(page.url()).searchParams.get('output-scale') === '1.5', 10_000);
      expect(await badge(page).textContent()).toContain('lazier because scaled (α = 1.5)');
      await page.reload({ waitUntil: 'load' });
      await page.getByRole('slider', { name: 'Output scale α' }).first().waitFor({ state: 'visible', timeout: 60_000 });
      expect(await page.getByRole('slider', { name: 'Output scale α' }).first().getAttribute('aria-valuetext')).toBe('1.5');
      expect(new URL(page.url()).searchParams.get('center')).toBe('true');
      expect(await page.getByText(/Unknown setting|is not valid/).count()).toBe(0);

      // The parametrization menu offers NTK, standard and μP.
      const param = page.getByLabel('Parametrization', { exact: true });
      expect(await param.locator('option').allTextContents()).toEqual(['NTK', 'standard', 'μP']);
      await page.getByRole('slider', { name: 'Output scale α' }).first().focus();
      await page.keyboard.press('Home');
      await param.selectOption('mup');
      await waitUntil(async () => new URL(page.url()).searchParams.get('param') === 'mup', 10_000);
      expect(await badge(page).textContent()).toContain('rich at any width (μP, n = 64)');
      expect(p.errors).toEqual([]);
    } finally {
      await closePage(p);
    }
  });
});

describe('tour: Width is not the whole story', () => {
  let p: OpenedPage | undefined;
  afterAll(async () => closePage(p));


  it('NTK and μP side by side train one at a time; the α slider changes the figure and its lab link', async () => {
    p = await openApp(browser, `?page=tour&${BACKEND}`);
    const { page } = p;
    const title = page.getByRole('heading', { name: /Width is not the whole story/ });
    await title.waitFor({ state: 'visible', timeout: 60_000 });
    const ntk = 'not-width-ntk';
    const mup = 'not-width-mup';
    await fig(page, ntk).scrollIntoViewIfNeeded();
    // Side by side: the two figures share a row.
    const [a, b] = await Promise.all([fig(page, ntk).boundingBox(), fig(page, mup).boundingBox()]);
    expect(Math.abs(a!.y - b!.y)).toBeLessThan(2);
    expect(b!.x).toBeGreaterThan(a!.x + a!.width - 1);
    expect(await badge(fig(page, ntk)).textContent()).toContain('lazy because wide (NTK, n = 1024)');
    expect(await badge(fig(page, mup)).textContent()).toContain('rich at any width (μP, n = 1024)');
    for (const id of [ntk, mup]) expect(await fig(page, id).locator('.tl-panel, .panel').count(), id).toBeGreaterThan(0);

    // One of the two becomes active on scrolling in and trains; Play on the other moves the worker there.
    await waitUntil(async () => ((await isActive(page, ntk)) || (await isActive(page, mup))) && Math.max(await figStep(page, ntk), await figStep(page, mup)) >= 3, 120_000);
    // Equally visible side by side, the left (NTK) figure starts; the μP one waits, "paused" (not "out of view").
    const first = ntk;
    const second = mup;
    const who = async () => `ntk active=${await isActive(page, ntk)} step=${await figStep(page, ntk)}, mup active=${await isActive(page, mup)} step=${await figStep(page, mup)}`;
    expect(await isActive(page, ntk), await who()).toBe(true);
    expect(await fig(page, mup).locator('.tour-figure-state').textContent()).toBe('paused');
    await fig(page, second).getByRole('button', { name: 'Play' }).click();
    await waitUntil(async () => (await isActive(page, second)) && (await figStep(page, second)) >= 3, 120_000);
    expect(await isActive(page, first)).toBe(false);
    const frozen = await figStep(page, first);
    expect(frozen).toBeGreaterThanOrEqual(3);
    await page.waitForTimeout(1000);
    expect(await figStep(page, first)).toBe(frozen);
    await screenshot(page, 'lazy-regimes-tour-ntk-mup');

    // The α figure: a centred width-64 NTK net at α = 10; one step right is α = 15.
    const af = fig(page, 'not-width-alpha');
    await af.scrollIntoViewIfNeeded();
    await waitUntil(async () => (await isActive(page, 'not-width-alpha')) && (await figStep(page, 'not-width-alpha')) >= 3, 120_000);
    const link = af.getByRole('link', { name: /open in the lab/i });
    expect(await link.getAttribute('href')).toContain('output-scale=10');
    expect(await badge(af).textContent()).toContain('lazy because scaled (α = 10)');
    const centre = af.getByRole('checkbox', { name: /Centre at θ₀/ });
    expect(await centre.isChecked()).toBe(true);
    expect(await centre.isDisabled()).toBe(true);
    const alpha = af.getByRole('slider', { name: 'Output scale α' });
    await alpha.focus();
    await page.keyboard.press('ArrowRight');
    await waitUntil(async () => ((await link.getAttribute('href')) ?? '').includes('output-scale=15'), 10_000);
    expect(await badge(af).textContent()).toContain('lazy because scaled (α = 15)');
    // The figure restarts with the new α and trains again.
    await waitUntil(async () => (await isActive(page, 'not-width-alpha')) && (await figStep(page, 'not-width-alpha')) >= 3, 120_000);
    await screenshot(page, 'lazy-regimes-tour-alpha');
    expect(p.errors).toEqual([]);
  });
});
