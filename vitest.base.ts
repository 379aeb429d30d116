import { defineConfig } from 'vitest/config';

/**
 * The one test setup of every `@qontak/*` package: the tests under `src/` (`*.test.ts`, and the type
 * tests `*.test-d.ts` checked by tsc), 30 s for a test or a hook (they start real servers).
 */
export function packageTests() {
  return defineConfig({
    test: {
      include: ['src/**/*.test.ts'],
      testTimeout: 30_000,
      hookTimeout: 30_000,
      typecheck: { enabled: true, include: ['src/**/*.test-d.ts'] },
    },
  });
}
