import { defineConfig } from 'vitest/config';

// Server tests run once per database (FOYER_TEST_DB=sqlite|postgres, set by scripts/test.mjs).
export default defineConfig({
  test: {
    include: ['packages/*/src/**/*.test.ts'],
    exclude: ['**/node_modules/**', '**/dist/**', 'packages/web/**'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    maxWorkers: 2,
  },
});
