import { describe, expect, it } from 'vitest';
import { QontakAuth } from '../password/password-auth';
import { recordingServer, tokenIssuer, type RecordingServer } from './support/recording-server';

/** A Qontak stand-in: issues tokens and answers every API request 200, recording what it got. */
async function qontak(): Promise<{ server: RecordingServer; auth: QontakAuth; grants: () => number }> {
  const issuer = tokenIssuer();
  const server = await recordingServer((request, response) => {
    if (request.path === '/oauth/token') return issuer.answer(response);
    response.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"success"}');
  });
  const auth = new QontakAuth({ baseUrl: server.url, username: 'ops@example.com', password: 'pw' });
  return { server, auth, grants: issuer.grants };
}

/** Another origin (`localhost`, while Qontak is `127.0.0.1`) that redirects every request to `location(path)`. */
function redirector(status: number, location: (path: string) => string): Promise<RecordingServer> {
  return recordingServer(
    (request, response) => {
      response.writeHead(status, { location: location(request.path) }).end();
    },
    { urlHost: 'localhost' },
  );
}

describe('QontakAuth.fetch and redirects', () => {
  it.each([301, 302, 303, 307, 308])(
    'a %i from another origin INTO Qontak reaches Qontak without credentials (no grant either)',
    async (status) => {
      const { server, auth, grants } = await qontak();
      const foreign = await redirector(status, () => `${server.url}/api/open/v1/broadcasts/whatsapp/direct`);
      const response = await auth.fetch(`${foreign.url}/start`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{"to_number":"6281234567890"}',
      });
      expect(response.status).toBe(200);
      const hop = server.on('/api/open/v1/broadcasts/whatsapp/direct');
      expect(hop).toHaveLength(1);
      expect(hop[0]!.headers.authorization).toBeUndefined();
      expect(grants()).toBe(0);
      await auth.close();
    },
  );

  it('a chain that left Qontak does not regain the token when redirected back', async () => {
    let qontakUrl = '';
    const foreign = await redirector(302, () => `${qontakUrl}/api/open/v1/back`);
    const issuer = tokenIssuer();
    const server = await recordingServer((request, response) => {
      if (request.path === '/oauth/token') return issuer.answer(response);
      if (request.path === '/api/open/v1/start') {
        response.writeHead(302, { location: `${foreign.url}/out` }).end();
        return;
      }
      response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
    qontakUrl = server.url;
    const auth = new QontakAuth({ baseUrl: server.url, username: 'ops@example.com', password: 'pw' });
    const response = await auth.fetch('/api/open/v1/start');
    expect(response.status).toBe(200);
    const api = server.requests.filter((request) => request.path !== '/oauth/token');
    expect(api.map((request) => request.path)).toEqual(['/api/open/v1/start', '/api/open/v1/back']);
    expect(api[0]!.headers.authorization).toBe('Bearer tok-1');
    expect(api[1]!.headers.authorization).toBeUndefined();
    expect(foreign.requests[0]!.headers.authorization).toBeUndefined();
    await auth.close();
  });

  it('strips every credential-bearing header on a cross-origin hop, and keeps them on a same-origin one', async () => {
    const foreign = await recordingServer(
      (_request, response) => {
        response.writeHead(200).end('foreign');
      },
      { urlHost: 'localhost' },
    );
    const issuer = tokenIssuer();
    const server = await recordingServer((request, response) => {
      if (request.path === '/oauth/token') return issuer.answer(response);
      if (request.path === '/api/open/v1/a') {
        response.writeHead(307, { location: '/api/open/v1/b' }).end();
        return;
      }
      if (request.path === '/api/open/v1/b') {
        response.writeHead(302, { location: `${foreign.url}/c` }).end();
        return;
      }
      response.writeHead(404).end();
    });
    const auth = new QontakAuth({ baseUrl: server.url, username: 'ops@example.com', password: 'pw' });
    const response = await auth.fetch('/api/open/v1/a', {
      headers: {
        cookie: 'session=S3ntinel-Cookie',
        'proxy-authorization': 'Basic S3ntinel-Proxy',
        'x-trace': 'kept',
      },
    });
    expect(await response.text()).toBe('foreign');
    const same = server.on('/api/open/v1/b')[0]!;
    expect(same.headers).toMatchObject({
      authorization: 'Bearer tok-1',
      cookie: 'session=S3ntinel-Cookie',
      'proxy-authorization': 'Basic S3ntinel-Proxy',
    });
    const out = foreign.requests[0]!;
    expect(out.headers.authorization).toBeUndefined();
    expect(out.headers.cookie).toBeUndefined();
    expect(out.headers['proxy-authorization']).toBeUndefined();
    expect(out.headers['x-trace']).toBe('kept');
    await auth.close();
  });
});
