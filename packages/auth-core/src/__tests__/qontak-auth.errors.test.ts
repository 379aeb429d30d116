import { describe, expect, it } from 'vitest';
import type { EmulatorFault, QontakEmulator } from '@qontak/emulator';
import type { QontakAuthError } from '../errors/auth-error';
import { isQontakAuthError } from '../errors/auth-error';
import { authFor, emulator, healthStatus, ManualClock, RecordingLogger } from './support/emulator-fixture';

async function rejection(promise: Promise<unknown>): Promise<QontakAuthError> {
  try {
    await promise;
  } catch (error) {
    if (isQontakAuthError(error)) return error;
    throw error;
  }
  throw new Error('expected a QontakAuthError');
}

describe('QontakAuth errors', () => {
  it('reports a wrong password as invalid_grant, once for 1,000 callers, and fails fast during the cooldown', async () => {
    const clock = new ManualClock();
    const server = await emulator();
    const auth = authFor(server, {
      password: 'wrong-password',
      clock: clock.read,
      credentialFailureCooldownMs: 60_000,
    });

    const results = await Promise.allSettled(Array.from({ length: 1000 }, () => auth.getAccessToken()));
    const errors = results.map((r) => (r.status === 'rejected' ? (r.reason as QontakAuthError) : undefined));
    expect(
      errors.every((e) => e?.code === 'invalid_grant' && e.status === 400 && e.retryable === false),
    ).toBe(true);
    expect(errors[0]?.description).toMatch(/authorization grant is invalid/);
    expect(server.stats().grants.password).toEqual({ ok: 0, failed: 1 });

    clock.advance(59_000);
    const during = await rejection(auth.getAccessToken());
    expect(during).toBe(errors[0]);
    expect(server.stats().grants.password.failed).toBe(1);

    clock.advance(2_000);
    await Promise.allSettled(Array.from({ length: 100 }, () => auth.getAccessToken()));
    expect(server.stats().grants.password.failed).toBe(2);
  });

  it('reports a wrong client as invalid_client and does not retry it', async () => {
    const server = await emulator();
    const auth = authFor(server, { clientSecret: 'not-the-secret' });
    const error = await rejection(auth.getAccessToken());
    expect(error).toMatchObject({ code: 'invalid_client', status: 401, retryable: false });
    expect(server.stats().tokenErrors).toEqual({ invalid_client: 1 });
  });

  it.each([
    ['503', { type: 'status', status: 503 }],
    ['502', { type: 'status', status: 502 }],
    ['500', { type: 'status', status: 500 }],
    ['a dropped connection', { type: 'drop' }],
  ] satisfies Array<[string, EmulatorFault]>)(
    'retries %s with backoff and then succeeds',
    async (_name, fault) => {
      const server = await emulator();
      const auth = authFor(server, { retry: { attempts: 4, baseDelayMs: 5, maxDelayMs: 20 } });
      server.faults.inject('token', fault, 2);
      const token = await auth.getAccessToken();
      expect(await healthStatus(server, token)).toBe(200);
      expect(server.stats().faultsServed).toBe(2);
      expect(server.stats().grants.password.ok).toBe(1);
    },
  );

  it('gives up after the configured attempts with a retryable server_error', async () => {
    const server = await emulator();
    const auth = authFor(server, { retry: { attempts: 3, baseDelayMs: 5, maxDelayMs: 20 } });
    server.faults.inject('token', { type: 'status', status: 503 }, 10);
    const error = await rejection(auth.getAccessToken());
    expect(error).toMatchObject({ code: 'server_error', status: 503, retryable: true });
    expect(server.stats().faultsServed).toBe(3);
  });

  it('stops retrying when the time budget is spent', async () => {
    const server = await emulator();
    const auth = authFor(server, {
      retry: { attempts: 50, baseDelayMs: 40, maxDelayMs: 40, maxElapsedMs: 120 },
    });
    server.faults.inject('token', { type: 'status', status: 502 }, 100);
    const error = await rejection(auth.getAccessToken());
    expect(error.code).toBe('server_error');
    expect(server.stats().faultsServed).toBeLessThan(10);
  });

  it('honours Retry-After on a 429', async () => {
    const server = await emulator();
    const logger = new RecordingLogger();
    const auth = authFor(server, { logger, retry: { attempts: 2, maxDelayMs: 2_000 } });
    server.faults.inject('token', { type: 'status', status: 429, retryAfter: '1' }, 1);
    await auth.getAccessToken();
    expect(
      logger.lines.some((line) => line.includes('"code":"rate_limited"') && line.includes('"delayMs":1000')),
    ).toBe(true);
    expect(server.stats().grants.password.ok).toBe(1);
  });

  it('fails with rate_limited, carrying the wait Qontak asked for, when Retry-After is longer than the retry budget allows', async () => {
    const server = await emulator();
    const auth = authFor(server, { retry: { attempts: 3, maxDelayMs: 1_000 } });
    server.faults.inject('token', { type: 'status', status: 429, retryAfter: '120' }, 1);
    expect(await rejection(auth.getAccessToken())).toMatchObject({
      code: 'rate_limited',
      status: 429,
      retryable: true,
      retryAfterMs: 120_000,
    });
    expect(server.stats().faultsServed).toBe(1);
  });

  it('times out a hanging token endpoint after timeoutMs', async () => {
    const server = await emulator();
    const auth = authFor(server, { timeoutMs: 150, retry: { attempts: 1 } });
    server.faults.inject('token', { type: 'hang' }, 1);
    expect(await rejection(auth.getAccessToken())).toMatchObject({ code: 'timeout', retryable: true });
  });

  it("honours one caller's AbortSignal without aborting the grant the others share", async () => {
    const server = await emulator();
    const auth = authFor(server);
    server.faults.inject('token', { type: 'latency', ms: 300 }, 1);
    const controller = new AbortController();
    const aborted = auth.getAccessToken({ signal: controller.signal });
    const others = Promise.all(Array.from({ length: 10 }, () => auth.getAccessToken()));
    controller.abort();
    await expect(aborted).rejects.toMatchObject({ name: 'AbortError' });
    const tokens = await others;
    expect(new Set(tokens).size).toBe(1);
    expect(server.stats().grants.password.ok).toBe(1);
  });

  it.each([
    ['malformed JSON', { type: 'malformed-json' }],
    ['an HTML page', { type: 'html', status: 200 }],
    ['an empty body', { type: 'empty' }],
    ['no access_token', { type: 'token-body', omit: ['access_token'] }],
    ['a non-Bearer token_type', { type: 'token-body', patch: { token_type: 'mac' } }],
    ['no expires_in', { type: 'token-body', omit: ['expires_in'] }],
    ['expires_in 0', { type: 'token-body', patch: { expires_in: 0 } }],
    ['a negative expires_in', { type: 'token-body', patch: { expires_in: -60 } }],
    ['a string expires_in', { type: 'token-body', patch: { expires_in: '7200' } }],
  ] satisfies Array<[string, EmulatorFault]>)(
    'rejects %s as invalid_response and caches nothing',
    async (_name, fault) => {
      const server = await emulator();
      const auth = authFor(server);
      server.faults.inject('token', fault, 1);
      expect(await rejection(auth.getAccessToken())).toMatchObject({
        code: 'invalid_response',
        retryable: false,
      });
      const token = await auth.getAccessToken();
      expect(await healthStatus(server, token)).toBe(200);
    },
  );

  it('accepts a lower-case "bearer" token_type', async () => {
    const server = await emulator();
    const auth = authFor(server);
    server.faults.inject('token', { type: 'token-body', patch: { token_type: 'bearer' } }, 1);
    const token = await auth.getToken();
    expect(token.tokenType).toBe('Bearer');
    expect(await healthStatus(server, token.accessToken)).toBe(200);
  });

  it('reports an unreachable server as a retryable network_error', async () => {
    const closed = { url: 'http://127.0.0.1:9' } as QontakEmulator; // the discard port: nothing listens
    const auth = authFor(closed, { retry: { attempts: 2, baseDelayMs: 1, maxDelayMs: 5 } });
    expect(await rejection(auth.getAccessToken())).toMatchObject({ code: 'network_error', retryable: true });
  });
});
