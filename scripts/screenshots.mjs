// Regenerate the README screenshots from the real app (served at BASE, default the vite preview):
//   npm run build && npx vite preview --port 4173 &  node scripts/screenshots.mjs [BASE]
// Each run plays until done (or a time limit) in headless Debian Chromium.
import { chromium } from 'playwright-core';

const base = process.argv[2] ?? 'http://localhost:4173/';
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});

async function shoot(query, out, clip, limitMs) {
  const page = await browser.newPage({ viewport: { width: 1280, height: 1200 } });
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  await page.goto(base + query, { waitUntil: 'load' });
  await page.getByRole('button', { name: 'Play' }).click();
  await page.waitForFunction(() => document.querySelector('.state-pill')?.textContent?.includes('done'), null, { timeout: limitMs }).catch(() => {});
  await page.waitForTimeout(1500); // last snapshot
  await page.screenshot({ path: out, clip });
  const step = await page.getByTestId('step-count').textContent();
  console.log(`${out}: step ${step}${errors.length ? `, errors: ${errors.join(' | ')}` : ''}`);
  await page.close();
}

await shoot('', 'docs/screenshot.png', { x: 0, y: 0, width: 1280, height: 1180 }, 40_000);
await shoot('?width=16&depth=1', 'docs/narrow.png', { x: 330, y: 80, width: 950, height: 1100 }, 180_000);
await shoot('?width=4096&depth=1', 'docs/wide.png', { x: 330, y: 80, width: 950, height: 1100 }, 180_000);
await browser.close();
