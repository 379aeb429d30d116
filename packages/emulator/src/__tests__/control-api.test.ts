import { request } from 'node:http';
import { describe, expect, it } from 'vitest';
import { DEMO_ACCESS_TOKEN, DEMO_PASSWORD, DEMO_USERNAME, type QontakEmulator } from '../index';
import { callApi, directBroadcast } from './api-helpers';
import { PASSWORD_GRANT, useEmulator, type TokenBody } from './helpers';

const JSON_HEADERS = { 'content-type': 'application/json' };

/** Calls the control API: a JSON body when `body` is given (as `application/json`). */
async function control(
  emulator: QontakEmulator,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; json: Record<string, unknown>; headers: Headers }> {
  const res = await fetch(`${emulator.url}/_emulator${path}`, {
    method,
    headers: { ...(method === 'GET' ? {} : JSON_HEADERS), ...headers },
    ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
  });
  const text = await res.text();
  return {
    status: res.status,
    json: text ? (JSON.parse(text) as Record<string, unknown>) : {},
    headers: res.headers,
  };
}

async function grant(emulator: QontakEmulator, username = DEMO_USERNAME, password = DEMO_PASSWORD) {
  const res = await fetch(`${emulator.url}/oauth/token`, {
    method: 'POST',
    headers: JSON_HEADERS,
    body: JSON.stringify({ ...PASSWORD_GRANT, username, password }),
  });
  expect(res.status).toBe(200);
  return ((await res.json()) as TokenBody).access_token;
}

async function healthWith(emulator: QontakEmulator, token: string): Promise<number> {
  const res = await fetch(`${emulator.url}/api/open/v1/health`, {
    headers: { authorization: `Bearer ${token}` },
  });
  await res.arrayBuffer();
  return res.status;
}

describe('the control API', () => {
  const start = useEmulator();

  it('is off unless enabled: /_emulator/... is an unknown path', async () => {
    const emulator = await start();
    const res = await fetch(`${emulator.url}/_emulator/stats`);
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ status: 'error', error: { code: 404, messages: ['Not found'] } });
    const reset = await fetch(`${emulator.url}/_emulator/reset`, { method: 'POST', headers: JSON_HEADERS });
    expect(reset.status).toBe(404);
  });

  it('reads the stats (its own requests not counted) and what was sent', async () => {
    const emulator = await start({ controlApi: true });
    await grant(emulator);
    expect(
      (await callApi(emulator, 'access-token', '/v1/broadcasts/whatsapp/direct', { json: directBroadcast() }))
        .status,
    ).toBe(201);
    const stats = await control(emulator, 'GET', '/stats');
    expect(stats.status).toBe(200);
    expect(stats.headers.get('content-type')).toMatch(/^application\/json/);
    expect(stats.json).toEqual(JSON.parse(JSON.stringify(emulator.stats())));
    expect(stats.json).toMatchObject({ requests: 2, grants: { total: 1 }, broadcasts: { accepted: 1 } });
    const sent = await control(emulator, 'GET', '/sent');
    expect(sent).toMatchObject({ status: 200, json: { broadcasts: emulator.sent(), botMessages: [] } });
    expect(sent.json['webhooks']).toEqual({ messageInteractions: null, roomInteractions: null });
    expect(emulator.stats().requests).toBe(2);
  });

  it('revokes one token, every token of one account, or all of them, saying how many', async () => {
    const emulator = await start({
      controlApi: true,
      users: [
        { username: DEMO_USERNAME, password: DEMO_PASSWORD },
        { username: 'other@example.com', password: 'other-password' },
      ],
    });
    const [a1, a2, b1] = [
      await grant(emulator),
      await grant(emulator),
      await grant(emulator, 'other@example.com', 'other-password'),
    ];

    expect(await control(emulator, 'POST', '/revoke', { token: a1 })).toMatchObject({
      status: 200,
      json: { revoked: 1 },
    });
    expect([await healthWith(emulator, a1), await healthWith(emulator, a2)]).toEqual([401, 200]);
    expect(await control(emulator, 'POST', '/revoke', { token: a1 })).toMatchObject({ json: { revoked: 0 } });
    expect(await control(emulator, 'POST', '/revoke', { token: 'unknown' })).toMatchObject({
      json: { revoked: 0 },
    });

    const a3 = await grant(emulator);
    expect(await control(emulator, 'POST', '/revoke', { username: DEMO_USERNAME })).toMatchObject({
      status: 200,
      json: { revoked: 2 },
    });
    expect([
      await healthWith(emulator, a2),
      await healthWith(emulator, a3),
      await healthWith(emulator, b1),
    ]).toEqual([401, 401, 200]);

    expect(await control(emulator, 'POST', '/revoke', { token: DEMO_ACCESS_TOKEN })).toMatchObject({
      json: { revoked: 1 },
    });
    expect(await healthWith(emulator, DEMO_ACCESS_TOKEN)).toBe(401);
    expect(await control(emulator, 'POST', '/revoke', { all: true })).toMatchObject({
      status: 200,
      json: { revoked: 1 },
    });
    expect(await healthWith(emulator, b1)).toBe(401);
  });

  it('resets the state', async () => {
    const emulator = await start({ controlApi: true });
    const token = await grant(emulator);
    emulator.revokeAll();
    expect(await control(emulator, 'POST', '/reset')).toMatchObject({ status: 200, json: { reset: true } });
    expect(emulator.stats()).toMatchObject({ requests: 0, grants: { total: 0 } });
    expect(await healthWith(emulator, DEMO_ACCESS_TOKEN)).toBe(200);
    expect(await healthWith(emulator, token)).toBe(401);
  });

  it('injects, lists and clears faults, as emulator.faults does', async () => {
    const emulator = await start({ controlApi: true });
    const injected = await control(emulator, 'POST', '/faults', {
      route: 'token',
      fault: { type: 'status', status: 503, retryAfter: '1' },
      times: 2,
    });
    expect(injected).toMatchObject({ status: 201, json: { pending: 2 } });
    await control(emulator, 'POST', '/faults', {
      route: 'health',
      fault: { type: 'raw', status: 200, body: 'hi' },
    });
    expect(await control(emulator, 'GET', '/faults')).toMatchObject({
      status: 200,
      json: { pending: 3, routes: { token: 2, health: 1 } },
    });
    const res = await fetch(`${emulator.url}/oauth/token`, {
      method: 'POST',
      headers: JSON_HEADERS,
      body: JSON.stringify(PASSWORD_GRANT),
    });
    expect([res.status, res.headers.get('retry-after')]).toEqual([503, '1']);
    expect(emulator.faults.pending('token')).toBe(1);
    expect(await control(emulator, 'DELETE', '/faults')).toMatchObject({ status: 200, json: { pending: 0 } });
    expect(emulator.faults.pending()).toBe(0);
  });

  it('answers 404 for an unknown control path and 405 (with Allow) for a wrong method', async () => {
    const emulator = await start({ controlApi: true });
    expect(await control(emulator, 'GET', '/nothing-here')).toMatchObject({
      status: 404,
      json: { error: 'not_found' },
    });
    const wrong = await control(emulator, 'POST', '/stats', {});
    expect(wrong).toMatchObject({ status: 405, json: { error: 'method_not_allowed' } });
    expect(wrong.headers.get('allow')).toBe('GET');
    expect((await control(emulator, 'PUT', '/faults', {})).headers.get('allow')).toBe('GET, POST, DELETE');
  });

  it('answers 422 naming what is wrong with a control request, in a short answer', async () => {
    const emulator = await start({ controlApi: true });
    const cases: Array<[string, unknown, RegExp]> = [
      ['/revoke', {}, /exactly one of token, username or all/],
      ['/revoke', { token: 'a', username: 'b' }, /exactly one of token, username or all/],
      ['/revoke', { token: 7 }, /token must be a non-empty string/],
      ['/revoke', { all: 'yes' }, /all must be true/],
      ['/revoke', [], /must be a JSON object/],
      ['/faults', { route: 'nowhere', fault: { type: 'drop' } }, /unknown route nowhere/],
      ['/faults', { route: 'token', fault: { type: 'melt' } }, /unknown fault type melt/],
      ['/faults', { route: 'token', fault: { type: 'drop' }, times: 0 }, /times must be a positive integer/],
      [
        '/faults',
        { route: 'token', fault: { type: 'status', status: 99 } },
        /status must be an integer from 200 to 599/,
      ],
      ['/faults', { route: 'token', fault: { type: 'latency', ms: 1e12 } }, /latency ms must be/],
      [
        '/faults',
        { route: 'token', fault: { type: 'raw', status: 200, body: 5 } },
        /raw body must be a string/,
      ],
      [
        '/faults',
        { route: 'token', fault: { type: 'raw', status: 200, body: '', headers: { a: 1 } } },
        /raw headers/,
      ],
      [
        '/faults',
        { route: 'token', fault: { type: 'token-body', omit: 'x' } },
        /omit must be an array of strings/,
      ],
      ['/faults', { route: 'x'.repeat(60_000), fault: { type: 'drop' } }, /unknown route x{64}…/],
    ];
    for (const [path, body, message] of cases) {
      const res = await fetch(`${emulator.url}/_emulator${path}`, {
        method: 'POST',
        headers: JSON_HEADERS,
        body: JSON.stringify(body),
      });
      const text = await res.text();
      expect(res.status, JSON.stringify(body).slice(0, 80)).toBe(422);
      expect(text.length).toBeLessThan(1024);
      expect(JSON.parse(text)).toMatchObject({
        error: 'invalid_request',
        message: expect.stringMatching(message),
      });
    }
    expect(emulator.faults.pending()).toBe(0);
  });

  it('takes JSON only, at most 64 KiB of it', async () => {
    const emulator = await start({ controlApi: true });
    expect(
      await control(emulator, 'POST', '/reset', undefined, { 'content-type': 'text/plain' }),
    ).toMatchObject({
      status: 415,
      json: { error: 'unsupported_media_type' },
    });
    const noType = await fetch(`${emulator.url}/_emulator/reset`, { method: 'POST' });
    expect(noType.status).toBe(415);
    expect(await control(emulator, 'POST', '/revoke', '{"token":')).toMatchObject({
      status: 400,
      json: { error: 'malformed_json' },
    });
    expect(await control(emulator, 'POST', '/revoke', { token: 'x'.repeat(70_000) })).toMatchObject({
      status: 413,
      json: { error: 'payload_too_large' },
    });
    // Nothing was reset or revoked by the refused requests.
    expect(await healthWith(emulator, DEMO_ACCESS_TOKEN)).toBe(200);
  });

  it('refuses a request whose Host is not loopback (DNS rebinding from a browser)', async () => {
    const emulator = await start({ controlApi: true });
    const statusWithHost = (host: string, method: string) =>
      new Promise<number | undefined>((resolve, reject) => {
        const req = request(
          `${emulator.url}/_emulator/${method === 'GET' ? 'stats' : 'reset'}`,
          { method, headers: { host, ...JSON_HEADERS } },
          (res) => {
            res.resume();
            resolve(res.statusCode);
          },
        );
        req.on('error', reject);
        req.end(method === 'GET' ? undefined : '{}');
      });
    const port = emulator.port;
    expect(await statusWithHost(`attacker.example:${port}`, 'POST')).toBe(403);
    expect(await statusWithHost(`attacker.example:${port}`, 'GET')).toBe(403);
    expect(await statusWithHost('127.0.0.1.attacker.example', 'GET')).toBe(403);
    for (const host of [`localhost:${port}`, `127.0.0.1:${port}`, `[::1]:${port}`, 'localhost']) {
      expect(await statusWithHost(host, 'GET'), host).toBe(200);
    }
  });

  it('cannot be enabled on a non-loopback address', async () => {
    await expect(start({ controlApi: true, host: '0.0.0.0' })).rejects.toThrow(
      /controlApi needs a loopback host .* 0\.0\.0\.0/,
    );
    await expect(start({ controlApi: 'yes' as unknown as boolean })).rejects.toThrow(TypeError);
  });
});
