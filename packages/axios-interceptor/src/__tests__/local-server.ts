import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { closeServer } from 'qontak-test-support';

/** One request a {@link LocalServer} received. */
export interface ReceivedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  /** The body, once it has arrived (before the handler runs). */
  body: string;
}

/** A real HTTP server on loopback (port 0) that records every request it gets. */
export interface LocalServer {
  /** `http://<host>:<port>`, with the host the caller asked for in the URL. */
  url: string;
  port: number;
  received: ReceivedRequest[];
  close(): Promise<void>;
}

/**
 * Starts a `node:http` server on `listenHost` (default 127.0.0.1); `urlHost` is the host name used
 * in its `url` (e.g. `localhost`, another origin than `127.0.0.1` for the same machine).
 */
export async function startLocalServer(
  handler: (req: IncomingMessage, res: ServerResponse, server: LocalServer) => void,
  { listenHost = '127.0.0.1', urlHost = '127.0.0.1' }: { listenHost?: string; urlHost?: string } = {},
): Promise<LocalServer> {
  const received: ReceivedRequest[] = [];
  const server = createServer((req, res) => {
    const request: ReceivedRequest = {
      method: req.method ?? '',
      path: req.url ?? '',
      headers: req.headers,
      body: '',
    };
    received.push(request);
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      request.body = Buffer.concat(chunks).toString('utf8');
      handler(req, res, self);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, listenHost, resolve));
  const { port } = server.address() as AddressInfo;
  const self: LocalServer = {
    url: `http://${urlHost}:${port}`,
    port,
    received,
    close: () => closeServer(server),
  };
  return self;
}

/** Answers `POST /oauth/token` with a new token each time (`tok-1`, `tok-2`, …), like Doorkeeper. */
export function answerTokenRequest(res: ServerResponse, tokenNumber: number): void {
  res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' });
  res.end(
    JSON.stringify({
      access_token: `tok-${tokenNumber}`,
      token_type: 'Bearer',
      expires_in: 7200,
      refresh_token: `refresh-${tokenNumber}`,
      created_at: Math.floor(Date.now() / 1000),
    }),
  );
}

/** Answers 401 the way Qontak's API does: empty text/html body and `WWW-Authenticate`. */
export function answerUnauthorized(res: ServerResponse): void {
  res.writeHead(401, {
    'content-type': 'text/html',
    'www-authenticate':
      'Bearer realm="Doorkeeper", error="invalid_token", error_description="The access token is invalid"',
  });
  res.end();
}

/** Answers 200 with `{ status: 'success', data }`. */
export function answerJson(res: ServerResponse, data: unknown, status = 200): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify({ status: 'success', data }));
}

/** The requests `server` received on `path` (query excluded). */
export function receivedOn(server: LocalServer, path: string): ReceivedRequest[] {
  return server.received.filter((r) => r.path.split('?')[0] === path);
}
