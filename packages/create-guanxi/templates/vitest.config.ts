import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['plugins/**/*.test.ts'],
    // Tests run on SQLite; with GUANXI_TEST_DATABASE_URL=postgres://… set, on PostgreSQL too.
    env: { GUANXI_TEST_SQLITE_ONLY: '1' },
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
