import type { QontakEmulator } from '@qontak/emulator';
import { describe, expect, it } from 'vitest';
import { MEKARI_API_BASE_URL, MEKARI_QONTAK_HEALTH_PATH } from '../config/constants';
import { MekariHmacAuth } from '../mekari/hmac-auth';
import type { MekariHmacAuthOptions } from '../mekari/hmac-auth-options';
import { signMekariRequest } from '../mekari/hmac-signature';
import { isQontakAuthError } from '../errors/auth-error';
import { emulator, ManualClock } from './support/emulator-fixture';
import { otherOrigin } from './support/other-origin';

const HMAC_CLIENT_ID = 'hmac-client-for-tests';
const HMAC_SECRET = 'S3ntinel-HmacSecret-5d9e02';
const HEALTH = MEKARI_QONTAK_HEALTH_PATH;

/** An emulator whose gateway route knows the test's HMAC client, on `clock`. */
function gateway(clock: ManualClock): Promise<QontakEmulator> {
  return emulator({
    clock: clock.read,
    hmacClients: [{ clientId: HMAC_CLIENT_ID, clientSecret: HMAC_SECRET }],
  });
}

function hmacAuthFor(server: QontakEmulator, options: Partial<MekariHmacAuthOptions> = {}): MekariHmacAuth {
  return new MekariHmacAuth({
    baseUrl: server.url,
    clientId: HMAC_CLIENT_ID,
    clientSecret: HMAC_SECRET,
    ...options,
  });
}

function configErrorOf(build: () => unknown): { code: string; message: string } {
  try {
    build();
  } catch (error) {
    if (isQontakAuthError(error)) return { code: error.code, message: error.message };
    throw error;
  }
  throw new Error('expected a config_error');
}

describe('MekariHmacAuth options', () => {
  it('defaults baseUrl to the Mekari API gateway', () => {
    const auth = new MekariHmacAuth({ clientId: HMAC_CLIENT_ID, clientSecret: HMAC_SECRET });
    expect(auth.baseUrl).toBe(MEKARI_API_BASE_URL);
    expect(MEKARI_API_BASE_URL).toBe('https://api.mekari.com');
    expect(
      new MekariHmacAuth({ clientId: 'a', clientSecret: 'b', baseUrl: 'https://api.mekari.com/' }).baseUrl,
    ).toBe('https://api.mekari.com');
  });

  it('throws config_error naming every missing field', () => {
    expect(configErrorOf(() => new MekariHmacAuth({} as MekariHmacAuthOptions))).toEqual({
      code: 'config_error',
      message: 'MekariHmacAuth: missing or empty options: clientId, clientSecret.',
    });
    expect(configErrorOf(() => new MekariHmacAuth({ clientId: 'x', clientSecret: ' ' }))).toEqual({
      code: 'config_error',
      message: 'MekariHmacAuth: missing or empty option: clientSecret.',
    });
    expect(configErrorOf(() => new MekariHmacAuth(undefined as unknown as MekariHmacAuthOptions)).code).toBe(
      'config_error',
    );
  });

  it('accepts HTTPS and loopback HTTP only, like QontakAuth', () => {
    const make = (baseUrl: string) => () =>
      new MekariHmacAuth({ clientId: 'a', clientSecret: HMAC_SECRET, baseUrl });
    expect(configErrorOf(make('http://api.mekari.com')).message).toMatch(/baseUrl must use https:\/\//);
    expect(configErrorOf(make('not a url')).message).toBe('MekariHmacAuth: baseUrl is not a valid URL.');
    expect(configErrorOf(make('https://u:p@api.mekari.com')).message).toMatch(/must not contain credentials/);
    expect(configErrorOf(make('https://api.mekari.com/?x=1')).message).toMatch(/query or fragment/);
    expect(make('http://127.0.0.1:8080')().baseUrl).toBe('http://127.0.0.1:8080');
    expect(make('http://localhost:8080')().baseUrl).toBe('http://localhost:8080');
    expect(
      configErrorOf(
        () =>
          new MekariHmacAuth({
            clientId: 'a',
            clientSecret: HMAC_SECRET,
            allowedOrigins: ['http://example.com'],
          }),
      ).message,
    ).toMatch(/allowedOrigins\[0\] must use https/);
  });

  it('rejects a clientId that would break the header, and a clock that is not a function', () => {
    expect(
      configErrorOf(() => new MekariHmacAuth({ clientId: 'a"b', clientSecret: HMAC_SECRET })).message,
    ).toMatch(/clientId must not contain quotes/);
    expect(
      configErrorOf(
        () =>
          new MekariHmacAuth({
            clientId: 'a',
            clientSecret: HMAC_SECRET,
            clock: 5 as unknown as () => number,
          }),
      ).message,
    ).toMatch(/clock must be a function/);
  });
});

describe('MekariHmacAuth as a RequestAuthorizer', () => {
  const clock = new ManualClock();
  const auth = new MekariHmacAuth({ clientId: HMAC_CLIENT_ID, clientSecret: HMAC_SECRET, clock: clock.read });

  it("signs requests under the gateway's Qontak Chat path, and nothing else (not another product behind the gateway)", () => {
    expect(auth.isAuthorizedUrl('https://api.mekari.com/qontak/chat/v1/health')).toBe(true);
    expect(auth.isAuthorizedUrl(new URL('https://api.mekari.com/other/product'))).toBe(false);
    expect(auth.isAuthorizedUrl('http://api.mekari.com/qontak/chat/v1/health')).toBe(false);
    expect(auth.isAuthorizedUrl('https://api.mekari.com.evil.example/qontak')).toBe(false);
    expect(auth.isAuthorizedUrl('https://chat-service.qontak.com/api/open/v1/health')).toBe(false);
    expect(auth.isAuthorizedUrl('/relative')).toBe(false);
  });

  it('returns a Date from the clock and the signature over it and the request line', async () => {
    const url = 'https://api.mekari.com/qontak/chat/v1/kontak/ñandú?q=é';
    const headers = await auth.authorizeRequest({ method: 'delete', url });
    expect(headers).toEqual({
      date: 'Thu, 01 Jan 2026 00:00:00 GMT',
      authorization: signMekariRequest({
        clientId: HMAC_CLIENT_ID,
        clientSecret: HMAC_SECRET,
        method: 'DELETE',
        url,
        date: 'Thu, 01 Jan 2026 00:00:00 GMT',
      }),
    });
    expect(Object.isFrozen(headers)).toBe(true);
    clock.advance(1_000);
    expect((await auth.authorizeRequest({ url })).date).toBe('Thu, 01 Jan 2026 00:00:01 GMT');
  });

  it('returns {} for another origin', async () => {
    expect(await auth.authorizeRequest({ url: 'https://example.com/qontak/chat/v1/health' })).toEqual({});
  });

  it('handleUnauthorized() is false: a per-request signature has nothing to drop, so no replay', async () => {
    expect(await auth.handleUnauthorized({ authorization: 'hmac username="x"' })).toBe(false);
  });

  it('close() does nothing and signing keeps working', async () => {
    await auth.close();
    expect(Object.keys(await auth.authorizeRequest({ url: `${MEKARI_API_BASE_URL}${HEALTH}` }))).toEqual([
      'date',
      'authorization',
    ]);
  });
});

describe('MekariHmacAuth.fetch against the emulator gateway route', () => {
  it('gets 200 from GET /qontak/chat/v1/health', async () => {
    const clock = new ManualClock();
    const server = await gateway(clock);
    const auth = hmacAuthFor(server, { clock: clock.read });
    const response = await auth.fetch(HEALTH);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: 'success', data: { client_id: HMAC_CLIENT_ID } });
    expect(server.stats().gatewayHealth).toEqual({ 200: 1 });
  });

  it('signs the query string and percent-encoded characters exactly as sent on the wire', async () => {
    const clock = new ManualClock();
    const server = await gateway(clock);
    const auth = hmacAuthFor(server, { clock: clock.read });
    const response = await auth.fetch(`${HEALTH}?q=é&tag=a b&page=2`);
    expect(response.status).toBe(200);
    expect(server.stats().gatewayHealth).toEqual({ 200: 1 });
  });

  it('is accepted at 299 s of clock skew either way and refused at 301 s, without a replay', async () => {
    const serverClock = new ManualClock();
    const server = await gateway(serverClock);
    const statusWithSkew = async (seconds: number) => {
      const auth = hmacAuthFor(server, { clock: () => serverClock.now + seconds * 1000 });
      const response = await auth.fetch(HEALTH);
      await response.arrayBuffer();
      return response.status;
    };
    expect(await statusWithSkew(-299)).toBe(200);
    expect(await statusWithSkew(299)).toBe(200);
    expect(await statusWithSkew(-301)).toBe(401);
    expect(await statusWithSkew(301)).toBe(401);
    expect(server.stats().gatewayHealth).toEqual({ 200: 2, 401: 2 });
    expect(server.stats().requests).toBe(4);
  });

  it('answers a wrong secret with the gateway 401, sent once', async () => {
    const clock = new ManualClock();
    const server = await gateway(clock);
    const auth = hmacAuthFor(server, { clock: clock.read, clientSecret: 'wrong-secret' });
    const response = await auth.fetch(HEALTH);
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ message: 'HMAC signature does not match' });
    expect(server.stats().requests).toBe(1);
  });

  it('sends neither Date nor Authorization to another origin', async () => {
    const clock = new ManualClock();
    const server = await gateway(clock);
    const other = await otherOrigin();
    const auth = hmacAuthFor(server, { clock: clock.read });
    const response = await auth.fetch(`${other.url}/collect`);
    expect(response.status).toBe(200);
    expect(other.seen).toHaveLength(1);
    expect(other.seen[0]!.authorization).toBeUndefined();
    expect(other.seen[0]!.date).toBeUndefined();
  });

  it('drops the signature on a redirect to another origin and does not sign the way back', async () => {
    const clock = new ManualClock();
    const server = await gateway(clock);
    const other = await otherOrigin(`${server.url}${HEALTH}?back=1`);
    const auth = hmacAuthFor(server, { clock: clock.read });
    server.faults.inject('gateway-health', {
      type: 'raw',
      status: 302,
      headers: { location: `${other.url}/steal` },
      body: '',
    });
    const response = await auth.fetch(HEALTH);
    expect(response.status).toBe(401);
    expect(other.seen).toHaveLength(1);
    expect(other.seen[0]!.authorization).toBeUndefined();
    expect(other.seen[0]!.date).toBeUndefined();
    expect(server.stats()).toMatchObject({ faultsServed: 1, gatewayHealth: { 401: 1 } });
  });

  it('does not sign a redirect INTO the gateway from another origin (a 307 keeps the method and body)', async () => {
    const clock = new ManualClock();
    const server = await gateway(clock);
    const other = await otherOrigin(`${server.url}${HEALTH}`, 307);
    const auth = hmacAuthFor(server, { clock: clock.read });
    const response = await auth.fetch(`${other.url}/start`);
    expect(response.status).toBe(401);
    expect(server.stats().gatewayHealth).toEqual({ 401: 1 });
  });

  it("leaves a caller's own Authorization header alone", async () => {
    const clock = new ManualClock();
    const server = await gateway(clock);
    const auth = hmacAuthFor(server, { clock: clock.read });
    const response = await auth.fetch(HEALTH, { headers: { authorization: 'hmac username="nobody"' } });
    expect(response.status).toBe(401);
    expect(server.stats().gatewayHealth).toEqual({ 401: 1 });
  });

  it('is not accepted by the bearer route: the schemes do not mix', async () => {
    const clock = new ManualClock();
    const server = await gateway(clock);
    const auth = hmacAuthFor(server, { clock: clock.read });
    const response = await auth.fetch('/api/open/v1/health');
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toMatch(/^Bearer realm="Doorkeeper"/);
  });
});
