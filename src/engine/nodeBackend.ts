// Backend set-up for Node (unit tests, CLI, bench): the tfjs cpu backend, or wasm from node_modules.
import { tf } from './tf';
import '@tensorflow/tfjs-backend-cpu';

export type NodeBackend = 'cpu' | 'wasm';

export async function useNodeBackend(name: NodeBackend = 'cpu'): Promise<string> {
  const g = globalThis as { require?: unknown };
  if (typeof g.require !== 'function') {
    const { createRequire } = await import('node:module');
    g.require = createRequire(import.meta.url);
  }
  tf.env().set('IS_TEST', true); // silences the "install tfjs-node" banner
  if (name === 'wasm') {
    const wasm = await import('@tensorflow/tfjs-backend-wasm');
    const path = await import('node:path');
    const dir = path.dirname((g.require as NodeRequire).resolve('@tensorflow/tfjs-backend-wasm/package.json'));
    wasm.setWasmPaths(path.join(dir, 'dist') + path.sep);
  }
  const ok = await tf.setBackend(name);
  if (!ok) throw new Error(`tfjs backend ${name} failed to initialise`);
  await tf.ready();
  return tf.getBackend();
}
