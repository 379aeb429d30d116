import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { closeAfterTest } from './close-after-test';

/** A loopback server that answers 200 to every POST and keeps the JSON bodies, closed after the test. */
export interface WebhookSink {
  readonly url: string;
  readonly bodies: Record<string, unknown>[];
  /** Resolves with the first body whose `data_event` is `event` (within 5 s, else rejects). */
  event(event: string): Promise<Record<string, unknown>>;
}

export async function startWebhookSink(): Promise<WebhookSink> {
  const bodies: Record<string, unknown>[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      bodies.push(JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>);
      res.writeHead(200).end();
    });
  });
  closeAfterTest(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks/qontak`,
    bodies,
    async event(event) {
      const deadline = Date.now() + 5_000;
      for (;;) {
        const found = bodies.find((body) => body['data_event'] === event);
        if (found) return found;
        if (Date.now() > deadline) throw new Error(`no ${event} event within 5 s`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    },
  };
}
