import type { Server } from 'node:http';
import { QontakAuth, QontakAuthError, isQontakAuthError, type QontakAuthOptions } from '@qontak/auth-core';
import {
  DEMO_PASSWORD,
  DEMO_USERNAME,
  FULFILLMENT_CLIENT_SECRET,
  startEmulator,
  type QontakEmulator,
} from '@qontak/emulator';
import express from 'express';
import express4 from 'express4';
import type { ErrorRequestHandler, Express } from 'express';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { getQontakToken, qontakAuth, qontakErrorHandler, type QontakErrorHandlerOptions } from '../index';
import { closeServer, listenOnLoopback, unusedLoopbackUrl } from './loopback';

type Emulator = QontakEmulator;

const HEALTH_PATH = '/api/open/v1/health';
const WRONG_PASSWORD = 'wrong-password-that-must-never-leak';
const FAST_FAILURE: Partial<QontakAuthOptions> = { retry: { attempts: 1 }, timeoutMs: 300 };
/** These tests read the detailed body whatever NODE_ENV the runner has; the generic one is qontak-error-handler.test.ts's. */
const DETAILED: QontakErrorHandlerOptions = { exposeDetails: true, logger: { error: () => undefined } };

const expressVersions: ReadonlyArray<readonly [string, () => Express]> = [
  ['Express 5', () => express()],
  ['Express 4', () => express4()],
];

describe.each(expressVersions)('qontakAuth middleware on %s', (_version, createExpress) => {
  let emulator: Emulator;
  const auths: QontakAuth[] = [];
  const servers: Server[] = [];

  beforeEach(async () => {
    emulator = await startEmulator({ port: 0 });
  });

  afterEach(async () => {
    await Promise.all(servers.splice(0).map((server) => closeServer(server)));
    await Promise.all(auths.splice(0).map((auth) => auth.close()));
    await emulator.close();
  });

  function newAuth(overrides: Partial<QontakAuthOptions> = {}): QontakAuth {
    const auth = new QontakAuth({
      baseUrl: emulator.url,
      username: DEMO_USERNAME,
      password: DEMO_PASSWORD,
      ...overrides,
    });
    auths.push(auth);
    return auth;
  }

  /** A real app: `qontakAuth` on `/qontak`, a route that reports what it saw, and a recorder of errors. */
  function buildApp(auth: QontakAuth, options: { errorHandler?: boolean } = {}) {
    const app = createExpress();
    const seen = { routeRuns: 0, errors: [] as unknown[] };
    app.use('/qontak', qontakAuth({ auth }));
    app.get('/qontak/token', (req, res) => {
      seen.routeRuns++;
      res.json({ token: getQontakToken(req), sameAsField: req.qontakToken === getQontakToken(req) });
    });
    const recorder: ErrorRequestHandler = (err, _req, _res, next) => {
      seen.errors.push(err);
      next(err);
    };
    app.use(recorder);
    if (options.errorHandler) app.use(qontakErrorHandler(DETAILED));
    const fallback: ErrorRequestHandler = (_err, _req, res, _next) => {
      res.status(599).type('text/plain').send('unhandled by qontakErrorHandler');
    };
    app.use(fallback);
    return { app, seen };
  }

  async function listen(app: Express): Promise<string> {
    const { base, server } = await listenOnLoopback(app);
    servers.push(server);
    return base;
  }

  it('puts a token on req.qontakToken that the Qontak health endpoint accepts', async () => {
    const { app, seen } = buildApp(newAuth());
    const base = await listen(app);

    const response = await fetch(`${base}/qontak/token`);
    expect(response.status).toBe(200);
    const body = (await response.json()) as { token: string; sameAsField: boolean };
    expect(body.sameAsField).toBe(true);
    expect(body.token).toMatch(/\S{16,}/);

    const health = await fetch(`${emulator.url}${HEALTH_PATH}`, {
      headers: { authorization: `Bearer ${body.token}` },
    });
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: 'success' });
    expect(seen).toEqual({ routeRuns: 1, errors: [] });
    expect(emulator.stats().grants.password.ok).toBe(1);
  });

  it('serves 500 concurrent requests on a cold cache with exactly one password grant', async () => {
    const { app, seen } = buildApp(newAuth());
    const base = await listen(app);

    const bodies = await Promise.all(
      Array.from({ length: 500 }, async () => {
        const response = await fetch(`${base}/qontak/token`);
        expect(response.status).toBe(200);
        return (await response.json()) as { token: string };
      }),
    );

    expect(new Set(bodies.map((body) => body.token)).size).toBe(1);
    expect(seen.routeRuns).toBe(500);
    const stats = emulator.stats();
    expect(stats.grants.password).toEqual({ ok: 1, failed: 0 });
    expect(stats.grants.total).toBe(1);
  });

  it('on a wrong password never runs the route and passes a new 502 QontakAuthError to next(err)', async () => {
    const auth = newAuth({ password: WRONG_PASSWORD, ...FAST_FAILURE });
    const { app, seen } = buildApp(auth);
    const base = await listen(app);

    const responses = await Promise.all([1, 2, 3].map(() => fetch(`${base}/qontak/token`)));
    expect(responses.map((response) => response.status)).toEqual([599, 599, 599]);

    expect(seen.routeRuns).toBe(0);
    expect(seen.errors).toHaveLength(3);
    for (const error of seen.errors) {
      expect(error).toBeInstanceOf(QontakAuthError);
      expect(error).toMatchObject({ code: 'invalid_grant', status: 502, retryable: false });
      const cause = (error as QontakAuthError).cause;
      expect(isQontakAuthError(cause)).toBe(true);
      expect(cause).toMatchObject({ code: 'invalid_grant', status: 400 });
      expect((error as QontakAuthError).message).toBe((cause as QontakAuthError).message);
      expect((error as QontakAuthError).description).toBe((cause as QontakAuthError).description);
    }
    // The core's error instance (shared by every caller during the cooldown) is left unchanged.
    const coreError = await auth.getAccessToken().catch((error: unknown) => error);
    expect(coreError).toMatchObject({ code: 'invalid_grant', status: 400 });
    expect(emulator.stats().grants.password).toEqual({ ok: 0, failed: 1 });
  });

  it('answers a wrong password with JSON { error, message } and 502 through qontakErrorHandler, leaking no secret', async () => {
    const { app, seen } = buildApp(newAuth({ password: WRONG_PASSWORD, ...FAST_FAILURE }), {
      errorHandler: true,
    });
    const base = await listen(app);

    const response = await fetch(`${base}/qontak/token`);
    expect(response.status).toBe(502);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const text = await response.text();
    const body = JSON.parse(text) as Record<string, unknown>;
    expect(Object.keys(body).sort()).toEqual(['error', 'message']);
    expect(body['error']).toBe('invalid_grant');
    expect(body['message']).toEqual(expect.any(String));
    expect(text).not.toContain(WRONG_PASSWORD);
    expect(text).not.toContain(DEMO_PASSWORD);
    expect(text).not.toContain(FULFILLMENT_CLIENT_SECRET);
    expect(text).not.toMatch(/bearer|access_token|refresh_token/i);
    expect(seen.routeRuns).toBe(0);
  });

  it('answers 503 when the token endpoint drops the connection', async () => {
    emulator.faults.inject('token', { type: 'drop' }, 1);
    const { app, seen } = buildApp(newAuth(FAST_FAILURE), { errorHandler: true });
    const base = await listen(app);

    const response = await fetch(`${base}/qontak/token`);
    expect(response.status).toBe(503);
    expect(await response.json()).toEqual({ error: 'network_error', message: expect.any(String) });
    expect(seen.routeRuns).toBe(0);
    expect(seen.errors[0]).toMatchObject({ code: 'network_error', status: 503, retryable: true });
  });

  it('answers 503 when Qontak is unreachable (nothing listens on its port)', async () => {
    const deadUrl = await unusedLoopbackUrl();
    const { app, seen } = buildApp(newAuth({ baseUrl: deadUrl, ...FAST_FAILURE }), { errorHandler: true });
    const base = await listen(app);

    const response = await fetch(`${base}/qontak/token`);
    expect(response.status).toBe(503);
    const text = await response.text();
    expect(JSON.parse(text)).toEqual({ error: 'network_error', message: expect.any(String) });
    expect(text).not.toContain(DEMO_PASSWORD);
    expect(text).not.toContain(FULFILLMENT_CLIENT_SECRET);
    expect(seen.routeRuns).toBe(0);
  });

  it('answers 503 when the token endpoint does not answer within timeoutMs', async () => {
    emulator.faults.inject('token', { type: 'hang' }, 1);
    const { app, seen } = buildApp(newAuth(FAST_FAILURE), { errorHandler: true });
    const base = await listen(app);

    const response = await fetch(`${base}/qontak/token`);
    expect(response.status).toBe(503);
    expect(await response.json()).toEqual({ error: 'timeout', message: expect.any(String) });
    expect(seen.routeRuns).toBe(0);
  });

  it('answers 503 when the token endpoint fails with a 5xx', async () => {
    emulator.faults.inject('token', { type: 'status', status: 500 }, 1);
    const { app, seen } = buildApp(newAuth(FAST_FAILURE), { errorHandler: true });
    const base = await listen(app);

    const response = await fetch(`${base}/qontak/token`);
    expect(response.status).toBe(503);
    expect(await response.json()).toEqual({ error: 'server_error', message: expect.any(String) });
    expect(seen.errors[0]).toMatchObject({ status: 503, cause: { code: 'server_error', status: 500 } });
    expect(seen.routeRuns).toBe(0);
  });

  it('passes errors that are not QontakAuthErrors through qontakErrorHandler to the next handler', async () => {
    const app = createExpress();
    app.get('/boom', () => {
      throw new TypeError('not a Qontak problem');
    });
    app.use(qontakErrorHandler(DETAILED));
    const fallback: ErrorRequestHandler = (err: Error, _req, res, _next) => {
      res.status(500).json({ passedOn: err.message });
    };
    app.use(fallback);
    const base = await listen(app);

    const response = await fetch(`${base}/boom`);
    expect(response.status).toBe(500);
    expect(await response.json()).toEqual({ passedOn: 'not a Qontak problem' });
  });

  it('getQontakToken throws a config_error QontakAuthError on a route the middleware did not run for', async () => {
    const app = createExpress();
    app.get('/unprotected', (req, res) => {
      res.json({ token: getQontakToken(req) });
    });
    app.use(qontakErrorHandler(DETAILED));
    const base = await listen(app);

    const response = await fetch(`${base}/unprotected`);
    expect(response.status).toBe(500);
    const body = (await response.json()) as { error: string; message: string };
    expect(body.error).toBe('config_error');
    expect(body.message).toMatch(/qontakAuth\(\{ auth \}\)/);
    expect(emulator.stats().grants.total).toBe(0);
  });
});

describe('qontakAuth', () => {
  it('throws a config_error at mount time when auth is missing', () => {
    expect(() => qontakAuth({} as never)).toThrow(QontakAuthError);
    expect(() => qontakAuth({} as never)).toThrow(/pass \{ auth \}/);
  });
});
