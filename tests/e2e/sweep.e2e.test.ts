// The Width sweep view in the built app: a tiny 3-width sweep runs in the worker to 100%, every
// log–log plot gets one mean marker per width and a fitted slope label, runs.csv downloads with
// the expected header, and Cancel stops a longer sweep while keeping its finished runs.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { closePage, openApp, screenshot, screenshotDir, tail, waitUntil, type OpenedPage, fileBrowser } from './helpers';

const browser = fileBrowser();

const TINY = '?view=sweep&widths=16,32,64&seeds=2&steps=20&depth=1&train=16&test=16&activation=relu';

async function sweepStatus(page: Page): Promise<{ status: string; runs: number; pct: number; text: string }> {
  const box = page.getByTestId('sweep-progress');
  const bar = page.getByRole('progressbar', { name: /sweep progress/i });
  return {
    status: (await box.getAttribute('data-status')) ?? '',
    runs: Number(await box.getAttribute('data-runs')),
    pct: Number(await bar.getAttribute('aria-valuenow')),
    text: ((await box.textContent()) ?? '').trim(),
  };
}

async function waitForStatus(page: Page, ok: (s: Awaited<ReturnType<typeof sweepStatus>>) => boolean, timeoutMs: number) {
  let last = await sweepStatus(page);
  await waitUntil(async () => {
    last = await sweepStatus(page);
    return ok(last);
  }, timeoutMs, 300);
  return last;
}

describe('Width sweep view', () => {
  let p: OpenedPage | undefined;
  afterAll(async () => closePage(p));

  it('runs a 3-width sweep to 100% with three means per series and slope labels; runs.csv downloads', async () => {
    p = await openApp(browser, TINY);
    const { page } = p;
    expect(await page.getByRole('navigation', { name: 'Pages' }).getByRole('link', { name: 'Width sweep' }).getAttribute('aria-current')).toBe('page');
    await page.getByRole('button', { name: 'Run sweep' }).click();
    const done = await waitForStatus(page, (s) => s.status === 'done' || s.status === 'failed', 180_000);
    expect(done.status, `${done.text}\n${tail(p)}`).toBe('done');
    expect(done.pct).toBe(100);
    expect(done.runs).toBe(6);
    expect(done.text).toMatch(/Done: 6 runs/);
    // One η for every run (fixed η·t), and how it was chosen.
    expect(await page.getByTestId('sweep-lr').getAttribute('data-rule')).toBe('auto');
    expect(await page.getByTestId('sweep-lr').textContent()).toMatch(/η = [\d.]+ for every run: ½·η_c = N\/λmax\(Θ₀\).*widest width 64/);
    expect(await page.getByTestId('sweep-lr-warning').count()).toBe(0);

    // Every plotted series: one mean marker per width (3), two seed points per width, and a slope label.
    const zeroAtInit = ['ntkDrift', 'gapTrain', 'layerChange1', 'layerChange2'];
    for (const metric of ['ntkDrift', 'gapTrain', 'c2OverC1Sq', 'gradChangeFixedStep', 'gradChangeFrozenPerC1', 'layerChange1', 'layerChange2']) {
      const card = page.getByTestId(`sweep-card-${metric}`);
      const phases = zeroAtInit.includes(metric) ? ['final'] : ['init', 'final'];
      for (const phase of phases) {
        const means = card.locator(`g.means[data-series=${phase}] g.mean-point`);
        expect(await means.count(), `${metric} ${phase} means`).toBe(3);
        expect(await card.locator(`g.seed-points[data-series=${phase}] circle.seed-point`).count(), `${metric} ${phase} seed points`).toBe(6);
        const label = (await card.locator(`[data-testid=slope-label][data-series=${phase}]`).textContent()) ?? '';
        expect(label, `${metric} ${phase}`).toMatch(/^slope −?\d+\.\d\d \[−?\d+\.\d\d, −?\d+\.\d\d\] \(2 seeds: interval not informative, use ≥ 3\)$/);
        const d = (await card.locator(`g.fit[data-series=${phase}] path.fit-line`).getAttribute('d')) ?? '';
        expect(d).toMatch(/^M[\d.]+,[\d.]+L/);
        expect(d).not.toMatch(/NaN|Infinity/);
      }
    }
    // relu with one hidden layer: c3 is exactly 0, said so instead of an empty plot; the full-step
    // gradient change at the fixed step says it includes the kinks and how the step is sized.
    expect(await page.getByTestId('sweep-card-c3OverC1Cube').textContent()).toContain('Every value is 0');
    expect(await page.getByTestId('sweep-card-gradChangeFixedStep').textContent()).toMatch(/RMS\(c₁\) = 0\.1·RMS\(y\).*relu units that cross 0/);
    // Step-dependent values are recorded (runs.csv, trajectories), never fitted: no card, no slope
    // (for relu that includes the gradient change per unit step: its kink part is not linear in the step).
    expect(await page.getByTestId('sweep-card-gradChange').count()).toBe(0);
    expect(await page.getByTestId('sweep-card-gradChangePerC1').count()).toBe(0);
    expect(await page.getByTestId('slope-table').locator('tr[data-metric=c2OverC1]').count()).toBe(0);
    // The table of all slopes: drift has none at init (zero by definition), c2/c1² has both.
    const drift = page.getByTestId('slope-table').locator('tr[data-metric=ntkDrift] td');
    expect(await drift.allTextContents()).toEqual(['0 at init', expect.stringMatching(/^−?\d+\.\d\d \[/)]);
    const c2 = await page.getByTestId('slope-table').locator('tr[data-metric=c2OverC1Sq] td').allTextContents();
    expect(c2.every((t) => /^−?\d+\.\d\d \[−?\d+\.\d\d, −?\d+\.\d\d\] \(2 seeds: interval not informative, use ≥ 3\)$/.test(t)), c2.join(' | ')).toBe(true);
    // The family of curves: one line per width.
    expect(await page.getByTestId('family-plot').locator('path.series-line').count()).toBe(3);

    // Reference slopes are off by default and, when on, dashed grey lines labelled as references.
    expect(await page.locator('line.reference-line').count()).toBe(0);
    await page.getByRole('checkbox', { name: 'Show reference slopes' }).check();
    const refCard = page.getByTestId('sweep-card-ntkDrift');
    expect(await refCard.locator('line.reference-line').count()).toBe(2);
    expect(await refCard.locator('line.reference-line').first().getAttribute('stroke-dasharray')).toBeTruthy();
    expect(await page.locator('.sweep-toolbar').textContent()).toMatch(/upper bound.*Lee et al\. 2019.*order 1\/n \(Dyer & Gur-Ari 2019\)/);

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'runs.csv' }).click()]);
    expect(download.suggestedFilename()).toBe('runs.csv');
    const csv = readFileSync((await download.path())!, 'utf8').split('\n');
    // The engine's runs.csv columns, the same as `tangent-lab sweep` writes.
    expect(csv[0].startsWith('width,seed,step,lr,loss,testLoss,linLoss,linTestLoss,ntkDrift,')).toBe(true);
    expect(csv[0]).toContain('c2OverC1Sq');
    expect(csv[0]).toContain('layerChange1');
    expect(csv[0]).toContain('ntkDrift');
    expect(csv[0]).toContain('c2OverC1');
    expect(csv[0]).toContain('gradChangePerC1');
    // one η in every row
    expect(new Set(csv.filter((l) => l !== '').slice(1).map((l) => l.split(',')[3])).size).toBe(1);
    // 6 runs × rows at steps 0, 10, 20 (the sweep logs every max(log-every = 10, steps/25) steps)
    const body = csv.filter((l) => l !== '').slice(1);
    expect(body.length).toBe(6 * 3);
    expect(body.map((l) => l.split(',')[2]).slice(0, 3)).toEqual(['0', '10', '20']);
    expect(new Set(body.map((l) => l.split(',')[0]))).toEqual(new Set(['16', '32', '64']));

    const [fitsDl] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'fits.json' }).click()]);
    const doc = JSON.parse(readFileSync((await fitsDl.path())!, 'utf8')) as { lr: { rule: string }; warnings: string[]; fits: Record<string, { final?: { slope: number; ci95: number[]; n: number } }> };
    expect(doc.lr.rule).toBe('auto');
    expect(doc.warnings).toEqual([]);
    expect(doc.fits.ntkDrift?.final?.n).toBe(6);
    expect(Number.isFinite(doc.fits.ntkDrift?.final?.slope)).toBe(true);
    const [manifestDl] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'sweep.json' }).click()]);
    const manifest = JSON.parse(readFileSync((await manifestDl.path())!, 'utf8')) as { version: number; runs: number[]; lr: { rule: string }[] };
    expect(manifest).toMatchObject({ version: 3, runs: [0, 1, 2, 3, 4, 5], lr: [{ param: 'ntk', rule: 'auto' }] });

    // A plot exports as a standalone SVG (with its data) and as a PNG.
    const [svgDl] = await Promise.all([page.waitForEvent('download'), page.getByTestId('sweep-card-ntkDrift').getByRole('button', { name: /as SVG/ }).click()]);
    expect(svgDl.suggestedFilename()).toBe('sweep-ntkDrift.svg');
    const svgText = readFileSync((await svgDl.path())!, 'utf8');
    expect(svgText).toMatch(/^<\?xml[^>]*>\s*<svg[^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(svgText.match(/class="mean-point"/g)).toHaveLength(3);
    expect(svgText).toContain('fit-line');
    const [pngDl] = await Promise.all([page.waitForEvent('download'), page.getByTestId('sweep-card-ntkDrift').getByRole('button', { name: /as PNG/ }).click()]);
    expect(pngDl.suggestedFilename()).toBe('sweep-ntkDrift.png');
    const png = readFileSync((await pngDl.path())!);
    expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect(png.readUInt32BE(16)).toBeGreaterThan(400); // width in pixels (2× the plot)
    mkdirSync(screenshotDir, { recursive: true });
    writeFileSync(path.join(screenshotDir, 'sweep-export-ntkDrift.png'), png);

    // Every log–log plot has its data as a table (a11y): ntkDrift (final only) has one row per width.
    const driftCard = page.getByTestId('sweep-card-ntkDrift');
    await driftCard.getByText('Show table').click();
    const table = driftCard.getByRole('table');
    await table.locator('tbody tr').nth(2).waitFor({ timeout: 10_000 });
    expect(await table.locator('thead th').allTextContents()).toEqual(['width', 'phase', 'mean over seeds', 'min', 'max', 'seeds']);
    expect(await table.locator('tbody tr').count()).toBe(3);
    expect(await table.locator('tbody tr th').allTextContents()).toEqual(['16', '32', '64']);
    expect(await page.locator('details.data-table').count()).toBeGreaterThanOrEqual(8);
    // axe on the finished sweep view with a table open: no serious or critical violations.
    await page.addScriptTag({ path: createRequire(import.meta.url).resolve('axe-core/axe.min.js') });
    const violations = await page.evaluate(async () => {
      const axe = (window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<{ violations: { id: string; impact: string | null }[] }> } }).axe;
      return (await axe.run(document, { resultTypes: ['violations'] })).violations.map((v) => ({ id: v.id, impact: v.impact }));
    });
    const bad = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    console.log(`[axe] sweep view: ${violations.length} violations (${violations.map((v) => `${v.id}:${v.impact}`).join(', ') || 'none'}), serious/critical: ${bad.length}`);
    expect(bad).toEqual([]);

    await screenshot(page, 'sweep-view');
    expect(p.errors, p.errors.join('\n')).toEqual([]);
  });

  it('Cancel stops a running sweep and keeps its finished runs; auto-per-run η shows its warning', async () => {
    await closePage(p);
    p = await openApp(browser, '?view=sweep&widths=16,32,64,128,256&seeds=3&steps=400&depth=1&train=16&test=16&auto-lr=per-run');
    const { page } = p;
    expect(await page.getByLabel('Automatic η').inputValue()).toBe('per-run');
    expect(await page.getByText(/Unknown setting/).count()).toBe(0);
    await page.getByRole('button', { name: 'Run sweep' }).click();
    const some = await waitForStatus(page, (s) => s.runs >= 1 || s.status === 'failed', 180_000);
    expect(some.status, some.text).toBe('running');
    expect(await page.getByTestId('sweep-lr-warning').textContent()).toMatch(/each run chose its own η.*slopes mix the effect of η with that of width/);
    await page.getByRole('button', { name: 'Cancel' }).click();
    const end = await waitForStatus(page, (s) => s.status !== 'running', 60_000);
    expect(end.status, end.text).toBe('cancelled');
    expect(end.runs).toBeGreaterThanOrEqual(1);
    expect(end.runs).toBeLessThan(15);
    expect(end.text).toMatch(new RegExp(`kept ${end.runs} finished run`));
    // The finished runs stay plotted: seed points for them, and a new sweep can start.
    const pts = await page.getByTestId('sweep-card-gapTrain').locator('g.seed-points[data-series=final] circle.seed-point').count();
    expect(pts).toBe(end.runs);
    expect(await page.getByRole('button', { name: 'Run sweep' }).isEnabled()).toBe(true);
    expect(p.errors, p.errors.join('\n')).toEqual([]);
  });
  it('one navigation (Lab · Width sweep · Tour): links, aria-current, in-place switch, keyboard', async () => {
    await closePage(p);
    p = await openApp(browser, '?width=64&view=sweep&seeds=2');
    const { page } = p;
    const nav = page.getByRole('navigation', { name: 'Pages' });
    expect(await page.getByRole('navigation').count()).toBe(1);
    expect(await nav.getByRole('link').allTextContents()).toEqual(['Lab', 'Width sweep', 'Tour']);
    expect(await nav.getByRole('link', { name: 'Width sweep' }).getAttribute('aria-current')).toBe('page');
    expect(await nav.getByRole('link', { name: 'Tour' }).getAttribute('href')).toMatch(/^\?page=tour/);
    // Lab by keyboard: focus the link and press Enter; the view switches in place and the URL drops view=sweep.
    await nav.getByRole('link', { name: 'Lab' }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: /^Play/ }).waitFor({ timeout: 15_000 });
    expect(await nav.getByRole('link', { name: 'Lab' }).getAttribute('aria-current')).toBe('page');
    expect(await nav.getByRole('link', { name: 'Width sweep' }).getAttribute('aria-current')).toBeNull();
    const q = new URLSearchParams(await page.evaluate(() => location.search));
    expect(q.get('view')).toBeNull();
    expect(q.get('width')).toBe('64');
    // Back to the sweep with a click: its settings (seeds=2) come back into the URL.
    await nav.getByRole('link', { name: 'Width sweep' }).click();
    await page.getByRole('button', { name: 'Run sweep' }).waitFor({ timeout: 15_000 });
    const q2 = new URLSearchParams(await page.evaluate(() => location.search));
    expect([q2.get('view'), q2.get('seeds'), q2.get('width')]).toEqual(['sweep', '2', '64']);
    // The tour is a separate page: following its link loads ?page=tour with the same navigation.
    await nav.getByRole('link', { name: 'Tour' }).click();
    await page.waitForURL(/page=tour/);
    const tourNav = page.getByRole('navigation', { name: 'Pages' });
    await tourNav.waitFor({ timeout: 15_000 });
    expect(await tourNav.getByRole('link', { name: 'Tour' }).getAttribute('aria-current')).toBe('page');
    expect(p.errors, p.errors.join('\n')).toEqual([]);
  });
});
