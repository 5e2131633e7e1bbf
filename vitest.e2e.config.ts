import { defineConfig } from 'vitest/config';

// End-to-end tests: the built app (dist/, from `npm run build`) served by `vite preview` from
// tests/e2e/globalSetup.ts, driven in Debian Chromium through playwright-core. No unit setup file;
// files run one after another (one browser at a time), with generous timeouts for software GL/GPU.
export default defineConfig({
  test: {
    include: ['tests/e2e/**/*.e2e.test.ts'],
    globalSetup: ['tests/e2e/globalSetup.ts'],
    environment: 'node',
    pool: 'forks',
    fileParallelism: false,
    maxWorkers: 1,
    testTimeout: 240_000,
    hookTimeout: 120_000,
    teardownTimeout: 30_000,
    retry: 0,
  },
});
