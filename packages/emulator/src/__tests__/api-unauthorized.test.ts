import { describe, expect, it } from 'vitest';
import { DEMO_ACCESS_TOKEN } from '../index';
import type { QontakEmulator } from '../index';
import { callApi, directBroadcast, hmacHeaders, issuedToken } from './api-helpers';
import { challengeOf, CLIENT, passwordGrant, postJson, useEmulator } from './helpers';

/** Each operation with a request that would be accepted, as [method, path below the base, body]. */
function operations(): [string, string, RequestInit['body'] | undefined, Record<string, string>][] {
  const form = new FormData();
  form.append('room_id', 'room-1');
  form.append('text', 'hi');
  const json = { 'content-type': 'application/json' };
  return [
    ['GET', '/v1/health', undefined, {}],
    ['POST', '/v1/broadcasts/whatsapp/direct', JSON.stringify(directBroadcast()), json],
    ['GET', '/v1/broadcasts/00000000-0000-0000-0000-000000000000/whatsapp/log', undefined, {}],
    ['GET', '/v1/templates/whatsapp', undefined, {}],
    ['GET', '/v1/integrations?target_channel=wa_cloud', undefined, {}],
    ['POST', '/v1/messages/whatsapp/bot', form, {}],
    ['PUT', '/v1/message_interactions', JSON.stringify({ url: 'https://hooks.example.com' }), json],
    ['PUT', '/v1/room_interactions', JSON.stringify({ url: 'https://hooks.example.com' }), json],
  ];
}

async function expectDoorkeeper401(res: Response, description: string): Promise<void> {
  expect(res.status).toBe(401);
  expect(res.headers.get('content-type')).toMatch(/^text\/html/);
  expect(challengeOf(res)).toBe(
    `Bearer realm="Doorkeeper", error="invalid_token", error_description="${description}"`,
  );
  expect(await res.text()).toBe('');
}

function expectNothingRecorded(emulator: QontakEmulator): void {
  expect(emulator.sent()).toEqual([]);
  expect(emulator.botMessages()).toEqual([]);
  expect(emulator.webhooks()).toEqual({ messageInteractions: null, roomInteractions: null });
  expect(emulator.stats().broadcasts).toEqual({ accepted: 0, rejected: 0 });
  expect(emulator.stats().botMessages).toEqual({ accepted: 0, rejected: 0 });
}

describe('the Open API refuses a missing or bad credential', () => {
  const start = useEmulator();

  it.each([
    ['no Authorization header', undefined, 'The access token is invalid'],
    ['an unknown token', 'not-a-token', 'The access token is invalid'],
  ])('answers Doorkeeper 401 on every /api/open operation to %s', async (_name, token, description) => {
    const emulator = await start();
    for (const [method, path, body, headers] of operations()) {
      const res = await fetch(`${emulator.url}/api/open${path}`, {
        method,
        body,
        headers: token === undefined ? headers : { ...headers, authorization: `Bearer ${token}` },
      });
      await expectDoorkeeper401(res, description);
    }
    expectNothingRecorded(emulator);
    expect(emulator.stats().health).toEqual({ 401: 1 });
    expect(emulator.stats().operations).toEqual({
      'broadcast-direct': { 401: 1 },
      'broadcast-log': { 401: 1 },
      templates: { 401: 1 },
      integrations: { 401: 1 },
      'bot-message': { 401: 1 },
      'message-interactions': { 401: 1 },
      'room-interactions': { 401: 1 },
    });
  });

  it('answers "expired" to an issued token past its lifetime and "was revoked" to revoked issued and static tokens', async () => {
    let now = Date.now();
    const emulator = await start({ clock: () => now, tokenTtlSeconds: 60 });
    const expired = await passwordGrant(emulator);
    now += 60_000;
    const revoked = await passwordGrant(emulator);
    await postJson(`${emulator.url}/oauth/revoke`, { token: revoked.access_token, ...CLIENT });
    await postJson(`${emulator.url}/oauth/revoke`, { token: DEMO_ACCESS_TOKEN, ...CLIENT });

    const cases: [string, string][] = [
      [expired.access_token, 'The access token expired'],
      [revoked.access_token, 'The access token was revoked'],
      [DEMO_ACCESS_TOKEN, 'The access token was revoked'],
    ];
    for (const [token, description] of cases) {
      const res = await callApi(emulator, 'bearer', '/v1/broadcasts/whatsapp/direct', {
        token,
        json: directBroadcast(),
      });
      await expectDoorkeeper401(res, description);
      const list = await callApi(emulator, 'bearer', '/v1/templates/whatsapp', { token });
      await expectDoorkeeper401(list, description);
    }
    expectNothingRecorded(emulator);
  });

  it('answers the gateway 401 {"message"} on every /qontak/chat operation without a valid signature', async () => {
    const emulator = await start();
    const token = await issuedToken(emulator);
    for (const [method, path, body, headers] of operations()) {
      const target = `/qontak/chat${path}`;
      const attempts: [Record<string, string>, string][] = [
        [{}, 'Unauthorized'],
        [
          { authorization: `Bearer ${token}` },
          'HMAC signature cannot be verified, a valid date or x-date header is required for HMAC Authentication',
        ],
        [hmacHeaders(method, target, Date.now(), undefined, 'wrong-secret'), 'HMAC signature does not match'],
        [hmacHeaders(method === 'GET' ? 'POST' : 'GET', target), 'HMAC signature does not match'],
        [
          hmacHeaders(method, target, Date.now() - 301_000),
          'HMAC signature cannot be verified, a valid date or x-date header is required for HMAC Authentication',
        ],
      ];
      for (const [auth, message] of attempts) {
        const res = await fetch(`${emulator.url}${target}`, {
          method,
          body,
          headers: { ...headers, ...auth },
        });
        expect(res.status).toBe(401);
        expect(res.headers.get('www-authenticate')).toBeNull();
        expect(await res.json()).toEqual({ message });
      }
    }
    expectNothingRecorded(emulator);
    expect(emulator.stats().gatewayHealth).toEqual({ 401: 5 });
  });

  it('does not take an HMAC signature on /api/open, nor a bearer on /qontak/chat', async () => {
    const emulator = await start();
    const target = '/api/open/v1/templates/whatsapp';
    const signed = await fetch(`${emulator.url}${target}`, { headers: hmacHeaders('GET', target) });
    await expectDoorkeeper401(signed, 'The access token is invalid');
    const bearer = await fetch(`${emulator.url}/qontak/chat/v1/templates/whatsapp`, {
      headers: { authorization: `Bearer ${DEMO_ACCESS_TOKEN}` },
    });
    expect(bearer.status).toBe(401);
  });

  it('drains the body of a request it refuses with 401, and keeps serving', async () => {
    const emulator = await start();
    const big = JSON.stringify({ ...directBroadcast(), padding: 'x'.repeat(64 * 1024) });
    const res = await fetch(`${emulator.url}/api/open/v1/broadcasts/whatsapp/direct`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: big,
    });
    expect(res.status).toBe(401);
    await res.arrayBuffer();
    expect((await callApi(emulator, 'access-token', '/v1/health')).status).toBe(200);
  });
});
