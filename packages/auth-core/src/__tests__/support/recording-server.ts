import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { closeAfterTest } from './other-origin';

/** One request a {@link RecordingServer} received, body included. */
export interface RecordedRequest {
  readonly method: string;
  readonly path: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

/** A real `node:http` server on loopback that records every request and answers as its handler says. */
export interface RecordingServer {
  /** `http://<host>:<port>` (host `127.0.0.1` unless asked otherwise). */
  readonly url: string;
  /** Every request received, in order. */
  readonly requests: RecordedRequest[];
  /** The requests received on `path` (query ignored). */
  on(path: string): RecordedRequest[];
}

/** Answers one recorded request; `server` is the recording server itself. */
export type RecordingHandler = (
  request: RecordedRequest,
  response: ServerResponse,
  server: RecordingServer,
) => void | Promise<void>;

/** Issues Doorkeeper-shaped tokens `tok-1`, `tok-2`, … (refresh tokens `refresh-N`) for `POST /oauth/token`. */
export function tokenIssuer(): { grants: () => number; answer: (response: ServerResponse) => void } {
  let grants = 0;
  return {
    grants: () => grants,
    answer: (response) => {
      grants += 1;
      response.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' }).end(
        JSON.stringify({
          access_token: `tok-${grants}`,
          token_type: 'Bearer',
          expires_in: 7200,
          refresh_token: `refresh-${grants}`,
          created_at: Math.floor(Date.now() / 1000),
        }),
      );
    },
  };
}

/** Answers 401 the way Qontak's API does: an empty text/html body and a `WWW-Authenticate` challenge. */
export function answerUnauthorized(response: ServerResponse): void {
  response
    .writeHead(401, {
      'content-type': 'text/html',
      'www-authenticate':
        'Bearer realm="Doorkeeper", error="invalid_token", error_description="The access token is invalid"',
    })
    .end();
}

/** Starts a recording server, closed after the test. */
export async function recordingServer(
  handler: RecordingHandler,
  { urlHost = '127.0.0.1' }: { urlHost?: string } = {},
): Promise<RecordingServer> {
  const requests: RecordedRequest[] = [];
  const server = createServer((req: IncomingMessage, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const recorded: RecordedRequest = {
        method: req.method ?? '',
        path: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      requests.push(recorded);
      Promise.resolve(handler(recorded, res, self)).catch(() => res.destroy());
    });
  });
  server.keepAliveTimeout = 1;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  closeAfterTest(server);
  const self: RecordingServer = {
    url: `http://${urlHost}:${(server.address() as AddressInfo).port}`,
    requests,
    on: (path) => requests.filter((request) => request.path.split('?')[0] === path),
  };
  return self;
}
