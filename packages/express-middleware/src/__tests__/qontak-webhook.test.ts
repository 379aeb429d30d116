import { request, type Server } from 'node:http';
import {
  createQontakWebhookHandler,
  qontakWebhookUrl,
  type QontakWebhookEvent,
  type QontakWebhookEventName,
  type QontakWebhookHandlerOptions,
} from '@qontak/webhooks';
import { qontakWebhookExample } from '@qontak/webhooks/testing';
import express, { type Express, type RequestHandler } from 'express';
import express4 from 'express4';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { closeServer, listenOnLoopback } from 'qontak-test-support';
import { qontakWebhook } from '../webhooks';

const SECRET = 'xPr3ss-W3bh00k-S3cret-9f2c41d7aa';
const MIB = 1024 * 1024;
const EVENT_NAMES: readonly QontakWebhookEventName[] = [
  'receive_message_from_customer',
  'receive_message_from_agent',
  'status_message',
  'broadcast_log_status',
  'room_resolved',
];

/** Express 5 and Express 4, as modules (the app factory and its body parsers). */
const EXPRESSES: ReadonlyArray<readonly [string, typeof express]> = [
  ['Express 5', express],
  ['Express 4', express4],
];

/** What runs before the route: nothing, or a body parser that reads the body first. */
type Parser = (framework: typeof express) => RequestHandler;
const PARSERS: ReadonlyArray<readonly [string, Parser | undefined]> = [
  ['no body parser', undefined],
  ['express.json() before it', (framework) => framework.json()],
];

const servers: Server[] = [];
afterEach(async () => {
  vi.restoreAllMocks();
  await Promise.all(servers.splice(0).map((server) => closeServer(server)));
});

interface Receiver {
  /** The URL registered with Qontak: `/qontak/webhook` with the secret. */
  url: string;
  base: string;
  /** What `onEvent` was handed, in order. */
  events: QontakWebhookEvent[];
  /** Errors that reached Express's error handling (`next(err)`), answered with their `status` as Express does. */
  errors: unknown[];
  /** Bytes read from each connection, once its answer was sent. */
  socketBytesRead: number[];
  /** What an access logger reads once the answer is sent: `req.originalUrl`, `req.url`, `req.query`. */
  accessLog: string[];
}

/** An app of `framework` with `before` mounted first, then `qontakWebhook` on `/qontak/webhook`. */
async function receiver(
  framework: typeof express,
  {
    before = [],
    options = {},
    method = 'post',
  }: {
    before?: RequestHandler[];
    options?: Partial<QontakWebhookHandlerOptions>;
    method?: 'post' | 'all';
  } = {},
): Promise<Receiver> {
  const events: QontakWebhookEvent[] = [];
  const errors: unknown[] = [];
  const socketBytesRead: number[] = [];
  const accessLog: string[] = [];
  const app: Express = framework();
  app.use((req, res, next) => {
    res.on('finish', () => {
      socketBytesRead.push(req.socket.bytesRead);
      accessLog.push(`${req.originalUrl} ${req.url} ${JSON.stringify(req.query)}`);
    });
    next();
  });
  for (const middleware of before) app.use(middleware);
  app[method](
    '/qontak/webhook',
    qontakWebhook({
      secret: SECRET,
      ...options,
      onEvent: async (event) => {
        events.push(event);
        await options.onEvent?.(event);
      },
    }),
  );
  app.use(((error: { status?: unknown }, _req, res, _next) => {
    errors.push(error);
    res.status(typeof error.status === 'number' ? error.status : 500).end();
  }) satisfies express.ErrorRequestHandler);
  const { base, server } = await listenOnLoopback(app);
  servers.push(server);
  return {
    url: qontakWebhookUrl(`${base}/qontak/webhook`, SECRET),
    base,
    events,
    errors,
    socketBytesRead,
    accessLog,
  };
}

/** POSTs `body` (a string as it is, an object as JSON) to `url`; the status, headers and text of the answer. */
async function post(
  url: string,
  body: string | object,
  contentType = 'application/json',
): Promise<{ status: number; headers: Headers; text: string }> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': contentType },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: response.status, headers: response.headers, text: await response.text() };
}

/** POSTs a JSON body of `bytes` bytes, chunked (a stream) or with its `Content-Length`; the answer's status. */
async function postLarge(url: string, bytes: number, { chunked }: { chunked: boolean }): Promise<number> {
  const body = Buffer.alloc(bytes, 'a');
  body.write('{"text":"');
  body.write('"}', bytes - 2);
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: chunked ? new Blob([body]).stream() : body,
    duplex: 'half',
  } as RequestInit);
  await response.body?.cancel();
  return response.status;
}

describe.each(EXPRESSES)('qontakWebhook on %s', (_version, framework) => {
  describe.each(PARSERS)('with %s', (_parser, parser) => {
    const before = parser === undefined ? [] : [parser(framework)];

    it.each(EVENT_NAMES)('hands a %s event over as Qontak sent it, and answers 200', async (name) => {
      const { url, events, errors } = await receiver(framework, { before });
      const sent = qontakWebhookExample(name);
      const answer = await post(url, sent);
      expect(answer.status).toBe(200);
      expect(JSON.parse(answer.text)).toEqual({ status: 'received' });
      expect(answer.headers.get('content-type')).toBe('application/json');
      expect(events).toEqual([sent]);
      expect(errors).toEqual([]);
    });

    it('answers 401 to a wrong secret and to none, without calling onEvent', async () => {
      const { url, base, events } = await receiver(framework, { before });
      const wrong = url.replace(SECRET, `${SECRET.slice(0, -1)}x`);
      for (const target of [wrong, `${base}/qontak/webhook`]) {
        const answer = await post(target, qontakWebhookExample('receive_message_from_customer'));
        expect(answer.status).toBe(401);
        expect(JSON.parse(answer.text)).toEqual({ error: 'unauthorized' });
      }
      expect(events).toEqual([]);
    });

    it('leaves qontak_secret=[redacted] in req.originalUrl, req.url and req.query for an access logger, however the secret was spelled', async () => {
      const { url, base, accessLog } = await receiver(framework, { before });
      const encoded = [...SECRET].map((c) => `%${c.charCodeAt(0).toString(16)}`).join('');
      const targets = [
        url,
        `${url}&page=2`,
        `${base}/qontak/webhook?qontak%5Fsecret=${encoded}`,
        `${base}/qontak/webhook?qontak_secret=${SECRET.slice(0, 20)}`,
      ];
      const statuses = [];
      for (const target of targets) {
        statuses.push((await post(target, qontakWebhookExample('receive_message_from_customer'))).status);
      }
      expect(statuses).toEqual([200, 200, 200, 401]);
      await vi.waitFor(() => expect(accessLog).toHaveLength(targets.length));
      const redactedQuery = '{"qontak_secret":"[redacted]"}';
      expect(accessLog).toEqual([
        `/qontak/webhook?qontak_secret=[redacted] /qontak/webhook?qontak_secret=[redacted] ${redactedQuery}`,
        `/qontak/webhook?qontak_secret=[redacted]&page=2 /qontak/webhook?qontak_secret=[redacted]&page=2 {"qontak_secret":"[redacted]","page":"2"}`,
        `/qontak/webhook?qontak%5Fsecret=[redacted] /qontak/webhook?qontak%5Fsecret=[redacted] ${redactedQuery}`,
        `/qontak/webhook?qontak_secret=[redacted] /qontak/webhook?qontak_secret=[redacted] ${redactedQuery}`,
      ]);
    });

    it('hands a redelivered event over once (answered 200 duplicate)', async () => {
      const { url, events } = await receiver(framework, { before });
      const event = qontakWebhookExample('status_message');
      const answers = [await post(url, event), await post(url, event), await post(url, event)];
      expect(answers.map((answer) => [answer.status, JSON.parse(answer.text)])).toEqual([
        [200, { status: 'received' }],
        [200, { status: 'duplicate' }],
        [200, { status: 'duplicate' }],
      ]);
      expect(events).toHaveLength(1);
    });

    it('answers 500 when onEvent throws, and hands the redelivery over', async () => {
      let failures = 1;
      const { url, events, errors } = await receiver(framework, {
        before,
        options: {
          onEvent: () => {
            if (failures-- > 0) throw new Error("the bot's database is down");
          },
        },
      });
      const event = qontakWebhookExample('receive_message_from_customer');
      const first = await post(url, event);
      expect(first.status).toBe(500);
      expect(JSON.parse(first.text)).toEqual({ error: 'internal_error' });
      const again = await post(url, event);
      expect(again.status).toBe(200);
      expect(events).toEqual([event, event]);
      expect(errors).toEqual([]);
    });

    it.each([
      ['declared by Content-Length', false],
      ['chunked', true],
    ] as const)('answers 413 to a 3 MiB body %s, onEvent not called', async (_how, chunked) => {
      const { url, events } = await receiver(framework, { before });
      expect(await postLarge(url, 3 * MIB, { chunked })).toBe(413);
      expect(events).toEqual([]);
    });

    it('answers 405 with Allow: POST to a GET when mounted with app.all', async () => {
      const { url, events } = await receiver(framework, { before, method: 'all' });
      const response = await fetch(url);
      expect(response.status).toBe(405);
      expect(response.headers.get('allow')).toBe('POST');
      expect(await response.json()).toEqual({ error: 'method_not_allowed' });
      expect(events).toEqual([]);
    });

    it('leaves a GET to Express when mounted with app.post (404, the secret not in the page)', async () => {
      const { url, events } = await receiver(framework, { before });
      const response = await fetch(url);
      expect(response.status).toBe(404);
      expect(await response.text()).not.toContain(SECRET);
      expect(events).toEqual([]);
    });
  });

  describe('when no body parser ran, the handler reads the stream itself', () => {
    it('reads at most about 1 MiB of a 3 MiB chunked body before answering 413', async () => {
      const { url, socketBytesRead } = await receiver(framework);
      expect(await postLarge(url, 3 * MIB, { chunked: true })).toBe(413);
      expect(socketBytesRead[0]).toBeGreaterThan(MIB);
      expect(socketBytesRead[0]).toBeLessThan(MIB + 512 * 1024);
    });

    it('reads none of the body of a request without the secret', async () => {
      const { url, socketBytesRead } = await receiver(framework);
      expect(await postLarge(url.replace(SECRET, 'x'.repeat(32)), 3 * MIB, { chunked: true })).toBe(401);
      expect(socketBytesRead[0]).toBeLessThan(256 * 1024);
    });
  });

  describe('when a body parser read the body before, the handler still judges it', () => {
    it('a parser with a larger limit (express.json({ limit: "10mb" })): 413 past the handler\'s maxBodyBytes', async () => {
      const { url, events } = await receiver(framework, {
        before: [framework.json({ limit: '10mb' })],
        options: { maxBodyBytes: 64 * 1024 },
      });
      expect(await postLarge(url, 100 * 1024, { chunked: false })).toBe(413);
      expect(await postLarge(url, 100 * 1024, { chunked: true })).toBe(413);
      expect(await postLarge(url, 3 * MIB, { chunked: true })).toBe(413);
      expect((await post(url, qontakWebhookExample('status_message'))).status).toBe(200);
      expect(events).toHaveLength(1);
    });

    it('express.json() leaves a text/plain body unread: 415, as without it', async () => {
      const { url, events } = await receiver(framework, { before: [framework.json()] });
      const answer = await post(url, JSON.stringify(qontakWebhookExample('status_message')), 'text/plain');
      expect(answer.status).toBe(415);
      expect(events).toEqual([]);
    });

    it.each([
      ['express.raw()', (f: typeof express) => f.raw({ type: '*/*' })],
      ['express.text()', (f: typeof express) => f.text({ type: '*/*' })],
      ['no body parser', undefined],
    ] as const)('%s: the same answers as the bytes sent get', async (_parser, parser) => {
      const { url, events } = await receiver(framework, { before: parser ? [parser(framework)] : [] });
      const event = qontakWebhookExample('receive_message_from_customer', { text: 'naïve café 👋' });
      expect((await post(url, JSON.stringify(event))).status).toBe(200);
      expect(events).toEqual([event]);
      expect((await post(url, '{"id": "4198c4b2",')).text).toBe(
        JSON.stringify({ error: 'invalid_json', detail: 'the body is not UTF-8 JSON' }),
      );
      expect((await post(url, '[]')).status).toBe(400);
    });

    it('takes the exact bytes a parser kept as req.rawBody (express.json({ verify }))', async () => {
      const keepRawBody = framework.json({
        verify: (req, _res, buffer) => {
          (req as { rawBody?: Buffer }).rawBody = buffer;
        },
      });
      const { url, events } = await receiver(framework, { before: [keepRawBody] });
      // Not UTF-8 (a Latin-1 "é"): express.json() decodes it to U+FFFD, the handler refuses the bytes.
      const json = JSON.stringify(qontakWebhookExample('receive_message_from_customer', { text: 'café' }));
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: new Uint8Array(Buffer.from(json, 'latin1')),
      });
      const answer = { status: response.status, text: await response.text() };
      expect(answer.status).toBe(400);
      expect(JSON.parse(answer.text)).toMatchObject({ error: 'invalid_json' });
      expect(events).toEqual([]);
    });
  });

  it('takes a ready handler (createQontakWebhookHandler) in place of options', async () => {
    const events: QontakWebhookEvent[] = [];
    const handler = createQontakWebhookHandler({ secret: SECRET, onEvent: (event) => events.push(event) });
    const app = framework();
    app.post('/one', qontakWebhook(handler));
    app.post('/two', qontakWebhook(handler));
    const { base, server } = await listenOnLoopback(app);
    servers.push(server);
    const event = qontakWebhookExample('broadcast_log_status');
    expect((await post(qontakWebhookUrl(`${base}/one`, SECRET), event)).status).toBe(200);
    const again = await post(qontakWebhookUrl(`${base}/two`, SECRET), event);
    expect(JSON.parse(again.text)).toEqual({ status: 'duplicate' });
    expect(events).toHaveLength(1);
  });

  it('throws config_error at mount time for a short secret, without quoting it', () => {
    const short = 'tooShort-7c1';
    expect(() => qontakWebhook({ secret: short, onEvent: () => undefined })).toThrow(
      expect.objectContaining({ name: 'QontakWebhookError', code: 'config_error' }),
    );
    try {
      qontakWebhook({ secret: short, onEvent: () => undefined });
    } catch (error) {
      expect(String((error as Error).message)).not.toContain(short);
    }
  });

  it('never passes an error to next nor lets Express log the URL: every failure is an answer', async () => {
    const printed = [
      vi.spyOn(console, 'error').mockImplementation(() => undefined),
      vi.spyOn(console, 'warn').mockImplementation(() => undefined),
      vi.spyOn(console, 'log').mockImplementation(() => undefined),
    ];
    const { url, base, errors } = await receiver(framework, {
      method: 'all',
      options: {
        logger: console,
        onEvent: () => {
          throw new Error('the bot is down');
        },
      },
    });
    const answers = [
      await post(url, qontakWebhookExample('receive_message_from_customer')),
      await post(url, '{"broken'),
      await post(url.replace(SECRET, 'y'.repeat(32)), {}),
      await post(url, [1, 2, 3]),
      await postLarge(url, 2 * MIB, { chunked: true }),
      await trace(url),
    ];
    expect(answers.map((answer) => (typeof answer === 'number' ? answer : answer.status))).toEqual([
      500, 400, 401, 400, 413, 501,
    ]);
    expect(errors).toEqual([]);
    const everything = JSON.stringify(answers) + JSON.stringify(printed.map((spy) => spy.mock.calls));
    expect(everything).not.toContain(SECRET);
    expect(base).not.toContain(SECRET);
  });
});

/** Sends `TRACE url` (which `fetch` refuses to send); the answer's status. */
function trace(url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const outgoing = request(url, { method: 'TRACE', agent: false }, (incoming) => {
      incoming.resume();
      resolve(incoming.statusCode ?? 0);
    });
    outgoing.on('error', reject);
    outgoing.end();
  });
}
