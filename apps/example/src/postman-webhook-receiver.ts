import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createQontakWebhookHandler, qontakWebhookUrl, type QontakWebhookEvent } from '@qontak/webhooks';
import { handleNodeRequest } from '@qontak/webhooks/node';

/** A bot's webhook route on a loopback port, for the Postman collection's webhooks folder. */
export interface WebhookReceiver {
  /** The URL to register with Qontak, its secret in it. */
  readonly url: string;
  /** The events handed over, in order. */
  readonly events: readonly QontakWebhookEvent[];
  close(): Promise<void>;
}

/** Starts a `@qontak/webhooks` handler with a fresh secret on `127.0.0.1` (a free port). */
export async function startWebhookReceiver(): Promise<WebhookReceiver> {
  const events: QontakWebhookEvent[] = [];
  const secret = randomBytes(24).toString('base64url');
  const handler = createQontakWebhookHandler({ secret, onEvent: (event) => void events.push(event) });
  const server = createServer((req, res) => void handleNodeRequest(handler, req, res));
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    url: qontakWebhookUrl(`http://127.0.0.1:${port}/qontak/webhook`, secret),
    events,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
