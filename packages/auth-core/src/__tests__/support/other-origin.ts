import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach } from 'vitest';

/** A server on another origin than the emulator's, and the headers of every request it received. */
export interface OtherOrigin {
  url: string;
  seen: IncomingHttpHeaders[];
  server: Server;
}

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(
    servers.splice(0).map((server) => new Promise<void>((resolve) => server.close(() => resolve()))),
  );
});

/** Closes `server` after the test (for servers a test starts itself). */
export function closeAfterTest(server: Server): void {
  servers.push(server);
}

/**
 * Starts another origin (`http://localhost:<port>`, while the emulator is `http://127.0.0.1:<port>`):
 * it records the headers it receives and answers 200, or redirects to `redirectTo` with `status`
 * (default 302). Closed after the test.
 */
export async function otherOrigin(redirectTo?: string, status = 302): Promise<OtherOrigin> {
  const seen: IncomingHttpHeaders[] = [];
  const server = createServer((request, response) => {
    seen.push(request.headers);
    if (redirectTo) response.writeHead(status, { location: redirectTo }).end();
    else response.writeHead(200, { 'content-type': 'application/json' }).end('{"other":true}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  server.keepAliveTimeout = 1;
  closeAfterTest(server);
  return { url: `http://localhost:${(server.address() as AddressInfo).port}`, seen, server };
}
