// The README's Modes screenshots from the real app (served at BASE, default the vite preview):
//   npm run build && npx vite preview --port 4173 &  node scripts/modes-screenshots.mjs [BASE]
// Width 64 vs width 2048, same data, seed and η (0.7, below 2N/λ₁ at both widths), 1000 GD steps,
// the Modes panel as an embed; each run plays to the end in headless Debian Chromium.
import { chromium } from 'playwright-core';

const base = process.argv[2] ?? 'http://localhost:4173/';
const STEPS = 1000;
const browser = await chromium.launch({
  executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});

async function shoot(width, out) {
  const page = await browser.newPage({ viewport: { width: 760, height: 640 } });
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  await page.goto(`${base}?embed=modes&width=${width}&depth=1&lr=0.7&steps=${STEPS}&modes=8`, { waitUntil: 'load' });
  await page.getByRole('button', { name: 'Play' }).click();
  await page.waitForFunction((n) => Number(document.querySelector('.embed-step strong')?.textContent) >= n, STEPS, { timeout: 300_000, polling: 500 });
  await page.waitForTimeout(1500);
  await page.screenshot({ path: out });
  console.log(`${out}: step ${await page.locator('.embed-step strong').textContent()}${errors.length ? `, errors: ${errors.join(' | ')}` : ''}`);
  await page.close();
}

await shoot(64, 'docs/modes-64.png');
await shoot(2048, 'docs/modes-2048.png');
await browser.close();
