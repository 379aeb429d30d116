import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach } from 'vitest';

/** What the server saw of one request. */
export interface ServedRequest {
  /** Body bytes passed from the connection to the handler's `Request`. */
  bodyBytes: number;
  /** Bytes the server read from the connection (headers included), once the answer was sent. */
  socketBytesRead: number;
}

/** A `node:http` server on loopback that runs a web-standard handler. */
export interface WebServer {
  /** `http://127.0.0.1:<port>`. */
  readonly origin: string;
  /** What it saw of each request, oldest first. */
  readonly served: ServedRequest[];
  close(): Promise<void>;
}

/** The Node request as a web `Request` whose body stream reads `req` as the handler pulls, and stops on cancel. */
function toWebRequest(req: IncomingMessage, origin: string, seen: ServedRequest): Request {
  const hasBody = req.method !== 'GET' && req.method !== 'HEAD';
  let cancelled = false;
  const body = hasBody
    ? new ReadableStream<Uint8Array>(
        {
          start(controller) {
            req.pause();
            req.on('data', (chunk: Buffer) => {
              if (cancelled) return;
              seen.bodyBytes += chunk.byteLength;
              controller.enqueue(new Uint8Array(chunk));
              if ((controller.desiredSize ?? 0) <= 0) req.pause();
            });
            req.on('end', () => cancelled || controller.close());
            req.on('error', (error) => cancelled || controller.error(error));
          },
          pull() {
            req.resume();
          },
          cancel() {
            cancelled = true;
            req.pause();
          },
        },
        { highWaterMark: 0 },
      ) // nothing is read before the handler asks
    : null;
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    for (const one of Array.isArray(value) ? value : value === undefined ? [] : [value])
      headers.append(name, one);
  }
  return new Request(new URL(req.url ?? '/', origin), {
    method: req.method,
    headers,
    body,
    duplex: 'half',
  } as RequestInit);
}

async function answer(res: ServerResponse, req: IncomingMessage, response: Response): Promise<void> {
  const headers: Record<string, string> = Object.fromEntries(response.headers);
  // A body the handler did not read is not drained: the connection closes after the answer.
  if (!req.complete) headers['connection'] = 'close';
  res.writeHead(response.status, headers);
  res.end(Buffer.from(await response.arrayBuffer()));
}

const servers: WebServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

/** Starts a server for `handler` on a free loopback port, closed after the test. */
export async function serve(handler: (request: Request) => Promise<Response>): Promise<WebServer> {
  const served: ServedRequest[] = [];
  let origin = '';
  const server = createServer((req, res) => {
    const seen: ServedRequest = { bodyBytes: 0, socketBytesRead: 0 };
    served.push(seen);
    res.on('finish', () => {
      seen.socketBytesRead = req.socket.bytesRead;
    });
    handler(toWebRequest(req, origin, seen))
      .then((response) => answer(res, req, response))
      .catch(() => {
        res.writeHead(599).end();
      });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const web: WebServer = {
    origin,
    served,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  servers.push(web);
  return web;
}
