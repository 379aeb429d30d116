import { Readable } from 'node:stream';
import { QontakAuth } from '@qontak/auth-core';
import { isAxiosError } from 'axios';
import { afterEach, describe, expect, it } from 'vitest';
import { createQontakAxios } from '../create-qontak-axios';
import {
  answerJson,
  answerTokenRequest,
  answerUnauthorized,
  receivedOn,
  startLocalServer,
  type LocalServer,
} from './local-server';

const servers: LocalServer[] = [];
const auths: QontakAuth[] = [];

afterEach(async () => {
  await Promise.all(auths.splice(0).map((auth) => auth.close()));
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

/** A Qontak stand-in: issues tokens `tok-1`, `tok-2`, … and answers the API as `api` says. */
async function startQontak(
  api: (path: string, authorization: string | undefined) => 'ok' | 401,
  clock: () => number = Date.now,
) {
  let grants = 0;
  const server = await startLocalServer((req, res) => {
    if (req.method === 'POST' && req.url === '/oauth/token') return answerTokenRequest(res, ++grants);
    const out = /^\/api\/open\/redirect-out\?to=(.+)$/.exec(req.url ?? '');
    if (out?.[1]) return res.writeHead(302, { location: decodeURIComponent(out[1]) }).end();
    if (api(req.url ?? '', req.headers.authorization) === 401) return answerUnauthorized(res);
    answerJson(res, { path: req.url });
  });
  servers.push(server);
  const auth = new QontakAuth({
    baseUrl: server.url,
    username: 'user@example.com',
    password: 'secret',
    clock,
  });
  auths.push(auth);
  return { server, auth, grants: () => grants };
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => expect.unreachable('the request should have failed'),
    (error: unknown) => error,
  );
}

describe('attachQontakAuth on a 401', () => {
  it('returns the second 401 to the caller after one replay: two requests, no loop', async () => {
    const { server, auth, grants } = await startQontak(() => 401);
    const error = await rejection(createQontakAxios(auth).get('/api/open/v1/health'));
    expect(isAxiosError(error)).toBe(true);
    expect(isAxiosError(error) && error.response?.status).toBe(401);
    const api = receivedOn(server, '/api/open/v1/health');
    expect(api).toHaveLength(2);
    expect(api.map((r) => r.headers.authorization)).toEqual(['Bearer tok-1', 'Bearer tok-2']);
    expect(grants()).toBe(2);
  });

  it('replays with a new token once the old one is rejected, and the caller sees only the success', async () => {
    const { server, auth, grants } = await startQontak((_path, authorization) =>
      authorization === 'Bearer tok-1' ? 401 : 'ok',
    );
    const response = await createQontakAxios(auth).post('/api/open/v1/messages', { text: 'hi' });
    expect(response.status).toBe(200);
    expect(grants()).toBe(2);
    const api = receivedOn(server, '/api/open/v1/messages');
    expect(api.map((r) => [r.method, r.headers.authorization, r.headers['content-type']])).toEqual([
      ['POST', 'Bearer tok-1', 'application/json'],
      ['POST', 'Bearer tok-2', 'application/json'],
    ]);
  });

  it('does not replay when replayOnUnauthorized is false (instance or request), but still drops the token', async () => {
    const { server, auth, grants } = await startQontak((path, authorization) =>
      authorization === 'Bearer tok-1' || path === '/api/open/v1/other' ? 401 : 'ok',
    );
    const noReplay = createQontakAxios(auth, {}, { replayOnUnauthorized: false });
    const error = await rejection(noReplay.get('/api/open/v1/health'));
    expect(isAxiosError(error) && error.response?.status).toBe(401);
    expect(receivedOn(server, '/api/open/v1/health')).toHaveLength(1);
    expect((await noReplay.get('/api/open/v1/health')).status).toBe(200);
    expect(grants()).toBe(2);

    const perRequest = await rejection(
      createQontakAxios(auth).get('/api/open/v1/other', { qontakAuth: { replayOnUnauthorized: false } }),
    );
    expect(isAxiosError(perRequest) && perRequest.response?.status).toBe(401);
    expect(receivedOn(server, '/api/open/v1/other')).toHaveLength(1);
    await noReplay.get('/api/open/v1/health');
    expect(receivedOn(server, '/api/open/v1/health').at(-1)?.headers.authorization).toBe('Bearer tok-3');
    expect(grants()).toBe(3);
  });

  it('does not replay a request whose body is a one-shot stream', async () => {
    const { server, auth } = await startQontak(() => 401);
    const body = Readable.from([Buffer.from('chunk')]);
    const error = await rejection(
      createQontakAxios(auth).post('/api/open/v1/upload', body, {
        headers: { 'content-type': 'text/plain' },
      }),
    );
    expect(isAxiosError(error) && error.response?.status).toBe(401);
    expect(receivedOn(server, '/api/open/v1/upload')).toHaveLength(1);
  });

  it('leaves a 401 to a request it did not authorize alone: no replay, no grant', async () => {
    const { server, auth, grants } = await startQontak(() => 401);
    const instance = createQontakAxios(auth);
    const explicit = await rejection(
      instance.get('/api/open/v1/health', { headers: { Authorization: 'Bearer mine' } }),
    );
    const skipped = await rejection(instance.get('/api/open/v1/health', { qontakAuth: false }));
    expect(isAxiosError(explicit) && explicit.response?.status).toBe(401);
    expect(isAxiosError(skipped) && skipped.response?.status).toBe(401);
    expect(receivedOn(server, '/api/open/v1/health').map((r) => r.headers.authorization)).toEqual([
      'Bearer mine',
      undefined,
    ]);
    expect(grants()).toBe(0);
  });

  it.each(['http', 'fetch'] as const)(
    '20 calls to an endpoint that always answers 401 cost 3 grants, not two per call (%s adapter)',
    async (adapter) => {
      const { server, auth, grants } = await startQontak(() => 401);
      const instance = createQontakAxios(auth, { adapter });
      for (let call = 0; call < 20; call++) {
        const error = await rejection(instance.get('/api/open/v1/health'));
        expect(isAxiosError(error) && error.response?.status).toBe(401);
      }
      expect(grants()).toBe(3);
      // The first call is replayed once (the replay's 401 is reported too); the 19 others reach the
      // caller at once.
      expect(receivedOn(server, '/api/open/v1/health')).toHaveLength(21);
    },
  );

  it.each(['http', 'fetch'] as const)(
    'a 401 from another origin reached by a redirect never drops the token (%s adapter)',
    async (adapter) => {
      const foreign = await startLocalServer((_req, res) => answerUnauthorized(res), {
        urlHost: 'localhost',
      });
      servers.push(foreign);
      const { auth, grants } = await startQontak(() => 'ok');
      const instance = createQontakAxios(auth, { adapter });
      for (let call = 0; call < 5; call++) {
        const error = await rejection(
          instance.get(`/api/open/redirect-out?to=${encodeURIComponent(foreign.url)}`),
        );
        expect(isAxiosError(error) && error.response?.status).toBe(401);
      }
      expect(grants()).toBe(1);
      expect(await auth.getAccessToken()).toBe('tok-1');
    },
  );

  it('replays a 401 once even when the instance accepts every status (validateStatus: () => true)', async () => {
    const { server, auth, grants } = await startQontak((_path, authorization) =>
      authorization === 'Bearer tok-1' ? 401 : 'ok',
    );
    const instance = createQontakAxios(auth, { validateStatus: () => true });
    const response = await instance.get('/api/open/v1/health');
    expect(response.status).toBe(200);
    expect(grants()).toBe(2);
    expect(receivedOn(server, '/api/open/v1/health').map((r) => r.headers.authorization)).toEqual([
      'Bearer tok-1',
      'Bearer tok-2',
    ]);
    // A 401 that survives the replay comes back as the response, as validateStatus asks.
    const always = await startQontak(() => 401);
    const accepted = await createQontakAxios(always.auth, { validateStatus: () => true }).get(
      '/api/open/v1/health',
    );
    expect(accepted.status).toBe(401);
    expect(always.grants()).toBe(2);
  });
});
