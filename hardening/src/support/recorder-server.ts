import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { closeServer } from 'qontak-test-support';

/** One request the recorder received. */
export interface RecordedRequest {
  readonly method: string;
  readonly path: string;
  readonly host: string;
  readonly headers: IncomingHttpHeaders;
}

/** A running {@link startRecorder} server. */
export interface Recorder {
  readonly port: number;
  /** `http://<host>:<port>` (default host `127.0.0.1`). */
  url(host?: string): string;
  readonly received: RecordedRequest[];
  close(): Promise<void>;
}

/**
 * A real `node:http` server on every loopback address (`::`, so `localhost`, `127.0.0.1` and `[::1]`
 * all reach it) that records every request and answers 200 `recorded`, or, for
 * `/redirect?status=<3xx>&to=<url>`, that redirect.
 */
export async function startRecorder(): Promise<Recorder> {
  const received: RecordedRequest[] = [];
  const server = createServer((req, res) => {
    received.push({
      method: req.method ?? '',
      path: req.url ?? '',
      host: req.headers.host ?? '',
      headers: req.headers,
    });
    req.resume();
    const url = new URL(req.url ?? '/', 'http://recorder.invalid');
    const to = url.searchParams.get('to');
    if (url.pathname === '/redirect' && to !== null) {
      res.writeHead(Number(url.searchParams.get('status') ?? '302'), { location: to, 'content-length': '0' });
      res.end();
      return;
    }
    res.writeHead(200, { 'content-type': 'text/plain' });
    res.end('recorded');
  });
  await new Promise<void>((resolve) => server.listen(0, '::', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    port,
    url: (host = '127.0.0.1') => `http://${host}:${port}`,
    received,
    close: () => closeServer(server),
  };
}
