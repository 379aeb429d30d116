import { describe, expect, it } from 'vitest';
import { createQontakClient } from '../create-qontak-client';
import { hostileQontak } from './support/hostile-qontak';
import { authorizerFor } from './support/schemes';

const TIMEOUT_MS = 400;

/** `{ ok, elapsedMs, error }` of one call, from its start. */
async function outcome(call: () => Promise<unknown>) {
  const started = Date.now();
  try {
    await call();
    return { ok: true, elapsedMs: Date.now() - started, error: undefined as unknown };
  } catch (error) {
    return { ok: false, elapsedMs: Date.now() - started, error };
  }
}

/**
 * A Qontak whose `/v1/health` answers at once, `/v1/templates/whatsapp` never, `/v1/integrations` after
 * 100 ms, and `/v1/rooms` sends its headers (with the length) and half its answer at once, the rest
 * after `2 * TIMEOUT_MS`.
 */
function slowAndFastQontak() {
  return hostileQontak((req, res) => {
    if (req.url?.includes('/v1/templates/whatsapp')) return;
    const body = '{"status":"success","data":{}}';
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(body.length) });
    if (req.url?.includes('/v1/rooms')) {
      res.write('{"status":"success",');
      setTimeout(() => res.end('"data":{}}'), 2 * TIMEOUT_MS);
      return;
    }
    const answer = () => res.end(body);
    if (req.url?.includes('/v1/integrations')) setTimeout(answer, 100);
    else answer();
  });
}

describe('the time limit of calls made together', () => {
  it('aborts each of 50 calls started at once with timeout, none before timeoutMs', async () => {
    const client = createQontakClient(authorizerFor('dashboard access token', await slowAndFastQontak()), {
      timeoutMs: TIMEOUT_MS,
    });
    const outcomes = await Promise.all(
      Array.from({ length: 50 }, () => outcome(() => client.GET('/v1/templates/whatsapp'))),
    );
    for (const { ok, elapsedMs, error } of outcomes) {
      expect(ok).toBe(false);
      expect(error).toMatchObject({ name: 'QontakApiError', code: 'timeout' });
      expect(elapsedMs).toBeGreaterThanOrEqual(TIMEOUT_MS - 5);
      expect(elapsedMs).toBeLessThan(TIMEOUT_MS + 2_000);
    }
  });

  it('gives a call started 50 ms after another its own full time', async () => {
    const client = createQontakClient(authorizerFor('dashboard access token', await slowAndFastQontak()), {
      timeoutMs: TIMEOUT_MS,
    });
    const first = outcome(() => client.GET('/v1/templates/whatsapp'));
    await new Promise((resolve) => setTimeout(resolve, 50));
    const second = await outcome(() => client.GET('/v1/templates/whatsapp'));
    expect((await first).error).toMatchObject({ code: 'timeout' });
    expect(second.error).toMatchObject({ code: 'timeout' });
    expect(second.elapsedMs).toBeGreaterThanOrEqual(TIMEOUT_MS - 5);
  });

  it('leaves the calls that answered in time alone when one made with them times out, a stream handed over included', async () => {
    const client = createQontakClient(authorizerFor('dashboard access token', await slowAndFastQontak()), {
      timeoutMs: TIMEOUT_MS,
    });
    const [slow, fast, later, streamed] = await Promise.all([
      outcome(() => client.GET('/v1/templates/whatsapp')),
      client.GET('/v1/health'),
      client.GET('/v1/integrations'),
      client.GET('/v1/rooms', { parseAs: 'stream' }),
    ]);
    expect(slow.error).toMatchObject({ code: 'timeout' });
    expect(fast.data).toEqual({ status: 'success', data: {} });
    expect(later.data).toEqual({ status: 'success', data: {} });
    // The rest of the stream arrives after the slow call timed out: it is the caller's, past the call's time limit.
    expect(await new Response(streamed.data as ReadableStream).json()).toEqual({
      status: 'success',
      data: {},
    });
  });
});
