import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { closeAfterTest } from './close-after-test';

/** The access token a {@link hostileQontak} issues: long and URL-safe, as Doorkeeper's are. */
export const HOSTILE_ACCESS_TOKEN = 'hostile-Access-Token_0123456789abcdefghijklmnop';

/** Answers one API request (anything but `POST /oauth/token`). */
export type HostileHandler = (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;

/**
 * A real `node:http` server on loopback playing a hostile Qontak: `POST /oauth/token` grants
 * {@link HOSTILE_ACCESS_TOKEN} (so the password grant works on it), every other request is answered by
 * `api`. Closed after the test.
 */
export async function hostileQontak(api: HostileHandler): Promise<string> {
  const server = createServer((req, res) => {
    if (req.method === 'POST' && req.url === '/oauth/token') {
      req.resume();
      req.on('end', () => {
        res.writeHead(200, { 'content-type': 'application/json' }).end(
          JSON.stringify({
            access_token: HOSTILE_ACCESS_TOKEN,
            token_type: 'Bearer',
            expires_in: 7200,
            created_at: Math.floor(Date.now() / 1000),
          }),
        );
      });
      return;
    }
    Promise.resolve(api(req, res)).catch(() => res.destroy());
  });
  server.keepAliveTimeout = 1;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  closeAfterTest(server);
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/**
 * Writes `chunks` chunks of `chunk` to `res` as fast as the client reads them (waiting for `drain`),
 * and resolves with the bytes the socket accepted when the client went away or the last was sent.
 */
export function stream(res: ServerResponse, chunk: Buffer, chunks: number): Promise<number> {
  return new Promise((resolve) => {
    let written = 0;
    let sent = 0;
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      resolve(written);
    };
    res.on('close', finish);
    const next = () => {
      while (sent < chunks && !res.destroyed) {
        sent += 1;
        const ok = res.write(chunk, (error) => {
          if (!error) written += chunk.length;
        });
        if (!ok) {
          res.once('drain', next);
          return;
        }
      }
      if (sent >= chunks) res.end(finish);
    };
    next();
  });
}
