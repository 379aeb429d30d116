import 'reflect-metadata';
import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { DEMO_PASSWORD, DEMO_USERNAME, startEmulator, type QontakEmulator } from '@qontak/emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppModule } from '../app.module';

const QONTAK_VARIABLES = [
  'QONTAK_BASE_URL',
  'QONTAK_USERNAME',
  'QONTAK_PASSWORD',
  'QONTAK_CLIENT_ID',
  'QONTAK_CLIENT_SECRET',
];

describe('example-nest app', () => {
  const savedEnv = new Map(QONTAK_VARIABLES.map((name) => [name, process.env[name]]));
  let emulator: QontakEmulator;
  let app: INestApplication;
  let url: string;

  beforeAll(async () => {
    emulator = await startEmulator();
    for (const name of QONTAK_VARIABLES) delete process.env[name];
    Object.assign(process.env, {
      QONTAK_BASE_URL: emulator.url,
      QONTAK_USERNAME: DEMO_USERNAME,
      QONTAK_PASSWORD: DEMO_PASSWORD,
    });
    const moduleRef = await Test.createTestingModule({ imports: [AppModule] }).compile();
    app = moduleRef.createNestApplication({ logger: false });
    await app.listen(0, '127.0.0.1');
    url = `http://127.0.0.1:${(app.getHttpServer().address() as { port: number }).port}`;
  });

  afterAll(async () => {
    await app?.close();
    await emulator?.close();
    for (const [name, value] of savedEnv) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  });

  it('GET /qontak/health answers with Qontak health status and body', async () => {
    const response = await fetch(`${url}/qontak/health`);

    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: 200, body: { status: 'success' } });
  });

  it('GET /health reports the Qontak indicator up', async () => {
    const response = await fetch(`${url}/health`);

    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: 'ok', info: { qontak: { status: 'up' } } });
  });

  it('uses one password grant for every call', () => {
    expect(emulator.stats().grants.password).toEqual({ ok: 1, failed: 0 });
    expect(emulator.stats().health).toEqual({ 200: 2 });
  });
});
