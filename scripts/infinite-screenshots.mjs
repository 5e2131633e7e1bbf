// The infinite-width screenshots in docs/: the function plot with the network, its linear twin and
// the infinite-width kernel machine, at width 16 and 4096 (one hidden tanh layer, sine, 2000 GD
// steps), and the NTK panel (Θ₀ next to Θ∞) at width 16. From the real app served at BASE:
//   npm run build && npx vite preview --port 4173 &  node scripts/infinite-screenshots.mjs [BASE]
import { chromium } from 'playwright-core';

const base = process.argv[2] ?? 'http://localhost:4173/';
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});

async function shoot(query, out, limitMs) {
  const page = await browser.newPage({ viewport: { width: 900, height: 700 } });
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  await page.goto(base + query, { waitUntil: 'load' });
  await page.getByRole('button', { name: 'Play' }).first().click();
  await page.waitForFunction(() => document.querySelector('.state-pill')?.textContent?.includes('done'), null, { timeout: limitMs }).catch(() => {});
  await page.waitForTimeout(2000); // last snapshot
  await page.screenshot({ path: out, fullPage: true });
  const step = await page.getByTestId('step-count').first().textContent().catch(() => '?');
  console.log(`${out}: step ${step}${errors.length ? `, errors: ${errors.join(' | ')}` : ''}`);
  await page.close();
}

await shoot('?embed=function&width=16&depth=1&steps=2000', 'docs/infinite-16.png', 240_000);
await shoot('?embed=function&width=4096&depth=1&steps=2000', 'docs/infinite-4096.png', 400_000);
await shoot('?embed=ntk&width=16&depth=1&steps=2000', 'docs/infinite-ntk-16.png', 240_000);
await browser.close();
