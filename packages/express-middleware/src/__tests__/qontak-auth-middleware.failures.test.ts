import type { Server } from 'node:http';
import {
  QontakAuth,
  QontakAuthError,
  isQontakAuthError,
  type QontakAuthOptions,
  type RequestAuthorizer,
} from '@qontak/auth-core';
import {
  DEMO_ACCESS_TOKEN,
  DEMO_PASSWORD,
  DEMO_USERNAME,
  FULFILLMENT_CLIENT_ID,
  FULFILLMENT_CLIENT_SECRET,
  startEmulator,
  type QontakEmulator,
} from '@qontak/emulator';
import type { ErrorRequestHandler, Express } from 'express';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { closeServer, listenOnLoopback, unusedLoopbackUrl } from 'qontak-test-support';
import { qontakAuth, qontakErrorHandler, type QontakErrorHandlerOptions } from '../index';
import { authFor, expressVersions, healthRoute, schemes, type HealthRouteAnswer } from './schemes';

const WRONG_PASSWORD = 'wrong-password-that-must-never-leak';
const FAST_FAILURE: Partial<QontakAuthOptions> = { retry: { attempts: 1 }, timeoutMs: 300 };
/** These tests read the detailed body whatever NODE_ENV the runner has; the generic one is qontak-error-handler.test.ts's. */
const DETAILED: QontakErrorHandlerOptions = { exposeDetails: true, logger: { error: () => undefined } };

const passwordGrant = schemes.find((scheme) => scheme.name === 'password grant')!;
const withoutGrant = schemes.filter((scheme) => scheme.grantsPerBurst === 0);

describe.each(expressVersions)('qontakAuth failures on %s', (_version, createExpress) => {
  let emulator: QontakEmulator;
  const auths: RequestAuthorizer[] = [];
  const servers: Server[] = [];

  beforeEach(async () => {
    emulator = await startEmulator({ port: 0 });
  });

  afterEach(async () => {
    await Promise.all(servers.splice(0).map((server) => closeServer(server)));
    await Promise.all(auths.splice(0).map((auth) => auth.close()));
    await emulator.close();
  });

  function passwordAuth(overrides: Partial<QontakAuthOptions> = {}): QontakAuth {
    const auth = new QontakAuth({
      baseUrl: emulator.url,
      username: DEMO_USERNAME,
      password: DEMO_PASSWORD,
      ...overrides,
    });
    auths.push(auth);
    return auth;
  }

  /**
   * A real app: `qontakAuth` on `/qontak`, a route that calls Qontak's health with `req.qontakAuthorize`,
   * a recorder of the errors that reach the error handlers, `qontakErrorHandler` when asked for, and a
   * last handler that answers 599 with the error's constructor name.
   */
  async function serve(auth: RequestAuthorizer, options: { errorHandler?: boolean } = {}) {
    const app: Express = createExpress();
    const seen = { routeRuns: 0, errors: [] as unknown[] };
    app.use('/qontak', qontakAuth({ auth }), (_req, _res, next) => {
      seen.routeRuns++;
      next();
    });
    app.get('/qontak/health', healthRoute(auth));
    const recorder: ErrorRequestHandler = (err, _req, _res, next) => {
      seen.errors.push(err);
      next(err);
    };
    app.use(recorder);
    if (options.errorHandler) app.use(qontakErrorHandler(DETAILED));
    const fallback: ErrorRequestHandler = (err: unknown, _req, res, _next) => {
      res.status(599).json({
        unhandled: err instanceof Error ? err.constructor.name : typeof err,
        qontak: isQontakAuthError(err),
      });
    };
    app.use(fallback);
    const { base, server } = await listenOnLoopback(app);
    servers.push(server);
    return { base, seen };
  }

  describe('a wrong password', () => {
    it('never runs the route and passes each request a new 502 QontakAuthError, after one grant', async () => {
      const auth = passwordAuth({ password: WRONG_PASSWORD, ...FAST_FAILURE });
      const { base, seen } = await serve(auth);

      const responses = await Promise.all([1, 2, 3].map(() => fetch(`${base}/qontak/health`)));

      expect(responses.map((response) => response.status)).toEqual([599, 599, 599]);
      expect(seen.routeRuns).toBe(0);
      expect(seen.errors).toHaveLength(3);
      expect(new Set(seen.errors).size).toBe(3);
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
      const coreError = await auth.ready().catch((error: unknown) => error);
      expect(coreError).toMatchObject({ code: 'invalid_grant', status: 400 });
      expect(emulator.stats().grants.password).toEqual({ ok: 0, failed: 1 });
      expect(emulator.stats().health).toEqual({});
    });

    it('answers JSON { error, message } with 502 through qontakErrorHandler, leaking no secret', async () => {
      const { base, seen } = await serve(passwordAuth({ password: WRONG_PASSWORD, ...FAST_FAILURE }), {
        errorHandler: true,
      });

      const response = await fetch(`${base}/qontak/health`);

      expect(response.status).toBe(502);
      expect(response.headers.get('content-type')).toMatch(/^application\/json/);
      expect(response.headers.get('cache-control')).toBe('no-store');
      expect(response.headers.get('retry-after')).toBeNull();
      const text = await response.text();
      const body = JSON.parse(text) as Record<string, unknown>;
      expect(Object.keys(body).sort()).toEqual(['error', 'message']);
      expect(body['error']).toBe('invalid_grant');
      expect(body['message']).toMatch(/check the username and password/);
      expect(text).not.toContain(WRONG_PASSWORD);
      expect(text).not.toContain(DEMO_PASSWORD);
      expect(text).not.toContain(FULFILLMENT_CLIENT_SECRET);
      expect(text).not.toMatch(/bearer|access_token|refresh_token/i);
      expect(seen.routeRuns).toBe(0);
    });
  });

  describe('an unreachable Qontak', () => {
    it('with the password grant: answers 503 network_error and never runs the route', async () => {
      const deadUrl = await unusedLoopbackUrl();
      const { base, seen } = await serve(passwordAuth({ baseUrl: deadUrl, ...FAST_FAILURE }), {
        errorHandler: true,
      });

      const response = await fetch(`${base}/qontak/health`);

      expect(response.status).toBe(503);
      const text = await response.text();
      expect(JSON.parse(text)).toEqual({ error: 'network_error', message: expect.stringContaining(deadUrl) });
      expect(text).not.toContain(DEMO_PASSWORD);
      expect(text).not.toContain(FULFILLMENT_CLIENT_SECRET);
      expect(seen.routeRuns).toBe(0);
      expect(seen.errors[0]).toMatchObject({ code: 'network_error', status: 503, retryable: true });
    });

    it.each(withoutGrant)(
      'with a $name: runs the route (nothing to fetch before a request), whose own call fails and goes on to the next handler',
      async (scheme) => {
        const auth = authFor(scheme, emulator, { baseUrl: await unusedLoopbackUrl() });
        auths.push(auth);
        const { base, seen } = await serve(auth, { errorHandler: true });

        const response = await fetch(`${base}/qontak/health`);

        expect(response.status).toBe(599);
        expect(await response.json()).toEqual({ unhandled: 'TypeError', qontak: false });
        expect(seen.routeRuns).toBe(1);
        expect(seen.errors).toHaveLength(1);
      },
    );
  });

  describe('a revoked dashboard access token', () => {
    it('runs the route, which gets Qontak\'s 401 "was revoked"; handleUnauthorized says a replay cannot help and warns once', async () => {
      const warnings: Array<{ message: string; context: unknown }> = [];
      const auth = authFor(
        withoutGrant.find((scheme) => scheme.name === 'dashboard access token')!,
        emulator,
        {
          logger: { warn: (message, context) => warnings.push({ message, context }) },
        },
      );
      auths.push(auth);
      const revoked = await fetch(`${emulator.url}/oauth/revoke`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          token: DEMO_ACCESS_TOKEN,
          client_id: FULFILLMENT_CLIENT_ID,
          client_secret: FULFILLMENT_CLIENT_SECRET,
        }),
      });
      expect(revoked.status).toBe(200);
      const app = createExpress();
      app.get('/qontak/health', qontakAuth({ auth }), async (req, res) => {
        const headers = await req.qontakAuthorize!({ method: 'GET', url: auth.healthUrl });
        const answer = await fetch(auth.healthUrl, { headers });
        const replay = answer.status === 401 ? await auth.handleUnauthorized(headers) : undefined;
        res.status(answer.status === 200 ? 200 : 502).json({
          status: answer.status,
          wwwAuthenticate: answer.headers.get('www-authenticate'),
          replay,
        });
      });
      const { base, server } = await listenOnLoopback(app);
      servers.push(server);

      const answers = [];
      for (let call = 0; call < 2; call++) {
        const response = await fetch(`${base}/qontak/health`);
        answers.push({ httpStatus: response.status, ...((await response.json()) as object) });
      }

      expect(answers).toEqual(
        Array.from({ length: 2 }, () => ({
          httpStatus: 502,
          status: 401,
          wwwAuthenticate: expect.stringContaining('The access token was revoked'),
          replay: false,
        })),
      );
      expect(warnings).toHaveLength(1);
      expect(warnings[0]!.message).toMatch(/revoked or replaced.*QONTAK_ACCESS_TOKEN/);
      expect(JSON.stringify(warnings)).not.toContain(DEMO_ACCESS_TOKEN);
      expect(emulator.stats().health).toEqual({ 401: 2 });
      expect(emulator.stats().grants.total).toBe(0);
    });
  });

  describe('a rate-limited token endpoint', () => {
    it('asking for longer than the retry budget waits: answers 503 with Retry-After, after one token request', async () => {
      emulator.faults.inject('token', { type: 'status', status: 429, retryAfter: '120' }, 1);
      const auth = passwordAuth();
      const { base, seen } = await serve(auth, { errorHandler: true });

      const response = await fetch(`${base}/qontak/health`);

      expect(response.status).toBe(503);
      expect(response.headers.get('retry-after')).toBe('120');
      expect(response.headers.get('cache-control')).toBe('no-store');
      expect(await response.json()).toEqual({ error: 'rate_limited', message: expect.any(String) });
      expect(seen.routeRuns).toBe(0);
      expect(seen.errors[0]).toMatchObject({
        code: 'rate_limited',
        status: 503,
        retryAfterMs: 120_000,
        cause: { code: 'rate_limited', status: 429 },
      });
      const stats = emulator.stats();
      expect(stats.faultsServed).toBe(1);
      expect(stats.grants.total).toBe(0);
      expect(emulator.faults.pending()).toBe(0);
    });

    it('within the retry budget: waits out Retry-After and serves the route after one grant', async () => {
      emulator.faults.inject('token', { type: 'status', status: 429, retryAfter: '1' }, 1);
      const { base, seen } = await serve(passwordAuth(), { errorHandler: true });

      const response = await fetch(`${base}/qontak/health`);

      expect(response.status).toBe(200);
      expect(((await response.json()) as HealthRouteAnswer).status).toBe(200);
      expect(seen.errors).toEqual([]);
      expect(emulator.stats().faultsServed).toBe(1);
      expect(emulator.stats().grants.password).toEqual({ ok: 1, failed: 0 });
    });
  });

  describe('other token-endpoint failures', () => {
    it.each([
      ['drops the connection', { type: 'drop' }, 'network_error'],
      ['does not answer within timeoutMs', { type: 'hang' }, 'timeout'],
      ['fails with a 5xx', { type: 'status', status: 500 }, 'server_error'],
    ] as const)('answers 503 when the token endpoint %s', async (_label, fault, code) => {
      emulator.faults.inject('token', fault, 1);
      const { base, seen } = await serve(passwordAuth(FAST_FAILURE), { errorHandler: true });

      const response = await fetch(`${base}/qontak/health`);

      expect(response.status).toBe(503);
      expect(response.headers.get('retry-after')).toBeNull();
      expect(await response.json()).toEqual({ error: code, message: expect.any(String) });
      expect(seen.routeRuns).toBe(0);
      expect(seen.errors[0]).toMatchObject({ code, status: 503, retryable: true, cause: { code } });
    });
  });

  it('answers 500 config_error for a closed authorizer, without a request to Qontak', async () => {
    const auth = authFor(passwordGrant, emulator);
    await auth.close();
    const { base, seen } = await serve(auth, { errorHandler: true });

    const response = await fetch(`${base}/qontak/health`);

    expect(response.status).toBe(500);
    expect(await response.json()).toEqual({
      error: 'config_error',
      message: expect.stringMatching(/closed/),
    });
    expect(seen.routeRuns).toBe(0);
    expect(seen.errors[0]).toMatchObject({ code: 'config_error', status: 500 });
    expect(emulator.stats().requests).toBe(0);
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
    const { base, server } = await listenOnLoopback(app);
    servers.push(server);

    const response = await fetch(`${base}/boom`);

    expect(response.status).toBe(500);
    expect(await response.json()).toEqual({ passedOn: 'not a Qontak problem' });
  });
});

describe('qontakAuth', () => {
  it.each([
    ['no options', undefined],
    ['no auth', {}],
    ['auth: null', { auth: null }],
    [
      'an auth with only getAccessToken (before RequestAuthorizer)',
      { auth: { getAccessToken: async () => 't' } },
    ],
    [
      'an auth without getAccessToken (not the whole contract)',
      { auth: { ready: async () => undefined, authorizeRequest: async () => ({}) } },
    ],
  ])('throws a config_error at mount time with %s', (_label, options) => {
    const mount = () => qontakAuth(options as never);
    expect(mount).toThrow(QontakAuthError);
    expect(mount).toThrow(/pass \{ auth \}, a RequestAuthorizer such as authFromEnv\(\)/);
  });
});
