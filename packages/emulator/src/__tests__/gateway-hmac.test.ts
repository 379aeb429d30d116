import { execFileSync } from 'node:child_process';
import { request } from 'node:http';
import { describe, expect, it } from 'vitest';
import {
  DEMO_HMAC_CLIENT_ID,
  DEMO_HMAC_CLIENT_SECRET,
  HMAC_CLOCK_SKEW_SECONDS,
  startEmulator,
} from '../index';
import type { QontakEmulator } from '../index';
import { health, passwordGrant, useEmulator } from './helpers';

const PATH = '/qontak/chat/v1/health';
const NOW = Date.parse('2026-01-01T00:00:00Z');

/** base64 HMAC-SHA256 computed by openssl, independently of the emulator's node:crypto. */
function opensslHmac(secret: string, data: string): string {
  return execFileSync('sh', ['-c', 'openssl dgst -sha256 -hmac "$1" -binary | base64', 'sh', secret], {
    input: data,
  })
    .toString()
    .trim();
}

interface Signed {
  date: string;
  authorization: string;
}

interface SignOptions {
  clientId?: string;
  secret?: string;
  method?: string;
  /** The request target to sign (default: the one sent). */
  target?: string;
  at?: number;
  algorithm?: string;
  headers?: string;
}

/** The gateway's headers for `GET <target>`, signed with openssl. */
function sign(target: string, options: SignOptions = {}): Signed {
  const date = new Date(options.at ?? NOW).toUTCString();
  const signingString = `date: ${date}\n${options.method ?? 'GET'} ${options.target ?? target} HTTP/1.1`;
  const signature = opensslHmac(options.secret ?? DEMO_HMAC_CLIENT_SECRET, signingString);
  const authorization =
    `hmac username="${options.clientId ?? DEMO_HMAC_CLIENT_ID}", algorithm="${options.algorithm ?? 'hmac-sha256'}", ` +
    `headers="${options.headers ?? 'date request-line'}", signature="${signature}"`;
  return { date, authorization };
}

async function gateway(
  emulator: QontakEmulator,
  target: string,
  headers: Record<string, string>,
): Promise<{ status: number; body: unknown }> {
  const response = await fetch(`${emulator.url}${target}`, { headers });
  return { status: response.status, body: await response.json() };
}

describe('the Mekari-gateway route GET /qontak/chat/v1/health (HMAC)', () => {
  const start = useEmulator();
  const atNow = () => start({ clock: () => NOW });

  it('answers 200 in the Qontak envelope to a request signed with the demo client', async () => {
    const emulator = await atNow();
    const { status, body } = await gateway(emulator, PATH, { ...sign(PATH) });
    expect(status).toBe(200);
    expect(body).toEqual({
      status: 'success',
      data: { status: 'ok', service: 'qontak-emulator', gateway: 'mekari', client_id: DEMO_HMAC_CLIENT_ID },
    });
    expect(emulator.stats().gatewayHealth).toEqual({ 200: 1 });
    expect(emulator.stats().health).toEqual({});
  });

  it('verifies the request target exactly as sent, query string included', async () => {
    const emulator = await atNow();
    const target = `${PATH}?q=%C3%A9&page=2`;
    expect((await gateway(emulator, target, { ...sign(target) })).status).toBe(200);
    expect((await gateway(emulator, target, { ...sign(target, { target: PATH }) })).status).toBe(401);
    expect(emulator.stats().gatewayHealth).toEqual({ 200: 1, 401: 1 });
  });

  it.each([
    [
      'a signature made with the wrong secret',
      sign(PATH, { secret: 'not-the-secret' }),
      'HMAC signature does not match',
    ],
    ['a signature over another method', sign(PATH, { method: 'POST' }), 'HMAC signature does not match'],
    [
      'a signature over another path',
      sign(PATH, { target: '/qontak/chat/v1/rooms' }),
      'HMAC signature does not match',
    ],
    ['an unknown client', sign(PATH, { clientId: 'someone-else' }), 'HMAC signature cannot be verified'],
    ['another algorithm', sign(PATH, { algorithm: 'hmac-sha1' }), 'HMAC signature cannot be verified'],
    [
      'a header list without request-line',
      sign(PATH, { headers: 'date' }),
      'HMAC signature cannot be verified',
    ],
  ])('answers 401 {"message"} to %s', async (_name, headers, message) => {
    const emulator = await atNow();
    const { status, body } = await gateway(emulator, PATH, { ...headers });
    expect(status).toBe(401);
    expect(body).toEqual({ message });
    expect(emulator.stats().gatewayHealth).toEqual({ 401: 1 });
  });

  it('answers 401 when the Date or the Authorization header is missing, or the Date is not a date', async () => {
    const emulator = await atNow();
    const { date, authorization } = sign(PATH);
    const noDate = await gateway(emulator, PATH, { authorization });
    expect(noDate).toEqual({
      status: 401,
      body: {
        message:
          'HMAC signature cannot be verified, a valid date or x-date header is required for HMAC Authentication',
      },
    });
    expect(await gateway(emulator, PATH, { date })).toEqual({
      status: 401,
      body: { message: 'Unauthorized' },
    });
    expect((await gateway(emulator, PATH, { date: 'yesterday', authorization })).status).toBe(401);
    expect(emulator.stats().gatewayHealth).toEqual({ 401: 3 });
  });

  it('does not take a bearer token, even a live one', async () => {
    const emulator = await atNow();
    const token = await passwordGrant(emulator);
    const { status } = await gateway(emulator, PATH, { authorization: `Bearer ${token.access_token}` });
    expect(status).toBe(401);
  });

  it('leaves the bearer route alone: an HMAC signature does not open GET /api/open/v1/health', async () => {
    const emulator = await atNow();
    const signed = sign('/api/open/v1/health');
    const response = await fetch(`${emulator.url}/api/open/v1/health`, { headers: { ...signed } });
    expect(response.status).toBe(401);
    expect((await health(emulator)).status).toBe(401);
    expect(emulator.stats().gatewayHealth).toEqual({});
  });

  it(`accepts a Date up to ${HMAC_CLOCK_SKEW_SECONDS} s off the emulator's clock either way, and rejects 301 s`, async () => {
    const emulator = await atNow();
    const statusAt = async (offsetSeconds: number) =>
      (await gateway(emulator, PATH, { ...sign(PATH, { at: NOW + offsetSeconds * 1000 }) })).status;
    expect(await statusAt(-299)).toBe(200);
    expect(await statusAt(299)).toBe(200);
    expect(await statusAt(-300)).toBe(200);
    expect(await statusAt(300)).toBe(200);
    expect(await statusAt(-301)).toBe(401);
    expect(await statusAt(301)).toBe(401);
    expect(emulator.stats().gatewayHealth).toEqual({ 200: 4, 401: 2 });
  });

  it('judges the window on the injected clock, read per request', async () => {
    let now = NOW;
    const emulator = await start({ clock: () => now });
    const signed = sign(PATH);
    expect((await gateway(emulator, PATH, { ...signed })).status).toBe(200);
    now += 299_000;
    expect((await gateway(emulator, PATH, { ...signed })).status).toBe(200);
    now += 2_000;
    expect((await gateway(emulator, PATH, { ...signed })).status).toBe(401);
  });

  it('accepts the configured hmacClients, and only them', async () => {
    const emulator = await start({
      clock: () => NOW,
      hmacClients: [{ clientId: 'team-a', clientSecret: 'a-secret' }],
    });
    expect(
      (await gateway(emulator, PATH, { ...sign(PATH, { clientId: 'team-a', secret: 'a-secret' }) })).status,
    ).toBe(200);
    expect((await gateway(emulator, PATH, { ...sign(PATH) })).status).toBe(401);
  });

  it('verifies a request sent with node:http as well as with fetch', async () => {
    const emulator = await atNow();
    const signed = sign(PATH);
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(`${emulator.url}${PATH}`, { headers: { ...signed } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      req.end();
    });
    expect(status).toBe(200);
  });

  it("serves faults injected into route 'gateway-health' instead of verifying", async () => {
    const emulator = await atNow();
    emulator.faults.inject('gateway-health', { type: 'status', status: 503 });
    expect(emulator.faults.pending('gateway-health')).toBe(1);
    const response = await fetch(`${emulator.url}${PATH}`, { headers: { ...sign(PATH) } });
    expect(response.status).toBe(503);
    await response.arrayBuffer();
    expect((await gateway(emulator, PATH, { ...sign(PATH) })).status).toBe(200);
    expect(emulator.stats()).toMatchObject({ faultsServed: 1, gatewayHealth: { 200: 1 }, requests: 2 });
  });

  it('reset() clears the gateway counters', async () => {
    const emulator = await atNow();
    await gateway(emulator, PATH, { ...sign(PATH) });
    emulator.reset();
    expect(emulator.stats().gatewayHealth).toEqual({});
  });

  it('rejects an incomplete hmacClients entry at start', async () => {
    await expect(startEmulator({ hmacClients: [{ clientId: 'x', clientSecret: '' }] })).rejects.toThrow(
      /hmacClients\[0\] needs a non-empty string clientId and clientSecret/,
    );
  });

  it('never echoes the client secret in a 401', async () => {
    const emulator = await atNow();
    const response = await fetch(`${emulator.url}${PATH}`, { headers: { ...sign(PATH, { secret: 'x' }) } });
    const text = await response.text();
    expect(text).not.toContain(DEMO_HMAC_CLIENT_SECRET);
    expect([...response.headers.values()].join(' ')).not.toContain(DEMO_HMAC_CLIENT_SECRET);
  });
});
