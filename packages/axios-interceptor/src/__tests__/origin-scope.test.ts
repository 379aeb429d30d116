import { QontakAuth } from '@qontak/auth-core';
import axios from 'axios';
import { afterEach, describe, expect, it } from 'vitest';
import { attachQontakAuth } from '../attach-qontak-auth';
import { createQontakAxios } from '../create-qontak-axios';
import {
  answerJson,
  answerTokenRequest,
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

async function track(server: Promise<LocalServer>): Promise<LocalServer> {
  const started = await server;
  servers.push(started);
  return started;
}

/**
 * Qontak's origin (127.0.0.1:<port>): issues tokens, redirects `/api/open/redirect?to=<url>[&status=<3xx>]`
 * (302 by default), and answers anything else 200 with its method and path. Plus two other origins that only record what they get: the same host
 * on another port, and `localhost`.
 */
async function startOrigins() {
  let grants = 0;
  const qontak = await track(
    startLocalServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://x');
      if (req.method === 'POST' && url.pathname === '/oauth/token') return answerTokenRequest(res, ++grants);
      const to = url.searchParams.get('to');
      if (url.pathname === '/api/open/redirect' && to !== null) {
        res.writeHead(Number(url.searchParams.get('status') ?? 302), { location: to });
        return res.end();
      }
      answerJson(res, { method: req.method, path: url.pathname });
    }),
  );
  const otherPort = await track(startLocalServer((_req, res) => answerJson(res, { other: 'port' })));
  const localhost = await track(
    startLocalServer((_req, res) => answerJson(res, { other: 'host' }), {
      listenHost: '::',
      urlHost: 'localhost',
    }),
  );
  const auth = new QontakAuth({ baseUrl: qontak.url, username: 'user@example.com', password: 'secret' });
  auths.push(auth);
  return { qontak, otherPort, localhost, auth, grants: () => grants };
}

const redirectTo = (to: string) => `/api/open/redirect?to=${encodeURIComponent(to)}`;

describe('attachQontakAuth origin rules', () => {
  it('sends no Authorization header (and gets no token) for a request to another origin', async () => {
    const { otherPort, localhost, auth, grants } = await startOrigins();
    const instance = createQontakAxios(auth);
    await instance.get(`${otherPort.url}/collect`);
    await instance.get(`${localhost.url}/collect`);
    expect(otherPort.received[0]?.headers.authorization).toBeUndefined();
    expect(localhost.received[0]?.headers.authorization).toBeUndefined();
    expect(grants()).toBe(0);
  });

  it('drops the token on a redirect from Qontak to another port or host (node http adapter)', async () => {
    const { qontak, otherPort, localhost, auth } = await startOrigins();
    const instance = createQontakAxios(auth);
    const toPort = await instance.get(redirectTo(`${otherPort.url}/collect`));
    const toHost = await instance.get(redirectTo(`${localhost.url}/collect`));
    expect(toPort.data).toEqual({ status: 'success', data: { other: 'port' } });
    expect(toHost.data).toEqual({ status: 'success', data: { other: 'host' } });
    expect(receivedOn(qontak, '/api/open/redirect').map((r) => r.headers.authorization)).toEqual([
      'Bearer tok-1',
      'Bearer tok-1',
    ]);
    expect(otherPort.received.map((r) => r.headers.authorization)).toEqual([undefined]);
    expect(localhost.received.map((r) => r.headers.authorization)).toEqual([undefined]);
  });

  it('with the fetch adapter, follows a redirect hop by hop: the token stays on hops within Qontak, never reaches another origin or an OAuth endpoint', async () => {
    const { qontak, otherPort, localhost, auth } = await startOrigins();
    const instance = createQontakAxios(auth, { adapter: 'fetch' });
    const targets = [
      `${otherPort.url}/collect`,
      `${localhost.url}/collect`,
      '/oauth/revoke',
      '/oauth/token',
      '/api/open/v1/health',
    ];
    const answers = [];
    for (const to of targets) answers.push((await instance.get(redirectTo(to))).data as unknown);
    expect(answers).toEqual([
      { status: 'success', data: { other: 'port' } },
      { status: 'success', data: { other: 'host' } },
      { status: 'success', data: { method: 'GET', path: '/oauth/revoke' } },
      { status: 'success', data: { method: 'GET', path: '/oauth/token' } },
      { status: 'success', data: { method: 'GET', path: '/api/open/v1/health' } },
    ]);
    expect(receivedOn(qontak, '/api/open/redirect').map((r) => r.headers.authorization)).toEqual(
      Array(5).fill('Bearer tok-1'),
    );
    const hops = qontak.received.filter(
      (r) => r.method === 'GET' && !r.path.startsWith('/api/open/redirect'),
    );
    expect(hops.map((r) => [r.path, r.headers.authorization])).toEqual([
      ['/oauth/revoke', undefined],
      ['/oauth/token', undefined],
      ['/api/open/v1/health', 'Bearer tok-1'],
    ]);
    expect(otherPort.received.map((r) => r.headers.authorization)).toEqual([undefined]);
    expect(localhost.received.map((r) => r.headers.authorization)).toEqual([undefined]);
  });

  it.each([
    [307, 'POST', '{"text":"hi"}', 'application/json'],
    [308, 'POST', '{"text":"hi"}', 'application/json'],
    [303, 'GET', '', undefined],
    [302, 'GET', '', undefined],
  ] as const)(
    'with the fetch adapter, a %i to a POST is followed as fetch does (%s), the token kept within Qontak',
    async (status, method, body, contentType) => {
      const { qontak, auth } = await startOrigins();
      const instance = createQontakAxios(auth, { adapter: 'fetch' });
      const to = '/api/open/v1/messages';
      const response = await instance.post(
        `/api/open/redirect?status=${status}&to=${encodeURIComponent(to)}`,
        {
          text: 'hi',
        },
      );
      expect(response.data).toEqual({ status: 'success', data: { method, path: to } });
      expect(
        receivedOn(qontak, to).map((r) => [r.headers.authorization, r.headers['content-type'], r.body]),
      ).toEqual([['Bearer tok-1', contentType, body]]);
    },
  );

  it("with the fetch adapter, maxRedirects: 0 and fetchOptions.redirect still say 'manual' or 'error'", async () => {
    const { qontak, auth } = await startOrigins();
    const instance = createQontakAxios(auth, { adapter: 'fetch', validateStatus: () => true });
    const target = redirectTo('/api/open/v1/health');
    expect((await instance.get(target, { maxRedirects: 0 })).status).toBe(302);
    expect((await instance.get(target, { fetchOptions: { redirect: 'manual' } })).status).toBe(302);
    const error: unknown = await instance
      .get(target, { fetchOptions: { redirect: 'error' } })
      .catch((caught: unknown) => caught);
    expect(axios.isAxiosError(error) && error.code).toBe('ERR_NETWORK');
    expect(receivedOn(qontak, '/api/open/v1/health')).toEqual([]);
  });

  it("with the fetch adapter, drops the caller's own Cookie at the first hop to another origin", async () => {
    const { qontak, otherPort, auth } = await startOrigins();
    const instance = createQontakAxios(auth, { adapter: 'fetch' });
    await instance.get(redirectTo(`${otherPort.url}/collect`), { headers: { Cookie: 'session=mine' } });
    expect(receivedOn(qontak, '/api/open/redirect').map((r) => r.headers.cookie)).toEqual(['session=mine']);
    expect(otherPort.received.map((r) => [r.headers.cookie, r.headers.authorization])).toEqual([
      [undefined, undefined],
    ]);
  });

  it('with the fetch adapter, a request sent again from a returned config never carries a token it was not given', async () => {
    const { otherPort, auth } = await startOrigins();
    const instance = createQontakAxios(auth, { adapter: 'fetch' });
    const first = await instance.get(redirectTo(`${otherPort.url}/collect`));
    // The same config (its fetch and options) sent again, unauthorized, to another origin.
    await axios.request({ ...first.config, url: `${otherPort.url}/again`, baseURL: undefined });
    expect(otherPort.received.map((r) => [r.path, r.headers.authorization])).toEqual([
      ['/collect', undefined],
      ['/again', undefined],
    ]);
  });

  it('with the fetch adapter, follows redirects of a request that carries no token as usual', async () => {
    const { qontak, otherPort, auth } = await startOrigins();
    const instance = createQontakAxios(auth, { adapter: 'fetch' });
    const own = await instance.get(redirectTo('/api/open/v1/health'), { qontakAuth: false });
    expect(own.data).toMatchObject({ data: { path: '/api/open/v1/health' } });
    const outside = await instance.get(`${qontak.url}${redirectTo(`${otherPort.url}/collect`)}`, {
      headers: { Authorization: 'Bearer mine' },
    });
    expect(outside.data).toMatchObject({ data: { other: 'port' } });
    expect(otherPort.received.map((r) => r.headers.authorization)).toEqual([undefined]);
  });

  it('keeps the token on a redirect within Qontak, but not on one to the token endpoint', async () => {
    const { qontak, auth } = await startOrigins();
    const instance = createQontakAxios(auth);
    await instance.get(redirectTo(`${qontak.url}/api/open/v1/health`));
    await instance.get(redirectTo('/oauth/token'));
    expect(receivedOn(qontak, '/api/open/v1/health').map((r) => r.headers.authorization)).toEqual([
      'Bearer tok-1',
    ]);
    const tokenEndpointGets = receivedOn(qontak, '/oauth/token').filter((r) => r.method === 'GET');
    expect(tokenEndpointGets.map((r) => r.headers.authorization)).toEqual([undefined]);
  });

  it("still calls the caller's own beforeRedirect", async () => {
    const { otherPort, auth } = await startOrigins();
    const hops: string[] = [];
    await createQontakAxios(auth).get(redirectTo(`${otherPort.url}/collect`), {
      beforeRedirect: (options) => {
        hops.push(String(options['href']));
      },
    });
    expect(hops).toEqual([`${otherPort.url}/collect`]);
    expect(otherPort.received[0]?.headers.authorization).toBeUndefined();
  });

  it('never authorizes a request to the token endpoint itself', async () => {
    const { qontak, auth, grants } = await startOrigins();
    const response = await createQontakAxios(auth).post('/oauth/token', { grant_type: 'password' });
    expect(response.data).toMatchObject({ access_token: 'tok-1' });
    expect(receivedOn(qontak, '/oauth/token').map((r) => r.headers.authorization)).toEqual([undefined]);
    expect(grants()).toBe(1);
  });

  it("leaves a caller's own Authorization header (per request or instance default) alone", async () => {
    const { qontak, auth, grants } = await startOrigins();
    const instance = createQontakAxios(auth);
    await instance.get('/api/open/v1/health', { headers: { Authorization: 'Bearer mine' } });
    const withDefault = createQontakAxios(auth, { headers: { authorization: 'Bearer default' } });
    await withDefault.get('/api/open/v1/health');
    expect(receivedOn(qontak, '/api/open/v1/health').map((r) => r.headers.authorization)).toEqual([
      'Bearer mine',
      'Bearer default',
    ]);
    expect(grants()).toBe(0);
  });

  it('skips auth for a request with qontakAuth: false', async () => {
    const { qontak, auth, grants } = await startOrigins();
    await createQontakAxios(auth).get('/api/open/v1/health', { qontakAuth: false });
    expect(receivedOn(qontak, '/api/open/v1/health')[0]?.headers.authorization).toBeUndefined();
    expect(grants()).toBe(0);
  });

  it('authorizes the URL axios resolves from baseURL, url and params, not the bare path', async () => {
    const { qontak, otherPort, auth } = await startOrigins();
    const onOtherBase = createQontakAxios(auth, { baseURL: otherPort.url });
    await onOtherBase.get('/api/open/v1/health', { params: { page: 2 } });
    expect(otherPort.received.map((r) => [r.path, r.headers.authorization])).toEqual([
      ['/api/open/v1/health?page=2', undefined],
    ]);
    const plain = axios.create();
    attachQontakAuth(plain, auth);
    await plain.get(`${qontak.url}/api/open/v1/health`, { params: { page: 3 } });
    expect(receivedOn(qontak, '/api/open/v1/health').map((r) => [r.path, r.headers.authorization])).toEqual([
      ['/api/open/v1/health?page=3', 'Bearer tok-1'],
    ]);
  });

  it.each([301, 302, 303, 307, 308])(
    'sends no token on a %i from another origin INTO Qontak (node http adapter), and makes no grant',
    async (status) => {
      const { qontak, auth, grants } = await startOrigins();
      const foreign = await track(
        startLocalServer(
          (_req, res) => {
            res.writeHead(status, { location: `${qontak.url}/api/open/v1/broadcasts/whatsapp/direct` });
            res.end();
          },
          { urlHost: 'localhost' },
        ),
      );
      await createQontakAxios(auth).post(`${foreign.url}/start`, { to_number: '6281234567890' });
      const hop = receivedOn(qontak, '/api/open/v1/broadcasts/whatsapp/direct');
      expect(hop).toHaveLength(1);
      expect(hop[0]!.headers.authorization).toBeUndefined();
      expect(grants()).toBe(0);
    },
  );

  it('authorizes the URL the request is finally sent to, whatever interceptors were added before it', async () => {
    const { qontak, otherPort, auth, grants } = await startOrigins();
    const instance = axios.create({ baseURL: qontak.url });
    // Registered BEFORE attachQontakAuth: axios runs it AFTER the Qontak interceptor.
    instance.interceptors.request.use((config) => {
      if (config.url === '/api/open/v1/export') config.baseURL = otherPort.url;
      if (config.url === '/api/open/v1/moved') config.url = `${otherPort.url}/api/open/v1/moved`;
      return config;
    });
    attachQontakAuth(instance, auth);
    await instance.get('/api/open/v1/export');
    await instance.get('/api/open/v1/moved');
    await instance.get('/api/open/v1/health');
    expect(otherPort.received.map((r) => [r.path, r.headers.authorization])).toEqual([
      ['/api/open/v1/export', undefined],
      ['/api/open/v1/moved', undefined],
    ]);
    expect(receivedOn(qontak, '/api/open/v1/health')[0]?.headers.authorization).toBe('Bearer tok-1');
    expect(grants()).toBe(1);
  });

  it('authorizes a request an earlier-added interceptor moves ONTO Qontak, under the same rules', async () => {
    const { qontak, otherPort, auth } = await startOrigins();
    const instance = axios.create({ baseURL: otherPort.url });
    instance.interceptors.request.use((config) => {
      config.baseURL = qontak.url;
      return config;
    });
    attachQontakAuth(instance, auth);
    await instance.get('/api/open/v1/health');
    expect(receivedOn(qontak, '/api/open/v1/health')[0]?.headers.authorization).toBe('Bearer tok-1');
    expect(otherPort.received).toHaveLength(0);
  });
});
