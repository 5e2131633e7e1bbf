// Shared helpers for the e2e tests: launching the Chromium that globalSetup found (tests/e2e/browser.ts)
// through playwright-core, opening the app with a query string, reading the UI contract (test ids,
// accessible names, plot paths) and writing screenshots under test-output/e2e/.
//
// How to write an e2e file (vitest.e2e.config.ts runs files in parallel, two at a time on a 2-core
// machine, each file in its own process with its own browser; the built app is served once by
// globalSetup.ts):
//
//   import { describe, expect, it } from 'vitest';
//   import { closePage, fileBrowser, openApp, waitForBackend, waitForPageReady } from './helpers';
//
//   const browser = fileBrowser(); // launched before the file's first test, closed after its last
//
//   describe('my feature', () => {
//     it('does the thing', async () => {
//       const p = await openApp(browser, '?width=64');   // a fresh context; p.errors collects errors
//       try {
//         await waitForPageReady(p.page, '[data-testid="run-state"]'); // fails if the marker never shows
//         ...
//         expect(p.errors).toEqual([]);
//       } finally {
//         await closePage(p);
//       }
//     });
//   });
//
// (describeBrowser() is the same per describe block, with an `open(query)` that closes the page it
// opened before.) Wait for conditions, never for fixed times: waitUntil / waitForSteps / waitForSeries /
// waitForPageReady / settle, or a playwright locator wait. A fixed wait belongs only in a check that
// something does NOT happen during a window (e.g. a paused figure's step stays put), and says so.
// Files run concurrently, so a test must not depend on the machine being idle (no timed assertions).
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { afterAll, beforeAll, inject } from 'vitest';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const screenshotDir = path.join(root, 'test-output', 'e2e');

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export async function launchBrowser(opts: { webgpu?: boolean } = {}): Promise<Browser> {
  const found = inject('browser');
  return chromium.launch({
    executablePath: found.executablePath,
    env: found.env ? { ...process.env, ...found.env } : undefined,
    headless: true,
    args: opts.webgpu ? [...CHROMIUM_ARGS, '--enable-unsafe-webgpu'] : CHROMIUM_ARGS,
  });
}

/**
 * The file's browser, for module scope: `const browser = fileBrowser();` registers a beforeAll that
 * launches it and an afterAll that closes it. The value returned stands for the browser launched
 * there (every property and method is forwarded to it), so it can be passed to openApp() and used as
 * a playwright Browser from any test or hook of the file; touching it outside a test throws.
 */
export function fileBrowser(opts: { webgpu?: boolean } = {}): Browser {
  let launched: Browser | undefined;
  beforeAll(async () => {
    launched = await launchBrowser(opts);
  });
  afterAll(async () => {
    await launched?.close();
    launched = undefined;
  });
  return new Proxy({} as Browser, {
    get(_target, prop) {
      if (!launched) throw new Error(`fileBrowser(): the browser is used outside a test (reading .${String(prop)})`);
      const value: unknown = Reflect.get(launched, prop, launched);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(launched) : value;
    },
  });
}

/**
 * One describe block's browser: launched in beforeAll and closed in afterAll, together with the page
 * its test opened. `open(query)` opens the app there (closing a page opened before).
 */
export function describeBrowser(opts: { webgpu?: boolean } = {}): { browser: () => Browser; open: (query?: string) => Promise<OpenedPage> } {
  let browser: Browser | undefined;
  let opened: OpenedPage | undefined;
  beforeAll(async () => {
    browser = await launchBrowser(opts);
  });
  afterAll(async () => {
    await closePage(opened);
    await browser?.close();
  });
  return {
    browser: () => browser!,
    open: async (query = '') => {
      await closePage(opened);
      opened = await openApp(browser!, query);
      return opened;
    },
  };
}

export function baseURL(): string {
  return inject('baseURL');
}

export interface OpenedPage {
  page: Page;
  /** console.error messages and uncaught page errors, in order. */
  errors: string[];
  /** Every console message (type: text), for diagnostics in failure messages. */
  log: string[];
}

/** Open the app at `query` (e.g. "?width=64") in a fresh context and collect errors. */
export async function openApp(browser: Browser, query = ''): Promise<OpenedPage> {
  const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
  const page = await context.newPage();
  const errors: string[] = [];
  const log: string[] = [];
  page.on('console', (msg) => {
    const loc = msg.location();
    const where = loc.url ? ` (${loc.url}:${loc.lineNumber})` : '';
    log.push(`${msg.type()}: ${msg.text()}${where}`);
    if (msg.type() === 'error') errors.push(`console.error: ${msg.text()}${where}`);
  });
  page.on('pageerror', (err) => {
    errors.push(`pageerror: ${err.message}`);
    log.push(`pageerror: ${err.message}`);
  });
  page.on('worker', (w) => log.push(`worker started: ${w.url()}`));
  await page.goto(new URL(query, baseURL()).toString(), { waitUntil: 'load' });
  return { page, errors, log };
}

export async function closePage(p: OpenedPage | undefined): Promise<void> {
  if (!p) return;
  await p.page.context().close().catch(() => undefined);
}

/** A one-line summary of the transport (buttons, step, state) and URL, for assertion messages. */
export async function uiState(page: Page): Promise<string> {
  return page
    .evaluate(() => {
      const q = (sel: string) => document.querySelector(sel)?.textContent?.trim() ?? '∅';
      const buttons = Array.from(document.querySelectorAll('button'))
        .filter((b) => /play|pause|step|reset/i.test(b.textContent ?? ''))
        .map((b) => `${b.textContent?.trim()}${b.disabled ? '(disabled)' : ''}`);
      return `step=${q('[data-testid=step-count]')} state=${q('.state-pill')} buttons=[${buttons.join(', ')}] url=${location.search}`;
    })
    .catch((e: unknown) => `(ui state unavailable: ${String(e)})`);
}

/** The last `n` console lines, for assertion messages. */
export function tail(p: OpenedPage, n = 25): string {
  return p.log.slice(-n).join('\n');
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(screenshotDir, { recursive: true });
  const file = path.join(screenshotDir, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

// ---- accessible-name matchers (tolerant of icons such as "▶ Play") ----------------------------

const exactWord = (w: string) => new RegExp(`^[^a-z0-9]*${w}[^a-z0-9]*$`, 'i');

export function button(page: Page, name: 'play' | 'pause' | 'step' | 'reset'): Locator {
  return page.getByRole('button', { name: exactWord(name) }).first();
}

export function slider(page: Page, name: RegExp): Locator {
  return page.getByRole('slider', { name }).first();
}

export const PLOTS = {
  loss: /loss\s*(vs\.?|versus|over)\s*step/i,
  drift: /ntk\s*drift/i,
  gap: /(linear|lineari[sz]ed).*(gap|model)|gap.*linear/i,
  correlations: /derivative\s*correlation/i,
  heatmap: /ntk\s*heat\s*map/i,
};

export function plot(page: Page, label: RegExp): Locator {
  return page.getByRole('img', { name: label }).first();
}

// ---- reading values ------------------------------------------------------------------------------

/** First integer in a text such as "Step 1,234 / 2000" (thousands separators allowed). */
export function firstInt(text: string): number | null {
  const m = /\d[\d,\u2009\u202f]*/.exec(text);
  if (!m) return null;
  return Number(m[0].replace(/[^\d]/g, ''));
}

export async function stepCount(page: Page): Promise<number | null> {
  const loc = page.getByTestId('step-count').first();
  if ((await loc.count()) === 0) return null;
  return firstInt((await loc.textContent()) ?? '');
}

export async function badgeText(page: Page): Promise<string> {
  const loc = page.getByTestId('backend-badge').first();
  if ((await loc.count()) === 0) return '';
  return ((await loc.innerText().catch(() => '')) || (await loc.textContent()) || '').trim();
}

export const BACKEND_RE = /\b(webgpu|webgl|wasm|cpu)\b/i;

/** Poll `fn` until it returns a truthy value or `timeoutMs` passes; returns the last value. */
export async function waitUntil<T>(fn: () => Promise<T>, timeoutMs: number, intervalMs = 250): Promise<T> {
  const end = Date.now() + timeoutMs;
  let v = await fn();
  while (!v && Date.now() < end) {
    await new Promise((r) => setTimeout(r, intervalMs));
    v = await fn();
  }
  return v;
}

/** Two animation frames: whatever the last state change laid out has been painted. */
export async function settle(page: Page): Promise<void> {
  await page.evaluate(() => new Promise<void>((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve()))));
}

/**
 * Wait until the page at hand has rendered: `marker` (a CSS selector of the page's own root, e.g.
 * '[data-page=tour]') is in the DOM, no lazy panel or view is still loading (aria-busy, .view-loading),
 * every KaTeX formula has been typeset (no .formula-pending), the web fonts are in, and two frames have
 * been painted. Throws — failing the test — with what was still missing when `timeoutMs` ran out, so a
 * page that does not render is a failure, never a skip.
 */
export async function waitForPageReady(page: Page, marker: string, timeoutMs = 60_000): Promise<void> {
  const pending = () =>
    page.evaluate((m) => {
      const missing: string[] = [];
      if (document.querySelector(m) === null) missing.push(`marker ${m}`);
      const busy = document.querySelectorAll('[aria-busy="true"], .view-loading').length;
      if (busy > 0) missing.push(`${busy} lazy panel(s)/view(s) still loading`);
      const formulas = document.querySelectorAll('.formula-pending').length;
      if (formulas > 0) missing.push(`${formulas} formula(s) not typeset`);
      if (document.fonts.status !== 'loaded') missing.push('fonts loading');
      return missing;
    }, marker);
  let missing = await pending();
  const end = Date.now() + timeoutMs;
  while (missing.length > 0 && Date.now() < end) {
    await new Promise((r) => setTimeout(r, 100));
    missing = await pending();
  }
  if (missing.length > 0) throw new Error(`page not ready after ${timeoutMs} ms (${page.url()}): ${missing.join('; ')}`);
  await settle(page);
}

/** Wait until the step counter reaches at least `min`; returns the last value read. */
export async function waitForSteps(page: Page, min: number, timeoutMs: number): Promise<number | null> {
  let last: number | null = null;
  await waitUntil(async () => {
    last = await stepCount(page);
    return last !== null && last >= min;
  }, timeoutMs);
  return last;
}

/** Wait until the backend badge names a backend (initialisation finished). */
export async function waitForBackend(page: Page, timeoutMs = 60_000): Promise<string> {
  let text = '';
  await waitUntil(async () => {
    text = await badgeText(page);
    return BACKEND_RE.test(text);
  }, timeoutMs);
  return text;
}

/** Click Play (and check it turns into Pause). */
export async function play(page: Page): Promise<void> {
  const b = button(page, 'play');
  await b.waitFor({ state: 'visible', timeout: 60_000 });
  await b.click();
}

/**
 * Click Pause and wait until the run is really paused: Play shown and the step counter unchanged
 * for ~1 s. (A late status event from the worker can briefly flip the button back to Pause.)
 */
export async function pauseAndSettle(page: Page, timeoutMs = 20_000): Promise<boolean> {
  const pause = button(page, 'pause');
  // a short run may finish (Pause → Play) between the check and the click: never wait long for it
  if (await pause.isVisible()) await pause.click({ timeout: 2000 }).catch(() => undefined);
  const end = Date.now() + timeoutMs;
  let stable = 0;
  let last = await stepCount(page);
  while (Date.now() < end) {
    await new Promise((r) => setTimeout(r, 250));
    if (await pause.isVisible()) {
      // Flipped back to playing (or never paused): pause again.
      await pause.click({ timeout: 2000 }).catch(() => undefined);
      stable = 0;
      continue;
    }
    const s = await stepCount(page);
    stable = s === last && (await button(page, 'play').isVisible()) ? stable + 1 : 0;
    last = s;
    if (stable >= 4) return true;
  }
  return false;
}

export interface PathInfo {
  series: string | null;
  d: string;
  points: number;
  numbers: number[];
  finite: boolean;
}

/** Parse an SVG path `d`: number of vertices (one per command) and every coordinate. */
export function parsePath(d: string): Omit<PathInfo, 'series'> {
  const commands = d.match(/[MLHVCSQTAZmlhvcsqtaz]/g) ?? [];
  const vertexCommands = commands.filter((c) => !/[Zz]/.test(c));
  const bad = /NaN|Infinity|undefined/.test(d);
  const numbers = (d.match(/[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?/g) ?? []).map(Number);
  const finite = !bad && numbers.every((n) => Number.isFinite(n));
  return { d, points: vertexCommands.length, numbers, finite };
}

/** All `path.series-line` elements inside the plot with this label. */
export async function seriesPaths(page: Page, label: RegExp): Promise<PathInfo[]> {
  const svg = plot(page, label);
  if ((await svg.count()) === 0) return [];
  const raw = await svg.locator('path.series-line').evaluateAll((els) =>
    els.map((e) => ({ series: e.getAttribute('data-series'), d: e.getAttribute('d') ?? '' })),
  );
  return raw.map((r) => ({ series: r.series, ...parsePath(r.d) }));
}

/** Every `d` attribute of every path on the page, for NaN checks. */
export async function allPathDs(page: Page): Promise<string[]> {
  return page.locator('path').evaluateAll((els) => els.map((e) => e.getAttribute('d') ?? ''));
}

/** Wait until the plot has a series path with ≥ minPoints vertices, all finite. */
export async function waitForSeries(page: Page, label: RegExp, minPoints: number, timeoutMs: number): Promise<PathInfo[]> {
  let paths: PathInfo[] = [];
  await waitUntil(async () => {
    paths = await seriesPaths(page, label);
    return paths.some((p) => p.points >= minPoints && p.finite);
  }, timeoutMs, 500);
  return paths;
}

export function describePaths(paths: PathInfo[]): string {
  if (paths.length === 0) return '(no path.series-line elements)';
  return paths.map((p) => `${p.series ?? '?'}: ${p.points} pts, finite=${p.finite}, d=${p.d.slice(0, 80)}`).join('\n');
}

/** A tour figure by its id, the step it shows, and whether it is the one training. */
export const fig = (page: Page, id: string): Locator => page.locator(`[data-figure="${id}"]`);
export const figStep = async (page: Page, id: string): Promise<number> => Number((await fig(page, id).getAttribute('data-step')) ?? 'NaN');
export const isActive = async (page: Page, id: string): Promise<boolean> => (await fig(page, id).getAttribute('data-active')) === 'true';

/** Open one of the Lab's views by its tab (e.g. 'Loss', 'NTK heatmap'); the four core plots are on 'At a glance'. */
export async function showView(page: Page, name: string): Promise<void> {
  await page.getByRole('tab', { name, exact: true }).click({ timeout: 60_000 });
}

/** An embed page's geometry: document scroll vs client size, panel count, and the embedded plots' extent. */
export interface EmbedGeometry {
  sw: number;
  cw: number;
  sh: number;
  ch: number;
  panels: number;
  svgs: number;
  svgBottom: number;
  svgRight: number;
  svgHeight: number;
}

export function embedGeometry(page: Page): Promise<EmbedGeometry> {
  return page.evaluate(() => {
    const d = document.documentElement;
    const svgs = [...document.querySelectorAll('.embed-panel svg.plot-svg')].map((s) => s.getBoundingClientRect());
    return {
      sw: d.scrollWidth,
      cw: d.clientWidth,
      sh: d.scrollHeight,
      ch: d.clientHeight,
      panels: document.querySelectorAll('.tl-panel').length,
      svgs: svgs.length,
      svgBottom: Math.max(...svgs.map((r) => r.bottom)),
      svgRight: Math.max(...svgs.map((r) => r.right)),
      svgHeight: Math.min(...svgs.map((r) => r.height)),
    };
  });
}
