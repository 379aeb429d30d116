import { once } from 'node:events';
import { createServer, request, type IncomingMessage, type Server } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { closeServer } from 'qontak-test-support';
import { afterEach, describe, expect, it } from 'vitest';
import { createQontakWebhookHandler } from '../create-qontak-webhook-handler';
import { handleNodeRequest, type NodeRequestOptions } from '../node';
import type { QontakWebhookEvent } from '../qontak-webhook-event';
import { qontakWebhookUrl } from '../webhook-secret';
import { SECRET } from './support/handler-fixture';
import { CUSTOMER_MESSAGE } from './support/payloads';
import { post } from './support/requests';

const servers: Server[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) {
    await closeServer(server);
  }
});

/** A `node:http` server whose requests go through `handleNodeRequest(handler, req, res, options(req))`. */
async function listen(
  handler: (request: Request) => Promise<Response>,
  options: (req: IncomingMessage, body: Buffer) => NodeRequestOptions | undefined = () => undefined,
  { readFirst = false }: { readFirst?: boolean } = {},
): Promise<string> {
  const server = createServer(async (req, res) => {
    // readFirst: a body parser ran before, and read the whole body.
    const chunks: Buffer[] = [];
    if (readFirst) for await (const chunk of req) chunks.push(chunk as Buffer);
    await handleNodeRequest(handler, req, res, options(req, Buffer.concat(chunks)));
  });
  servers.push(server);
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** A webhook handler with `SECRET` that keeps what it hands over. */
function webhookHandler(): {
  handler: (request: Request) => Promise<Response>;
  events: QontakWebhookEvent[];
} {
  const events: QontakWebhookEvent[] = [];
  return { events, handler: createQontakWebhookHandler({ secret: SECRET, onEvent: (e) => events.push(e) }) };
}

/** Sends `text` (a whole HTTP/1.1 request) on a raw connection; the status of the answer. */
async function rawRequest(origin: string, text: string): Promise<number> {
  const socket = connect(Number(new URL(origin).port), '127.0.0.1');
  socket.write(text); // not end(): the server closes it (Connection: close) once it answered
  let answer = '';
  for await (const chunk of socket) answer += String(chunk);
  return Number(/^HTTP\/1\.1 (\d{3})/.exec(answer)?.[1]);
}

describe('handleNodeRequest', () => {
  it('hands a body a parser read before over: rawBody as it is, else the parsed body as JSON', async () => {
    const { handler, events } = webhookHandler();
    const origin = await listen(
      handler,
      (req, bytes) =>
        req.headers['x-kept'] === 'raw' ? { rawBody: bytes } : { body: JSON.parse(String(bytes)) as unknown },
      { readFirst: true },
    );
    const url = qontakWebhookUrl(`${origin}/hook`, SECRET);
    expect((await post(url, CUSTOMER_MESSAGE)).status).toBe(200);
    const notUtf8 = new Uint8Array([...Buffer.from('{"id":"'), 0xe9, ...Buffer.from('"}')]);
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-kept': 'raw' },
      body: notUtf8,
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: 'invalid_json' });
    expect(events).toEqual([CUSTOMER_MESSAGE]);
  });

  it('answers 400 without calling the handler for a parsed body with no JSON form (a BigInt)', async () => {
    let calls = 0;
    const origin = await listen(
      async () => {
        calls += 1;
        return new Response('ok');
      },
      () => ({ body: { id: 1n } }),
      { readFirst: true },
    );
    const response = await fetch(`${origin}/hook`, { method: 'POST', body: '{"id":1}' });
    expect([response.status, await response.text(), calls]).toEqual([400, '', 0]);
  });

  it('answers TRACE, which a web Request cannot carry, 501 without calling the handler', async () => {
    let calls = 0;
    const origin = await listen(async () => {
      calls += 1;
      return new Response('ok');
    });
    const status = await new Promise<number>((resolve, reject) => {
      request(`${origin}/hook`, { method: 'TRACE' }, (incoming) => {
        incoming.resume();
        resolve(incoming.statusCode ?? 0);
      })
        .on('error', reject)
        .end();
    });
    expect([status, calls]).toEqual([501, 0]);
  });

  it('reads the secret from the target whatever the Host header says, and refuses a target that is no URL', async () => {
    const { handler, events } = webhookHandler();
    const origin = await listen(handler);
    const body = JSON.stringify(CUSTOMER_MESSAGE);
    const post = (target: string, host: string) =>
      `POST ${target} HTTP/1.1\r\nHost: ${host}\r\nContent-Type: application/json\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`;
    const target = `/hook?qontak_secret=${SECRET}`;
    expect(await rawRequest(origin, post(target, 'evil.example/?qontak_secret=x#'))).toBe(200);
    expect(await rawRequest(origin, post(`http://[v1.x${target}`, 'a'))).toBe(401);
    expect(events).toHaveLength(1);
  });

  it('answers 500 with no body for a handler that throws, and writes every header and a streamed body', async () => {
    const origin = await listen(async (req) => {
      if (new URL(req.url).pathname === '/throws') throw new Error('failed');
      const headers = new Headers({ 'content-type': 'text/plain' });
      headers.append('set-cookie', 'a=1');
      headers.append('set-cookie', 'b=2');
      const parts = ['one ', 'two ', 'three'];
      const body = new ReadableStream<Uint8Array>({
        pull(controller) {
          const next = parts.shift();
          if (next === undefined) controller.close();
          else controller.enqueue(new TextEncoder().encode(next));
        },
      });
      return new Response(body, { status: 202, headers });
    });
    const failed = await fetch(`${origin}/throws`, { method: 'POST', body: '{}' });
    expect([failed.status, await failed.text()]).toEqual([500, '']);
    const answered = await fetch(`${origin}/streams`);
    expect(answered.status).toBe(202);
    expect(answered.headers.getSetCookie()).toEqual(['a=1', 'b=2']);
    expect(await answered.text()).toBe('one two three');
  });
});
