import { defineConfig } from 'vitest/config';

// End-to-end tests: the built app (dist/, from `npm run build`) served by `vite preview` from
// tests/e2e/globalSetup.ts, driven in Debian Chromium through playwright-core. No unit setup file.
// Files run in parallel, one process and one browser each, as many at a time as the machine has
// cores (2 on CI): most of a file's time is the app training in its page, which leaves the other
// core free. Generous timeouts for software GL/GPU and a loaded machine. E2E_WORKERS=1 runs the
// files one after another (to time one file, or on a machine with one core).
export default defineConfig({
  test: {
    include: ['tests/e2e/**/*.e2e.test.ts'],
    globalSetup: ['tests/e2e/globalSetup.ts'],
    environment: 'node',
    pool: 'forks',
    fileParallelism: true,
    maxWorkers: process.env.E2E_WORKERS ? Number(process.env.E2E_WORKERS) : '100%',
    testTimeout: 240_000,
    hookTimeout: 120_000,
    teardownTimeout: 30_000,
    retry: 0,
  },
});
