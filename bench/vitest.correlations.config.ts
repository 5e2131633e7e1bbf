import { defineConfig } from 'vitest/config';

// Runs the manual correlation sweep/timing (bench/*.bench-run.test.ts), kept out of the default
// unit run (same settings as vitest.config.ts, other include):
//   npx vitest run --config bench/vitest.correlations.config.ts
export default defineConfig({
  test: {
    include: ['bench/**/*.bench-run.test.ts'],
    setupFiles: ['tests/unit/setup.ts'],
    server: { deps: { inline: [/@tensorflow/] } },
    testTimeout: 3_600_000,
    hookTimeout: 120_000,
    pool: 'forks',
  },
});
