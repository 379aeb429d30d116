import type { Server } from 'node:http';
import { afterEach } from 'vitest';

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(
    servers.splice(0).map((server) => {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    }),
  );
});

/** Closes `server` (and its open connections) after the test. */
export function closeAfterTest(server: Server): void {
  servers.push(server);
}
