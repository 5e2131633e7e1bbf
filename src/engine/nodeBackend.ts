// Backend set-up for Node (unit tests, CLI, bench): the tfjs cpu backend, or wasm from node_modules.
import { tf } from './tf';
import '@tensorflow/tfjs-backend-cpu';

export type NodeBackend = 'cpu' | 'wasm';

export async function useNodeBackend(name: NodeBackend = 'cpu'): Promise<string> {
  const g = globalThis as { require?: unknown; __dirname?: string };
  if (typeof g.require !== 'function') {
    const { createRequire } = await import('node:module');
    g.require = createRequire(import.meta.url);
  }
  // IS_TEST and PROD both silence the "install tfjs-node" banner. IS_TEST also checks every kernel for
  // leaked buffers, which on wasm miscounts the tensors a tf.customGrad saves for its backward pass
  // (wasm's clone copies the buffer), so wasm runs with PROD instead.
  tf.env().set('IS_TEST', name !== 'wasm');
  tf.env().set('PROD', name === 'wasm');
  if (name === 'wasm') {
    // tfjs-backend-wasm's ESM entry imports emscripten's CommonJS glue, which Vite's module runner
    // cannot evaluate ("module is not defined"); its flat ESM bundle loads natively in Node and
    // registers the backend in tfjs's global registry, which every tfjs-core copy shares.
    const path = await import('node:path');
    const dir = path.join(path.dirname((g.require as NodeRequire).resolve('@tensorflow/tfjs-backend-wasm/package.json')), 'dist');
    const wasm = (await import(/* @vite-ignore */ path.join(dir, 'tf-backend-wasm.fesm.js'))) as typeof import('@tensorflow/tfjs-backend-wasm');
    wasm.setWasmPaths(dir + path.sep);
    g.__dirname ??= dir; // emscripten's Node branch reads __dirname
  }
  const ok = await tf.setBackend(name);
  if (!ok) throw new Error(`tfjs backend ${name} failed to initialise`);
  await tf.ready();
  return tf.getBackend();
}
