import { configDefaults, defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'integration',
    include: ['**/*.test.ts'],
    // test/server and test/packaging are projects of their own, run beside this one.
    exclude: [...configDefaults.exclude, 'server/**', 'packaging/**'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // The browser tests share one Chromium binary and ports; run files one at a time.
    fileParallelism: false,
  },
});
