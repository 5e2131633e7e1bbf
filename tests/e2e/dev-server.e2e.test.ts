// The README's first command is `npm run dev`: the Vite dev server (with its dependency
// pre-bundling, unlike the production build) must load tfjs in the worker and train.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type ViteDevServer } from 'vite';
import { fileBrowser, root, screenshotDir, uiState } from './helpers';

const browser = fileBrowser();
let server: ViteDevServer;

beforeAll(async () => {
  server = await createServer({
    root,
    configFile: path.join(root, 'vite.config.ts'),
    logLevel: 'warn',
    cacheDir: path.join(root, 'node_modules', '.vite-e2e-dev'),
    server: { host: '127.0.0.1', port: 0, strictPort: false, hmr: false },
  });
  await server.listen();
});

afterAll(async () => {
  await server?.close();
});

describe('dev server (npm run dev)', () => {
  it('serves the app, which trains with no console errors', async () => {
    const addr = server.httpServer!.address();
    const port = typeof addr === 'object' && addr ? addr.port : 0;
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    const errors: string[] = [];
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`http://127.0.0.1:${port}/`, { waitUntil: 'load' });
    await expect.poll(() => page.getByTestId('backend-badge').textContent(), { timeout: 90_000 }).toMatch(/webgpu|webgl|wasm|cpu/);
    await page.getByRole('button', { name: 'Play' }).click();
    await expect
      .poll(async () => Number(await page.getByTestId('step-count').textContent()), { timeout: 90_000, message: await uiState(page) })
      .toBeGreaterThan(20);
    await page.screenshot({ path: path.join(screenshotDir, 'dev-server.png') });
    expect(await page.locator('[role=alert]').allTextContents()).toEqual([]);
    expect(errors).toEqual([]);
  });
});
