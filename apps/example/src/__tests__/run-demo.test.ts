import {
  DEMO_PASSWORD,
  DEMO_USERNAME,
  FULFILLMENT_CLIENT_ID,
  FULFILLMENT_CLIENT_SECRET,
  startEmulator,
} from '@qontak/emulator';
import { afterEach, describe, expect, it } from 'vitest';
import { runDemo } from '../run-demo';

type Emulator = Awaited<ReturnType<typeof startEmulator>>;

describe('runDemo (in process)', () => {
  let emulator: Emulator | undefined;

  afterEach(async () => {
    await emulator?.close();
    emulator = undefined;
  });

  async function configured(): Promise<Record<string, string>> {
    emulator = await startEmulator({ port: 0 });
    return {
      QONTAK_BASE_URL: emulator.url,
      QONTAK_USERNAME: DEMO_USERNAME,
      QONTAK_PASSWORD: DEMO_PASSWORD,
      QONTAK_CLIENT_ID: FULFILLMENT_CLIENT_ID,
      QONTAK_CLIENT_SECRET: FULFILLMENT_CLIENT_SECRET,
    };
  }

  it('gets one token and one healthy answer from the configured server', async () => {
    const env = await configured();

    const result = await runDemo({ env });

    expect(result).toMatchObject({
      ok: true,
      emulator: false,
      baseUrl: emulator!.url,
      health: { status: 200 },
    });
    const stats = emulator!.stats();
    expect(stats.grants.password).toEqual({ ok: 1, failed: 0 });
    expect(stats.health[200]).toBe(1);
  });

  it('reports timeout, within seconds, when the token endpoint hangs', async () => {
    const env = await configured();
    emulator!.faults.inject('token', { type: 'hang' }, 5);

    const started = Date.now();
    const result = await runDemo({ env, timeoutMs: 300 });

    expect(result).toEqual({
      ok: false,
      error: { code: 'timeout', message: expect.stringContaining('did not answer in time') },
    });
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('reports server_error when the token endpoint keeps answering 503', async () => {
    const env = await configured();
    emulator!.faults.inject('token', { type: 'status', status: 503 }, 5);

    const result = await runDemo({ env, timeoutMs: 1_000 });

    expect(result).toEqual({
      ok: false,
      error: { code: 'server_error', message: expect.stringContaining('server error') },
    });
  });

  it('reports invalid_response when the token endpoint answers something that is not a token', async () => {
    const env = await configured();
    emulator!.faults.inject('token', { type: 'html', status: 200 }, 5);

    const result = await runDemo({ env, timeoutMs: 1_000 });

    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_response' } });
  });

  it('reports server_error when the health check answers 500', async () => {
    const env = await configured();
    emulator!.faults.inject('health', { type: 'status', status: 500 }, 1);

    const result = await runDemo({ env });

    expect(result).toMatchObject({
      ok: false,
      error: { code: 'server_error', message: expect.stringContaining('HTTP 500') },
    });
  });
});
