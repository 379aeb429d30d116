import { createServer as createHttpServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createTcpServer, type AddressInfo, type Socket } from 'node:net';

/** How {@link startEchoingTokenEndpoint} answers: each mode puts the request it got into its answer. */
export const ECHO_MODES = ['error_description', 'html page', 'not http'] as const;

/** One of {@link ECHO_MODES}. */
export type EchoMode = (typeof ECHO_MODES)[number];

/** A running echoing token endpoint. */
export interface EchoingTokenEndpoint {
  /** `http://127.0.0.1:<port>`: use it as the base URL. */
  readonly url: string;
  /** How the next requests are answered. */
  mode: EchoMode;
  close(): Promise<void>;
}

/**
 * A hostile token endpoint, as a broken WAF or proxy might be: it answers every request with the
 * request's own body in it: as an OAuth `error_description` (400 `invalid_grant`), in a 502 HTML page,
 * or after a reply the HTTP parser refuses (Content-Length and Transfer-Encoding together), so the
 * echo lands in the parser error's raw bytes. Whatever it answers must not put the password or client
 * secret into an error.
 */
export async function startEchoingTokenEndpoint(): Promise<EchoingTokenEndpoint> {
  const sockets = new Set<Socket>();
  const http = createHttpServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      if (self.mode === 'error_description') {
        res.writeHead(400, { 'content-type': 'application/json', connection: 'close' });
        res.end(JSON.stringify({ error: 'invalid_grant', error_description: `Rejected request: ${body}` }));
      } else {
        res.writeHead(502, { 'content-type': 'text/html', connection: 'close' });
        res.end(`<html><body><h1>502</h1><pre>${body}</pre></body></html>`);
      }
    });
  });
  // One port for every mode; each connection serves one request, so each mode starts on a new one.
  const tcp = createTcpServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    if (self.mode !== 'not http') {
      http.emit('connection', socket);
      return;
    }
    let received = '';
    socket.on('data', (data: Buffer) => {
      received += data.toString('latin1');
      if (!received.includes('{')) return;
      socket.end(
        `HTTP/1.1 200 OK\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n${received}`,
        'latin1',
      );
    });
  });
  await new Promise<void>((resolve) => tcp.listen(0, '127.0.0.1', resolve));
  const self: EchoingTokenEndpoint = {
    url: `http://127.0.0.1:${(tcp.address() as AddressInfo).port}`,
    mode: 'error_description',
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        tcp.close(() => resolve());
      }),
  };
  return self;
}
