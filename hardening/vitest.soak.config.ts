import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.soak.test.ts'],
    testTimeout: 600_000,
    hookTimeout: 30_000,
    // global.gc() for the heap measurement of the soak.
    execArgv: ['--expose-gc'],
  },
});
