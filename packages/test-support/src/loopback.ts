import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What {@link listenOnLoopback} starts: an Express app, or anything else that listens like one. */
export interface Listener {
  listen(port: number, host: string): Server;
}

/** Starts `app` on a free loopback port; returns its base URL and the server (close it with {@link closeServer}). */
export async function listenOnLoopback(app: Listener): Promise<{ base: string; server: Server }> {
  const server = app.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return { base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

/** Closes `server` and every connection it still holds. */
export function closeServer(server: Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}

/** A loopback URL on a port that was free a moment ago, so connecting to it is refused. */
export async function unusedLoopbackUrl(): Promise<string> {
  const probe = createServer();
  probe.listen(0, '127.0.0.1');
  await once(probe, 'listening');
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return `http://127.0.0.1:${port}`;
}
