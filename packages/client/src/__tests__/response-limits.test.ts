import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { createQontakClient } from '../create-qontak-client';
import { paginate } from '../paginate';
import { hostileQontak, stream } from './support/hostile-qontak';
import { authorizerFor, SCHEMES } from './support/schemes';

const MiB = 1024 * 1024;

/** Rejects with what `promise` rejects with, or fails when it resolves. */
async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}

/** The highest resident set size seen while `run` runs, less the one before it, in MiB. */
async function rssGrowthMiB(run: () => Promise<unknown>): Promise<number> {
  const before = process.memoryUsage.rss();
  let peak = before;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage.rss());
  }, 5);
  try {
    await run();
  } finally {
    clearInterval(sampler);
  }
  return (Math.max(peak, process.memoryUsage.rss()) - before) / MiB;
}

/** The first bytes of a list page whose items never end. */
const PAGE_START = Buffer.from('{"status":"success","data":[');
/** One 1 MiB item of that page (with the comma that joins it to the next). */
const ITEM = Buffer.from(`{"id":"t","name":"${'x'.repeat(MiB - 24)}"},`);

describe('the size of an answer', () => {
  it('paginate with maxItems 1 on a 150 MiB page: rejects with response_too_large, the rest is not downloaded, and RSS stays flat', async () => {
    let sent: Promise<number> = Promise.resolve(0);
    const url = await hostileQontak((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write(PAGE_START);
      sent = stream(res, ITEM, 150);
    });
    const client = createQontakClient(authorizerFor('password grant', url));
    let error: unknown;
    const growth = await rssGrowthMiB(async () => {
      error = await rejection(paginate(client, '/v1/templates/whatsapp', { maxItems: 1 }).next());
    });
    expect(error).toMatchObject({ name: 'QontakApiError', code: 'response_too_large', status: 200 });
    expect((error as Error).message).toBe(
      "Qontak's answer to GET /api/open/v1/templates/whatsapp (HTTP 200) is larger than maxResponseBytes (10485760 bytes); the rest was not downloaded.",
    );
    expect(growth).toBeLessThan(64);
    expect(await sent).toBeLessThan(32 * MiB);
  });

  it('refuses an answer whose Content-Length is above the limit before reading any of it', async () => {
    let closed!: Promise<void>;
    const url = await hostileQontak((_req, res) => {
      closed = new Promise((resolve) => res.on('close', () => resolve()));
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(150 * MiB) });
      res.write(PAGE_START);
    });
    const client = createQontakClient(authorizerFor('dashboard access token', url), {
      maxResponseBytes: 1024,
    });
    const started = Date.now();
    const error = await rejection(client.GET('/v1/health'));
    expect(error).toMatchObject({ name: 'QontakApiError', code: 'response_too_large', status: 200 });
    await closed;
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('counts a compressed answer as it is decoded: 30 KiB of gzip that inflates to 30 MiB is response_too_large', async () => {
    const bomb = gzipSync(Buffer.alloc(30 * MiB, ' '));
    expect(bomb.length).toBeLessThan(64 * 1024);
    const url = await hostileQontak((_req, res) => {
      res
        .writeHead(200, {
          'content-type': 'application/json',
          'content-encoding': 'gzip',
          'content-length': String(bomb.length),
        })
        .end(bomb);
    });
    const client = createQontakClient(authorizerFor('dashboard access token', url));
    const error = await rejection(client.GET('/v1/health'));
    expect(error).toMatchObject({ name: 'QontakApiError', code: 'response_too_large', status: 200 });
  });

  it('checks its options: maxResponseBytes and timeoutMs are integers from 1', () => {
    const auth = authorizerFor('dashboard access token', 'http://127.0.0.1:9');
    expect(() => createQontakClient(auth, { maxResponseBytes: 0 })).toThrow(RangeError);
    expect(() => createQontakClient(auth, { timeoutMs: Number.POSITIVE_INFINITY })).toThrow(RangeError);
    expect(() => createQontakClient(auth, { timeoutMs: 2 ** 31 })).toThrow(
      'createQontakClient: timeoutMs must be an integer from 1 to 2147483647.',
    );
  });
});

describe.each(SCHEMES)('the time an answer takes, with a %s', (scheme) => {
  it('a server that drips one byte a second: the call rejects with timeout after timeoutMs, and the connection is closed', async () => {
    let closed!: Promise<void>;
    const url = await hostileQontak((_req, res) => {
      closed = new Promise((resolve) => res.on('close', () => resolve()));
      res.writeHead(200, { 'content-type': 'application/json' }).flushHeaders();
      const drip = setInterval(() => res.write(' '), 1_000);
      res.on('close', () => clearInterval(drip));
    });
    const client = createQontakClient(authorizerFor(scheme, url), { timeoutMs: 1_000 });
    const started = Date.now();
    const error = await rejection(client.GET('/v1/templates/whatsapp'));
    const elapsed = Date.now() - started;
    expect(error).toMatchObject({ name: 'QontakApiError', code: 'timeout', status: undefined });
    expect((error as Error).message).toBe(
      "Qontak's answer to GET /v1/templates/whatsapp did not arrive within timeoutMs (1000 ms); the request was aborted.",
    );
    expect(elapsed).toBeGreaterThanOrEqual(950);
    expect(elapsed).toBeLessThan(5_000);
    await closed;
  });

  it('a server that declares its length and stops half way: the call rejects with timeout', async () => {
    const url = await hostileQontak((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': '1000' });
      res.write('{"status":"success","data":');
    });
    const client = createQontakClient(authorizerFor(scheme, url), { timeoutMs: 500 });
    const error = await rejection(client.GET('/v1/health'));
    expect(error).toMatchObject({ name: 'QontakApiError', code: 'timeout' });
  });

  it('a server that never answers: the call rejects with timeout', async () => {
    const url = await hostileQontak(() => undefined);
    const client = createQontakClient(authorizerFor(scheme, url), { timeoutMs: 500 });
    const error = await rejection(client.GET('/v1/health'));
    expect(error).toMatchObject({ name: 'QontakApiError', code: 'timeout', status: undefined });
  });

  it("the caller's own signal still aborts a call, with its own reason", async () => {
    const url = await hostileQontak(() => undefined);
    const client = createQontakClient(authorizerFor(scheme, url));
    const reason = new Error('the caller gave up');
    const error = await rejection(client.GET('/v1/health', { signal: AbortSignal.timeout(200) }));
    expect(error).toMatchObject({ name: 'TimeoutError' });
    const controller = new AbortController();
    const call = client.GET('/v1/health', { signal: controller.signal });
    setTimeout(() => controller.abort(reason), 100);
    expect(await rejection(call)).toBe(reason);
  });
});
