import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { QontakAuth, type QontakAuthOptions } from '@qontak/auth-core';
import {
  DEMO_PASSWORD,
  DEMO_USERNAME,
  FULFILLMENT_CLIENT_SECRET,
  startEmulator,
  type QontakEmulator,
} from '@qontak/emulator';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { closeServer, listenOnLoopback, unusedLoopbackUrl } from 'qontak-test-support';
import { qontakAuth, qontakErrorHandler, type QontakErrorHandlerOptions } from '../index';
import { expressVersions, healthRoute } from './schemes';

const WRONG_PASSWORD = 'wrong-password-that-must-never-leak';
const FAST_FAILURE: Partial<QontakAuthOptions> = { retry: { attempts: 1 }, timeoutMs: 300 };

const BAD_GATEWAY_BODY = { error: 'bad_gateway', message: 'The upstream service refused this request.' };
const UNAVAILABLE_BODY = {
  error: 'service_unavailable',
  message: 'The upstream service is unavailable; try again later.',
};
const INTERNAL_BODY = {
  error: 'internal_server_error',
  message: 'The server could not handle this request.',
};

interface LogEntry {
  message: string;
  context: Record<string, unknown>;
}

/** A logger that keeps what it is given. */
function recordingLogger(): {
  entries: LogEntry[];
  logger: NonNullable<QontakErrorHandlerOptions['logger']>;
} {
  const entries: LogEntry[] = [];
  return { entries, logger: { error: (message, context) => entries.push({ message, context }) } };
}

/**
 * What an end user must never read in a production answer: where the token endpoint lives, how the
 * connection failed, Qontak's OAuth error codes, hints about the service's credentials, the names of
 * this package's functions.
 */
function expectNoInternalDetail(text: string, qontakUrl: string): void {
  const { hostname, port } = new URL(qontakUrl);
  for (const detail of [
    port,
    hostname,
    'localhost',
    'ECONNREFUSED',
    'invalid_grant',
    'network_error',
    'config_error',
    'qontakAuth',
    'qontakAuthorize',
    'closed',
    WRONG_PASSWORD,
    DEMO_PASSWORD,
    DEMO_USERNAME,
    FULFILLMENT_CLIENT_SECRET,
  ]) {
    expect(text).not.toContain(detail);
  }
  expect(text).not.toMatch(/username|password|credential|qontak|token|oauth/i);
}

describe.each(expressVersions)('qontakErrorHandler on %s', (_version, createExpress) => {
  let emulator: QontakEmulator;
  const auths: QontakAuth[] = [];
  const servers: Server[] = [];

  beforeEach(async () => {
    emulator = await startEmulator({ port: 0 });
  });

  afterEach(async () => {
    vi.unstubAllEnvs();
    vi.restoreAllMocks();
    await Promise.all(servers.splice(0).map((server) => closeServer(server)));
    await Promise.all(auths.splice(0).map((auth) => auth.close()));
    await emulator.close();
  });

  function newAuth(overrides: Partial<QontakAuthOptions> = {}): QontakAuth {
    const auth = new QontakAuth({
      baseUrl: emulator.url,
      username: DEMO_USERNAME,
      password: DEMO_PASSWORD,
      ...FAST_FAILURE,
      ...overrides,
    });
    auths.push(auth);
    return auth;
  }

  /**
   * A real app: `qontakAuth` on `/qontak`, a route there that calls Qontak's health with
   * `req.qontakAuthorize`, and `qontakErrorHandler(options)` last. `env` is set with
   * `app.set('env', env)` when given; otherwise the app keeps Express's own default.
   */
  async function serve(
    auth: QontakAuth,
    options: { env?: string; handler?: QontakErrorHandlerOptions } = {},
  ): Promise<string> {
    const app = createExpress();
    if (options.env !== undefined) app.set('env', options.env);
    app.use('/qontak', qontakAuth({ auth }));
    app.get('/qontak/health', healthRoute(auth));
    app.use(qontakErrorHandler(options.handler));
    const { base, server } = await listenOnLoopback(app);
    servers.push(server);
    return base;
  }

  async function fetchText(url: string): Promise<{ status: number; headers: Headers; text: string }> {
    const response = await fetch(url);
    return { status: response.status, headers: response.headers, text: await response.text() };
  }

  describe('in production', () => {
    it('answers an unreachable Qontak with a generic 503 and logs the code, message, method and path', async () => {
      const deadUrl = await unusedLoopbackUrl();
      const { entries, logger } = recordingLogger();
      const base = await serve(newAuth({ baseUrl: deadUrl }), { env: 'production', handler: { logger } });

      const response = await fetchText(`${base}/qontak/health?session=query-must-not-be-logged`);

      expect(response.status).toBe(503);
      expect(response.headers.get('content-type')).toMatch(/^application\/json/);
      expect(response.headers.get('cache-control')).toBe('no-store');
      expect(JSON.parse(response.text)).toEqual(UNAVAILABLE_BODY);
      expectNoInternalDetail(response.text, deadUrl);

      expect(entries).toHaveLength(1);
      const [entry] = entries;
      expect(entry!.context).toEqual({
        code: 'network_error',
        status: 503,
        message: expect.stringContaining('ECONNREFUSED'),
        method: 'GET',
        path: '/qontak/health',
      });
      expect(entry!.context['message']).toContain(deadUrl);
      expect(entry!.message).toContain('network_error');
      expect(entry!.message).toContain('GET /qontak/health');
      expect(JSON.stringify(entries)).not.toContain('query-must-not-be-logged');
      expect(JSON.stringify(entries)).not.toContain(DEMO_PASSWORD);
    });

    it('answers a wrong password with a generic 502 and logs invalid_grant', async () => {
      const { entries, logger } = recordingLogger();
      const base = await serve(newAuth({ password: WRONG_PASSWORD }), {
        env: 'production',
        handler: { logger },
      });

      const response = await fetchText(`${base}/qontak/health`);

      expect(response.status).toBe(502);
      expect(response.headers.get('cache-control')).toBe('no-store');
      expect(JSON.parse(response.text)).toEqual(BAD_GATEWAY_BODY);
      expectNoInternalDetail(response.text, emulator.url);

      expect(entries.map((entry) => entry.context)).toEqual([
        {
          code: 'invalid_grant',
          status: 502,
          message: expect.stringMatching(/check the username and password/),
          method: 'GET',
          path: '/qontak/health',
        },
      ]);
      expect(JSON.stringify(entries)).not.toContain(WRONG_PASSWORD);
      expect(emulator.stats().grants.password).toEqual({ ok: 0, failed: 1 });
    });

    it('answers a config_error (a closed QontakAuth) with a generic 500 and logs how to fix the setup', async () => {
      const { entries, logger } = recordingLogger();
      const auth = newAuth();
      await auth.close();
      const base = await serve(auth, { env: 'production', handler: { logger } });

      const response = await fetchText(`${base}/qontak/health`);

      expect(response.status).toBe(500);
      expect(response.headers.get('retry-after')).toBeNull();
      expect(JSON.parse(response.text)).toEqual(INTERNAL_BODY);
      expectNoInternalDetail(response.text, emulator.url);
      expect(entries.map((entry) => entry.context)).toEqual([
        {
          code: 'config_error',
          status: 500,
          message: expect.stringContaining('create a new instance'),
          method: 'GET',
          path: '/qontak/health',
        },
      ]);
    });

    it('answers Qontak 5xx, timeouts and rate limits with the same generic 503', async () => {
      emulator.faults.inject('token', { type: 'status', status: 500 }, 1);
      const { entries, logger } = recordingLogger();
      const base = await serve(newAuth(), { env: 'production', handler: { logger } });

      const response = await fetchText(`${base}/qontak/health`);

      expect(response.status).toBe(503);
      expect(JSON.parse(response.text)).toEqual(UNAVAILABLE_BODY);
      expect(entries.map((entry) => entry.context['code'])).toEqual(['server_error']);
    });

    it('answers a token endpoint that answers something that is not a token with a generic 502', async () => {
      emulator.faults.inject('token', { type: 'malformed-json' }, 1);
      const { entries, logger } = recordingLogger();
      const base = await serve(newAuth(), { env: 'production', handler: { logger } });

      const response = await fetchText(`${base}/qontak/health`);

      expect(response.status).toBe(502);
      expect(JSON.parse(response.text)).toEqual(BAD_GATEWAY_BODY);
      expect(entries.map((entry) => entry.context['code'])).toEqual(['invalid_response']);
    });

    it('answers a rate-limited token endpoint with a generic 503 and the Retry-After Qontak asked for', async () => {
      emulator.faults.inject('token', { type: 'status', status: 429, retryAfter: '90' }, 1);
      const { entries, logger } = recordingLogger();
      const base = await serve(newAuth({ retry: {} }), { env: 'production', handler: { logger } });

      const response = await fetchText(`${base}/qontak/health`);

      expect(response.status).toBe(503);
      expect(response.headers.get('retry-after')).toBe('90');
      expect(response.headers.get('cache-control')).toBe('no-store');
      expect(JSON.parse(response.text)).toEqual(UNAVAILABLE_BODY);
      expectNoInternalDetail(response.text, emulator.url);
      expect(entries.map((entry) => entry.context)).toEqual([
        expect.objectContaining({ code: 'rate_limited', status: 503, path: '/qontak/health' }),
      ]);
    });

    it.each([
      ['a 400-digit number of seconds', '9'.repeat(400)],
      ['a date in the year 9999', 'Fri, 31 Dec 9999 23:59:59 GMT'],
    ])(
      'answers a hostile token endpoint whose Retry-After is %s with at most one day of Retry-After',
      async (_label, retryAfter) => {
        const hostile = createServer((_req, res) => {
          res.writeHead(429, { 'content-type': 'text/plain', 'retry-after': retryAfter }).end('slow down');
        });
        hostile.listen(0, '127.0.0.1');
        await once(hostile, 'listening');
        servers.push(hostile);
        const { logger } = recordingLogger();
        const hostileUrl = `http://127.0.0.1:${(hostile.address() as AddressInfo).port}`;
        const base = await serve(newAuth({ baseUrl: hostileUrl }), {
          env: 'production',
          handler: { logger },
        });

        const response = await fetchText(`${base}/qontak/health`);

        expect(response.status).toBe(503);
        expect(response.headers.get('retry-after')).toBe('86400');
        expect(JSON.parse(response.text)).toEqual(UNAVAILABLE_BODY);
      },
    );

    it('sends no Retry-After when Qontak did not say how long to wait', async () => {
      emulator.faults.inject('token', { type: 'status', status: 503 }, 1);
      const { logger } = recordingLogger();
      const base = await serve(newAuth(), { env: 'production', handler: { logger } });

      const response = await fetchText(`${base}/qontak/health`);

      expect(response.status).toBe(503);
      expect(response.headers.get('retry-after')).toBeNull();
      expect(JSON.parse(response.text)).toEqual(UNAVAILABLE_BODY);
    });

    it('exposeDetails: true answers with the code and message', async () => {
      const { entries, logger } = recordingLogger();
      const base = await serve(newAuth({ password: WRONG_PASSWORD }), {
        env: 'production',
        handler: { exposeDetails: true, logger },
      });

      const response = await fetchText(`${base}/qontak/health`);

      expect(response.status).toBe(502);
      expect(JSON.parse(response.text)).toEqual({
        error: 'invalid_grant',
        message: expect.stringMatching(/check the username and password/),
      });
      expect(response.text).not.toContain(WRONG_PASSWORD);
      expect(entries).toHaveLength(1);
    });

    it('ignores a logger that throws or rejects, and still answers generically', async () => {
      const deadUrl = await unusedLoopbackUrl();
      const throwing = await serve(newAuth({ baseUrl: deadUrl }), {
        env: 'production',
        handler: {
          logger: {
            error: () => {
              throw new Error('log sink down');
            },
          },
        },
      });
      const rejecting = await serve(newAuth({ baseUrl: deadUrl }), {
        env: 'production',
        handler: { logger: { error: () => Promise.reject(new Error('log sink down')) } },
      });

      for (const base of [throwing, rejecting]) {
        const response = await fetchText(`${base}/qontak/health`);
        expect(response.status).toBe(503);
        expect(JSON.parse(response.text)).toEqual(UNAVAILABLE_BODY);
      }
    });
  });

  describe('the default of exposeDetails', () => {
    it('is generic, logging to console.error, when NODE_ENV is unset and Express falls back to "development"', async () => {
      vi.stubEnv('NODE_ENV', undefined);
      const consoleError = vi.spyOn(console, 'error').mockImplementation(() => undefined);
      const deadUrl = await unusedLoopbackUrl();
      const auth = newAuth({ baseUrl: deadUrl });
      const app = createExpress();
      expect(app.get('env')).toBe('development');
      app.use(qontakAuth({ auth }), (_req, res) => {
        res.json({ ok: true });
      });
      app.use(qontakErrorHandler());
      const { base, server } = await listenOnLoopback(app);
      servers.push(server);

      const response = await fetchText(`${base}/anything`);

      expect(response.status).toBe(503);
      expect(JSON.parse(response.text)).toEqual(UNAVAILABLE_BODY);
      expectNoInternalDetail(response.text, deadUrl);
      expect(consoleError).toHaveBeenCalledTimes(1);
      expect(consoleError).toHaveBeenCalledWith(
        expect.stringContaining('network_error'),
        expect.objectContaining({ code: 'network_error', status: 503, method: 'GET', path: '/anything' }),
      );
    });

    it('is generic when the app env is "production" and NODE_ENV says "development"', async () => {
      vi.stubEnv('NODE_ENV', 'development');
      const { logger } = recordingLogger();
      const base = await serve(newAuth({ password: WRONG_PASSWORD }), {
        env: 'production',
        handler: { logger },
      });

      const response = await fetchText(`${base}/qontak/health`);

      expect(JSON.parse(response.text)).toEqual(BAD_GATEWAY_BODY);
    });

    it.each(['development', 'test'])(
      'answers { error: code, message } when NODE_ENV and the app env are "%s", and logs it too',
      async (env) => {
        vi.stubEnv('NODE_ENV', env);
        const deadUrl = await unusedLoopbackUrl();
        const { entries, logger } = recordingLogger();
        const base = await serve(newAuth({ baseUrl: deadUrl }), { handler: { logger } });

        const response = await fetchText(`${base}/qontak/health`);

        expect(response.status).toBe(503);
        expect(response.headers.get('cache-control')).toBe('no-store');
        const body = JSON.parse(response.text) as { error: string; message: string };
        expect(body).toEqual({ error: 'network_error', message: expect.stringContaining('ECONNREFUSED') });
        expect(body.message).toContain(deadUrl);
        expect(response.text).not.toContain(DEMO_PASSWORD);
        expect(entries.map((entry) => entry.context['code'])).toEqual(['network_error']);
      },
    );

    it.each([
      ['in production', 'production'],
      ['in development', 'development'],
    ])(
      "exposeDetails: 'false' (a string from an environment variable) keeps an app generic %s; so does any value but true",
      async (_label, env) => {
        vi.stubEnv('NODE_ENV', env);
        const { logger } = recordingLogger();
        for (const exposeDetails of ['false', 'true', '1', 1]) {
          const base = await serve(newAuth({ password: WRONG_PASSWORD }), {
            env,
            handler: { exposeDetails: exposeDetails as never, logger },
          });

          const response = await fetchText(`${base}/qontak/health`);

          expect(response.status).toBe(502);
          expect(JSON.parse(response.text)).toEqual(BAD_GATEWAY_BODY);
          expectNoInternalDetail(response.text, emulator.url);
        }
      },
    );

    it('exposeDetails: false keeps a development app generic', async () => {
      vi.stubEnv('NODE_ENV', 'development');
      const { logger } = recordingLogger();
      const base = await serve(newAuth({ password: WRONG_PASSWORD }), {
        env: 'development',
        handler: { exposeDetails: false, logger },
      });

      const response = await fetchText(`${base}/qontak/health`);

      expect(response.status).toBe(502);
      expect(JSON.parse(response.text)).toEqual(BAD_GATEWAY_BODY);
      expectNoInternalDetail(response.text, emulator.url);
    });
  });
});
