// The Modes panel in the built app: per-mode curves of the network, the twin and the GD closed
// form, the spectral-bias dots and the eigenvectors on 1-D data; `?embed=modes` fits 640×360, one
// view at a time (per-mode curves, spectrum, eigenvectors) behind its view switch.
import { afterAll, describe, expect, it } from 'vitest';
import { allPathDs, baseURL, button, closePage, describePaths, embedGeometry, openApp, play, screenshot, seriesPaths, tail, waitForBackend, waitForPageReady, waitUntil, showView, type OpenedPage, type PathInfo, fileBrowser } from './helpers';

const QUERY = 'width=64&depth=1&steps=200&log-every=5&modes=8&backend=wasm';

const browser = fileBrowser();

describe('Modes panel', () => {
  let p: OpenedPage | undefined;
  afterAll(async () => {
    await closePage(p);
  });

  it('draws network, twin and closed-form curves for every mode, the spectrum dots and the eigenvectors', async () => {
    p = await openApp(browser, `?${QUERY}`);
    await waitForBackend(p.page);
    await play(p.page);
    await showView(p.page, 'Learning per eigenmode');
    let paths: PathInfo[] = [];
    // A line of at least two logged rows: the top mode's closed form e^(−ηλ₁t) can fall below the log
    // axis's floor after the second row (then its path has two points; seen in a clean CI run).
    const drawn = () => paths.filter((q) => q.finite && q.points >= 2).map((q) => q.series);
    await waitUntil(async () => {
      paths = await seriesPaths(p!.page, /residual per ntk eigenmode vs step/i);
      return drawn().length >= 24;
    }, 150_000, 500);
    const keys = Array.from({ length: 8 }, (_, k) => [`net${k + 1}`, `lin${k + 1}`, `closed${k + 1}`]).flat();
    expect(drawn(), describePaths(paths)).toEqual(expect.arrayContaining(keys));
    const panel = p.page.locator('[data-panel="modes"]').first();
    await expect(panel.getByTestId('modes-note').textContent()).resolves.toMatch(/Top 8 eigenvectors of Θ₀\(X, X\) at θ₀ \(tanh, width 64, N = 64\); full-batch GD/);
    const dots = await p.page.getByRole('img', { name: /remaining residual per eigenmode/i }).locator('circle.series-dot').count();
    expect(dots).toBeGreaterThan(4);
    const vectors = await seriesPaths(p.page, /top ntk eigenvectors as functions of x/i);
    expect(vectors.filter((q) => q.finite && q.points === 64).map((q) => q.series), describePaths(vectors)).toEqual(['u1', 'u2', 'u3', 'u4']);
    await panel.scrollIntoViewIfNeeded();
    await screenshot(p.page, 'modes-lab');
    const bad = (await allPathDs(p.page)).filter((d) => /NaN|Infinity|undefined/.test(d));
    expect(bad, tail(p)).toEqual([]);
    expect(p.errors, tail(p)).toEqual([]);
  });
});

describe('?embed=modes', () => {
  it('fits a 640×360 frame: one panel, plots inside, no scrolling', async () => {
    const context = await browser.newContext({ viewport: { width: 640, height: 360 } });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    try {
      await page.goto(new URL(`?embed=modes&${QUERY}`, baseURL()).toString(), { waitUntil: 'load' });
      await button(page, 'play').click({ timeout: 60_000 });
      await waitUntil(async () => Number((await page.locator('.embed-step strong').textContent()) ?? 0) >= 20, 150_000);
      await waitForPageReady(page, '[data-embed]');
      // the three views, one at a time, each one plot filling the frame
      for (const [part, testId] of [
        ['steps', 'modes-steps'],
        ['spectrum', 'modes-spectrum'],
        ['vectors', 'modes-vectors'],
      ] as const) {
        await page.locator(`.embed .view-switch-button[data-part="${part}"]`).click();
        if (part === 'vectors') await waitUntil(async () => (await page.locator('.embed-panel [data-testid="modes-vectors"] path.series-line').count()) >= 4, 60_000);
        await page.locator(`.embed-panel [data-testid="${testId}"]`).waitFor({ timeout: 30_000 });
        await page.mouse.move(1, 1);
        const m = await embedGeometry(page);
        await screenshot(page, `modes-embed-640x360-${part}`);
        expect(m.panels).toBe(1);
        expect(m.svgs, part).toBe(1);
        expect(m.svgHeight, `${part}: the plot fills the frame`).toBeGreaterThan(110);
        expect(m.sw).toBeLessThanOrEqual(m.cw);
        expect(m.sh).toBeLessThanOrEqual(m.ch);
        expect(m.svgBottom, 'plots fully inside the frame').toBeLessThanOrEqual(360.5);
        expect(m.svgRight).toBeLessThanOrEqual(640.5);
      }
      expect(await page.getByRole('slider', { name: /learning rate/i }).count()).toBe(1);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});

describe('Modes panel on 2-D data', () => {
  let p: OpenedPage | undefined;
  afterAll(async () => {
    await closePage(p);
  });
  it('draws the per-mode curves and says in one line why the eigenvector plot is hidden; an embed offers no eigenvector view', async () => {
    p = await openApp(browser, '?dataset=circles&width=64&depth=1&steps=50&modes=4&backend=wasm');
    await button(p.page, 'play').click({ timeout: 60_000 });
    await showView(p.page, 'Learning per eigenmode');
    await waitUntil(async () => (await seriesPaths(p!.page, /residual per ntk eigenmode vs step/i)).filter((q) => q.finite && q.points >= 3).length >= 8, 150_000, 500);
    await expect(p.page.getByTestId('modes-vectors-hidden').textContent()).resolves.toBe(
      'Eigenvectors as functions of x are drawn for 1-D inputs only (this data set has d = 2).',
    );
    expect(p.errors, tail(p)).toEqual([]);
    await closePage(p);
    p = await openApp(browser, '?embed=modes&dataset=circles&width=64&depth=1&steps=50&modes=4&backend=wasm');
    await p.page.locator('.embed .view-switch-button').first().waitFor({ timeout: 60_000 });
    await expect(p.page.locator('.embed .view-switch-button').evaluateAll((els) => els.map((e) => e.getAttribute('data-part')))).resolves.toEqual(['steps', 'spectrum']);
    expect(p.errors, tail(p)).toEqual([]);
  });
});
