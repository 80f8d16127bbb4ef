import { defineConfig } from 'vitest/config';

// Browser tests: the built app (npm run build) in a child process, driven by Debian's chromium.
export default defineConfig({
  test: {
    include: ['e2e/**/*.e2e.test.ts'],
    testTimeout: 90_000,
    hookTimeout: 90_000,
    pool: 'forks',
    maxWorkers: 1,
    fileParallelism: false,
  },
});
