// Embeds that read on a slide: every embeddable panel of the registry (so a new panel is covered
// without touching this file), at 640×360 (the size the Embed dialog writes) and 1024×576 (a 16:9
// slide), with and without large=1: nothing scrolls, nothing sticks out of the frame, no text is
// rendered smaller than 10 px (13 px with large=1). Measured before Play and after a few steps
// (the plots and readouts change size once data arrives). A panel of several plots shows one view at
// a time in an embed (src/ui/panels/panelViews.ts): after Play every view its switch offers is
// checked. Screenshots: test-output/e2e/embed-fit-*.png.
import { describe, expect, it } from 'vitest';
import { PANELS, type PanelEntry } from '../../src/ui/panels/registry';
import { panelViews } from '../../src/ui/panels/panelViews';
import { button, closePage, openApp, screenshot, waitUntil, fileBrowser } from './helpers';
import { probeLayout } from './layoutProbe';

const SIZES = [
  { width: 640, height: 360 },
  { width: 1024, height: 576 },
] as const;

/** The query that makes a panel apply: its data set, its model (plus `extra`, e.g. another data set). */
function queryFor(entry: PanelEntry, extra: Record<string, string> = {}): string {
  const q = new URLSearchParams({ embed: entry.key, backend: 'wasm', width: '32' });
  if (entry.datasets?.length) q.set('dataset', entry.datasets[0]!);
  if (entry.earlyTimeOnly) q.set('model', 'early-time');
  for (const [k, v] of Object.entries(extra)) q.set(k, v);
  return q.toString();
}

/**
 * Every panel at its default settings, and the early-time panel on high-dimensional data too: there
 * four of its views apply (the width sweep needs the Lab's Run button), on 1-D data two (loss, kernel).
 */
const CASES: { entry: PanelEntry; extra: Record<string, string> }[] = [
  ...PANELS.map((entry) => ({ entry, extra: {} })),
  ...PANELS.filter((e) => e.earlyTimeOnly).map((entry) => ({ entry, extra: { dataset: 'gauss' } })),
];

const browser = fileBrowser();

describe('every ?embed= panel fits a slide', () => {
  for (const { entry, extra } of CASES) {
    const name = `${entry.key}${extra.dataset ? ` (${extra.dataset})` : ''}`;
    it(`${name}: 640×360 and 1024×576, with and without large=1, before and after Play, every view`, async () => {
      const p = await openApp(browser, `?${queryFor(entry, extra)}`);
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
              const tag = `${name} ${size.width}×${size.height}${large ? ' large' : ''} ${phase}`;
              if (m.scrollWidth > m.clientWidth || m.scrollHeight > m.clientHeight) problems.push(`${tag}: scrolls (${m.scrollWidth}×${m.scrollHeight} in ${m.clientWidth}×${m.clientHeight})`);
              for (const o of m.outside.slice(0, 4)) problems.push(`${tag}: outside the frame: ${o}`);
              for (const s of m.small.slice(0, 4)) problems.push(`${tag}: text under ${min}px: ${s}`);
              if (phase.startsWith('after')) await screenshot(page, `embed-fit-${entry.key}${extra.dataset ? `-${extra.dataset}` : ''}-${phase.slice(6) || 'main'}-${size.width}x${size.height}${large ? '-large' : ''}`);
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
        // a panel of several plots: each view its switch offers (views that do not apply to the run are not offered)
        const parts = await page.locator('.embed .view-switch-button').evaluateAll((els) => els.map((e) => e.getAttribute('data-part') ?? ''));
        if (extra.dataset) expect(parts, `${name}: views offered`).toEqual(['loss', 'gap', 'predictions', 'kernel']);
        else if (panelViews(entry.key).length > 0) expect(parts.length, `${name}: views offered`).toBeGreaterThan(1);
        if (parts.length === 0) await check('after');
        for (const part of parts) {
          await page.setViewportSize(SIZES[0]);
          await page.locator(`.embed .view-switch-button[data-part="${part}"]`).click();
          // the pointer leaves the switch: a legend entry that moved under it would open its tooltip
          await page.mouse.move(1, 1);
          await page.waitForTimeout(300);
          await check(`after ${part}`);
        }
        expect(problems, problems.join('\n')).toEqual([]);
        expect(p.errors).toEqual([]);
      } finally {
        await closePage(p);
      }
    });
  }
});
