// The panels' display formulas are never cut off: on a laptop (1280×800) and a phone (390×844) the
// gap, eigenmode and feature-alignment formulas — the widest, two equations each — lie inside their
// Explain popover: the formula box does not scroll, and every rendered equation's box is inside the
// popover and the viewport (they wrap between equations, and shrink a little where one is still too
// wide: src/ui/plots/formulaPieces.ts, PanelFrame's ScrollableFormula).
import { describe, expect, it } from 'vitest';
import { closePage, fileBrowser, openApp, screenshot } from './helpers';

const browser = fileBrowser();
const SIZES = [
  { width: 1280, height: 800 },
  { width: 390, height: 844 },
] as const;
const PANELS = ['gap', 'modes', 'nfa'] as const;

describe('panel formulas fit their panel', () => {
  for (const size of SIZES) {
    it(`gap, modes and feature alignment at ${size.width}×${size.height}`, async () => {
      const p = await openApp(browser, '?backend=wasm');
      const { page } = p;
      try {
        await page.setViewportSize(size);
        const problems: string[] = [];
        for (const key of PANELS) {
          const tab = page.locator(`.view-tab[data-view="${key}"]`);
          if ((await tab.count()) > 0) await tab.click();
          const panel = page.locator(`section.tl-panel[data-panel="${key}"]`);
          await panel.waitFor({ timeout: 60_000 });
          const summary = panel.locator('.panel-about > summary');
          await summary.scrollIntoViewIfNeeded();
          await summary.click();
          const formula = panel.locator('.panel-formula');
          await formula.locator('.katex').first().waitFor({ timeout: 30_000 });
          await page.evaluate(() => document.fonts.ready.then(() => undefined));
          await page.waitForTimeout(300); // the formula's fit is set from a ResizeObserver callback
          const m = await formula.evaluate((el) => {
            const body = el.closest('.panel-about-body')!.getBoundingClientRect();
            const vw = document.documentElement.clientWidth;
            const pieces = [...el.querySelectorAll('.katex-display > .katex')].map((k) => {
              const r = k.getBoundingClientRect();
              // the glyphs' extent: the widest run of the equation
              let right = r.left;
              for (const b of k.querySelectorAll('.katex-html > .base')) right = Math.max(right, b.getBoundingClientRect().right);
              return { left: r.left, right };
            });
            return { scrollWidth: el.scrollWidth, clientWidth: el.clientWidth, body: { left: body.left, right: body.right }, vw, pieces, scale: el.getAttribute('data-scale') };
          });
          const tag = `${key} at ${size.width}×${size.height}`;
          if (m.pieces.length < 2) problems.push(`${tag}: ${m.pieces.length} equation(s) rendered, expected 2`);
          if (m.scrollWidth > m.clientWidth + 1) problems.push(`${tag}: the formula scrolls (${m.scrollWidth} in ${m.clientWidth}, scale ${m.scale})`);
          for (const q of m.pieces) {
            if (q.left < m.body.left - 1 || q.right > m.body.right + 1) problems.push(`${tag}: an equation spans ${Math.round(q.left)}–${Math.round(q.right)}, outside its popover ${Math.round(m.body.left)}–${Math.round(m.body.right)}`);
            if (q.right > m.vw + 1) problems.push(`${tag}: an equation ends at ${Math.round(q.right)}, past the viewport (${m.vw})`);
          }
          await screenshot(page, `formula-fit-${key}-${size.width}x${size.height}`);
          await summary.click(); // close the popover again
        }
        expect(problems, problems.join('\n')).toEqual([]);
        expect(p.errors).toEqual([]);
      } finally {
        await closePage(p);
      }
    });
  }
});
