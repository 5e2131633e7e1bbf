// Viewport screenshot (not full page) plus the tour figures' state: node scripts/classa-shot.mjs <url> <out.png> [WxH] [waitMs] [scrollY]
import { chromium } from 'playwright-core';
const [url, out, size = '1280x720', wait = '5000', scrollY = '0'] = process.argv.slice(2);
const [w, h] = size.split('x').map(Number);
const browser = await chromium.launch({ executablePath: process.env.CHROME_PATH || '/usr/bin/chromium', headless: true, args: ['--no-sandbox'] });
const page = await browser.newPage({ viewport: { width: w, height: h } });
page.on('pageerror', (e) => console.log('pageerror', e.message));
page.on('console', (m) => m.type() === 'error' && console.log('console', m.text()));
await page.goto(url);
if (Number(scrollY)) { await page.waitForTimeout(1500); await page.evaluate((y) => window.scrollTo(0, y), Number(scrollY)); }
await page.waitForTimeout(Number(wait));
await page.screenshot({ path: out });
console.log(JSON.stringify(await page.evaluate(() => ({
  figures: [...document.querySelectorAll('[data-figure]')].map((f) => [f.getAttribute('data-figure'), f.getAttribute('data-active'), f.getAttribute('data-step')]),
  overflow: [document.documentElement.scrollWidth, document.documentElement.clientWidth, document.documentElement.scrollHeight, document.documentElement.clientHeight],
  url: location.href,
}))));
await browser.close();
