import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { QontakEmulator } from '@qontak/emulator';
import { describe, expect, it } from 'vitest';
import { authFor, emulator, healthStatus } from './support/emulator-fixture';
import { closeAfterTest, otherOrigin } from './support/other-origin';

describe('QontakAuth.fetch', () => {
  it('resolves paths against baseUrl and adds the bearer token', async () => {
    const server = await emulator();
    const auth = authFor(server);
    const response = await auth.fetch('/api/open/v1/health');
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: 'success' });
  });

  it('sends no token to another origin', async () => {
    const server = await emulator();
    const other = await otherOrigin();
    const auth = authFor(server);
    await auth.getAccessToken();
    const response = await auth.fetch(`${other.url}/collect`);
    expect(response.status).toBe(200);
    expect(other.seen).toHaveLength(1);
    expect(other.seen[0]!.authorization).toBeUndefined();
  });

  it('drops the token on a redirect to another origin and does not add it on the way back', async () => {
    const server = await emulator();
    const back = `${server.url}/api/open/v1/health`;
    const other = await otherOrigin(back);
    const auth = authFor(server);
    server.faults.inject(
      'health',
      { type: 'raw', status: 302, headers: { location: `${other.url}/steal` }, body: '' },
      1,
    );
    const response = await auth.fetch('/api/open/v1/health');
    expect(response.status).toBe(401);
    expect(other.seen).toHaveLength(1);
    expect(other.seen[0]!.authorization).toBeUndefined();
    expect(server.stats().health).toEqual({ 401: 1 });
    expect(server.stats().grants.total).toBe(1);
  });

  it("leaves a caller's own Authorization header alone", async () => {
    const server = await emulator();
    const auth = authFor(server);
    const response = await auth.fetch('/api/open/v1/health', {
      headers: { authorization: 'Bearer not-a-token' },
    });
    expect(response.status).toBe(401);
    expect(server.stats().grants.total).toBe(0);
  });

  it('on a 401 drops the token it used and replays once with a new one', async () => {
    const server = await emulator();
    const auth = authFor(server);
    const old = await auth.getAccessToken();
    server.revokeAll();
    const response = await auth.fetch('/api/open/v1/health');
    expect(response.status).toBe(200);
    expect(await auth.getAccessToken()).not.toBe(old);
    expect(server.stats().health).toEqual({ 200: 1, 401: 1 });
    expect(server.stats().grants.password.ok).toBe(2);
  });

  it('returns the second 401 instead of looping', async () => {
    const server = await emulator();
    const auth = authFor(server);
    server.faults.inject(
      'health',
      { type: 'raw', status: 401, headers: { 'content-type': 'text/html' }, body: '' },
      5,
    );
    const response = await auth.fetch('/api/open/v1/health');
    expect(response.status).toBe(401);
    expect(server.stats().faultsServed).toBe(2);
  });

  it('drops the token but does not replay a request whose body was a one-shot stream', async () => {
    const server = await emulator();
    // Qontak's origin here: grants go through to the emulator, every API request is answered 401.
    let apiRequests = 0;
    const qontak = createServer(async (request, response) => {
      const chunks: Buffer[] = [];
      for await (const chunk of request) chunks.push(chunk as Buffer);
      if (request.url === '/oauth/token') {
        const granted = await fetch(`${server.url}/oauth/token`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: Buffer.concat(chunks),
        });
        response.writeHead(granted.status, { 'content-type': 'application/json' }).end(await granted.text());
        return;
      }
      apiRequests++;
      response.writeHead(401, { 'content-type': 'text/html' }).end();
    });
    await new Promise<void>((resolve) => qontak.listen(0, '127.0.0.1', resolve));
    closeAfterTest(qontak);
    const auth = authFor({
      url: `http://127.0.0.1:${(qontak.address() as AddressInfo).port}`,
    } as QontakEmulator);

    const old = await auth.getAccessToken();
    const body = new ReadableStream({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('{}'));
        controller.close();
      },
    });
    const response = await auth.fetch('/api/open/v1/messages', {
      method: 'POST',
      body,
      duplex: 'half',
    } as RequestInit);
    expect(response.status).toBe(401);
    expect(apiRequests).toBe(1);
    expect(await auth.getAccessToken()).not.toBe(old);
    expect(server.stats().grants.password.ok).toBe(2);
  });
});

describe('QontakAuth.revoke', () => {
  it('revokes the token at the server and forgets it', async () => {
    const server = await emulator();
    const auth = authFor(server);
    const old = await auth.getAccessToken();
    await auth.revoke();
    expect(server.stats().revocations).toBe(1);
    expect(await healthStatus(server, old)).toBe(401);
    const fresh = await auth.getAccessToken();
    expect(fresh).not.toBe(old);
    expect(await healthStatus(server, fresh)).toBe(200);
  });

  it('does nothing without a token', async () => {
    const server = await emulator();
    const auth = authFor(server);
    await auth.revoke();
    expect(server.stats().revocations).toBe(0);
  });
});
