import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'create-guanxi',
    include: ['src/**/*.test.ts'],
  },
});
