import 'reflect-metadata';
import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import {
  DEMO_ACCESS_TOKEN,
  DEMO_HMAC_CLIENT_ID,
  DEMO_HMAC_CLIENT_SECRET,
  DEMO_PASSWORD,
  DEMO_USERNAME,
  startEmulator,
  type QontakEmulator,
} from '@qontak/emulator';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppModule } from '../app.module';

const VARIABLES = [
  'QONTAK_BASE_URL',
  'QONTAK_ACCESS_TOKEN',
  'QONTAK_USERNAME',
  'QONTAK_PASSWORD',
  'QONTAK_CLIENT_ID',
  'QONTAK_CLIENT_SECRET',
  'MEKARI_BASE_URL',
  'MEKARI_CLIENT_ID',
  'MEKARI_CLIENT_SECRET',
  'NODE_ENV',
];

/** Each scheme's credential as the app reads it, and where the emulator counts its health calls. */
const SCHEMES = [
  {
    name: 'password grant',
    variables: (url: string) => ({
      QONTAK_BASE_URL: url,
      QONTAK_USERNAME: DEMO_USERNAME,
      QONTAK_PASSWORD: DEMO_PASSWORD,
    }),
    healthOk: (emulator: QontakEmulator) => emulator.stats().health[200],
    grants: 1,
  },
  {
    name: 'dashboard access token',
    variables: (url: string) => ({ QONTAK_BASE_URL: url, QONTAK_ACCESS_TOKEN: DEMO_ACCESS_TOKEN }),
    healthOk: (emulator: QontakEmulator) => emulator.stats().health[200],
    grants: 0,
  },
  {
    name: 'Mekari gateway HMAC',
    variables: (url: string) => ({
      MEKARI_BASE_URL: url,
      MEKARI_CLIENT_ID: DEMO_HMAC_CLIENT_ID,
      MEKARI_CLIENT_SECRET: DEMO_HMAC_CLIENT_SECRET,
    }),
    healthOk: (emulator: QontakEmulator) => emulator.stats().gatewayHealth[200],
    grants: 0,
  },
];

const savedEnv = new Map(VARIABLES.map((name) => [name, process.env[name]]));
let emulator: QontakEmulator;
let app: INestApplication | undefined;

beforeEach(async () => {
  emulator = await startEmulator();
  for (const name of VARIABLES) delete process.env[name];
});

afterEach(async () => {
  await app?.close();
  app = undefined;
  await emulator.close();
  for (const [name, value] of savedEnv) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
});

/** Boots the app (`AppModule`, as main.ts does) with `variables` in the environment; its URL. */
async function startApp(variables: Record<string, string>): Promise<string> {
  Object.assign(process.env, variables);
  const moduleRef = await Test.createTestingModule({ imports: [AppModule] }).compile();
  app = moduleRef.createNestApplication({ logger: false });
  await app.listen(0, '127.0.0.1');
  return `http://127.0.0.1:${(app.getHttpServer().address() as { port: number }).port}`;
}

describe.each(SCHEMES)('example-nest app under the $name scheme', (scheme) => {
  it('GET /qontak/health answers with Qontak health through the injected axios client, GET /health reports up', async () => {
    const url = await startApp(scheme.variables(emulator.url));

    const qontak = await fetch(`${url}/qontak/health`);
    expect(qontak.status).toBe(200);
    expect(await qontak.json()).toMatchObject({ status: 200, body: { status: 'success' } });

    const health = await fetch(`${url}/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: 'ok', info: { qontak: { status: 'up' } } });

    expect(scheme.healthOk(emulator)).toBe(2);
    expect(emulator.stats().grants.total).toBe(scheme.grants);
  });
});

describe('example-nest app errors', () => {
  it('in production, a wrong password answers 502 with the generic body (the filter), and /health reports down', async () => {
    const url = await startApp({
      NODE_ENV: 'production',
      QONTAK_BASE_URL: emulator.url,
      QONTAK_USERNAME: DEMO_USERNAME,
      QONTAK_PASSWORD: 'Wr0ng-Password-1f2e3d',
    });

    const qontak = await fetch(`${url}/qontak/health`);
    expect(qontak.status).toBe(502);
    expect(qontak.headers.get('cache-control')).toBe('no-store');
    expect(await qontak.json()).toEqual({
      error: 'bad_gateway',
      message: 'The upstream service refused this request.',
    });

    const health = await fetch(`${url}/health`);
    expect(health.status).toBe(503);
    expect(await health.json()).toMatchObject({
      error: { qontak: { status: 'down', code: 'invalid_grant' } },
    });
  });

  it('answers 503 with Retry-After when Qontak rate-limits the token request', async () => {
    emulator.faults.inject('token', { type: 'status', status: 429, retryAfter: '90' });
    const url = await startApp({
      NODE_ENV: 'production',
      QONTAK_BASE_URL: emulator.url,
      QONTAK_USERNAME: DEMO_USERNAME,
      QONTAK_PASSWORD: DEMO_PASSWORD,
    });

    const qontak = await fetch(`${url}/qontak/health`);

    expect(qontak.status).toBe(503);
    expect(qontak.headers.get('retry-after')).toBe('90');
    expect(await qontak.json()).toMatchObject({ error: 'service_unavailable' });
  });

  it('fails at bootstrap with config_error when two credentials are set', async () => {
    await expect(
      startApp({
        QONTAK_ACCESS_TOKEN: DEMO_ACCESS_TOKEN,
        MEKARI_CLIENT_ID: 'id',
        MEKARI_CLIENT_SECRET: 'secret',
      }),
    ).rejects.toMatchObject({
      code: 'config_error',
      message: expect.stringContaining('more than one scheme'),
    });
  });
});
