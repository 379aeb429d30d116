import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, packageDir } from './support/run-node';

const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
const consumers: string[] = [];

afterEach(() => {
  for (const dir of consumers.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/**
 * What Nest 10's generated tsconfig resolves with: `"module": "commonjs"` and the old `node` (node10)
 * resolution, which reads `main` / `types` / `typesVersions` and ignores `exports`.
 */
const NODE10_TSCONFIG = {
  compilerOptions: {
    module: 'commonjs',
    moduleResolution: 'node',
    target: 'ES2021',
    lib: ['ES2022', 'DOM'],
    strict: true,
    skipLibCheck: true,
    experimentalDecorators: true,
    emitDecoratorMetadata: true,
    noEmit: true,
    types: [],
  },
  files: ['consumer.ts'],
};

/** Uses every entry point; each `@ts-expect-error` fails the build if a type resolved to `any`. */
const CONSUMER = `
import { QontakAuthModule, type QontakAuthModuleOptions } from '@qontak/nestjs';
import { QontakHealthIndicator, type QontakHealthCheckOptions } from '@qontak/nestjs/terminus';
import { QontakWebhooksModule, type QontakWebhooksModuleOptions } from '@qontak/nestjs/webhooks';

const health: QontakHealthCheckOptions = { timeoutMs: 1_000 };
// @ts-expect-error timeoutMs is a number of milliseconds
const badHealth: QontakHealthCheckOptions = { timeoutMs: 'soon' };
const options: QontakAuthModuleOptions = { accessToken: 'dashboard-token' };
// @ts-expect-error there is no scheme option
const badOptions: QontakAuthModuleOptions = { scheme: 'mekari-hmac', clientId: 'id', clientSecret: 'secret' };

const webhooks: QontakWebhooksModuleOptions = { secret: 'x'.repeat(32), onEvent: (event) => event.data_event };
// @ts-expect-error onEvent is a function of the event
const badWebhooks: QontakWebhooksModuleOptions = { secret: 'x'.repeat(32), onEvent: 'log' };

export const used = [
  QontakAuthModule.forRoot(options),
  QontakHealthIndicator,
  health,
  badHealth,
  badOptions,
  QontakWebhooksModule.forRoot(webhooks),
  badWebhooks,
];
`;

/** A consumer project in a temp folder whose `node_modules/@qontak/nestjs` is this package (built). */
function node10Consumer(): string {
  const dir = mkdtempSync(join(tmpdir(), 'qontak-nestjs-node10-'));
  consumers.push(dir);
  mkdirSync(join(dir, 'node_modules', '@qontak'), { recursive: true });
  symlinkSync(packageDir, join(dir, 'node_modules', '@qontak', 'nestjs'), 'dir');
  writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify(NODE10_TSCONFIG, null, 2));
  writeFileSync(join(dir, 'consumer.ts'), CONSUMER);
  return dir;
}

describe('@qontak/nestjs under moduleResolution node (node10)', () => {
  beforeAll(assertBuilt);

  it('resolves and typechecks both entry points with tsc, as a Nest 10 app compiles them', () => {
    const dir = node10Consumer();

    const result = spawnSync(process.execPath, [tsc, '-p', join(dir, 'tsconfig.json')], {
      encoding: 'utf8',
      timeout: 60_000,
    });

    expect({ status: result.status, output: result.stdout + result.stderr }).toEqual({
      status: 0,
      output: '',
    });
  });
});
