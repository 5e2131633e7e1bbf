// Draws the app icon (a curve and its tangent line at one point: the network and its
// linearisation) as SVG and renders the PNG icons and the social preview image with Debian's
// Chromium. Writes public/icon.svg, icon-192.png, icon-512.png, icon-maskable-512.png,
// apple-touch-icon.png (180) and social-preview.png (1200×630). Run: node scripts/make-icons.mjs
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const out = (f) => path.join(root, 'public', f);

// The curve f(x) = 0.75 tanh(1.7x) + 0.12x on x ∈ [−1.6, 1.6] and its tangent at x₀ = 0.45,
// drawn in a 512 box (y up).
const f = (x) => 0.75 * Math.tanh(1.7 * x) + 0.12 * x;
const df = (x) => 0.75 * 1.7 * (1 - Math.tanh(1.7 * x) ** 2) + 0.12;
const X0 = -1.6, X1 = 1.6, x0 = 0.45;
const sx = (x) => 64 + ((x - X0) / (X1 - X0)) * 384;
const sy = (y) => 256 - y * 170;
const curve = Array.from({ length: 81 }, (_, i) => {
  const x = X0 + ((X1 - X0) * i) / 80;
  return `${i ? 'L' : 'M'}${sx(x).toFixed(1)} ${sy(f(x)).toFixed(1)}`;
}).join(' ');
const ta = x0 - 0.5, tb = x0 + 0.5;
const tan = (x) => f(x0) + df(x0) * (x - x0);

function art({ maskable }) {
  const bg = maskable ? '<rect width="512" height="512" fill="#0b3a5b"/>' : '<rect width="512" height="512" rx="104" fill="#0b3a5b"/>';
  const scale = maskable ? 0.72 : 1; // maskable: keep the drawing inside the 80% safe zone
  const t = `translate(${256 * (1 - scale)} ${256 * (1 - scale)}) scale(${scale})`;
  return `${bg}<g transform="${t}">
  <path d="${curve}" fill="none" stroke="#ffffff" stroke-width="26" stroke-linecap="round" stroke-linejoin="round"/>
  <line x1="${sx(ta).toFixed(1)}" y1="${sy(tan(ta)).toFixed(1)}" x2="${sx(tb).toFixed(1)}" y2="${sy(tan(tb)).toFixed(1)}" stroke="#E69F00" stroke-width="18" stroke-linecap="round" stroke-dasharray="34 22"/>
  <circle cx="${sx(x0).toFixed(1)}" cy="${sy(f(x0)).toFixed(1)}" r="26" fill="#56B4E9" stroke="#0b3a5b" stroke-width="8"/>
</g>`;
}
const svg = (opts) => `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 512 512" width="512" height="512">\n${art(opts)}\n</svg>\n`;

writeFileSync(out('icon.svg'), svg({ maskable: false }));

const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: ['--no-sandbox'] });
const page = await browser.newPage();
async function render(html, w, h, file) {
  await page.setViewportSize({ width: w, height: h });
  await page.setContent(`<!doctype html><html><body style="margin:0;background:transparent">${html}</body></html>`);
  await page.screenshot({ path: out(file), omitBackground: true, clip: { x: 0, y: 0, width: w, height: h } });
  console.log('wrote', path.relative(root, out(file)));
}
const sized = (s, n) => s.replace('width="512" height="512"', `width="${n}" height="${n}" style="display:block;flex:none"`);
await render(sized(svg({ maskable: false }), 192), 192, 192, 'icon-192.png');
await render(sized(svg({ maskable: false }), 512), 512, 512, 'icon-512.png');
await render(sized(svg({ maskable: true }), 512), 512, 512, 'icon-maskable-512.png');
await render(sized(svg({ maskable: true }), 180), 180, 180, 'apple-touch-icon.png');
await render(
  `<div style="width:1200px;height:630px;display:flex;align-items:center;gap:56px;padding:0 72px;box-sizing:border-box;background:#0b3a5b;font-family:system-ui,'DejaVu Sans',sans-serif;color:#fff">
     ${sized(svg({ maskable: true }), 400)}
     <div><div style="font-size:84px;font-weight:700;letter-spacing:-1px">Tangent Lab</div>
     <div style="font-size:34px;line-height:1.35;margin-top:18px;color:#dbeafe">Train a neural network live in your browser and watch why a wide one behaves like its linearisation.</div>
     <div style="font-size:26px;margin-top:26px;color:#E69F00">NTK drift · linear twin · derivative correlations</div></div>
   </div>`,
  1200,
  630,
  'social-preview.png',
);
await browser.close();
