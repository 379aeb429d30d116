import { request } from 'node:http';
import { describe, expect, it } from 'vitest';
import { SECRET, startHandler } from './support/handler-fixture';
import { CUSTOMER_MESSAGE } from './support/payloads';
import { post, postLargeBody } from './support/requests';

const MIB = 1024 * 1024;

describe('createQontakWebhookHandler refuses a request without the secret', () => {
  const wrongUrls: Array<[string, (url: string, origin: string) => string]> = [
    ['no secret', (_url, origin) => `${origin}/qontak/webhook`],
    ['another secret of the same length', (url) => url.replace(SECRET, `${SECRET.slice(0, -1)}x`)],
    ['the secret with a character more', (url) => url.replace(SECRET, `${SECRET}x`)],
    ['the start of the secret', (url) => url.replace(SECRET, SECRET.slice(0, 16))],
    ['an empty secret', (url) => url.replace(SECRET, '')],
    ['the secret twice', (url) => `${url}&qontak_secret=${SECRET}`],
    ['the secret in another parameter', (url) => url.replace('qontak_secret=', 'secret=')],
    ['the secret in the path', (url, origin) => `${origin}/qontak/webhook/${SECRET}`],
  ];

  it.each(wrongUrls)('%s: 401, onEvent not called, the secret in no answer or log', async (_case, wrong) => {
    const { url, server, events, logs } = await startHandler();
    const answer = await post(wrong(url, server.origin), CUSTOMER_MESSAGE);
    expect(answer.status).toBe(401);
    expect(answer.json).toEqual({ error: 'unauthorized' });
    expect(events).toEqual([]);
    expect(logs.map((line) => [line.level, line.message])).toEqual([
      ['warn', 'Qontak webhook: refused a request without the right secret in its URL (401).'],
    ]);
    expect(JSON.stringify(logs) + answer.text + JSON.stringify([...answer.headers])).not.toContain(SECRET);
  });

  it('takes the secret percent-encoded, as a URL may carry it', async () => {
    const { url, events } = await startHandler();
    const encoded = url.replace(SECRET, [...SECRET].map((c) => `%${c.charCodeAt(0).toString(16)}`).join(''));
    expect((await post(encoded, CUSTOMER_MESSAGE)).status).toBe(200);
    expect(events).toHaveLength(1);
  });

  it('does not read the body of a request without the secret (3 MiB sent, at most 1 MiB read)', async () => {
    const { url, server } = await startHandler();
    const status = await postLargeBody(url.replace(SECRET, 'x'.repeat(32)), 3 * MIB, {
      declareLength: false,
    });
    expect(status).toBe(401);
    expect(server.served[0]!.bodyBytes).toBe(0);
    expect(server.served[0]!.socketBytesRead).toBeLessThan(MIB);
  });
});

describe('createQontakWebhookHandler refuses what Qontak does not send', () => {
  it.each(['GET', 'PUT', 'DELETE'])('%s: 405 with Allow: POST', async (method) => {
    const { url, events } = await startHandler();
    const response = await fetch(url, {
      method,
      ...(method === 'GET' ? {} : { body: JSON.stringify(CUSTOMER_MESSAGE) }),
    });
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('POST');
    // A cache may store a 405 to a GET unless told not to.
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(await response.json()).toEqual({ error: 'method_not_allowed' });
    expect(events).toEqual([]);
  });

  it.each(['application/x-www-form-urlencoded', 'text/plain', 'multipart/form-data; boundary=x'])(
    'a %s body: 415',
    async (contentType) => {
      const { url, events } = await startHandler();
      const answer = await post(url, CUSTOMER_MESSAGE, { contentType });
      expect(answer.status).toBe(415);
      expect(answer.json).toEqual({ error: 'unsupported_media_type' });
      expect(events).toEqual([]);
    },
  );
});

describe('createQontakWebhookHandler bounds the body', () => {
  it('a 3 MiB body sent chunked: 413 once 1 MiB is passed, the rest neither read nor buffered', async () => {
    const { url, server, events } = await startHandler();
    const status = await postLargeBody(url, 3 * MIB, { declareLength: false });
    expect(status).toBe(413);
    expect(events).toEqual([]);
    const [seen] = server.served;
    expect(seen!.bodyBytes).toBeGreaterThan(MIB);
    expect(seen!.bodyBytes).toBeLessThanOrEqual(MIB + 128 * 1024);
    expect(seen!.socketBytesRead).toBeLessThan(MIB + 512 * 1024);
  });

  it('a 3 MiB body with its Content-Length: 413 before a byte of it is read', async () => {
    const { url, server } = await startHandler();
    expect(await postLargeBody(url, 3 * MIB, { declareLength: true })).toBe(413);
    expect(server.served[0]!.bodyBytes).toBe(0);
  });

  it('maxBodyBytes moves the limit', async () => {
    const { url } = await startHandler({ maxBodyBytes: 2048 });
    expect((await post(url, { ...CUSTOMER_MESSAGE, text: 'a'.repeat(4096) })).status).toBe(413);
    expect((await post(url, CUSTOMER_MESSAGE)).status).toBe(200);
  });

  it('a body that stops arriving: 408 after bodyTimeoutMs, onEvent not called', async () => {
    const { url, events } = await startHandler({ bodyTimeoutMs: 300 });
    const outgoing = request(url, {
      method: 'POST',
      agent: false,
      headers: { 'content-type': 'application/json' },
    });
    outgoing.write('{"id":"4198c4b2",');
    const started = Date.now();
    const status = await new Promise<number>((resolve, reject) => {
      outgoing.on('response', (incoming) => resolve(incoming.statusCode ?? 0));
      outgoing.on('error', reject);
    });
    outgoing.destroy();
    expect(status).toBe(408);
    expect(Date.now() - started).toBeGreaterThanOrEqual(250);
    expect(events).toEqual([]);
  });
});
