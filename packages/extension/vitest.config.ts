import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'extension',
    // The extension's pure modules; the built extension is tested in Chromium (test/e2e).
    include: ['src/**/*.test.ts'],
  },
});
