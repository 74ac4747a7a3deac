import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      'packages/core',
      'packages/testing',
      'packages/server',
      'plugins/*',
      'test',
      'test/server',
    ],
  },
});
