import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { MekariHmacAuth, QontakAccessTokenAuth } from '@qontak/auth-core';
import { DEMO_ACCESS_TOKEN, DEMO_HMAC_CLIENT_ID } from '@qontak/emulator';
import { afterEach, describe, expect, it } from 'vitest';
import { createQontakClient } from '../create-qontak-client';
import { authorizerFor, emulator } from './support/schemes';

/** Another origin (`localhost`, while the emulator is `127.0.0.1`) recording the headers it gets. */
async function otherOrigin(): Promise<{ url: string; seen: IncomingHttpHeaders[] }> {
  const seen: IncomingHttpHeaders[] = [];
  const server = createServer((request, response) => {
    seen.push(request.headers);
    response.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"success","data":{}}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  closers.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return { url: `http://localhost:${(server.address() as AddressInfo).port}`, seen };
}
const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

describe('credentials at the transport', () => {
  it('a revoked OAuth token: one re-grant and one replay, the caller sees only the success', async () => {
    const server = await emulator();
    const auth = authorizerFor('password grant', server);
    const client = createQontakClient(auth);
    await client.GET('/v1/health');
    server.revokeAll();
    const { response } = await client.GET('/v1/health');
    expect(response.status).toBe(200);
    expect(server.stats().grants.password.ok).toBe(2);
    expect(server.stats().health).toEqual({ 200: 2, 401: 1 });
  });

  it('a revoked dashboard token, or a wrong HMAC secret: the 401 reaches the caller, never replayed', async () => {
    const server = await emulator();
    server.revokeAll();
    const revoked = createQontakClient(
      new QontakAccessTokenAuth({ baseUrl: server.url, accessToken: DEMO_ACCESS_TOKEN }),
    );
    expect((await revoked.GET('/v1/health')).response.status).toBe(401);
    const wrongSecret = createQontakClient(
      new MekariHmacAuth({
        baseUrl: server.url,
        clientId: DEMO_HMAC_CLIENT_ID,
        clientSecret: 'not-the-secret',
      }),
    );
    const { error, response } = await wrongSecret.GET('/v1/health');
    expect(response.status).toBe(401);
    expect(error).toEqual({ message: 'HMAC signature does not match' });
    expect(server.stats().health).toEqual({ 401: 1 });
    expect(server.stats().gatewayHealth).toEqual({ 401: 1 });
  });

  it('a middleware that moves a request to another origin moves it without credentials', async () => {
    const server = await emulator();
    const other = await otherOrigin();
    const requests: unknown[] = [];
    for (const scheme of ['password grant', 'dashboard access token', 'Mekari HMAC'] as const) {
      const client = createQontakClient(authorizerFor(scheme, server));
      client.use({
        onRequest: ({ request }) => {
          requests.push(request);
          return new Request(request.url.replace(server.url, other.url), request);
        },
      });
      expect((await client.GET('/v1/health')).response.status).toBe(200);
    }
    expect(requests.every((request) => request instanceof Request)).toBe(true);
    expect(other.seen).toHaveLength(3);
    expect(other.seen.map((headers) => headers.authorization)).toEqual([undefined, undefined, undefined]);
  });

  it("a middleware given to one call gets a Request, and moves that call's request without credentials", async () => {
    const server = await emulator();
    const other = await otherOrigin();
    const client = createQontakClient(authorizerFor('password grant', server));
    const seen: unknown[] = [];
    const { response } = await client.GET('/v1/health', {
      middleware: [
        {
          onRequest: ({ request }) => {
            seen.push(request);
            return new Request(request.url.replace(server.url, other.url), request);
          },
        },
      ],
    });
    expect(response.status).toBe(200);
    expect(seen).toHaveLength(1);
    expect(seen[0]).toBeInstanceOf(Request);
    expect(other.seen.map((headers) => headers.authorization)).toEqual([undefined]);
    expect((await client.GET('/v1/health')).response.status).toBe(200);
    expect(server.stats().health).toEqual({ 200: 1 });
  });

  it("a call without a body keeps the caller's headers and redirect mode", async () => {
    const server = await emulator();
    const other = await otherOrigin();
    const redirecting = createServer((_request, response) => {
      response.writeHead(302, { location: `${other.url}/elsewhere` }).end();
    });
    await new Promise<void>((resolve) => redirecting.listen(0, '127.0.0.1', resolve));
    closers.push(() => new Promise<void>((resolve) => redirecting.close(() => resolve())));
    const client = createQontakClient(authorizerFor('dashboard access token', server), {
      baseUrl: `http://127.0.0.1:${(redirecting.address() as AddressInfo).port}/api/open`,
      headers: { 'user-agent': 'qontak-test' },
    });
    const { response } = await client.GET('/v1/health', {
      headers: { 'x-trace': 'one' },
      redirect: 'manual',
    });
    expect(response.status).toBe(302);
    expect(other.seen).toHaveLength(0);
    await client.GET('/v1/health', { headers: { 'x-trace': 'two' } });
    expect(other.seen.map((headers) => [headers['x-trace'], headers['user-agent']])).toEqual([
      ['two', 'qontak-test'],
    ]);
  });

  it('signs the final path and query: a middleware adding a query parameter keeps the HMAC signature valid', async () => {
    const server = await emulator();
    const client = createQontakClient(authorizerFor('Mekari HMAC', server));
    client.use({
      onRequest: ({ request }) => {
        const url = new URL(request.url);
        url.searchParams.set('trace', 'é 1');
        return new Request(url, request);
      },
    });
    const { response } = await client.GET('/v1/templates/whatsapp', { params: { query: { limit: 1 } } });
    expect(response.status).toBe(200);
  });

  it('takes its base URL from the authorizer (bearer: /api/open, gateway: /qontak/chat), overridable', async () => {
    const server = await emulator();
    const other = await otherOrigin();
    await createQontakClient(authorizerFor('dashboard access token', server)).GET('/v1/health');
    await createQontakClient(authorizerFor('Mekari HMAC', server)).GET('/v1/health');
    expect(server.stats()).toMatchObject({ health: { 200: 1 }, gatewayHealth: { 200: 1 } });
    const elsewhere = createQontakClient(authorizerFor('dashboard access token', server), {
      baseUrl: `${other.url}/api/open`,
    });
    expect((await elsewhere.GET('/v1/health')).response.status).toBe(200);
    expect(other.seen[0]!.authorization).toBeUndefined();
  });

  it('rejects with the QontakAuthError when no credentials can be had', async () => {
    const server = await emulator();
    server.faults.inject('token', { type: 'status', status: 503 }, 10);
    const { QontakAuth } = await import('@qontak/auth-core');
    const auth = new QontakAuth({
      baseUrl: server.url,
      username: 'u',
      password: 'p',
      retry: { attempts: 1 },
    });
    await expect(createQontakClient(auth).GET('/v1/health')).rejects.toMatchObject({
      name: 'QontakAuthError',
      code: 'server_error',
    });
    await auth.close();
  });
});
