// Exports (panel PNG/SVG, metrics CSV/JSON, config JSON that loads back; a bad
// file gets a message and changes nothing), keyboard crosshair and data tables, the axe check
// (zero serious/critical violations), layout screenshots at 1280×720 and 390×844 (phone drawer),
// the build served under a sub-path, and an offline reload once the service worker is active.
import { createServer, type Server } from 'node:http';
import { readFileSync, existsSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { BrowserContext, Download, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  PLOTS,
  baseURL,
  closePage,
  openApp,
  pauseAndSettle,
  play,
  plot,
  root,
  screenshot,
  settle,
  tail,
  waitForBackend,
  waitForPageReady,
  waitForSeries,
  waitForSteps,
  waitUntil,
  type OpenedPage,
  fileBrowser,
  showView,
} from './helpers';

const require = createRequire(import.meta.url);
const AXE_PATH = require.resolve('axe-core/axe.min.js');
const DIST = path.resolve(root, process.env.E2E_DIST_DIR ?? 'dist');

const browser = fileBrowser();

async function download(page: Page, click: () => Promise<void>): Promise<{ dl: Download; bytes: Buffer }> {
  const [dl] = await Promise.all([page.waitForEvent('download', { timeout: 30_000 }), click()]);
  const file = await dl.path();
  return { dl, bytes: readFileSync(file) };
}

/** Width and height from a PNG's IHDR chunk. */
function pngSize(b: Buffer): { width: number; height: number } {
  return { width: b.readUInt32BE(16), height: b.readUInt32BE(20) };
}

/** Number of distinct colours and the share of non-white pixels of a PNG, decoded in the page. */
async function pngStats(page: Page, bytes: Buffer): Promise<{ colors: number; inked: number }> {
  return page.evaluate(async (b64) => {
    const blob = await (await fetch(`data:image/png;base64,${b64}`)).blob();
    const bmp = await createImageBitmap(blob);
    const c = new OffscreenCanvas(bmp.width, bmp.height);
    const ctx = c.getContext('2d')!;
    ctx.drawImage(bmp, 0, 0);
    const d = ctx.getImageData(0, 0, bmp.width, bmp.height).data;
    const colors = new Set<number>();
    let inked = 0;
    for (let i = 0; i < d.length; i += 4) {
      colors.add((d[i] << 16) | (d[i + 1] << 8) | d[i + 2]);
      if (d[i] < 235 || d[i + 1] < 235 || d[i + 2] < 235) inked++;
    }
    return { colors: colors.size, inked: inked / (d.length / 4) };
  }, bytes.toString('base64'));
}

/** Parse the CSV text with a minimal RFC 4180 reader (no quoted fields are expected in metrics). */
function csvRows(text: string): string[][] {
  return text
    .trim()
    .split(/\r\n/)
    .map((l) => l.split(','));
}

async function axeViolations(page: Page): Promise<{ id: string; impact: string | null; help: string; nodes: string[] }[]> {
  await page.addScriptTag({ path: AXE_PATH });
  const result = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<{ violations: { id: string; impact: string | null; help: string; nodes: { target: unknown[] }[] }[] }> } }).axe;
    const r = await axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 5).map((n) => JSON.stringify(n.target)) }));
  });
  return result;
}

const serious = (v: { impact: string | null }) => v.impact === 'serious' || v.impact === 'critical';

describe('exports from a trained run', () => {
  let p: OpenedPage | undefined;
  beforeAll(async () => {
    p = await openApp(browser, '?width=64&steps=200');
    await waitForBackend(p.page, 90_000);
    await play(p.page);
    await waitForSteps(p.page, 30, 120_000);
    await showView(p.page, 'Loss');
    await waitForSeries(p.page, PLOTS.loss, 3, 60_000);
    await pauseAndSettle(p.page);
  });
  afterAll(async () => {
    await closePage(p);
  });

  it('downloads a panel as SVG: a standalone, well-formed vector file with the plotted paths', async () => {
    const { page } = p!;
    const { dl, bytes } = await download(page, () => page.getByRole('button', { name: /download loss as svg/i }).click());
    expect(dl.suggestedFilename()).toMatch(/^tangent-lab-loss.*\.svg$/);
    const text = bytes.toString('utf8');
    expect(text.startsWith('<?xml')).toBe(true);
    const info = await page.evaluate((t) => {
      const doc = new DOMParser().parseFromString(t, 'image/svg+xml');
      const err = doc.querySelector('parsererror');
      const paths = Array.from(doc.querySelectorAll('path.series-line'));
      return {
        error: err?.textContent ?? null,
        root: doc.documentElement.namespaceURI,
        paths: paths.length,
        styled: paths.filter((p) => /stroke:/.test(p.getAttribute('style') ?? '')).length,
        texts: Array.from(doc.querySelectorAll('text')).map((t) => t.textContent),
        hasNaN: /NaN|Infinity/.test(paths.map((p) => p.getAttribute('d')).join(' ')),
      };
    }, text);
    expect(info.error, 'SVG parses as XML').toBeNull();
    expect(info.root).toBe('http://www.w3.org/2000/svg');
    expect(info.paths, 'one path per series').toBeGreaterThanOrEqual(2);
    expect(info.styled, 'computed styles are inlined').toBe(info.paths);
    expect(info.hasNaN).toBe(false);
    expect(info.texts).toContain('Loss');
    expect(info.texts.some((t) => /network · train/.test(t ?? '')), `legend labels in the SVG: ${info.texts.join(' | ')}`).toBe(true);
  });

  it('downloads a panel as PNG at 2× with real content, also for a heatmap panel', async () => {
    const { page } = p!;
    const panel = page.locator('[data-panel=loss]').first();
    const box = (await panel.locator('.panel-body').boundingBox())!;
    const { dl, bytes } = await download(page, () => page.getByRole('button', { name: /download loss as png/i }).click());
    expect(dl.suggestedFilename()).toMatch(/\.png$/);
    expect(bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])), 'PNG signature').toBe(true);
    const size = pngSize(bytes);
    expect(Math.abs(size.width - 2 * (box.width + 24))).toBeLessThanOrEqual(2);
    const stats = await pngStats(page, bytes);
    expect(stats.colors, 'anti-aliased lines in several colours').toBeGreaterThan(50);
    expect(stats.inked).toBeGreaterThan(0.02);

    await showView(page, 'NTK heatmap');
    const ntkButton = page.getByRole('button', { name: /download .*(kernel|ntk).* as png/i }).first();
    const ntk = await download(page, () => ntkButton.click());
    const ntkStats = await pngStats(page, ntk.bytes);
    expect(ntkStats.colors, 'the raster heatmaps made it into the PNG').toBeGreaterThan(200);
  });

  it('downloads the metrics as CSV and JSON with the same rows', async () => {
    const { page } = p!;
    const csv = await download(page, () => page.getByRole('group', { name: /metrics/i }).getByRole('button', { name: 'CSV' }).click());
    expect(csv.dl.suggestedFilename()).toMatch(/^tangent-lab-w64-.*-metrics\.csv$/);
    const rows = csvRows(csv.bytes.toString('utf8'));
    expect(rows[0].slice(0, 3)).toEqual(['step', 'loss', 'testLoss']);
    expect(rows.length).toBeGreaterThan(3);
    const lossCol = rows.slice(1).map((r) => Number(r[1]));
    expect(lossCol.every((v) => Number.isFinite(v) && v > 0)).toBe(true);
    expect(Number(rows[1][0])).toBe(0);

    const json = await download(page, () => page.getByRole('group', { name: /metrics/i }).getByRole('button', { name: 'JSON' }).click());
    const data = JSON.parse(json.bytes.toString('utf8'));
    expect(data.format).toBe('tangent-lab-metrics');
    expect(data.config.width).toBe(64);
    expect(typeof data.lr).toBe('number');
    expect(data.rows.length).toBe(rows.length - 1);
    expect(data.rows.map((r: { loss: number }) => r.loss)).toEqual(lossCol);
  });

  it('steps the shared crosshair with the arrow keys on a focused plot and shows a data table', async () => {
    const { page } = p!;
    await showView(page, 'At a glance');
    const drift = plot(page, PLOTS.drift);
    await drift.focus();
    await page.keyboard.press('End');
    const last = await page.locator('[data-panel=drift] .hover-highlight').getAttribute('data-step');
    await page.keyboard.press('ArrowLeft');
    const prev = await page.locator('[data-panel=drift] .hover-highlight').getAttribute('data-step');
    expect(Number(prev)).toBeLessThan(Number(last));
    // the other step plots follow the shared hover step
    const gap = await page.locator('[data-panel=gap] .hover-highlight').getAttribute('data-step');
    expect(gap).toBe(prev);
    await page.keyboard.press('Escape');
    expect(await page.locator('[data-panel=drift] .hover-highlight').count()).toBe(0);

    await showView(page, 'Loss');

    await page.locator('[data-panel=loss] summary', { hasText: 'Show data' }).click();
    // the details 'toggle' event (which renders the table) fires asynchronously
    await expect.poll(() => page.locator('[data-panel=loss] .data-table tbody tr').count()).toBeGreaterThan(2);
    const cells = await page.locator('[data-panel=loss] .data-table tbody tr').count();
    expect(cells).toBeLessThanOrEqual(50);
  });
});

describe('config file', () => {
  let p: OpenedPage | undefined;
  afterAll(async () => {
    await closePage(p);
  });

  it('saves the config as JSON and loads it back (picker and drop); a bad file gets a message and changes nothing', async () => {
    p = await openApp(browser, '?width=32&activation=relu&dataset=step&seed=7');
    const { page } = p;
    await waitForBackend(page, 90_000);
    const saved = await download(page, () => page.getByRole('group', { name: /config file/i }).getByRole('button', { name: 'Save' }).click());
    const file = JSON.parse(saved.bytes.toString('utf8'));
    expect(file).toMatchObject({ width: 32, activation: 'relu', dataset: 'step', seed: 7 });

    await page.goto(new URL('./', baseURL()).toString());
    await waitForBackend(page, 90_000);
    const input = page.getByTestId('config-file-input');
    await input.setInputFiles({ name: 'my-run.json', mimeType: 'application/json', buffer: saved.bytes });
    await waitUntil(async () => /width=32/.test(page.url()), 10_000);
    const url = new URL(page.url());
    expect(url.searchParams.get('width')).toBe('32');
    expect(url.searchParams.get('activation')).toBe('relu');
    expect(url.searchParams.get('dataset')).toBe('step');
    expect(url.searchParams.get('seed')).toBe('7');
    await expect.poll(() => page.getByTestId('files-message').textContent()).toMatch(/Loaded the config from "my-run.json"/);

    // a foreign JSON file: message naming the problem, URL (= config) unchanged
    const before = page.url();
    await input.setInputFiles({ name: 'package.json', mimeType: 'application/json', buffer: Buffer.from('{"name": "tangent-lab", "private": true}') });
    await expect.poll(() => page.getByRole('alert').filter({ hasText: 'package.json' }).textContent()).toMatch(/Unknown setting "name".*Nothing was changed/);
    expect(page.url()).toBe(before);
    // malformed JSON
    await input.setInputFiles({ name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from('{"width": 64') });
    await expect.poll(() => page.getByRole('alert').filter({ hasText: 'broken.json' }).textContent()).toMatch(/not valid JSON/);
    expect(page.url()).toBe(before);

    // drag-and-drop of a file onto the page
    await page.evaluate((text) => {
      const dt = new DataTransfer();
      dt.items.add(new File([text], 'dropped.json', { type: 'application/json' }));
      document.body.dispatchEvent(new DragEvent('dragenter', { dataTransfer: dt, bubbles: true, cancelable: true }));
      document.body.dispatchEvent(new DragEvent('dragover', { dataTransfer: dt, bubbles: true, cancelable: true }));
      document.body.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
    }, JSON.stringify({ width: 128, activation: 'tanh' }));
    await waitUntil(async () => /width=128/.test(page.url()), 10_000);
    expect(new URL(page.url()).searchParams.get('width')).toBe('128');
    expect(new URL(page.url()).searchParams.get('activation')).toBe(null); // tanh is the default
  });
});

describe('accessibility and layout', () => {
  let p: OpenedPage | undefined;
  afterAll(async () => {
    await closePage(p);
  });

  it('axe: no serious or critical violations on the lab (trained, a data table open)', async () => {
    p = await openApp(browser, '?width=64&steps=100');
    const { page } = p;
    // 1280×720 from the start: there a panel formula is wider than its panel only once KaTeX has
    // arrived, and it must become focusable then (scrollable-region-focusable)
    await page.setViewportSize({ width: 1280, height: 720 });
    await waitForBackend(page, 90_000);
    await play(page);
    await waitForSteps(page, 20, 120_000);
    await pauseAndSettle(page);
    await showView(page, 'Loss');
    await page.locator('[data-panel=loss] summary', { hasText: 'Show data' }).click();
    const v = await axeViolations(page);
    const bad = v.filter(serious);
    console.log(`[axe] lab: ${v.length} violations (${v.map((x) => `${x.id}:${x.impact}`).join(', ') || 'none'}), serious/critical: ${bad.length}`);
    expect(bad, JSON.stringify(bad, null, 2)).toEqual([]);
  });

  // The tour (?page=tour) and embed (?embed=<panel>) pages: each must render (its marker, lazy panels,
  // formulas and fonts in — waitForPageReady fails the test otherwise) before axe runs.
  for (const [name, query, marker] of [
    ['tour', '?page=tour', '[data-page=tour], .tour'],
    ['embed (loss, 640×360)', '?embed=loss', '[data-embed], .embed'],
    // the dark theme: every text colour comes from the theme's variables
    ['lab (dark theme)', '?theme=dark&width=64', '[data-testid="run-state"]'],
    ['tour (dark theme)', '?page=tour&theme=dark', '[data-page=tour], .tour'],
    ['sweep view (dark theme)', '?view=sweep&theme=dark', '.sweep-config'],
  ] as const) {
    it(`axe: no serious or critical violations on the ${name} page`, async () => {
      const q = await openApp(browser, query);
      try {
        const { page } = q;
        if (name.startsWith('embed')) await page.setViewportSize({ width: 640, height: 360 });
        await waitForPageReady(page, marker);
        const v = await axeViolations(page);
        const bad = v.filter(serious);
        console.log(`[axe] ${name}: ${v.length} violations (${v.map((x) => `${x.id}:${x.impact}`).join(', ') || 'none'}), serious/critical: ${bad.length}`);
        await screenshot(page, `axe-${name.replace(/[^a-z0-9]+/gi, '-')}`);
        expect(bad, JSON.stringify(bad, null, 2)).toEqual([]);
      } finally {
        await closePage(q);
      }
    });
  }

  it('every control is reachable by Tab with a visible focus indicator', async () => {
    const { page } = p!;
    await page.locator('body').click({ position: { x: 2, y: 2 } });
    const seen = new Set<string>();
    let unfocusedStyle: string[] = [];
    for (let i = 0; i < 120; i++) {
      await page.keyboard.press('Tab');
      const info = await page.evaluate(() => {
        const el = document.activeElement as HTMLElement | null;
        if (!el || el === document.body) return null;
        const cs = getComputedStyle(el);
        // range inputs draw their focus ring on the thumb: a ':focus-visible::-webkit-slider-thumb' rule with a box-shadow
        const thumbRing = () =>
          Array.from(document.styleSheets).some((sheet) =>
            Array.from(sheet.cssRules).some((r) => {
              if (!(r instanceof CSSStyleRule) || !/focus-visible::-webkit-slider-thumb/.test(r.selectorText)) return false;
              return r.selectorText.split(',').some((sel) => sel.includes('::-webkit-slider-thumb') && el.matches(sel.replace('::-webkit-slider-thumb', '').trim())) && r.style.boxShadow !== '';
            }),
          );
        const visible = (cs.outlineStyle !== 'none' && parseFloat(cs.outlineWidth) > 0) || cs.boxShadow !== 'none' || (el instanceof HTMLInputElement && el.type === 'range' && thumbRing());
        const labelledBy = el.getAttribute('aria-labelledby');
        const name =
          el.getAttribute('aria-label') ??
          (labelledBy ? document.getElementById(labelledBy)?.textContent?.trim() : undefined) ??
          (el.id ? document.querySelector(`label[for="${el.id}"]`)?.textContent?.trim() : undefined) ??
          el.closest('label')?.textContent?.trim() ??
          el.textContent?.trim().slice(0, 30) ??
          '';
        return { key: `${el.tagName}:${el.getAttribute('type') ?? ''}:${name}`, visible };
      });
      if (!info) continue;
      seen.add(info.key);
      if (!info.visible) unfocusedStyle.push(info.key);
    }
    const keys = [...seen].join('\n');
    expect(keys).toMatch(/BUTTON:.*Play/);
    expect(keys).toMatch(/INPUT:range:.*width/i);
    // the page is on the Loss view (the axe test opened it): its tab is the strip's one tab stop
    expect(keys).toMatch(/BUTTON:button:Loss/);
    expect(keys).toMatch(/Download Loss as PNG/);
    expect(keys).toMatch(/svg:.*loss/i);
    unfocusedStyle = [...new Set(unfocusedStyle)];
    expect(unfocusedStyle, 'elements without a visible focus indicator').toEqual([]);
  });

  it('screenshots at 1280×720 and 390×844: no horizontal overflow, settings in a drawer on the phone', async () => {
    const { page } = p!;
    await page.setViewportSize({ width: 1280, height: 720 });
    await settle(page);
    await screenshot(page, 'lab-1280x720');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1280);
    // no lone half-empty row: the last panel is alone in its row only if it spans the row
    const cells = await page.locator('.panel-grid > .panel-cell').evaluateAll((els) => els.map((e) => e.getBoundingClientRect()).map((r) => ({ top: Math.round(r.top), width: Math.round(r.width) })));
    const grid = await page.locator('.panel-grid').evaluate((e) => e.getBoundingClientRect().width);
    const lastRow = cells.filter((c) => c.top === cells[cells.length - 1].top);
    expect(lastRow.reduce((s, c) => s + c.width, 0), `last row cells ${JSON.stringify(lastRow)} in a ${grid}px grid`).toBeGreaterThan(grid * 0.9);

    await page.setViewportSize({ width: 390, height: 844 });
    await settle(page);
    expect(await page.evaluate(() => document.documentElement.scrollWidth), 'no horizontal scrolling on a phone').toBeLessThanOrEqual(390);
    const toggle = page.getByRole('button', { name: /settings/i });
    await expect.poll(() => toggle.getAttribute('aria-expanded')).toBe('false');
    expect(await page.getByRole('slider', { name: /width/i }).first().isVisible()).toBe(false);
    expect(await page.getByRole('button', { name: /^[^a-z]*play/i }).first().isVisible(), 'transport stays visible').toBe(true);
    await screenshot(page, 'lab-390x844');
    await toggle.click();
    expect(await page.getByRole('slider', { name: /width/i }).first().isVisible()).toBe(true);
    await screenshot(page, 'lab-390x844-drawer');
    const v = (await axeViolations(page)).filter(serious);
    expect(v, JSON.stringify(v, null, 2)).toEqual([]);
    await page.keyboard.press('Escape');
  });
});

// ---- the built app under a sub-path, and offline ----------------------------------------------

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.mjs': 'text/javascript',
  '.css': 'text/css',
  '.wasm': 'application/wasm',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
};

/** A static server for dist/ at `prefix` (like GitHub Pages at /user/repo/), optionally without COOP/COEP. */
function serveDist(prefix: string, isolation: boolean): Promise<{ server: Server; url: string; requests: string[] }> {
  const requests: string[] = [];
  const server = createServer((req, res) => {
    const u = new URL(req.url ?? '/', 'http://x');
    requests.push(u.pathname);
    if (!u.pathname.startsWith(prefix)) {
      res.writeHead(404).end('outside the sub-path');
      return;
    }
    let rel = decodeURIComponent(u.pathname.slice(prefix.length)) || 'index.html';
    if (rel.endsWith('/')) rel += 'index.html';
    const file = path.join(DIST, rel);
    if (!file.startsWith(DIST) || !existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404).end('not found');
      return;
    }
    const headers: Record<string, string> = { 'Content-Type': TYPES[path.extname(file)] ?? 'application/octet-stream', 'Cache-Control': 'no-cache' };
    if (isolation) Object.assign(headers, { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' });
    res.writeHead(200, headers).end(readFileSync(file));
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const addr = server.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      resolve({ server, url: `http://127.0.0.1:${port}${prefix}`, requests });
    });
  });
}

describe('static build', () => {
  let srv: Awaited<ReturnType<typeof serveDist>> | undefined;
  let context: BrowserContext | undefined;
  afterAll(async () => {
    await context?.close().catch(() => undefined);
    await new Promise((r) => srv?.server.close(r));
  });

  it('works served from a sub-path (/user/repo/) and reloads offline once the service worker is active', async () => {
    // No COOP/COEP from this server (like GitHub Pages): the service worker adds them.
    srv = await serveDist('/user/repo/', false);
    context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
    const page = await context.newPage();
    const failed: string[] = [];
    page.on('response', (r) => {
      if (r.status() >= 400) failed.push(`${r.status()} ${r.url()}`);
    });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(srv.url + '?width=32&steps=100', { waitUntil: 'load' });
    const manifest = await page.evaluate(async () => {
      const href = document.querySelector('link[rel=manifest]')?.getAttribute('href');
      return href ? ((await (await fetch(href)).json()) as { icons: { src: string }[]; start_url: string }) : null;
    });
    expect(manifest?.start_url).toBe('./');
    expect(manifest?.icons.length).toBeGreaterThanOrEqual(3);
    await waitForBackend(page, 90_000);
    await play(page);
    expect(await waitForSteps(page, 5, 120_000)).toBeGreaterThanOrEqual(5);
    expect(failed, 'no 404s under the sub-path').toEqual([]);
    expect(srv.requests.every((r) => r.startsWith('/user/repo/')), `requests outside the sub-path: ${srv.requests.filter((r) => !r.startsWith('/user/repo/')).join(', ')}`).toBe(true);

    // service worker active and controlling the page (it precached everything during install)
    await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
    await waitUntil(() => page.evaluate(() => navigator.serviceWorker.controller !== null), 30_000);
    expect(await page.evaluate(() => navigator.serviceWorker.controller?.scriptURL)).toMatch(/\/user\/repo\/sw\.js$/);

    const before = srv.requests.length;
    await context.setOffline(true);
    await page.reload({ waitUntil: 'load' });
    await waitForBackend(page, 90_000);
    expect(await page.evaluate(() => crossOriginIsolated), 'offline page is cross-origin isolated through the service worker headers').toBe(true);
    await play(page);
    expect(await waitForSteps(page, 5, 120_000), 'trains offline').toBeGreaterThanOrEqual(5);
    // only the service worker's own update check may try the network (and fail): no app file
    const offlineRequests = srv.requests.slice(before).filter((r) => !/\/sw\.js$/.test(r));
    expect(offlineRequests, 'no app file was fetched from the server while offline').toEqual([]);
    // another setting (query string) also loads offline
    await page.goto(srv.url + '?width=16&activation=relu', { waitUntil: 'load' });
    await waitForBackend(page, 90_000);
    expect(await page.getByRole('heading', { name: 'Tangent Lab' }).isVisible()).toBe(true);
    expect(errors, errors.join('\n')).toEqual([]);
  });
});

void tail;
