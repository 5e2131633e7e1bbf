import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { pwa } from './vite.pwa';

// COOP/COEP make the page cross-origin isolated, which the wasm backend needs for threads;
// tfjsWasmThreads keeps tfjs-wasm's threaded build working once bundled into the worker.
const isolation = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

// Vite plugin: makes tfjs-backend-wasm's threaded build work in a bundled (minified) worker.
//
// tfjs starts each emscripten pthread worker from a Blob holding `wasmFactoryThreadedSimd.toString()`,
// so that function must not refer to anything outside its own body. Emscripten's factory refers to
// `_scriptDir`, declared in the IIFE around it and read behind a `typeof _scriptDir !== "undefined"`
// guard; a minifier renames the variable and, knowing it is declared, drops the guard, and the
// pthread worker fails with "ReferenceError: e is not defined". This moves the `_scriptDir`
// declaration into the factory itself (same value wherever there is no document.currentScript,
// as in any worker), so the factory is self-contained after any renaming.
const FILE = /tfjs-backend-wasm-threaded-simd\.js$/;
const HEADER = /var _scriptDir = (typeof document !== 'undefined' && document\.currentScript \? document\.currentScript\.src : undefined);\s*\n\s*if \(typeof __filename !== 'undefined'\) _scriptDir = _scriptDir \|\| __filename;\s*\n(\s*return \(\s*\nfunction\(WasmBackendModuleThreadedSimd\) \{)/;

function tfjsWasmThreads(): Plugin {
  return {
    name: 'tfjs-wasm-threads',
    enforce: 'pre',
    transform(code: string, id: string) {
      if (!FILE.test(id.split('?')[0])) return null;
      if (!HEADER.test(code)) {
        this.warn('tfjs-wasm-threads: unexpected tfjs-backend-wasm-threaded-simd.js layout; wasm threads may fail in the bundle');
        return null;
      }
      const out = code.replace(
        HEADER,
        (_m: string, init: string, ret: string) => `${ret}\n  var _scriptDir = ${init};\n  if (typeof __filename !== 'undefined') _scriptDir = _scriptDir || __filename;`,
      );
      return { code: out, map: null };
    },
  };
}

export default defineConfig({
  plugins: [react(), tfjsWasmThreads(), pwa],
  base: './',
  server: { headers: isolation },
  preview: { headers: isolation },
  worker: { format: 'es', plugins: () => [tfjsWasmThreads()] },
  build: { target: 'es2022', chunkSizeWarningLimit: 2500 },
});
