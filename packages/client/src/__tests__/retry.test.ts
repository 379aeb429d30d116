import diagnosticsChannel from 'node:diagnostics_channel';
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import { QontakAccessTokenAuth } from '@qontak/auth-core';
import { DEMO_CHANNEL_INTEGRATION_ID, DEMO_TEMPLATE_ID } from '@qontak/emulator';
import { afterEach, describe, expect, it } from 'vitest';
import { authorizedSender } from '../authorized-transport';
import { createQontakClient } from '../create-qontak-client';
import { QONTAK_CLIENT_CHANNELS, type QontakRetryEvent } from '../retry-channel';
import { retryingTransport, type RetryClock } from '../retrying-transport';
import { toFormData } from '../to-form-data';
import { HOSTILE_ACCESS_TOKEN, hostileQontak, stream } from './support/hostile-qontak';
import { authorizerFor, emulator, SCHEMES } from './support/schemes';

/** One request the server got: method, path, headers and body bytes. */
interface Seen {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

/** One answer of a {@link countingQontak}: status and headers (a JSON error envelope, or `{}` for a 200). */
type Answer = [status: number, headers?: Record<string, string>];

const RATE_LIMITED = {
  status: 'error',
  error: { code: 429, messages: ['Too many requests, please slow down'] },
};

/**
 * A plain `node:http` server on loopback (see {@link hostileQontak}) answering its API requests with
 * `answers` in turn (the last one repeated), recording each request whole.
 */
async function countingQontak(...answers: Answer[]): Promise<{ url: string; seen: Seen[] }> {
  const seen: Seen[] = [];
  const url = await hostileQontak(async (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    seen.push({
      method: req.method ?? '',
      url: req.url ?? '',
      headers: req.headers,
      body: Buffer.concat(chunks),
    });
    const [status, headers = {}] = answers[Math.min(seen.length, answers.length) - 1]!;
    const body = status === 200 ? { status: 'success', data: { ok: true } } : RATE_LIMITED;
    res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(body));
  });
  return { url, seen };
}

/** A client with the dashboard token of the hostile server at `url`. */
function clientOn(url: string, options: Parameters<typeof createQontakClient>[1] = {}) {
  return createQontakClient(
    new QontakAccessTokenAuth({ baseUrl: url, accessToken: HOSTILE_ACCESS_TOKEN }),
    options,
  );
}

const events: QontakRetryEvent[] = [];
const record = (message: unknown) => events.push(message as QontakRetryEvent);
diagnosticsChannel.subscribe(QONTAK_CLIENT_CHANNELS.retry, record);
afterEach(() => {
  events.length = 0;
});

const DIRECT = {
  to_number: '6281234567890',
  to_name: 'Rina',
  message_template_id: 'template-1',
  channel_integration_id: 'channel-1',
  language: { code: 'id' },
  parameters: { body: [{ key: '1', value: 'customer_name', value_text: 'Rina' }] },
};

describe('a 429 is waited out and sent again', () => {
  it('per Retry-After in seconds: the same JSON body sent again, the caller sees the success', async () => {
    const server = await countingQontak([429, { 'retry-after': '0' }], [200]);
    const { data, response } = await clientOn(server.url).POST('/v1/broadcasts/whatsapp/direct', {
      body: DIRECT,
    });
    expect(response.status).toBe(200);
    expect(data).toEqual({ status: 'success', data: { ok: true } });
    expect(server.seen).toHaveLength(2);
    expect(server.seen[1]!.body.equals(server.seen[0]!.body)).toBe(true);
    expect(JSON.parse(server.seen[1]!.body.toString())).toEqual(DIRECT);
    expect(server.seen.map((request) => request.headers['content-type'])).toEqual([
      'application/json',
      'application/json',
    ]);
  });

  it('per x-ratelimit-reset in seconds', async () => {
    const server = await countingQontak([429, { 'x-ratelimit-reset': '0' }], [200]);
    const { response } = await clientOn(server.url).GET('/v1/templates/whatsapp');
    expect(response.status).toBe(200);
    expect(server.seen).toHaveLength(2);
  });

  it('at most 3 attempts by default: the caller gets the last 429 as openapi-fetch returns it, and each attempt is published without credentials', async () => {
    const server = await countingQontak([429, { 'retry-after': '0' }]);
    const { data, error, response } = await clientOn(server.url).GET('/v1/templates/whatsapp', {
      params: { query: { limit: 5 } },
    });
    expect(server.seen).toHaveLength(3);
    expect(data).toBeUndefined();
    expect(response.status).toBe(429);
    expect(error).toEqual(RATE_LIMITED);
    expect(events).toEqual([
      {
        method: 'GET',
        path: '/api/open/v1/templates/whatsapp',
        status: 429,
        attempt: 1,
        outcome: 'retry',
        waitMs: 0,
      },
      {
        method: 'GET',
        path: '/api/open/v1/templates/whatsapp',
        status: 429,
        attempt: 2,
        outcome: 'retry',
        waitMs: 0,
      },
      {
        method: 'GET',
        path: '/api/open/v1/templates/whatsapp',
        status: 429,
        attempt: 3,
        outcome: 'attempts',
        waitMs: 0,
      },
    ]);
    expect(JSON.stringify(events)).not.toContain(HOSTILE_ACCESS_TOKEN);
  });

  it('a wait beyond maxWaitMs, or beyond what is left of timeoutMs, is not waited: the 429 comes back at once', async () => {
    const server = await countingQontak([429, { 'retry-after': '120' }]);
    const started = performance.now();
    const { response } = await clientOn(server.url).GET('/v1/templates/whatsapp');
    expect(response.status).toBe(429);
    const slow = await countingQontak([429, { 'retry-after': '5' }]);
    const { response: late } = await clientOn(slow.url, { timeoutMs: 2_000 }).GET('/v1/templates/whatsapp');
    expect(late.status).toBe(429);
    expect(performance.now() - started).toBeLessThan(2_000);
    expect([server.seen.length, slow.seen.length]).toEqual([1, 1]);
    expect(events.map((event) => [event.outcome, event.waitMs])).toEqual([
      ['wait_too_long', 120_000],
      ['wait_too_long', 5_000],
    ]);
  });

  it('retry: false sends every request once', async () => {
    const server = await countingQontak([429, { 'retry-after': '0' }], [200]);
    const { response } = await clientOn(server.url, { retry: false }).GET('/v1/templates/whatsapp');
    expect(response.status).toBe(429);
    expect(server.seen).toHaveLength(1);
    expect(events).toEqual([]);
  });

  it("the caller's signal stops the wait at once, with the caller's reason", async () => {
    const server = await countingQontak([429, { 'retry-after': '20' }], [200]);
    const controller = new AbortController();
    const reason = new Error('the caller gave up');
    const call = clientOn(server.url, { timeoutMs: 60_000 }).GET('/v1/templates/whatsapp', {
      signal: controller.signal,
    });
    while (events.length === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    const aborted = performance.now();
    controller.abort(reason);
    await expect(call).rejects.toBe(reason);
    expect(performance.now() - aborted).toBeLessThan(1_000);
    expect(server.seen).toHaveLength(1);
  });

  it('a body given as a stream is sent once', async () => {
    const server = await countingQontak([429, { 'retry-after': '0' }], [200]);
    const bytes = new TextEncoder().encode(JSON.stringify(DIRECT));
    const { response } = await clientOn(server.url).POST('/v1/broadcasts/whatsapp/direct', {
      body: DIRECT,
      bodySerializer: () =>
        new ReadableStream<Uint8Array>({
          start(controller) {
            controller.enqueue(bytes);
            controller.close();
          },
        }),
      duplex: 'half',
    } as Parameters<ReturnType<typeof clientOn>['POST']>[1] & { duplex: 'half' });
    expect(response.status).toBe(429);
    expect(server.seen).toHaveLength(1);
    expect(JSON.parse(server.seen[0]!.body.toString())).toEqual(DIRECT);
    expect(events.map((event) => event.outcome)).toEqual(['not_replayable']);
  });

  it('a multipart body is sent again byte for byte, its boundary included', async () => {
    const server = await countingQontak([429, { 'retry-after': '0' }], [200]);
    const file = new Blob([new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 1, 2, 255])], { type: 'image/png' });
    const { response } = await clientOn(server.url).POST('/v1/messages/whatsapp', {
      body: { room_id: 'room-1', type: 'image', file },
      bodySerializer: toFormData,
    });
    expect(response.status).toBe(200);
    expect(server.seen).toHaveLength(2);
    const [first, second] = server.seen as [Seen, Seen];
    expect(first.headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);
    expect(second.headers['content-type']).toBe(first.headers['content-type']);
    expect(second.body.equals(first.body)).toBe(true);
    expect(first.body.includes(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 1, 2, 255]))).toBe(true);
  });

  it('each attempt gets its own credentials: a fresh HMAC signature over a new date', async () => {
    const server = await countingQontak([429, { 'retry-after': '1' }], [200]);
    const client = createQontakClient(authorizerFor('Mekari HMAC', server.url));
    const { response } = await client.GET('/v1/templates/whatsapp');
    expect(response.status).toBe(200);
    const [first, second] = server.seen as [Seen, Seen];
    expect(first.headers.authorization).toMatch(/^hmac username=/);
    expect(second.headers.authorization).toMatch(/^hmac username=/);
    expect(second.headers.date).not.toBe(first.headers.date);
    expect(second.headers.authorization).not.toBe(first.headers.authorization);
  });
});

describe('the answers of the attempts', () => {
  /** A server answering its first `largeAnswers` API requests 429 with 64 KiB sent without a length, then a small 200. */
  async function largeRateLimits(largeAnswers: number): Promise<{ url: string; sent: Promise<number>[] }> {
    const sent: Promise<number>[] = [];
    const url = await hostileQontak((req, res) => {
      req.resume();
      if (sent.length >= largeAnswers) {
        res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"success","data":{}}');
        return;
      }
      res.writeHead(429, { 'content-type': 'application/json', 'retry-after': '0' });
      sent.push(stream(res, Buffer.alloc(1024, 0x20), 64));
    });
    return { url, sent };
  }

  it('an answer that is sent again is not read: a 429 far above maxResponseBytes is followed by the success', async () => {
    const server = await largeRateLimits(1);
    const { response } = await clientOn(server.url, { maxResponseBytes: 1024 }).GET('/v1/templates/whatsapp');
    expect(response.status).toBe(200);
    expect(server.sent).toHaveLength(1);
    expect(events.map((event) => event.outcome)).toEqual(['retry']);
  });

  it('the answer handed back stays within maxResponseBytes: the last 429 of 64 KiB rejects with response_too_large', async () => {
    const server = await largeRateLimits(3);
    await expect(
      clientOn(server.url, { maxResponseBytes: 1024 }).GET('/v1/templates/whatsapp'),
    ).rejects.toMatchObject({ name: 'QontakApiError', code: 'response_too_large', status: 429 });
    expect(server.sent).toHaveLength(3);
    expect(events.map((event) => event.outcome)).toEqual(['retry', 'retry', 'attempts']);
  });
});

describe("the emulator's rate-limit fault", () => {
  it.each(SCHEMES)(
    'a direct broadcast rate-limited once is sent again and accepted once (%s)',
    async (scheme) => {
      const server = await emulator();
      server.faults.inject('broadcast-direct', { type: 'rate-limit', retryAfterSeconds: 1 });
      const client = createQontakClient(authorizerFor(scheme, server));
      const { data, response } = await client.POST('/v1/broadcasts/whatsapp/direct', {
        body: {
          ...DIRECT,
          message_template_id: DEMO_TEMPLATE_ID,
          channel_integration_id: DEMO_CHANNEL_INTEGRATION_ID,
          parameters: {
            body: [
              { key: '1', value: '1', value_text: 'Rina' },
              { key: '2', value: '2', value_text: 'INV-1001' },
            ],
          },
        },
      });
      expect(response.status).toBe(201);
      expect(data?.data.id).toBe(server.sent()[0]?.id);
      expect(server.stats().broadcasts).toEqual({ accepted: 1, rejected: 0 });
      expect(server.stats().faultsServed).toBe(1);
      expect(events.map((event) => [event.status, event.outcome, event.waitMs])).toEqual([
        [429, 'retry', 1_000],
      ]);
    },
  );
});

describe('a 502, 503 or 504', () => {
  it('is sent again for GET, never for POST (Qontak may have acted on it)', async () => {
    const get = await countingQontak([503], [502], [200]);
    expect((await clientOn(get.url).GET('/v1/templates/whatsapp')).response.status).toBe(200);
    expect(get.seen.map((request) => request.method)).toEqual(['GET', 'GET', 'GET']);
    const post = await countingQontak([503], [200]);
    const { response } = await clientOn(post.url).POST('/v1/broadcasts/whatsapp/direct', { body: DIRECT });
    expect(response.status).toBe(503);
    expect(post.seen).toHaveLength(1);
    expect(events.map((event) => [event.method, event.status, event.outcome])).toEqual([
      ['GET', 503, 'retry'],
      ['GET', 502, 'retry'],
    ]);
  });
});

describe('the waits, on an injected clock', () => {
  /** A clock at `start` whose sleeps pass at once, recording each wait. */
  function fakeClock(start: number): RetryClock & { waits: number[] } {
    let now = start;
    const waits: number[] = [];
    return {
      waits,
      now: () => now,
      sleep: async (ms) => {
        waits.push(ms);
        now += ms;
      },
    };
  }
  const NOW = Date.UTC(2026, 11, 3, 12, 0, 0);
  const policy = { attempts: 3, maxWaitMs: 30_000, maxTotalWaitMs: 60_000 };
  const send = async (url: string, clock: RetryClock, retry = policy) => {
    const auth = new QontakAccessTokenAuth({ baseUrl: url, accessToken: HOSTILE_ACCESS_TOKEN });
    const transport = retryingTransport(authorizedSender(auth, 1_000_000), retry, 120_000, clock);
    return transport(new Request(`${url}/api/open/v1/templates/whatsapp`), new AbortController().signal);
  };

  it('waits what an HTTP-date Retry-After and a Unix-time x-ratelimit-reset ask for', async () => {
    const server = await countingQontak(
      [429, { 'retry-after': new Date(NOW + 7_000).toUTCString() }],
      [429, { 'x-ratelimit-reset': String((NOW + 7_000 + 12_000) / 1000) }],
      [200],
    );
    const clock = fakeClock(NOW);
    expect((await send(server.url, clock)).status).toBe(200);
    expect(clock.waits).toEqual([7_000, 12_000]);
    expect(server.seen).toHaveLength(3);
  });

  it('stops before the waits add up past maxTotalWaitMs', async () => {
    const server = await countingQontak([429, { 'retry-after': '20' }]);
    const clock = fakeClock(NOW);
    const answer = await send(server.url, clock, { ...policy, attempts: 5, maxTotalWaitMs: 50_000 });
    expect(answer.status).toBe(429);
    expect(clock.waits).toEqual([20_000, 20_000]);
    expect(server.seen).toHaveLength(3);
    expect(events.map((event) => event.outcome)).toEqual(['retry', 'retry', 'wait_too_long']);
  });

  it('a 503 that does not say how long waits a jittered backoff of at most 250 ms, then 500 ms', async () => {
    const server = await countingQontak([503]);
    const clock = fakeClock(NOW);
    expect((await send(server.url, clock)).status).toBe(503);
    expect(clock.waits).toHaveLength(2);
    expect(clock.waits[0]).toBeLessThan(250);
    expect(clock.waits[1]).toBeLessThan(500);
  });
});

describe('the retry option', () => {
  it('is validated like the other options', () => {
    const auth = new QontakAccessTokenAuth({ baseUrl: 'http://127.0.0.1:1', accessToken: 't' });
    for (const retry of [
      { attempts: 0 },
      { attempts: 11 },
      { attempts: 1.5 },
      { maxWaitMs: 0 },
      { maxTotalWaitMs: 2 ** 31 },
    ]) {
      expect(() => createQontakClient(auth, { retry })).toThrow(RangeError);
    }
    expect(() => createQontakClient(auth, { retry: { attempts: 0 } })).toThrow(
      'createQontakClient: retry.attempts must be an integer from 1 to 10.',
    );
    for (const retry of [true, null, 'no', 3]) {
      expect(() => createQontakClient(auth, { retry: retry as never })).toThrow(TypeError);
    }
    expect(() =>
      createQontakClient(auth, { retry: { attempts: 1, maxWaitMs: 1, maxTotalWaitMs: 1 } }),
    ).not.toThrow();
  });
});
