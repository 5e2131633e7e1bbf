// Worker crash recovery: with ?debug the page can kill its training worker (as a crash would);
// the app shows an error, and Reset starts a fresh worker that trains the same config again,
// leaving exactly one worker alive. Also: the start-up stage is shown while a run is being built.
import { describe, expect, it } from 'vitest';
import { describeBrowser, button, play, screenshot, stepCount, tail, waitForSteps, waitUntil } from './helpers';

describe('worker crash → visible error, Reset trains again, no zombie worker', () => {
  const fx = describeBrowser();

  it('recovers from a killed worker with Reset', async () => {
    const p = await fx.open('?debug&backend=cpu&width=32&depth=1&train=16&test=16');
    const { page } = p;
    // While starting, the state pill names a start-up stage (or the run is already ready).
    const pill = page.getByTestId('run-state');
    await pill.waitFor({ state: 'visible', timeout: 60_000 });
    await play(page);
    expect(await waitForSteps(page, 5, 120_000), `trains first; console:\n${tail(p)}`).toBeGreaterThanOrEqual(5);
    expect(page.workers().length).toBe(1);

    await page.evaluate(() => (window as unknown as { tangentLabDebug: { crashWorker(): void } }).tangentLabDebug.crashWorker());
    await expect.poll(() => page.getByText(/training worker failed/i).first().isVisible(), { timeout: 10_000 }).toBe(true);
    await expect.poll(() => pill.textContent(), { timeout: 10_000 }).toMatch(/paused/);
    await waitUntil(async () => page.workers().length === 0, 10_000);
    await screenshot(page, 'worker-crashed');
    const stepsAtCrash = await stepCount(page);
    await new Promise((r) => setTimeout(r, 500));
    expect(await stepCount(page)).toBe(stepsAtCrash);

    await button(page, 'reset').click();
    await waitUntil(async () => page.workers().length === 1, 30_000);
    await play(page);
    expect(await waitForSteps(page, 5, 120_000), `trains again after Reset; console:\n${tail(p)}`).toBeGreaterThanOrEqual(5);
    expect(page.workers().length, 'exactly one worker after recovery').toBe(1);
    await screenshot(page, 'worker-recovered');
  });
});
