import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    exclude: ['src/**/*.soak.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 30_000,
  },
});
