import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'development',
    include: ['src/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 30_000,
  },
});
