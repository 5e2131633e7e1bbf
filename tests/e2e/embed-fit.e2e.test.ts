// Embeds that read on a slide: every embeddable panel of the registry (so a new panel is covered
// without touching this file), at 640×360 (the size the Embed dialog writes) and 1024×576 (a 16:9
// slide), with and without large=1: nothing scrolls, nothing sticks out of the frame, no text is
// rendered smaller than 10 px (13 px with large=1). Measured before Play and after a few steps
// (the plots and readouts change size once data arrives). Screenshots: test-output/e2e/embed-fit-*.png.
import { describe, expect, it } from 'vitest';
import { PANELS, type PanelEntry } from '../../src/ui/panels/registry';
import { button, closePage, openApp, screenshot, waitUntil, fileBrowser } from './helpers';
import { probeLayout } from './layoutProbe';

const SIZES = [
  { width: 640, height: 360 },
  { width: 1024, height: 576 },
] as const;

/**
 * Panels that do not fit every frame yet: their test is expected to fail (it.fails), so fixing one
 * turns its test red until it is taken off this list. Measured on 2026-12-06: modes (three views),
 * nfa (plot + heatmaps), digits (grids), early-time (several plots) overflow at 640×360; pair and
 * sharpness overflow only at 640×360 with large=1. The first four are registry `embedScaled`: the
 * embed scales them down to fit (FitBox), so they no longer overlap or clip, but their text falls
 * below 10 px at 640×360 — still a failure of this test.
 */
const NOT_FITTING_YET: readonly string[] = ['early-time', 'modes', 'pair', 'digits', 'nfa', 'sharpness'];

/** The query that makes a panel apply: its data set, its model. */
function queryFor(entry: PanelEntry): string {
  const q = new URLSearchParams({ embed: entry.key, backend: 'wasm', width: '32' });
  if (entry.datasets?.length) q.set('dataset', entry.datasets[0]!);
  if (entry.earlyTimeOnly) q.set('model', 'early-time');
  return q.toString();
}

const browser = fileBrowser();

describe('every ?embed= panel fits a slide', () => {
  for (const entry of PANELS) {
    const test = NOT_FITTING_YET.includes(entry.key) ? it.fails : it;
    test(`${entry.key}: 640×360 and 1024×576, with and without large=1, before and after Play`, async () => {
      const p = await openApp(browser, `?${queryFor(entry)}`);
      const { page } = p;
      try {
        const problems: string[] = [];
        const check = async (phase: string) => {
          for (const large of [false, true]) {
            await page.evaluate((l) => {
              if (l) document.documentElement.dataset.large = '1';
              else delete document.documentElement.dataset.large;
            }, large);
            for (const size of SIZES) {
              await page.setViewportSize(size);
              await page.waitForTimeout(350);
              const min = large ? 13 : 10;
              const m = await probeLayout(page, '.embed', min);
              const tag = `${entry.key} ${size.width}×${size.height}${large ? ' large' : ''} ${phase}`;
              if (m.scrollWidth > m.clientWidth || m.scrollHeight > m.clientHeight) problems.push(`${tag}: scrolls (${m.scrollWidth}×${m.scrollHeight} in ${m.clientWidth}×${m.clientHeight})`);
              for (const o of m.outside.slice(0, 4)) problems.push(`${tag}: outside the frame: ${o}`);
              for (const s of m.small.slice(0, 4)) problems.push(`${tag}: text under ${min}px: ${s}`);
              if (phase === 'after') await screenshot(page, `embed-fit-${entry.key}-${size.width}x${size.height}${large ? '-large' : ''}`);
            }
          }
        };
        await page.locator('.embed .tl-panel, .embed .panel').first().waitFor({ timeout: 60_000 });
        await page.setViewportSize(SIZES[0]);
        await check('before');
        await button(page, 'play').click({ timeout: 60_000 });
        await waitUntil(async () => Number((await page.locator('.embed-step strong').textContent()) ?? 0) >= 20 || (await page.locator('.embed-diverged').count()) > 0, 180_000);
        await button(page, 'pause').click();
        await page.waitForTimeout(600);
        await check('after');
        expect(problems, problems.join('\n')).toEqual([]);
        expect(p.errors).toEqual([]);
      } finally {
        await closePage(p);
      }
    });
  }
});
