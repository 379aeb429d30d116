import { once } from 'node:events';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { authFromOptions, type QontakCredentialOptions, type RequestAuthorizer } from '@qontak/auth-core';
import {
  DEMO_ACCESS_TOKEN,
  DEMO_PASSWORD,
  DEMO_TEMPLATE_ID,
  startEmulator,
  type QontakEmulator,
} from '@qontak/emulator';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createApp, type ExampleLogger, type QontakReport } from '../app';
import { schemeNamed, schemes, type SchemeCase } from './schemes';

const WRONG_PASSWORD = 'not-the-demo-password';
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

/** What an end user must never read in a production answer. */
function expectNoInternalDetail(text: string, qontakUrl: string): void {
  const { hostname, port } = new URL(qontakUrl);
  for (const detail of [port, hostname, 'ECONNREFUSED', 'invalid_grant', 'network_error', WRONG_PASSWORD]) {
    expect(text).not.toContain(detail);
  }
  expect(text).not.toMatch(/username|password|qontak|token|stack|at .*\.(ts|js):\d+/i);
}

describe('example-express app', () => {
  let emulator: QontakEmulator | undefined;
  let auth: RequestAuthorizer | undefined;
  let server: Server | undefined;

  afterEach(async () => {
    vi.unstubAllEnvs();
    if (server) {
      server.closeAllConnections();
      await new Promise((resolve) => server?.close(resolve));
      server = undefined;
    }
    await auth?.close();
    auth = undefined;
    await emulator?.close();
    emulator = undefined;
  });

  /**
   * Starts the emulator and the app in this process with `scheme`'s credential (fields in
   * `options.credentials` replace it); `env` is set with `app.set('env', env)` when given.
   */
  async function boot(
    scheme: SchemeCase,
    options: { credentials?: Partial<QontakCredentialOptions>; env?: string; coreWarnings?: string[] } = {},
  ): Promise<{ base: string; log: LogEntry[]; emulator: QontakEmulator }> {
    const started = await startEmulator({ port: 0 });
    emulator = started;
    auth = authFromOptions({
      baseUrl: started.url,
      ...scheme.credentials,
      ...options.credentials,
      retry: { attempts: 1 },
      logger: { warn: (message) => options.coreWarnings?.push(message) },
    } as QontakCredentialOptions);
    const log: LogEntry[] = [];
    const logger: ExampleLogger = { error: (message, context) => log.push({ message, context }) };
    const app = createApp(auth, { logger });
    if (options.env !== undefined) app.set('env', options.env);
    server = app.listen(0, '127.0.0.1');
    await once(server, 'listening');
    return { base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, log, emulator: started };
  }

  describe.each(schemes)('with a $name', (scheme) => {
    it(`GET /qontak/health answers Qontak's health for 21 calls, with ${scheme.grants === 1 ? 'one grant' : 'no grant'}`, async () => {
      const { base, emulator } = await boot(scheme);

      const first = await fetch(`${base}/qontak/health`);
      expect(first.status).toBe(200);
      expect(await first.json()).toEqual({
        status: 200,
        body: { status: 'success', data: expect.objectContaining(scheme.healthData) },
      });
      const more = await Promise.all(Array.from({ length: 20 }, () => fetch(`${base}/qontak/health`)));

      expect(more.map((response) => response.status)).toEqual(Array(20).fill(200));
      const stats = emulator.stats();
      expect(scheme.healthAnswers(stats)).toEqual({ 200: 21 });
      expect(stats.grants.total).toBe(scheme.grants);
    });

    it('GET /qontak/templates lists the WhatsApp templates through the axios interceptor', async () => {
      const { base, emulator } = await boot(scheme);

      const response = await fetch(`${base}/qontak/templates`);

      expect(response.status).toBe(200);
      const report = (await response.json()) as QontakReport;
      expect(report).toEqual({
        status: 200,
        body: {
          status: 'success',
          data: expect.arrayContaining([
            expect.objectContaining({ id: DEMO_TEMPLATE_ID, name: 'order_shipped' }),
          ]),
          meta: expect.objectContaining({ pagination: expect.objectContaining({ offset: 0 }) }),
        },
      });
      expect(emulator.stats().operations.templates).toEqual({ 200: 1 });
      expect(emulator.stats().grants.total).toBe(scheme.grants);
    });

    it('in production, answers a failed health call with a generic 500 and no stack trace, and logs it', async () => {
      const { base, log, emulator } = await boot(scheme, { env: 'production' });
      emulator.faults.inject(scheme.healthRoute, { type: 'drop' }, 5);

      const response = await fetch(`${base}/qontak/health`);

      expect(response.status).toBe(500);
      const text = await response.text();
      expect(JSON.parse(text)).toEqual(INTERNAL_BODY);
      expectNoInternalDetail(text, emulator.url);
      expect(log).toEqual([
        {
          message: expect.stringContaining('GET /qontak/health answered 500'),
          context: { status: 500, message: expect.any(String), method: 'GET', path: '/qontak/health' },
        },
      ]);
    });
  });

  describe('with a password grant', () => {
    const password = schemeNamed('password');

    it('in production, answers rejected credentials with a generic 502 and logs invalid_grant', async () => {
      const { base, log, emulator } = await boot(password, {
        credentials: { password: WRONG_PASSWORD },
        env: 'production',
      });

      const response = await fetch(`${base}/qontak/health`);

      expect(response.status).toBe(502);
      expect(response.headers.get('cache-control')).toBe('no-store');
      const text = await response.text();
      expect(JSON.parse(text)).toEqual(BAD_GATEWAY_BODY);
      expectNoInternalDetail(text, emulator.url);
      expect(log.map((entry) => entry.context)).toEqual([
        expect.objectContaining({
          code: 'invalid_grant',
          status: 502,
          method: 'GET',
          path: '/qontak/health',
        }),
      ]);
      expect(JSON.stringify(log)).not.toContain(WRONG_PASSWORD);
      expect(emulator.stats().health).toEqual({});
    });

    it('in development, answers rejected credentials with 502 { error: code, message }, without the password', async () => {
      vi.stubEnv('NODE_ENV', 'development');
      const { base, log, emulator } = await boot(password, {
        credentials: { password: WRONG_PASSWORD },
        env: 'development',
      });

      const response = await fetch(`${base}/qontak/templates`);

      expect(response.status).toBe(502);
      const text = await response.text();
      expect(JSON.parse(text)).toEqual({
        error: 'invalid_grant',
        message: expect.stringMatching(/check the username and password/),
      });
      expect(text).not.toContain(WRONG_PASSWORD);
      expect(text).not.toContain(DEMO_PASSWORD);
      expect(log).toHaveLength(1);
      expect(emulator.stats().operations).toEqual({});
    });

    it('in production, answers a rate-limited token endpoint with a generic 503 and Retry-After', async () => {
      const { base, log, emulator } = await boot(password, { env: 'production' });
      emulator.faults.inject('token', { type: 'status', status: 429, retryAfter: '45' }, 1);

      const response = await fetch(`${base}/qontak/health`);

      expect(response.status).toBe(503);
      expect(response.headers.get('retry-after')).toBe('45');
      const text = await response.text();
      expect(JSON.parse(text)).toEqual(UNAVAILABLE_BODY);
      expectNoInternalDetail(text, emulator.url);
      expect(log.map((entry) => entry.context['code'])).toEqual(['rate_limited']);
    });

    it('after Qontak revokes the token, /qontak/health answers its 401 once and reports it; the next call gets a new grant', async () => {
      const { base, emulator } = await boot(password);
      expect((await fetch(`${base}/qontak/health`)).status).toBe(200);
      emulator.revokeAll();

      const reported = await fetch(`${base}/qontak/health`);
      const recovered = await fetch(`${base}/qontak/health`);

      expect(reported.status).toBe(502);
      expect(await reported.json()).toEqual({ status: 401, body: '' });
      expect(recovered.status).toBe(200);
      expect(emulator.stats().health).toEqual({ 200: 2, 401: 1 });
      expect(emulator.stats().grants.password).toEqual({ ok: 2, failed: 0 });
    });

    it('after Qontak revokes the token, /qontak/templates replays once with a new grant and answers 200', async () => {
      const { base, emulator } = await boot(password);
      expect((await fetch(`${base}/qontak/templates`)).status).toBe(200);
      emulator.revokeAll();

      const replayed = await fetch(`${base}/qontak/templates`);

      expect(replayed.status).toBe(200);
      expect(emulator.stats().operations.templates).toEqual({ 200: 2, 401: 1 });
      expect(emulator.stats().grants.password).toEqual({ ok: 2, failed: 0 });
    });
  });

  describe('with a revoked dashboard access token', () => {
    it("answers 502 with Qontak's 401, makes no grant, and the core warns once to issue a new token", async () => {
      const warnings: string[] = [];
      const { base, emulator } = await boot(schemeNamed('access-token'), { coreWarnings: warnings });
      emulator.revokeAll();

      const health = await fetch(`${base}/qontak/health`);
      const templates = await fetch(`${base}/qontak/templates`);

      expect(health.status).toBe(502);
      expect(await health.json()).toEqual({ status: 401, body: '' });
      expect(templates.status).toBe(502);
      expect(await templates.json()).toMatchObject({ status: 401 });
      expect(emulator.stats().health).toEqual({ 401: 1 });
      expect(emulator.stats().operations.templates).toEqual({ 401: 1 });
      expect(emulator.stats().grants.total).toBe(0);
      expect(warnings).toEqual([expect.stringMatching(/revoked or replaced.*QONTAK_ACCESS_TOKEN/)]);
      expect(warnings.join('\n')).not.toContain(DEMO_ACCESS_TOKEN);
    });
  });
});
