// A seeded sample of malformed URLs (as in tests/unit/fuzz.test.ts) opened in the built app: no page
// error, a notice names the bad setting, and the app still trains a step with the defaults.
import { describe, expect, it } from 'vitest';
import { button, closePage, openApp, stepCount, tail, uiState, waitForBackend, waitForSteps, type OpenedPage, fileBrowser } from './helpers';
import { mulberry32 } from '../reference/mulberry32';

const SEED = Number(process.env.FUZZ_SEED ?? 20261125);

const NAMES = ['width', 'depth', 'activation', 'lr', 'sigma-w2', 'sigma-b2', 'bias', 'dataset', 'train', 'test', 'seed', 'optimizer', 'batch', 'log-every', 'digits', 'lr-width-exp', '__proto__', 'constructor', 'widht'];
const VALUES = ['', 'NaN', 'Infinity', '1e999', '-3', '0x10', '１２８', '😀', '<script>alert(1)</script>', '99999999999999999999', '[]', '{}', '__proto__', '7v7', '%zz', 'a'.repeat(300)];

/** ~10 malformed queries: every one has at least one rejected or unknown parameter. */
function fuzzedQueries(n: number): { query: string; bad: string }[] {
  const r = mulberry32(SEED);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)];
  return Array.from({ length: n }, () => {
    const bad = pick(NAMES);
    const params = [`${encodeURIComponent(bad)}=${encodeURIComponent(pick(VALUES))}`, 'width=32', 'steps=50'];
    if (r() < 0.5) params.push(`${encodeURIComponent(pick(NAMES))}=${encodeURIComponent(pick(VALUES))}`);
    if (r() < 0.3) params.push(`${bad}=${encodeURIComponent(pick(VALUES))}`); // duplicate
    return { query: '?' + params.join('&'), bad };
  });
}

const browser = fileBrowser();

describe(`fuzzed URLs in the page (seed ${SEED})`, () => {
  for (const [i, { query, bad }] of fuzzedQueries(10).entries()) {
    it(`case ${i}: ${query.slice(0, 90)}`, async () => {
      let p: OpenedPage | undefined;
      try {
        p = await openApp(browser, query);
        const { page } = p;
        await waitForBackend(page);
        const notice = page.getByTestId('notice').first();
        await notice.waitFor({ state: 'visible', timeout: 30_000 });
        const texts = (await page.getByTestId('notice').allTextContents()).join(' | ');
        expect(texts, `notices for ${query}`).toContain(bad);
        const step = button(page, 'step');
        await step.waitFor({ state: 'visible', timeout: 60_000 });
        await step.click();
        const n = await waitForSteps(page, 1, 60_000);
        expect(n, `${query}: ${await uiState(page)}\n${tail(p)}`).toBeGreaterThanOrEqual(1);
        expect(await stepCount(page)).toBeGreaterThanOrEqual(1);
        expect(p.errors, tail(p)).toEqual([]);
      } finally {
        await closePage(p);
      }
    }, 120_000);
  }
});

/** Links with invalid percent-escapes or cut off mid-escape: tfjs-core on the main thread used to throw on these before React mounted (a blank page). */
const MALFORMED = ['?param=%E0%A4%A', '?%%%', '?width=32&steps=50&lr=%E0%A4', '?width=32&steps=50&dataset=spi%2'];

describe('malformed links show the lab with a notice', () => {
  for (const query of MALFORMED) {
    it(`${query}`, async () => {
      let p: OpenedPage | undefined;
      try {
        p = await openApp(browser, query);
        const { page } = p;
        await waitForBackend(page);
        const texts = async () => (await page.getByTestId('notice').allTextContents()).join(' | ');
        await page.getByTestId('notice').first().waitFor({ state: 'visible', timeout: 30_000 });
        expect(await texts(), query).toContain('The link is malformed');
        const step = button(page, 'step');
        await step.waitFor({ state: 'visible', timeout: 60_000 });
        await step.click();
        expect(await waitForSteps(page, 1, 60_000), `${query}: ${await uiState(page)}\n${tail(p)}`).toBeGreaterThanOrEqual(1);
        expect(p.errors, tail(p)).toEqual([]);
      } finally {
        await closePage(p);
      }
    }, 120_000);
  }
});
