// Serves the built app (dist/) with `vite preview` on a free port for the e2e tests. The COOP/COEP
// headers come from vite.config.ts (preview.headers). The URL is handed to tests via inject('baseURL').
import { existsSync } from 'node:fs';
import { createServer as createNetServer } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { preview, type PreviewServer } from 'vite';
import type { TestProject } from 'vitest/node';
import { findBrowser, type FoundBrowser } from './browser';

declare module 'vitest' {
  export interface ProvidedContext {
    baseURL: string;
    browser: FoundBrowser;
  }
}

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createNetServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  // E2E_DIST_DIR serves another build output (e.g. `vite build --outDir /tmp/x`); default dist/.
  const outDir = path.resolve(root, process.env.E2E_DIST_DIR ?? 'dist');
  if (!existsSync(path.join(outDir, 'index.html'))) {
    throw new Error(`${outDir}/index.html not found: run \`npm run build\` before \`npm run test:e2e\` (npm test does both).`);
  }
  const browser = await findBrowser();
  project.provide('browser', browser);
  console.log(`[e2e] browser: ${browser.executablePath} (${browser.source})`);
  let server: PreviewServer | undefined;
  let lastError: unknown;
  for (let attempt = 0; attempt < 5 && !server; attempt++) {
    const port = await freePort();
    try {
      server = await preview({
        root,
        configFile: path.join(root, 'vite.config.ts'),
        logLevel: 'warn',
        build: { outDir },
        preview: { host: '127.0.0.1', port, strictPort: true, open: false },
      });
    } catch (e) {
      lastError = e; // the port was taken between probing and listening: try another
    }
  }
  if (!server) throw lastError instanceof Error ? lastError : new Error(String(lastError));
  const addr = server.httpServer.address();
  const port = typeof addr === 'object' && addr ? addr.port : 0;
  const baseURL = `http://127.0.0.1:${port}/`;
  project.provide('baseURL', baseURL);
  console.log(`[e2e] vite preview serving ${path.relative(root, outDir) || outDir} at ${baseURL}`);
  const srv = server;
  return async () => {
    await srv.close();
  };
}
