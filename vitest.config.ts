import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      'packages/core',
      'packages/create-guanxi',
      'packages/create-guanxi/templates',
      'packages/extension',
      'packages/testing',
      'packages/server',
      'plugins/*',
      'test',
      'test/server',
      'test/packaging',
    ],
  },
});
