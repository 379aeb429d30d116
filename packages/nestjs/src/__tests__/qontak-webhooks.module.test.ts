import 'reflect-metadata';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { Injectable, Module, type NestApplicationOptions } from '@nestjs/common';
import type { AbstractHttpAdapter } from '@nestjs/core';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import {
  createQontakWebhookHandler,
  qontakWebhookUrl,
  type QontakWebhookEvent,
  type QontakWebhookEventName,
} from '@qontak/webhooks';
import { qontakWebhookExample } from '@qontak/webhooks/testing';
import { describe, expect, it } from 'vitest';
import { QontakWebhooksModule } from '../webhooks';
import { RecordingLogger, startApp } from './support/nest-fixture';

const SECRET = 'N3st-W3bh00k-S3cret-5d0e8b21c4f7';
const MIB = 1024 * 1024;
const EVENT_NAMES: readonly QontakWebhookEventName[] = [
  'receive_message_from_customer',
  'receive_message_from_agent',
  'status_message',
  'broadcast_log_status',
  'room_resolved',
];

/** The application's own service that the events reach, with its own dependency (DI all the way). */
@Injectable()
class Inbox {
  readonly events: QontakWebhookEvent[] = [];
}

@Injectable()
class BotService {
  /** How many of the next calls throw. */
  failures = 0;
  constructor(private readonly inbox: Inbox) {}

  async onEvent(event: QontakWebhookEvent): Promise<void> {
    if (this.failures > 0) {
      this.failures -= 1;
      throw new Error('the bot is down');
    }
    this.inbox.events.push(event);
  }
}

@Module({ providers: [Inbox, BotService], exports: [BotService] })
class BotModule {}

/** A way to run the application: its HTTP platform and `NestFactory.create` options. */
interface Platform {
  httpAdapter?: () => AbstractHttpAdapter;
  options: Omit<NestApplicationOptions, 'logger'>;
}

const PLATFORMS: ReadonlyArray<readonly [string, Platform]> = [
  ['Express, Nest body parser', { options: {} }],
  ['Express, rawBody: true', { options: { rawBody: true } }],
  ['Express, bodyParser: false', { options: { bodyParser: false } }],
  ['Fastify, Nest body parser', { httpAdapter: () => new FastifyAdapter(), options: {} }],
  ['Fastify, rawBody: true', { httpAdapter: () => new FastifyAdapter(), options: { rawBody: true } }],
];

/** A Nest application with the webhook module wired to `BotService.onEvent` through `forRootAsync`. */
async function botApp(
  platform: Platform = { options: {} },
  extras: { path?: string; prefix?: string; logger?: RecordingLogger } = {},
): Promise<{ url: string; base: string; bot: BotService; inbox: Inbox; server: Server }> {
  const { app, url: base } = await startApp(
    {
      imports: [
        QontakWebhooksModule.forRootAsync({
          imports: [BotModule],
          inject: [BotService],
          useFactory: (bot: BotService) => ({ secret: SECRET, onEvent: (event) => bot.onEvent(event) }),
          ...(extras.path === undefined ? {} : { path: extras.path }),
        }),
      ],
    },
    {
      ...(platform.httpAdapter ? { httpAdapter: platform.httpAdapter() } : {}),
      options: platform.options,
      ...(extras.logger ? { logger: extras.logger } : {}),
      configure: (nest) => {
        if (extras.prefix !== undefined) nest.setGlobalPrefix(extras.prefix);
      },
    },
  );
  const path = `${extras.prefix === undefined ? '' : `/${extras.prefix}`}/${extras.path ?? 'qontak/webhook'}`;
  return {
    url: qontakWebhookUrl(`${base}${path}`, SECRET),
    base,
    bot: app.get(BotService),
    inbox: app.get(Inbox),
    server: app.getHttpServer() as Server,
  };
}

async function post(url: string, body: unknown): Promise<{ status: number; json: unknown }> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, json: text === '' ? undefined : JSON.parse(text) };
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

describe.each(PLATFORMS)('QontakWebhooksModule on %s', (_platform, platform) => {
  it.each(EVENT_NAMES)('hands a %s event to the injected service, as Qontak sent it', async (name) => {
    const { url, inbox } = await botApp(platform);
    const event = qontakWebhookExample(name);
    expect(await post(url, event)).toEqual({ status: 200, json: { status: 'received' } });
    expect(inbox.events).toEqual([event]);
  });

  it('answers 401 to a wrong secret and to none, without calling onEvent', async () => {
    const { url, base, inbox } = await botApp(platform);
    const event = qontakWebhookExample('receive_message_from_customer');
    expect(await post(url.replace(SECRET, 'z'.repeat(32)), event)).toEqual({
      status: 401,
      json: { error: 'unauthorized' },
    });
    expect((await post(`${base}/qontak/webhook`, event)).status).toBe(401);
    expect(inbox.events).toEqual([]);
  });

  it('hands a redelivered event over once', async () => {
    const { url, inbox } = await botApp(platform);
    const event = qontakWebhookExample('status_message');
    const answers = [await post(url, event), await post(url, event)];
    expect(answers).toEqual([
      { status: 200, json: { status: 'received' } },
      { status: 200, json: { status: 'duplicate' } },
    ]);
    expect(inbox.events).toHaveLength(1);
  });

  it('answers 500 when onEvent throws, and hands the redelivery over; Nest logs no error', async () => {
    const logger = new RecordingLogger();
    const { url, bot, inbox } = await botApp(platform, { logger });
    bot.failures = 1;
    const event = qontakWebhookExample('receive_message_from_customer');
    expect(await post(url, event)).toEqual({ status: 500, json: { error: 'internal_error' } });
    expect(await post(url, event)).toEqual({ status: 200, json: { status: 'received' } });
    expect(inbox.events).toEqual([event]);
    expect(logger.lines.filter((line) => line.level === 'error' || line.level === 'warn')).toEqual([]);
    expect(JSON.stringify(logger.lines)).not.toContain(SECRET);
  });

  it.each([
    ['declared by Content-Length', false],
    ['chunked', true],
  ] as const)('answers 413 to a 3 MiB body %s, onEvent not called', async (_how, chunked) => {
    const { url, inbox } = await botApp(platform);
    expect(await postLarge(url, 3 * MIB, { chunked })).toBe(413);
    expect(inbox.events).toEqual([]);
  });

  it('answers 405 with Allow: POST to a GET', async () => {
    const { url, inbox } = await botApp(platform);
    const response = await fetch(url);
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('POST');
    expect(await response.json()).toEqual({ error: 'method_not_allowed' });
    expect(inbox.events).toEqual([]);
  });
});

describe('QontakWebhooksModule', () => {
  it('with bodyParser: false reads at most about 1 MiB of a 3 MiB chunked body before answering 413', async () => {
    const { url, server } = await botApp({ options: { bodyParser: false } });
    const read: number[] = [];
    server.on('request', (req: IncomingMessage, res: ServerResponse) => {
      res.on('finish', () => read.push(req.socket.bytesRead));
    });
    expect(await postLarge(url, 3 * MIB, { chunked: true })).toBe(413);
    expect(read[0]).toBeGreaterThan(MIB);
    expect(read[0]).toBeLessThan(MIB + 512 * 1024);
  });

  it('with rawBody: true judges the exact bytes: a body that is not UTF-8 is refused', async () => {
    const { url, inbox } = await botApp({ options: { rawBody: true } });
    const json = JSON.stringify(qontakWebhookExample('receive_message_from_customer', { text: 'café' }));
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: new Uint8Array(Buffer.from(json, 'latin1')),
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: 'invalid_json' });
    expect(inbox.events).toEqual([]);
  });

  it('serves the route at path, under the global prefix', async () => {
    const { url, inbox } = await botApp({ options: {} }, { path: 'hooks/qontak', prefix: 'api' });
    expect(new URL(url).pathname).toBe('/api/hooks/qontak');
    expect((await post(url, qontakWebhookExample('room_resolved'))).status).toBe(200);
    expect(inbox.events).toHaveLength(1);
  });

  it('takes the handler options in forRoot, or a ready handler', async () => {
    const events: QontakWebhookEvent[] = [];
    const handler = createQontakWebhookHandler({ secret: SECRET, onEvent: (event) => events.push(event) });
    const { url: base } = await startApp({
      imports: [
        QontakWebhooksModule.forRoot({ secret: SECRET, onEvent: (event) => events.push(event) }),
        QontakWebhooksModule.forRoot({ handler, path: 'second' }),
      ],
    });
    const event = qontakWebhookExample('broadcast_log_status');
    expect((await post(qontakWebhookUrl(`${base}/qontak/webhook`, SECRET), event)).json).toEqual({
      status: 'received',
    });
    expect((await post(qontakWebhookUrl(`${base}/second`, SECRET), event)).json).toEqual({
      status: 'received',
    });
    expect((await post(qontakWebhookUrl(`${base}/second`, SECRET), event)).json).toEqual({
      status: 'duplicate',
    });
    expect(events).toEqual([event, event]);
  });

  it('fails at bootstrap with config_error for a short secret, without quoting it', async () => {
    const short = 'shortSecret-42';
    const failure = await startApp({
      imports: [QontakWebhooksModule.forRoot({ secret: short, onEvent: () => undefined })],
    }).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(failure).toMatchObject({ name: 'QontakWebhookError', code: 'config_error' });
    expect(String((failure as Error).message)).not.toContain(short);
  });
});
