// Presets (URL and menu) load and train; the guided tour runs only the
// figure in view (and nothing in a hidden tab); an embed at 640×360 shows one whole panel with no
// overflow; keyboard shortcuts work and leave focused controls alone. Screenshots of the lab, the
// tour and an embed at 1280×720 and 390×844 go to test-output/e2e/presets-tour-embed-*.png. Embedded in
// another origin's iframe the app trains and logs no console error (no service worker there).
import { createServer, type Server } from 'node:http';
import type { Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { PRESETS } from '../../src/content/presets';
import { baseURL, button, closePage, embedGeometry, fig, figStep, fileBrowser, firstInt, isActive, openApp, screenshot, stepCount, uiState, waitForPageReady, waitUntil, type OpenedPage } from './helpers';

// Forcing a backend skips the start-up probe: these tests are about the page, not the backend.
const BACKEND = 'backend=wasm';

const browser = fileBrowser();

async function open(query: string, viewport = { width: 1280, height: 720 }): Promise<OpenedPage> {
  const p = await openApp(browser, query);
  await p.page.setViewportSize(viewport);
  return p;
}

const presetSelect = (page: Page) => page.getByLabel('Preset', { exact: true });

/** Step the run `n` times with the Step button and wait until the counter shows it (or it diverged). */
async function stepTimes(page: Page, n: number): Promise<number> {
  const step = button(page, 'step');
  await step.waitFor({ state: 'visible', timeout: 60_000 });
  let s = 0;
  await waitUntil(async () => {
    if ((await page.getByTestId('diverged').count()) > 0) return true;
    s = (await stepCount(page)) ?? 0;
    if (s >= n) return true;
    if (await step.isEnabled()) await step.click();
    return false;
  }, 120_000, 400);
  return s;
}

describe('presets', () => {
  let p: OpenedPage | undefined;
  afterAll(async () => closePage(p));

  it('?preset= is rewritten to the settings; every preset from the menu loads and trains', async () => {
    p = await open(`?preset=rich&${BACKEND}`);
    const { page } = p;
    const url = new URL(page.url());
    expect(url.searchParams.get('preset')).toBeNull();
    expect(url.searchParams.get('width')).toBe('16');
    expect(url.searchParams.get('param')).toBe('standard');
    expect(await presetSelect(page).inputValue()).toBe('rich');
    await expect.poll(() => page.getByTestId('preset-lesson').textContent()).toContain('Width 16');
    expect(await page.getByText(/Unknown setting/).count()).toBe(0);

    // Sweep presets open the Width sweep view (no Step button): tests/e2e/sweep.e2e.test.ts runs sweeps.
    for (const preset of PRESETS.filter((q) => !q.query.includes('view=sweep'))) {
      await presetSelect(page).selectOption(preset.name);
      const want = new URLSearchParams(preset.query);
      await waitUntil(async () => {
        const got = new URL(page.url()).searchParams;
        return [...want].every(([k, v]) => got.get(k) === v);
      }, 10_000);
      // The run restarts: the counter goes back to 0 before stepping.
      await waitUntil(async () => (await stepCount(page)) === 0, 60_000);
      const s = await stepTimes(page, 3);
      const diverged = (await page.getByTestId('diverged').count()) > 0;
      expect(s >= 3 || (preset.name === 'diverge' && diverged), `${preset.name}: ${await uiState(page)}`).toBe(true);
      expect(await presetSelect(page).inputValue()).toBe(preset.name);
    }
    expect(p.errors).toEqual([]);
  });
});

describe('guided tour', () => {
  let p: OpenedPage | undefined;
  afterAll(async () => closePage(p));


  it('renders its figures; only the figure in view trains, and none while the tab is hidden', async () => {
    p = await open(`?page=tour&${BACKEND}`);
    const { page } = p;
    await fig(page, 'ntk').waitFor({ state: 'visible', timeout: 60_000 });
    const ids = await page.locator('[data-figure]').evaluateAll((els) => els.map((e) => e.getAttribute('data-figure')!));
    expect(ids.length).toBeGreaterThanOrEqual(6);
    // Each figure shows a panel.
    for (const id of ids) expect(await fig(page, id).locator('.tl-panel, .panel').count(), id).toBeGreaterThan(0);

    // The first figure is in view and trains.
    await waitUntil(async () => (await isActive(page, 'ntk')) && (await figStep(page, 'ntk')) >= 3, 120_000);
    const last = ids[ids.length - 1]!;
    expect(await isActive(page, last)).toBe(false);
    expect(await figStep(page, last)).toBe(0);

    // Scroll to the last figure: it takes over, the first stops.
    await fig(page, last).scrollIntoViewIfNeeded();
    await waitUntil(async () => (await isActive(page, last)) && (await figStep(page, last)) >= 3, 120_000);
    expect(await isActive(page, 'ntk')).toBe(false);
    const frozen = await figStep(page, 'ntk');
    await page.waitForTimeout(1500);
    expect(await figStep(page, 'ntk')).toBe(frozen);

    // A hidden tab pauses the active figure.
    await page.evaluate(() => {
      Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'hidden' });
      document.dispatchEvent(new Event('visibilitychange'));
    });
    await page.waitForTimeout(800); // steps already in flight
    const hiddenAt = await figStep(page, last);
    await page.waitForTimeout(2000);
    expect(await figStep(page, last)).toBe(hiddenAt);
    await page.evaluate(() => {
      Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'visible' });
      document.dispatchEvent(new Event('visibilitychange'));
    });
    await waitUntil(async () => (await figStep(page, last)) > hiddenAt, 60_000);

    // "Open in the lab" carries the figure's config.
    const href = await fig(page, last).getByRole('link', { name: /open in the lab/i }).getAttribute('href');
    expect(href).toContain('width=16');
    expect(href).toContain('param=standard');
    expect(p.errors).toEqual([]);
  });
});

describe('embed', () => {
  it('?embed=drift at 640×360 shows one whole panel with controls and no overflow', async () => {
    const p = await open(`?embed=drift&width=64&${BACKEND}`, { width: 640, height: 360 });
    try {
      const { page } = p;
      await button(page, 'play').click({ timeout: 60_000 });
      await waitUntil(async () => Number((await page.locator('.embed-step strong').textContent()) ?? 0) >= 5, 120_000);
      await waitForPageReady(page, '[data-embed]');
      const m = await embedGeometry(page);
      expect(m.panels).toBe(1);
      expect(m.sw).toBeLessThanOrEqual(m.cw);
      expect(m.sh).toBeLessThanOrEqual(m.ch);
      expect(m.svgs).toBeGreaterThan(0);
      expect(m.svgBottom, 'plot fully inside the iframe').toBeLessThanOrEqual(360 + 0.5);
      expect(m.svgRight).toBeLessThanOrEqual(640 + 0.5);
      expect(await page.getByRole('slider', { name: /width/i }).count()).toBe(1);
      expect(await page.getByRole('slider', { name: /learning rate/i }).count()).toBe(1);
      const lab = await page.getByRole('link', { name: /full lab/i }).getAttribute('href');
      expect(lab).toContain('width=64');
      expect(lab).not.toContain('embed');
      await screenshot(page, 'presets-tour-embed-embed-640x360');
      expect(p.errors).toEqual([]);
    } finally {
      await closePage(p);
    }
  });

  it('embedded in a cross-origin iframe it trains, registers no service worker and logs no console error', async () => {
    // The host page lives on another origin: localhost vs 127.0.0.1 (the app's), another port.
    const app = new URL(`?embed=loss&width=32&${BACKEND}`, baseURL());
    const hostName = app.hostname === 'localhost' ? '127.0.0.1' : 'localhost';
    const server: Server = createServer((_req, res) =>
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(`<!doctype html><html lang="en"><title>Host</title><iframe title="Tangent Lab" src="${app}" width="640" height="360"></iframe></html>`),
    );
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    const port = (server.address() as { port: number }).port;
    const context = await browser.newContext();
    try {
      const page = await context.newPage();
      const errors: string[] = [];
      page.on('console', (m) => {
        if (m.type() === 'error') errors.push(`console.error: ${m.text()} (${m.location().url})`);
      });
      page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
      await page.goto(`http://${hostName}:${port}/`, { waitUntil: 'load' });
      const frame = page.frameLocator('iframe');
      await frame.getByRole('button', { name: /^[^a-z]*play/i }).click({ timeout: 60_000 });
      await waitUntil(async () => Number((await frame.locator('.embed-step strong').textContent()) ?? 0) >= 5, 120_000);
      const inner = page.frames().find((f) => f !== page.mainFrame());
      expect(new URL(inner!.url()).origin).toBe(app.origin);
      // (the browser refuses service workers to this third-party frame altogether)
      expect(await inner!.evaluate(() => navigator.serviceWorker?.controller ?? null)).toBeNull();
      expect(errors, errors.join('\n')).toEqual([]);
    } finally {
      await context.close();
      await new Promise((r) => server.close(r));
    }
  });

  it('an unknown panel name gives a notice and the full lab', async () => {
    const p = await open(`?embed=nope&${BACKEND}`);
    try {
      await expect.poll(() => p.page.getByText(/embed="nope" is not a panel/).count(), { timeout: 30_000 }).toBe(1);
      expect(await p.page.locator('.tl-panel').count()).toBeGreaterThan(3);
    } finally {
      await closePage(p);
    }
  });
});

describe('keyboard shortcuts', () => {
  let p: OpenedPage | undefined;
  afterAll(async () => closePage(p));

  it('Space, →, R, 1–9 and ? work, and do nothing inside a focused control', async () => {
    p = await open(`?width=32&depth=1&${BACKEND}`);
    const { page } = p;
    await button(page, 'step').waitFor({ state: 'visible', timeout: 60_000 });
    await waitUntil(async () => button(page, 'step').isEnabled(), 60_000);
    await page.locator('body').click({ position: { x: 5, y: 5 } });

    await page.keyboard.press('ArrowRight');
    await waitUntil(async () => (await stepCount(page)) === 1, 30_000);
    await page.keyboard.press(' ');
    await button(page, 'pause').waitFor({ state: 'visible', timeout: 10_000 });
    await waitUntil(async () => ((await stepCount(page)) ?? 0) > 3, 60_000);
    await page.keyboard.press(' ');
    await button(page, 'play').waitFor({ state: 'visible', timeout: 10_000 });
    await page.keyboard.press('r');
    await waitUntil(async () => (await stepCount(page)) === 0, 30_000);

    // Inside a slider: arrows move the slider, Space/R do nothing to the run.
    const width = page.getByRole('slider', { name: /^width/i }).first();
    await width.focus();
    await page.keyboard.press('ArrowRight');
    await waitUntil(async () => new URL(page.url()).searchParams.get('width') !== '32', 10_000);
    await waitUntil(async () => button(page, 'step').isEnabled(), 60_000);
    await page.keyboard.press(' ');
    await page.keyboard.press('r');
    await page.waitForTimeout(800);
    expect(await button(page, 'play').isVisible(), await uiState(page)).toBe(true);
    expect(await stepCount(page)).toBe(0);
    // Inside the seed input: digits type, they don't load presets.
    const seed = page.getByLabel('Seed');
    await seed.selectText();
    await page.keyboard.type('2');
    await page.waitForTimeout(300);
    expect(await presetSelect(page).inputValue()).toBe('');
    expect(new URL(page.url()).searchParams.get('seed')).toBe('2');

    // Digits outside controls load presets.
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('2');
    await waitUntil(async () => (await presetSelect(page).inputValue()) === PRESETS[1]!.name, 10_000);

    // F puts the focused panel in full screen, F again leaves.
    await page.locator('.panel-cell').nth(1).focus();
    await page.keyboard.press('f');
    await waitUntil(async () => page.evaluate(() => document.fullscreenElement?.classList.contains('panel-cell') ?? false), 5_000);
    await page.keyboard.press('f');
    await waitUntil(async () => page.evaluate(() => document.fullscreenElement === null), 5_000);

    // ? opens the list; Escape closes it.
    await page.keyboard.press('?');
    const dialog = page.getByRole('dialog', { name: /keyboard shortcuts/i });
    await dialog.waitFor({ state: 'visible', timeout: 5_000 });
    expect(await dialog.textContent()).toContain('Play / pause');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden', timeout: 5_000 });
    expect(p.errors).toEqual([]);
  });
});

describe('share and theme', () => {
  it('Share shows "Copied"; ?theme=dark and ?large=1 apply and stay in the URL', async () => {
    const p = await open(`?theme=dark&large=1&${BACKEND}`);
    try {
      const { page } = p;
      await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: baseURL() });
      await page.getByRole('button', { name: 'Share' }).click();
      await page.getByText('Copied', { exact: true }).waitFor({ state: 'visible', timeout: 5_000 });
      expect(await page.evaluate(() => [document.documentElement.dataset.theme, document.documentElement.dataset.large])).toEqual(['dark', '1']);
      const bg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
      expect(bg).not.toBe('rgb(246, 247, 249)');
      // Embed: the dialog writes an iframe snippet for the chosen panel and the current settings.
      await page.getByRole('button', { name: 'Embed' }).click();
      const code = page.getByLabel(/embed code/i);
      await code.waitFor({ state: 'visible', timeout: 5_000 });
      await page.getByLabel('Panel', { exact: true }).selectOption('gap');
      const snippet = await code.inputValue();
      expect(snippet).toMatch(/^<iframe src="[^"]*embed=gap[^"]*"/);
      expect(snippet).toContain('theme=dark');
      await page.getByRole('button', { name: 'Copy embed code' }).click();
      await page.getByRole('dialog').getByText('Copied', { exact: true }).waitFor({ state: 'visible', timeout: 5_000 });
      await page.keyboard.press('Escape');
      await page.getByRole('button', { name: /large type/i }).click();
      await waitUntil(async () => new URL(page.url()).searchParams.get('large') === null, 5_000);
      expect(new URL(page.url()).searchParams.get('theme')).toBe('dark');
    } finally {
      await closePage(p);
    }
  });
});

describe('screenshots', () => {
  it('lab, tour and an embed at 1280×720 and 390×844', async () => {
    for (const [w, h] of [
      [1280, 720],
      [390, 844],
    ] as const) {
      for (const [name, query, marker] of [
        ['lab', `?preset=lazy&${BACKEND}`, '[data-testid="run-state"]'],
        ['lab-dark', `?preset=spirals&theme=dark&${BACKEND}`, '[data-testid="run-state"]'],
        ['tour', `?page=tour&${BACKEND}`, '[data-page=tour], .tour'],
        ['embed', `?embed=function&${BACKEND}`, '[data-embed]'],
      ] as const) {
        const p = await open(query, { width: w, height: h });
        try {
          const play = button(p.page, 'play');
          await play.waitFor({ state: 'visible', timeout: 60_000 });
          if (name !== 'tour') {
            await play.click();
            // a few trained steps, so the screenshot shows curves (lab: the step counter; embed: its own)
            const steps = async () => firstInt((await p.page.locator('[data-testid="step-count"], .embed-step strong').first().textContent()) ?? '') ?? 0;
            expect(await waitUntil(async () => (await steps()) >= 10, 120_000), `${name}: 10 steps; ${await uiState(p.page)}`).toBe(true);
          }
          await waitForPageReady(p.page, marker);
          await p.page.screenshot({ path: await screenshotPath(`presets-tour-embed-${name}-${w}x${h}`) });
          expect(p.errors, name).toEqual([]);
        } finally {
          await closePage(p);
        }
      }
    }
  });
});

async function screenshotPath(name: string): Promise<string> {
  const { mkdirSync } = await import('node:fs');
  const { screenshotDir } = await import('./helpers');
  mkdirSync(screenshotDir, { recursive: true });
  return `${screenshotDir}/${name}.png`;
}
