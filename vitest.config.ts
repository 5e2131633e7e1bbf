import { defineConfig } from 'vitest/config';

// Unit tests run the engine in Node on the tfjs cpu backend. The @tensorflow packages are
// inlined so that Vite resolves their ESM builds (the CJS node bundle of tfjs-core registers
// no gradients); tests/unit/setup.ts provides `require` for tfjs-core's Node platform shim.
export default defineConfig({
  test: {
    include: ['tests/unit/**/*.test.ts'],
    setupFiles: ['tests/unit/setup.ts'],
    server: { deps: { inline: [/@tensorflow/] } },
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // One worker per core (Vitest's default leaves one core for itself: a single worker on 2 cores).
    maxWorkers: '100%',
  },
});
