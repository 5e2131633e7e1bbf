// Load a TypeScript module of this project in Node through Vite's module runner, so that the
// @tensorflow packages resolve to their ESM builds exactly as in the browser and in Vitest
// (tfjs-core's CommonJS Node bundle registers no gradients). Used by the CLI and the bench.
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

globalThis.require ??= createRequire(import.meta.url); // tfjs-core's Node platform calls require()

export const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Import `relPath` (relative to the project root); returns the module and a close() function. */
export async function importTs(relPath) {
  const { createServer, createServerModuleRunner } = await import('vite');
  const server = await createServer({
    configFile: false,
    root: projectRoot,
    logLevel: 'error',
    appType: 'custom',
    server: { middlewareMode: true, hmr: false, ws: false, watch: null },
    ssr: { noExternal: [/@tensorflow/] },
    optimizeDeps: { noDiscovery: true, include: [] },
  });
  const runner = createServerModuleRunner(server.environments.ssr, { hmr: false });
  const mod = await runner.import('/' + relPath.replace(/^\.?\//, ''));
  const close = async () => {
    await runner.close();
    await server.close();
  };
  return { mod, close };
}
