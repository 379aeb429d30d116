import { isQontakAuthError, QontakAuth } from '@qontak/auth-core';
import {
  DEMO_PASSWORD,
  DEMO_USERNAME,
  FULFILLMENT_CLIENT_ID,
  FULFILLMENT_CLIENT_SECRET,
  startEmulator,
} from '@qontak/emulator';
import axios, { type AxiosInstance } from 'axios';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { attachQontakAuth } from '../attach-qontak-auth';
import { createQontakAxios } from '../create-qontak-axios';
import { isQontakAxiosAuthError } from '../qontak-axios-auth-error';

type Emulator = Awaited<ReturnType<typeof startEmulator>>;

const HEALTH = '/api/open/v1/health';
let emulator: Emulator;
const auths: QontakAuth[] = [];

beforeEach(async () => {
  emulator = await startEmulator({ port: 0 });
});

afterEach(async () => {
  await Promise.all(auths.splice(0).map((auth) => auth.close()));
  await emulator.close();
});

function qontakAuth(password = DEMO_PASSWORD, clock: () => number = Date.now): QontakAuth {
  const auth = new QontakAuth({
    baseUrl: emulator.url,
    username: DEMO_USERNAME,
    password,
    clientId: FULFILLMENT_CLIENT_ID,
    clientSecret: FULFILLMENT_CLIENT_SECRET,
    clock,
  });
  auths.push(auth);
  return auth;
}

/**
 * Counts how often each request (by its `x-request-id`) goes through the instance's pipeline: the
 * first send, plus one per replay.
 */
function countSends(instance: AxiosInstance): Map<string, number> {
  const sends = new Map<string, number>();
  instance.interceptors.request.use((config) => {
    const id = String(config.headers.get('x-request-id'));
    sends.set(id, (sends.get(id) ?? 0) + 1);
    return config;
  });
  return sends;
}

function burst(instance: AxiosInstance, count: number, idPrefix = '') {
  return Promise.all(
    Array.from({ length: count }, (_, i) =>
      instance.get(HEALTH, { headers: { 'x-request-id': `${idPrefix}${i}` } }),
    ),
  );
}

/** Revokes `token` the way another client of the account does: `POST /oauth/revoke`. */
async function revokeAtServer(token: string): Promise<void> {
  const response = await fetch(`${emulator.url}/oauth/revoke`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      token,
      client_id: FULFILLMENT_CLIENT_ID,
      client_secret: FULFILLMENT_CLIENT_SECRET,
    }),
  });
  expect(response.status).toBe(200);
  await response.arrayBuffer();
}

describe('createQontakAxios against the emulator', () => {
  it('gets 200 and the health body from /api/open/v1/health', async () => {
    const response = await createQontakAxios(qontakAuth()).get(HEALTH);
    expect(response.status).toBe(200);
    expect(response.data).toMatchObject({ status: 'success', data: expect.any(Object) });
    expect(emulator.stats().grants.password.ok).toBe(1);
  });

  it('makes exactly one password grant for 200 concurrent requests on a cold cache', async () => {
    const responses = await burst(createQontakAxios(qontakAuth()), 200);
    expect(responses.every((r) => r.status === 200)).toBe(true);
    const stats = emulator.stats();
    expect(stats.grants.password.ok).toBe(1);
    expect(stats.grants.total).toBe(1);
    expect(stats.health[200]).toBe(200);
  });

  it('recovers from revokeAll() between two bursts with one new grant and one replay per request', async () => {
    const instance = createQontakAxios(qontakAuth());
    await instance.get(HEALTH);
    emulator.revokeAll();
    const sends = countSends(instance);
    const responses = await burst(instance, 200);
    expect(responses.every((r) => r.status === 200)).toBe(true);
    const stats = emulator.stats();
    expect(stats.grants.password.ok).toBe(2);
    expect(stats.health[401]).toBe(200);
    expect(stats.health[200]).toBe(201);
    expect([...sends.values()].every((n) => n === 2)).toBe(true);
    expect(sends.size).toBe(200);
  });

  it.each(['http', 'fetch'] as const)(
    'replaces a revoked token every time, however soon after the last (%s adapter): revoked 2 s after each recovery, three times',
    async (adapter) => {
      let now = Date.now();
      const auth = qontakAuth(DEMO_PASSWORD, () => now);
      const instance = createQontakAxios(auth, { adapter });
      expect((await instance.get(HEALTH)).status).toBe(200);
      const sends = countSends(instance);
      for (let revocation = 1; revocation <= 3; revocation++) {
        now += 2_000;
        await revokeAtServer(await auth.getAccessToken());
        const before = emulator.stats();
        const responses = await burst(instance, 10, `${revocation}-`);
        expect(responses.map((response) => response.status)).toEqual(Array(10).fill(200));
        const after = emulator.stats();
        // Each request: one 401, one replay, one success; one new grant for all of them.
        expect((after.health[401] ?? 0) - (before.health[401] ?? 0)).toBe(10);
        expect((after.health[200] ?? 0) - (before.health[200] ?? 0)).toBe(10);
        expect(
          after.grants.password.ok +
            after.grants.refresh_token.ok -
            before.grants.password.ok -
            before.grants.refresh_token.ok,
        ).toBe(1);
      }
      expect(sends.size).toBe(30);
      expect([...sends.values()].every((n) => n === 2)).toBe(true);
    },
  );

  it('recovers from revokeAll() while 200 requests are in flight: all succeed, one new grant, at most one replay each', async () => {
    const instance = createQontakAxios(qontakAuth());
    await instance.get(HEALTH);
    const sends = countSends(instance);
    emulator.faults.inject('health', { type: 'latency', ms: 400 }, 200);
    const pending = burst(instance, 200);
    await new Promise((resolve) => setTimeout(resolve, 150));
    emulator.revokeAll();
    const responses = await pending;
    expect(responses.every((r) => r.status === 200)).toBe(true);
    const stats = emulator.stats();
    expect(stats.grants.password.ok).toBe(2);
    expect(stats.grants.total).toBe(2);
    expect([...sends.values()].every((n) => n <= 2)).toBe(true);
    expect(sends.size).toBe(200);
    expect(stats.health[401] ?? 0).toBeGreaterThan(0);
    expect(stats.health[401]).toBe([...sends.values()].filter((n) => n === 2).length);
  });

  it('rejects every caller with the core QontakAuthError (invalid_grant) and its config on a wrong password', async () => {
    const instance = createQontakAxios(qontakAuth('wrong-password'));
    const errors = await Promise.all(
      [1, 2, 3].map((n) =>
        instance.get(HEALTH, { params: { n } }).then(
          () => expect.unreachable('the request should have failed'),
          (error: unknown) => error,
        ),
      ),
    );
    for (const [i, error] of errors.entries()) {
      expect(isQontakAuthError(error) && error.code).toBe('invalid_grant');
      expect(axios.isAxiosError(error)).toBe(false);
      expect(isQontakAxiosAuthError(error) && error.config.params).toEqual({ n: i + 1 });
    }
    const stats = emulator.stats();
    expect(stats.grants.password.failed).toBe(1);
    expect(stats.tokenErrors['invalid_grant']).toBe(1);
    expect(stats.health[401] ?? 0).toBe(0);
  });

  it('authorizes the default axios instance until eject()', async () => {
    const attachment = attachQontakAuth(axios, qontakAuth());
    try {
      expect((await axios.get(`${emulator.url}${HEALTH}`)).status).toBe(200);
    } finally {
      attachment.eject();
    }
    const error = await axios.get(`${emulator.url}${HEALTH}`).then(
      () => expect.unreachable('the request should have been refused'),
      (e: unknown) => e,
    );
    expect(axios.isAxiosError(error) && error.response?.status).toBe(401);
    expect(emulator.stats().health).toMatchObject({ '200': 1, '401': 1 });
  });
});
