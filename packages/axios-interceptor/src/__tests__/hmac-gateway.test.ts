import { MEKARI_QONTAK_HEALTH_PATH, MekariHmacAuth } from '@qontak/auth-core';
import { DEMO_HMAC_CLIENT_ID, DEMO_HMAC_CLIENT_SECRET, startEmulator } from '@qontak/emulator';
import { isAxiosError } from 'axios';
import { afterEach, describe, expect, it } from 'vitest';
import { createQontakAxios } from '../create-qontak-axios';
import { startLocalServer, type LocalServer } from './local-server';

type Emulator = Awaited<ReturnType<typeof startEmulator>>;

const NOW = Date.parse('2026-01-01T00:00:00Z');
const HEALTH = MEKARI_QONTAK_HEALTH_PATH;
const emulators: Emulator[] = [];
const servers: LocalServer[] = [];

afterEach(async () => {
  await Promise.all(emulators.splice(0).map((emulator) => emulator.close()));
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

/** The emulator on a fixed clock, serving the Mekari-gateway route for the demo HMAC client. */
async function gateway(): Promise<Emulator> {
  const emulator = await startEmulator({ clock: () => NOW });
  emulators.push(emulator);
  return emulator;
}

/** A `MekariHmacAuth` for the emulator whose clock is `skewSeconds` off the emulator's. */
function hmacAuth(emulator: Emulator, skewSeconds = 0): MekariHmacAuth {
  return new MekariHmacAuth({
    baseUrl: emulator.url,
    clientId: DEMO_HMAC_CLIENT_ID,
    clientSecret: DEMO_HMAC_CLIENT_SECRET,
    clock: () => NOW + skewSeconds * 1000,
  });
}

async function otherOrigin(): Promise<LocalServer> {
  const server = await startLocalServer(
    (_req, res) => res.writeHead(200, { 'content-type': 'text/plain' }).end('ok'),
    {
      urlHost: 'localhost',
    },
  );
  servers.push(server);
  return server;
}

describe('createQontakAxios with a MekariHmacAuth (the HMAC scheme through the unchanged interceptor)', () => {
  it('gets 200 from the emulator gateway route GET /qontak/chat/v1/health', async () => {
    const emulator = await gateway();
    const response = await createQontakAxios(hmacAuth(emulator)).get(HEALTH);
    expect(response.status).toBe(200);
    expect(response.data).toMatchObject({ status: 'success', data: { client_id: DEMO_HMAC_CLIENT_ID } });
    expect(emulator.stats()).toMatchObject({ gatewayHealth: { 200: 1 }, grants: { total: 0 }, requests: 1 });
  });

  it('signs the URL axios sends, params and non-ASCII characters included', async () => {
    const emulator = await gateway();
    const qontak = createQontakAxios(hmacAuth(emulator));
    expect((await qontak.get(HEALTH, { params: { q: 'é', tag: 'a b', page: 2 } })).status).toBe(200);
    expect((await qontak.get(`${HEALTH}?contact=ñandú`)).status).toBe(200);
    expect(emulator.stats().gatewayHealth).toEqual({ 200: 2 });
  });

  it('signs each of 100 concurrent requests on its own, with no grant', async () => {
    const emulator = await gateway();
    const qontak = createQontakAxios(hmacAuth(emulator));
    const responses = await Promise.all(
      Array.from({ length: 100 }, (_, i) => qontak.get(HEALTH, { params: { i } })),
    );
    expect(responses.every((response) => response.status === 200)).toBe(true);
    expect(emulator.stats()).toMatchObject({
      gatewayHealth: { 200: 100 },
      grants: { total: 0 },
      requests: 100,
    });
  });

  it('is accepted at 299 s of clock skew either way; at 301 s the 401 reaches the caller, not replayed', async () => {
    const emulator = await gateway();
    const statusWithSkew = async (seconds: number) =>
      createQontakAxios(hmacAuth(emulator, seconds))
        .get(HEALTH)
        .then(
          (response) => response.status,
          (error: unknown) => (isAxiosError(error) ? error.response?.status : undefined),
        );
    expect(await statusWithSkew(-299)).toBe(200);
    expect(await statusWithSkew(299)).toBe(200);
    expect(await statusWithSkew(-301)).toBe(401);
    expect(await statusWithSkew(301)).toBe(401);
    expect(emulator.stats()).toMatchObject({ gatewayHealth: { 200: 2, 401: 2 }, requests: 4 });
  });

  it('sends neither Date nor Authorization to another origin', async () => {
    const emulator = await gateway();
    const other = await otherOrigin();
    const response = await createQontakAxios(hmacAuth(emulator)).get(`${other.url}/collect`);
    expect(response.status).toBe(200);
    expect(other.received).toHaveLength(1);
    expect(other.received[0]!.headers.authorization).toBeUndefined();
    expect(other.received[0]!.headers.date).toBeUndefined();
  });

  it('drops Date and Authorization on a redirect from the gateway to another origin', async () => {
    const emulator = await gateway();
    const other = await otherOrigin();
    emulator.faults.inject('gateway-health', {
      type: 'raw',
      status: 302,
      headers: { location: `${other.url}/steal` },
      body: '',
    });
    const response = await createQontakAxios(hmacAuth(emulator)).get(HEALTH);
    expect(response.status).toBe(200);
    expect(other.received).toHaveLength(1);
    expect(other.received[0]!.headers.authorization).toBeUndefined();
    expect(other.received[0]!.headers.date).toBeUndefined();
    expect(emulator.stats().faultsServed).toBe(1);
  });

  it('signs each redirect hop within the gateway for its own request line', async () => {
    const emulator = await gateway();
    emulator.faults.inject('gateway-health', {
      type: 'raw',
      status: 302,
      headers: { location: `${HEALTH}?moved=1` },
      body: '',
    });
    const response = await createQontakAxios(hmacAuth(emulator)).get(HEALTH);
    expect(response.status).toBe(200);
    expect(emulator.stats().gatewayHealth).toEqual({ 200: 1 });
    expect(emulator.stats().faultsServed).toBe(1);
  });

  it('does not sign the way back into the gateway once a redirect chain has left it', async () => {
    const emulator = await gateway();
    const bouncer = await startLocalServer(
      (_req, res) => {
        res.writeHead(302, { location: `${emulator.url}${HEALTH}?back=1` });
        res.end();
      },
      { urlHost: 'localhost' },
    );
    servers.push(bouncer);
    emulator.faults.inject('gateway-health', {
      type: 'raw',
      status: 302,
      headers: { location: `${bouncer.url}/out` },
      body: '',
    });
    const error = await createQontakAxios(hmacAuth(emulator))
      .get(HEALTH)
      .then(
        () => undefined,
        (caught: unknown) => caught,
      );
    expect(isAxiosError(error) && error.response?.status).toBe(401);
    expect(bouncer.received[0]!.headers.authorization).toBeUndefined();
    expect(emulator.stats().gatewayHealth).toEqual({ 401: 1 });
  });

  it('does not sign a redirect INTO the gateway from another origin', async () => {
    const emulator = await gateway();
    const foreign = await startLocalServer(
      (_req, res) => {
        res.writeHead(307, { location: `${emulator.url}${HEALTH}` });
        res.end();
      },
      { urlHost: 'localhost' },
    );
    servers.push(foreign);
    const error = await createQontakAxios(hmacAuth(emulator))
      .get(`${foreign.url}/start`)
      .then(
        () => undefined,
        (caught: unknown) => caught,
      );
    expect(isAxiosError(error) && error.response?.status).toBe(401);
    expect(emulator.stats().gatewayHealth).toEqual({ 401: 1 });
  });
});
