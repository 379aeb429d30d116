import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { closeServer } from 'qontak-test-support';
import { afterEach } from 'vitest';
import { handleNodeRequest } from '../../node';

/** What the server saw of one request. */
export interface ServedRequest {
  /** Body bytes passed from the connection to the handler's `Request`. */
  bodyBytes: number;
  /** Bytes the server read from the connection (headers included), once the answer was sent. */
  socketBytesRead: number;
}

/** A `node:http` server on loopback that runs a web-standard handler through `handleNodeRequest`. */
export interface WebServer {
  /** `http://127.0.0.1:<port>`. */
  readonly origin: string;
  /** What it saw of each request, oldest first. */
  readonly served: ServedRequest[];
  close(): Promise<void>;
}

/**
 * `request` with a body stream that counts the bytes it passes to the handler in `seen`, and still reads
 * nothing before the handler asks (`highWaterMark: 0`).
 */
function counted(request: Request, seen: ServedRequest): Request {
  const inner = request.body?.getReader();
  if (inner === undefined) return request;
  const body = new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        const next = await inner.read();
        if (next.done) return controller.close();
        seen.bodyBytes += next.value.byteLength;
        controller.enqueue(next.value);
      },
      cancel: (reason) => inner.cancel(reason),
    },
    { highWaterMark: 0 },
  );
  return new Request(request.url, {
    method: request.method,
    headers: request.headers,
    body,
    duplex: 'half',
  } as RequestInit);
}

const servers: WebServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

/** Starts a server for `handler` on a free loopback port, closed after the test. */
export async function serve(handler: (request: Request) => Promise<Response>): Promise<WebServer> {
  const served: ServedRequest[] = [];
  const server = createServer((req, res) => {
    const seen: ServedRequest = { bodyBytes: 0, socketBytesRead: 0 };
    served.push(seen);
    res.on('finish', () => {
      seen.socketBytesRead = req.socket.bytesRead;
    });
    void handleNodeRequest((request) => handler(counted(request, seen)), req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const web: WebServer = {
    origin,
    served,
    close: () => closeServer(server),
  };
  servers.push(web);
  return web;
}
