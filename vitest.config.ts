// Test runner config: node environment, generous timeouts for the browser and socket suites, and dist/ built first
// (tests/global-setup.ts) for the suites that start the built server.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    globalSetup: ['tests/global-setup.ts'],
  },
});
