import { defineConfig, type Options } from 'tsup';

/**
 * The one build recipe of every `@qontak/*` package: ESM + CJS bundles with `.d.ts` / `.d.cts`
 * declarations, source maps, and every dependency left external.
 */
export function packageBuild(entry: Options['entry'] = ['src/index.ts'], extra: Options = {}) {
  return defineConfig({
    entry,
    format: ['esm', 'cjs'],
    dts: true,
    sourcemap: true,
    clean: true,
    target: 'node20',
    platform: 'node',
    splitting: false,
    treeshake: true,
    ...extra,
  });
}
