import { createServer as createTcpServer, type AddressInfo, type Socket } from 'node:net';
import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { QontakAuth } from '../password/password-auth';
import { isQontakAuthError, type QontakAuthError } from '../errors/auth-error';
import { ManualClock } from './support/emulator-fixture';
import { recordingServer, type RecordedRequest } from './support/recording-server';

const PASSWORD = 'S3ntinel-Password-echoed';
const CLIENT_SECRET = 'S3ntinel-ClientSecret-echoed';
const MIB = 1024 * 1024;

async function rejection(promise: Promise<unknown>): Promise<QontakAuthError> {
  const error = await promise.then(
    () => expect.unreachable('the call should have failed'),
    (caught: unknown) => caught,
  );
  if (!isQontakAuthError(error)) throw error;
  return error;
}

function authAt(baseUrl: string, options: Partial<ConstructorParameters<typeof QontakAuth>[0]> = {}) {
  return new QontakAuth({
    baseUrl,
    username: 'ops@example.com',
    password: PASSWORD,
    clientId: 'client-id',
    clientSecret: CLIENT_SECRET,
    retry: { attempts: 1 },
    ...options,
  });
}

/** Every way an error is commonly logged, as one string. */
function everyRendering(error: QontakAuthError): string {
  return [
    error.message,
    error.stack ?? '',
    error.description ?? '',
    String(error),
    JSON.stringify(error),
    inspect(error, { depth: Infinity }),
    inspect(error, { depth: Infinity, showHidden: true }),
  ].join('\n');
}

/**
 * A token endpoint that answers `status` with an endless body (64 KiB chunks, up to `totalBytes`),
 * counting the bytes the client actually let it write.
 */
async function floodingEndpoint(status: number, totalBytes: number, headers: Record<string, string> = {}) {
  const counted = { written: 0, answers: 0 };
  const chunk = Buffer.alloc(64 * 1024, 'x');
  const server = await recordingServer((_request, response) => {
    counted.answers += 1;
    response.writeHead(status, { 'content-type': 'text/html', ...headers });
    const pump = () => {
      while (counted.written < totalBytes * counted.answers) {
        counted.written += chunk.length;
        if (!response.write(chunk)) {
          response.once('drain', pump);
          return;
        }
      }
      response.end();
    };
    response.on('error', () => undefined);
    pump();
  });
  return { server, counted };
}

describe('QontakAuth against a hostile token endpoint', () => {
  it.each([
    ['a 400-digit number of seconds', '9'.repeat(400)],
    ['a date in the year 9999', 'Fri, 31 Dec 9999 23:59:59 GMT'],
  ])('reads a 429 whose Retry-After is %s as a one-day wait, not Infinity', async (_label, retryAfter) => {
    const server = await recordingServer((_request, response) => {
      response.writeHead(429, { 'content-type': 'text/plain', 'retry-after': retryAfter }).end('slow down');
    });
    const auth = authAt(server.url, { retry: { attempts: 3 } });
    const error = await rejection(auth.getAccessToken());
    await auth.close();

    expect(error.code).toBe('rate_limited');
    expect(error.retryAfterMs).toBe(86_400_000);
    expect(JSON.stringify(error)).toContain('"retryAfterMs":86400000');
    expect(server.on('/oauth/token')).toHaveLength(1);
  });

  it('reads at most 64 KiB of a 200 answer (a 100 MiB body) and reports invalid_response', async () => {
    const { server, counted } = await floodingEndpoint(200, 100 * MIB, {
      'content-type': 'application/json',
    });
    const auth = authAt(server.url);
    const error = await rejection(auth.getAccessToken());
    expect(error.code).toBe('invalid_response');
    // What the client did not read stays in socket buffers: a few MiB at most, never the 100 MiB.
    expect(counted.written).toBeLessThan(16 * MIB);
    await auth.close();
  });

  it('reads at most 64 KiB of each 502 error page (100 MiB each, 3 attempts) and reports server_error', async () => {
    const { server, counted } = await floodingEndpoint(502, 100 * MIB);
    const auth = authAt(server.url, { retry: { attempts: 3, baseDelayMs: 1, maxDelayMs: 5 } });
    const error = await rejection(auth.getAccessToken());
    expect(error.code).toBe('server_error');
    expect(counted.answers).toBe(3);
    expect(counted.written).toBeLessThan(3 * 16 * MIB);
    await auth.close();
  });

  it('refuses a declared Content-Length above the cap without reading the body', async () => {
    const { server, counted } = await floodingEndpoint(200, 100 * MIB, {
      'content-type': 'application/json',
      'content-length': String(100 * MIB),
    });
    const auth = authAt(server.url);
    const error = await rejection(auth.getAccessToken());
    expect(error.code).toBe('invalid_response');
    expect(counted.written).toBeLessThan(16 * MIB);
    await auth.close();
  });

  it('redacts the password and client secret from an error_description that echoes the request', async () => {
    const server = await recordingServer((request: RecordedRequest, response) => {
      response.writeHead(400, { 'content-type': 'application/json' }).end(
        JSON.stringify({
          error: 'invalid_grant',
          error_description: `Rejected: ${request.body} (form: ${new URLSearchParams(JSON.parse(request.body) as Record<string, string>).toString()})`,
        }),
      );
    });
    const auth = authAt(server.url);
    const error = await rejection(auth.getAccessToken());
    expect(error.code).toBe('invalid_grant');
    expect(error.description).toContain('[redacted]');
    const rendered = everyRendering(error);
    expect(rendered).not.toContain(PASSWORD);
    expect(rendered).not.toContain(CLIENT_SECRET);
    expect(rendered).not.toContain(encodeURIComponent(PASSWORD));
    await auth.close();
  });

  it('keeps an HTML error page that echoes the request out of the error', async () => {
    const server = await recordingServer((request, response) => {
      response
        .writeHead(502, { 'content-type': 'text/html' })
        .end(`<html><body>Bad gateway<pre>${request.body}</pre></body></html>`);
    });
    const auth = authAt(server.url);
    const error = await rejection(auth.getAccessToken());
    expect(error.code).toBe('server_error');
    const rendered = everyRendering(error);
    expect(rendered).not.toContain(PASSWORD);
    expect(rendered).not.toContain(CLIENT_SECRET);
    await auth.close();
  });

  it('keeps raw response bytes out of cause when the answer is not HTTP (a reply echoing the request)', async () => {
    const sockets: Socket[] = [];
    const tcp = createTcpServer((socket) => {
      sockets.push(socket);
      let received = '';
      socket.on('data', (data: Buffer) => {
        received += data.toString('latin1');
        if (!received.includes('{')) return;
        // A reply the HTTP parser refuses (Content-Length with Transfer-Encoding), then the request
        // echoed back: the parser keeps the bytes after the point it failed at.
        socket.end(
          `HTTP/1.1 200 OK\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n${received}`,
          'latin1',
        );
      });
      socket.on('error', () => undefined);
    });
    await new Promise<void>((resolve) => tcp.listen(0, '127.0.0.1', resolve));
    const auth = authAt(`http://127.0.0.1:${(tcp.address() as AddressInfo).port}`);
    try {
      const error = await rejection(auth.getAccessToken());
      expect(error.code).toBe('network_error');
      const rendered = everyRendering(error);
      expect(rendered).not.toContain(PASSWORD);
      expect(rendered).not.toContain(CLIENT_SECRET);
    } finally {
      await auth.close();
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => tcp.close(() => resolve()));
    }
  });

  it('redacts the refresh token a refresh-grant error echoes', async () => {
    const clock = new ManualClock();
    let grants = 0;
    const server = await recordingServer((request, response) => {
      grants += 1;
      if (grants === 1) {
        response.writeHead(200, { 'content-type': 'application/json' }).end(
          JSON.stringify({
            access_token: 'tok-1',
            token_type: 'Bearer',
            expires_in: 60,
            refresh_token: 'S3ntinel-RefreshToken-echoed',
          }),
        );
        return;
      }
      response.writeHead(401, { 'content-type': 'application/json' }).end(
        JSON.stringify({
          error: 'invalid_client',
          error_description: `Client rejected for ${request.body}`,
        }),
      );
    });
    const auth = authAt(server.url, { clock: clock.read });
    await auth.getAccessToken();
    clock.advance(61_000);
    const error = await rejection(auth.getAccessToken());
    expect(error.code).toBe('invalid_client');
    const rendered = everyRendering(error);
    expect(rendered).not.toContain('S3ntinel-RefreshToken-echoed');
    expect(rendered).not.toContain(CLIENT_SECRET);
    await auth.close();
  });
});
