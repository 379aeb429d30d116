import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { performance } from 'node:perf_hooks';
import { afterEach } from 'vitest';
import type { QontakEmulator } from '../index';
import { callApi } from './api-helpers';

/** One POST the receiver got. */
export interface ReceivedPost {
  readonly path: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: Record<string, unknown>;
  /** `performance.now()` when it arrived. */
  readonly at: number;
}

/** How the receiver answers a POST: a status (at once or later), or never (`'hang'`, until closed). */
export type Answer = number | 'hang' | Promise<number>;

/** A `node:http` server on loopback that records the webhook POSTs it gets. */
export interface WebhookReceiver {
  /** `http://127.0.0.1:<port>/hooks/qontak`. */
  readonly url: string;
  readonly posts: ReceivedPost[];
  /** The most POSTs it was answering at once. */
  readonly maxInFlight: number;
  /** Resolves once `count` POSTs arrived (within 5 s, else rejects). */
  received(count: number): Promise<ReceivedPost[]>;
  /** The bodies of the POSTs whose `data_event` is `event`. */
  events(event: string): Record<string, unknown>[];
  close(): Promise<void>;
}

const receivers: WebhookReceiver[] = [];
afterEach(async () => {
  await Promise.all(receivers.splice(0).map((receiver) => receiver.close()));
});

/** Starts a receiver that answers the n-th POST (0-based) with `answer(n)`, closed after the test. */
export async function startReceiver(answer: (index: number) => Answer = () => 200): Promise<WebhookReceiver> {
  const posts: ReceivedPost[] = [];
  const sockets = new Set<Socket>();
  let inFlight = 0;
  let maxInFlight = 0;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const index = posts.length;
      posts.push({
        path: req.url ?? '',
        headers: req.headers,
        body: JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>,
        at: performance.now(),
      });
      inFlight += 1;
      maxInFlight = Math.max(maxInFlight, inFlight);
      res.on('close', () => (inFlight -= 1));
      const status = answer(index);
      if (status === 'hang') return;
      void Promise.resolve(status).then((code) =>
        res.writeHead(code, { 'content-type': 'application/json' }).end('{}'),
      );
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const receiver: WebhookReceiver = {
    url: `http://127.0.0.1:${port}/hooks/qontak`,
    posts,
    get maxInFlight() {
      return maxInFlight;
    },
    async received(count) {
      const deadline = performance.now() + 5_000;
      while (posts.length < count) {
        if (performance.now() > deadline) {
          throw new Error(`the receiver got ${posts.length} POSTs, not ${count}, within 5 s`);
        }
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      return posts.slice(0, count);
    },
    events: (event) => posts.map((post) => post.body).filter((body) => body['data_event'] === event),
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
  receivers.push(receiver);
  return receiver;
}

/** The message-interactions flags of `PUT /v1/message_interactions`. */
export type MessageFlags = Partial<
  Record<
    | 'receive_message_from_customer'
    | 'receive_message_from_agent'
    | 'status_message'
    | 'broadcast_log_status',
    boolean
  >
>;

/** Registers `url` for the message events `flags` turns on (with the dashboard access token). */
export async function registerMessages(
  emulator: QontakEmulator,
  url: string,
  flags: MessageFlags,
): Promise<void> {
  const res = await callApi(emulator, 'access-token', '/v1/message_interactions', {
    method: 'PUT',
    json: { ...flags, url },
  });
  if (res.status !== 200) throw new Error(`PUT /v1/message_interactions answered ${res.status}`);
}

/** Registers `url` for resolved rooms (with the dashboard access token). */
export async function registerRooms(
  emulator: QontakEmulator,
  url: string,
  roomResolved = true,
): Promise<void> {
  const res = await callApi(emulator, 'access-token', '/v1/room_interactions', {
    method: 'PUT',
    json: { room_resolved: roomResolved, url },
  });
  if (res.status !== 200) throw new Error(`PUT /v1/room_interactions answered ${res.status}`);
}
