import { defineConfig } from 'vitest/config';

// Three tiers (see CONVENTIONS.md): small tests are pure and run once; medium and end-to-end
// tests touch a real database and run on embedded PGlite, and again on PostgreSQL when
// TEST_DATABASE_URL is set (CI sets it).
const dbTests = ['apps/**/*.medium.test.ts', 'apps/**/*.e2e.test.ts', 'packages/**/*.medium.test.ts'];
const ignored = ['**/node_modules/**', '**/dist/**'];

const dbProject = (name: 'pglite' | 'postgres') => ({
  test: {
    name,
    include: dbTests,
    exclude: ignored,
    env: { HOMEWARD_TEST_DB: name },
    globalSetup: ['apps/server/test/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks' as const,
  },
});

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'small',
          include: ['apps/**/*.test.ts', 'packages/**/*.test.ts'],
          exclude: [...ignored, ...dbTests, '**/*.process.test.ts', 'apps/web/**'],
          testTimeout: 30_000,
        },
      },
      {
        // The web application's pure logic (API client, error wording, translations), in node.
        test: {
          name: 'web',
          include: ['apps/web/test/**/*.test.ts'],
          exclude: [...ignored, '**/*.browser.test.ts'],
          testTimeout: 30_000,
        },
      },
      {
        // The web application in Chromium (playwright-core) against a real server; skips, saying so, without /usr/bin/chromium.
        test: {
          name: 'browser',
          include: ['apps/web/test/**/*.browser.test.ts'],
          exclude: ignored,
          testTimeout: 120_000,
          hookTimeout: 240_000,
          fileParallelism: false,
        },
      },
      {
        // Whole processes on an embedded data folder (kill -9, locking, CLI exit codes): run once.
        test: { name: 'process', include: ['apps/**/*.process.test.ts'], exclude: ignored, testTimeout: 120_000, hookTimeout: 60_000 },
      },
      dbProject('pglite'),
      ...(process.env.TEST_DATABASE_URL ? [dbProject('postgres')] : []),
    ],
  },
});
