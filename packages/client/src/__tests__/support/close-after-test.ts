import type { Server } from 'node:http';
import { closeServer } from 'qontak-test-support';
import { afterEach } from 'vitest';

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map(closeServer));
});

/** Closes `server` (and its open connections) after the test. */
export function closeAfterTest(server: Server): void {
  servers.push(server);
}
