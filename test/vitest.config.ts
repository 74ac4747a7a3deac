import { configDefaults, defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'integration',
    include: ['**/*.test.ts'],
    // test/server is a project of its own, whose files may run side by side.
    exclude: [...configDefaults.exclude, 'server/**'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // The browser tests share one Chromium binary and ports; run files one at a time.
    fileParallelism: false,
  },
});
