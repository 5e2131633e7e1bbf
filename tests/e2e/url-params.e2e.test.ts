// Settings from the URL: an invalid value is reported by a notice and replaced by the default; a
// learning rate far above the critical one ends in the divergence banner with no NaN drawn.
import type { Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import {
  allPathDs,
  closePage,
  openApp,
  play,
  screenshot,
  slider,
  stepCount,
  tail,
  waitForBackend,
  waitForSteps,
  settle,
  waitUntil,
  type OpenedPage,
  fileBrowser,
} from './helpers';

const browser = fileBrowser();

/** Whether the Width control shows 256: its value, aria-valuetext, label or surrounding text. */
async function widthShown(page: Page, value: number): Promise<string | null> {
  const w = slider(page, /width/i);
  if ((await w.count()) === 0) return null;
  const texts = await w.evaluate((el) => {
    const input = el as HTMLInputElement;
    const out = [input.value, input.getAttribute('aria-valuetext') ?? ''];
    for (const l of Array.from(input.labels ?? [])) out.push(l.textContent ?? '');
    let node: HTMLElement | null = input.parentElement;
    for (let i = 0; i < 2 && node; i++, node = node.parentElement) out.push(node.textContent ?? '');
    return out;
  });
  const re = new RegExp(`(^|[^\\d.])${value}(?![\\d.])`);
  return texts.find((t) => re.test(t)) ?? null;
}

describe('?width=banana', () => {
  let p: OpenedPage | undefined;
  afterAll(async () => {
    await closePage(p);
  });

  it('shows a notice naming width and trains with the default width 256', async () => {
    p = await openApp(browser, '?width=banana');
    const { page } = p;
    const notice = page.getByTestId('notice').filter({ hasText: /width/i }).first();
    await notice.waitFor({ state: 'visible', timeout: 30_000 });
    const role = await notice.getAttribute('role');
    expect(['alert', 'status'], `notice role (${role})`).toContain(role);
    expect(await notice.innerText()).toMatch(/width/i);

    await waitForBackend(page, 90_000);
    expect(await widthShown(page, 256), 'the Width control shows 256').not.toBeNull();
    await play(page);
    const steps = await waitForSteps(page, 10, 120_000);
    expect(steps, `trains with the default width; console:\n${tail(p)}`).toBeGreaterThanOrEqual(10);
    await screenshot(page, 'width-banana');
    expect(p.errors, 'no console errors or page errors').toEqual([]);
  });
});

describe('?lr=1000', () => {
  let p: OpenedPage | undefined;
  afterAll(async () => {
    await closePage(p);
  });

  it('ends in the divergence banner, and no NaN reaches a path', async () => {
    p = await openApp(browser, '?lr=1000');
    const { page } = p;
    await waitForBackend(page, 90_000);
    await play(page);
    const banner = page.getByTestId('diverged').first();
    const shown = await waitUntil(() => banner.isVisible(), 120_000, 250);
    expect(shown, `divergence banner visible (step ${await stepCount(page)}); console:\n${tail(p)}`).toBe(true);
    expect((await banner.innerText()).length, 'banner has text').toBeGreaterThan(0);
    // The plots have drawn the last rows: the run has stopped (state pill "diverged") and two reads
    // of every path, a publish interval (100 ms) and two frames apart, agree.
    await page.locator('[data-testid="run-state"].state-diverged').waitFor({ timeout: 60_000 });
    let ds = await allPathDs(page);
    await waitUntil(async () => {
      await new Promise((r) => setTimeout(r, 150));
      await settle(page);
      const again = await allPathDs(page);
      const same = again.join('\n') === ds.join('\n');
      ds = again;
      return same;
    }, 30_000, 0);
    expect(ds.filter((d) => /NaN|Infinity|undefined/.test(d)), 'no NaN/Infinity in any path d').toEqual([]);
    await screenshot(page, 'lr-diverged');
    expect(p.errors, 'no console errors or page errors').toEqual([]);
  });
});
