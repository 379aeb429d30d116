import {
  DEMO_ACCESS_TOKEN,
  DEMO_CHANNEL_INTEGRATION_ID,
  DEMO_TEMPLATE_ID,
  DEMO_HMAC_CLIENT_ID,
  DEMO_HMAC_CLIENT_SECRET,
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
      auth: { scheme: 'password', password: '[redacted]' },
      credentials: { authorization: expect.stringMatching(/^Bearer [\w-]{4}…[\w-]{3}$/) },
      health: { url: `${emulator!.url}/api/open/v1/health`, status: 200 },
    });
    const stats = emulator!.stats();
    expect(stats.grants.password).toEqual({ ok: 1, failed: 0 });
    expect(stats.health[200]).toBe(1);
  });

  it('with real credentials sends no template message unless asked', async () => {
    const env = await configured();
    const result = await runDemo({ env });
    expect(result).toMatchObject({ ok: true, broadcast: null });
    expect(emulator!.sent()).toEqual([]);
    expect(emulator!.stats().broadcasts).toEqual({ accepted: 0, rejected: 0 });
  });

  it('with real credentials sends the template message it is asked to, and reads its delivery log', async () => {
    const env = await configured();
    const result = await runDemo({
      env,
      send: {
        to: '+6289876543210',
        toName: 'Budi',
        templateId: DEMO_TEMPLATE_ID,
        channelId: DEMO_CHANNEL_INTEGRATION_ID,
        language: 'en',
        params: ['Budi', 'INV-7'],
      },
    });
    expect(result).toMatchObject({
      ok: true,
      broadcast: { to: '+6289876543210', templateId: DEMO_TEMPLATE_ID, log: ['pending'] },
    });
    expect(emulator!.sent()).toEqual([
      expect.objectContaining({
        to_number: '+6289876543210',
        to_name: 'Budi',
        credential: 'bearer',
        language: { code: 'en' },
      }),
    ]);
  });

  it('reports params that do not fit the template as broadcast_failed, and sends nothing', async () => {
    const env = await configured();
    const result = await runDemo({
      env,
      send: {
        to: '6289876543210',
        toName: 'Budi',
        templateId: DEMO_TEMPLATE_ID,
        channelId: DEMO_CHANNEL_INTEGRATION_ID,
        language: 'en',
        params: ['Budi'],
      },
    });
    expect(result).toMatchObject({
      ok: false,
      error: {
        code: 'broadcast_failed',
        message: expect.stringContaining(
          'Template order_shipped: its body has 2 placeholders ({{1}}, {{2}}), got 1 values.',
        ),
      },
    });
    expect(emulator!.stats().broadcasts).toEqual({ accepted: 0, rejected: 0 });
  });

  it('reports a refused template message as broadcast_failed with Qontak messages', async () => {
    const env = await configured();
    const result = await runDemo({
      env,
      send: {
        to: '62812',
        toName: 'x',
        templateId: 'no-such-template',
        channelId: DEMO_CHANNEL_INTEGRATION_ID,
        language: 'id',
        params: [],
      },
    });
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'broadcast_failed', message: expect.stringContaining('HTTP 422') },
    });
  });

  it('with a dashboard access token calls the health check with no grant', async () => {
    emulator = await startEmulator({ port: 0 });
    const result = await runDemo({
      env: { QONTAK_BASE_URL: emulator.url, QONTAK_ACCESS_TOKEN: DEMO_ACCESS_TOKEN },
    });
    expect(result).toMatchObject({
      ok: true,
      auth: { scheme: 'access-token', accessToken: '[redacted]' },
      credentials: {
        authorization: `Bearer ${DEMO_ACCESS_TOKEN.slice(0, 4)}…${DEMO_ACCESS_TOKEN.slice(-3)}`,
      },
      health: { status: 200 },
    });
    expect(emulator.stats().grants.total).toBe(0);
    expect(emulator.stats().health[200]).toBe(1);
  });

  it('with a Mekari HMAC client signs the gateway health check', async () => {
    emulator = await startEmulator({ port: 0 });
    const result = await runDemo({
      env: {
        MEKARI_BASE_URL: emulator.url,
        MEKARI_CLIENT_ID: DEMO_HMAC_CLIENT_ID,
        MEKARI_CLIENT_SECRET: DEMO_HMAC_CLIENT_SECRET,
      },
    });
    expect(result).toMatchObject({
      ok: true,
      auth: { scheme: 'mekari-hmac', clientSecret: '[redacted]' },
      credentials: {
        authorization: expect.stringMatching(
          /^hmac username="demo-hmac-client", .*signature="[^"]{4}…[^"]{3}"$/,
        ),
      },
      health: { url: `${emulator.url}/qontak/chat/v1/health`, status: 200 },
    });
    expect(emulator.stats().gatewayHealth[200]).toBe(1);
  });

  it.each(['password', 'access-token', 'mekari-hmac'] as const)(
    'without credentials runs the embedded emulator with the %s credential',
    async (scheme) => {
      const result = await runDemo({ env: {}, scheme });
      expect(result).toMatchObject({
        ok: true,
        emulator: true,
        health: { status: 200 },
        broadcast: { to: '6281234567890', templateId: DEMO_TEMPLATE_ID, log: ['pending'] },
      });
    },
  );

  it('reports a revoked dashboard access token as health_unauthorized, naming what to do', async () => {
    emulator = await startEmulator({ port: 0 });
    emulator.revokeAll();
    const result = await runDemo({
      env: { QONTAK_BASE_URL: emulator.url, QONTAK_ACCESS_TOKEN: DEMO_ACCESS_TOKEN },
    });
    expect(result).toEqual({
      ok: false,
      error: { code: 'health_unauthorized', message: expect.stringContaining('revoked or replaced') },
    });
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
