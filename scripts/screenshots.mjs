// Regenerate the README screenshots from the real app (served at BASE, default the vite preview):
//   npm run build && npx vite preview --port 4173 &  node scripts/screenshots.mjs [BASE]
// Each run plays until done (or a time limit) in headless Debian Chromium. Desktop shots are the
// first screen a visitor sees (1280×800: controls and the four core plots); the phone shot is the
// top of the page at 390×844; the slide shot is an `?embed=drift&large=1` iframe at 1024×576 on a
// 1280×720 slide with a title, as a speaker would show it.
import { chromium } from 'playwright-core';

const base = process.argv[2] ?? 'http://localhost:4173/';
const only = process.argv[3] ?? null;
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});

async function shoot(name, query, out, { viewport = { width: 1280, height: 800 }, clip, limitMs, fullPageHeight } = {}) {
  if (only && only !== name) return;
  const page = await browser.newPage({ viewport });
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  await page.goto(base + query, { waitUntil: 'load' });
  await page.getByRole('button', { name: /^\W*Play/ }).first().click({ timeout: 60_000 });
  await page.waitForFunction(() => document.querySelector('.state-pill')?.textContent?.includes('done'), null, { timeout: limitMs }).catch(() => {});
  await page.waitForTimeout(1500); // last snapshot
  if (fullPageHeight) await page.setViewportSize({ width: viewport.width, height: fullPageHeight });
  await page.screenshot({ path: out, clip });
  const step = await page.getByTestId('step-count').first().textContent();
  console.log(`${out}: step ${step}${errors.length ? `, errors: ${errors.join(' | ')}` : ''}`);
  await page.close();
}

async function slide(out) {
  if (only && only !== 'slide') return;
  const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
  const src = `${base}?embed=drift&width=16&depth=1&large=1`;
  await page.setContent(`<!doctype html><html><body style="margin:0;background:#0f172a;font:28px system-ui;color:#f8fafc">
    <div style="height:720px;display:flex;flex-direction:column;align-items:center;justify-content:center;gap:18px">
      <h1 style="margin:0;font-size:34px;font-weight:650">A narrow network's kernel moves</h1>
      <iframe src="${src}" width="1024" height="576" style="border:0;border-radius:10px;background:#fff"></iframe>
    </div></body></html>`);
  const frame = page.frames().find((f) => f.url().startsWith(base));
  await frame.getByRole('button', { name: 'Play' }).click({ timeout: 60_000 });
  await page.waitForTimeout(30_000);
  await page.screenshot({ path: out });
  console.log(`${out}: slide with ${src}`);
  await page.close();
}

await shoot('desktop', '', 'docs/screenshot.png', { limitMs: 60_000 });
await shoot('phone', '', 'docs/phone.png', { viewport: { width: 390, height: 844 }, limitMs: 30_000, fullPageHeight: 1500 });
await slide('docs/embed-slide.png');
await shoot('narrow', '?width=16&depth=1', 'docs/narrow.png', { limitMs: 180_000 });
await shoot('wide', '?width=4096&depth=1', 'docs/wide.png', { limitMs: 240_000 });
await browser.close();
