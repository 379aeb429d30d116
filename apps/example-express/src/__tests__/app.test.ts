import { once } from 'node:events';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { authFromEnv, type RequestAuthorizer } from '@qontak/auth-core';
import {
  DEMO_ACCESS_TOKEN,
  DEMO_CHANNEL_INTEGRATION_ID,
  DEMO_PASSWORD,
  DEMO_TEMPLATE_ID,
  startEmulator,
  type QontakEmulator,
} from '@qontak/emulator';
import type { MessageDefaults } from 'qontak-example-shared';
import { closeServer } from 'qontak-test-support';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createApp, type ExampleLogger, type QontakReport } from '../app';
import { startExampleAuth } from '../start-example-auth';
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
  const servers: Server[] = [];

  afterEach(async () => {
    vi.unstubAllEnvs();
    for (const server of servers.splice(0)) {
      await closeServer(server);
    }
    await auth?.close();
    auth = undefined;
    await emulator?.close();
    emulator = undefined;
  });

  /** Starts the app in this process on `qontak` and `emulator`; `env` is set with `app.set('env', env)` when given. */
  async function listen(
    qontak: RequestAuthorizer,
    started: QontakEmulator,
    options: { env?: string | undefined; messageDefaults?: MessageDefaults | undefined } = {},
  ): Promise<{ base: string; log: LogEntry[]; emulator: QontakEmulator }> {
    const log: LogEntry[] = [];
    const logger: ExampleLogger = { error: (message, context) => log.push({ message, context }) };
    const app = createApp(qontak, { logger, messageDefaults: options.messageDefaults });
    if (options.env !== undefined) app.set('env', options.env);
    const server = app.listen(0, '127.0.0.1');
    servers.push(server);
    await once(server, 'listening');
    return { base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, log, emulator: started };
  }

  /**
   * Starts the emulator and the app in this process with `scheme`'s demo credential read by
   * `authFromEnv(emulator.demoEnv(scheme))` (`options.variables` replace some of it); `env` is set with
   * `app.set('env', env)` when given.
   */
  async function boot(
    scheme: SchemeCase,
    options: { variables?: Record<string, string>; env?: string; coreWarnings?: string[] } = {},
  ): Promise<{ base: string; log: LogEntry[]; emulator: QontakEmulator }> {
    const started = await startEmulator({ port: 0 });
    emulator = started;
    auth = authFromEnv(
      { ...started.demoEnv(scheme.scheme), ...options.variables },
      {
        retry: { attempts: 1 },
        logger: { warn: (message) => options.coreWarnings?.push(message) },
      },
    );
    return listen(auth, started, { env: options.env });
  }

  /** POSTs `body` as JSON to the app's `/qontak/messages`; the status, the parsed answer and its text. */
  async function postMessage(
    base: string,
    body: unknown,
  ): Promise<{ status: number; body: unknown; text: string }> {
    const response = await fetch(`${base}/qontak/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, body: JSON.parse(text), text };
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

  describe.each(schemes)('POST /qontak/messages with a $name', (scheme) => {
    /** A message to the emulator's demo template, naming the template and the channel. */
    const orderShipped = {
      to: '6281234567890',
      name: 'Rina',
      templateId: DEMO_TEMPLATE_ID,
      channelId: DEMO_CHANNEL_INTEGRATION_ID,
      language: 'en',
      params: ['Rina', 'INV-1001'],
    };

    it(`sends the WhatsApp template through the typed client on the middleware's authorizer (${scheme.grants === 1 ? 'one grant' : 'no grant'} for both)`, async () => {
      const { base, emulator } = await boot(scheme);

      const answers = await Promise.all([
        postMessage(base, orderShipped),
        postMessage(base, { ...orderShipped, to: '6281234567891', name: 'Budi', params: ['Budi', 'INV-2'] }),
      ]);

      expect(answers.map((answer) => answer.status)).toEqual([201, 201]);
      const sent = emulator.sent();
      expect(answers.map((answer) => answer.body)).toEqual([
        { broadcastId: sent.find((each) => each.to_number === '6281234567890')?.id },
        { broadcastId: sent.find((each) => each.to_number === '6281234567891')?.id },
      ]);
      expect(sent.find((each) => each.to_number === '6281234567890')).toEqual({
        id: expect.any(String),
        credential: scheme.credential,
        to_number: '6281234567890',
        to_name: 'Rina',
        message_template_id: DEMO_TEMPLATE_ID,
        channel_integration_id: DEMO_CHANNEL_INTEGRATION_ID,
        language: { code: 'en' },
        parameters: {
          body: [
            { key: '1', value: '1', value_text: 'Rina' },
            { key: '2', value: '2', value_text: 'INV-1001' },
          ],
        },
      });
      expect(emulator.stats().broadcasts).toEqual({ accepted: 2, rejected: 0 });
      expect(emulator.stats().grants.total).toBe(scheme.grants);
    });

    it("answers Qontak's 422 with its messages, and no secret", async () => {
      const { base, emulator } = await boot(scheme);

      const answer = await postMessage(base, { ...orderShipped, to: '12' });

      expect(answer.status).toBe(422);
      expect(answer.body).toEqual({
        error: 'unprocessable_entity',
        messages: ['to_number must be digits with an optional leading + (5 to 15 digits)'],
      });
      for (const secret of scheme.secrets) expect(answer.text).not.toContain(secret);
      expect(emulator.sent()).toEqual([]);
      expect(emulator.stats().broadcasts).toEqual({ accepted: 0, rejected: 1 });
    });

    it('answers 422 for params that do not fit the template, before sending anything', async () => {
      const { base, emulator } = await boot(scheme);

      const answer = await postMessage(base, { ...orderShipped, params: ['Rina'] });

      expect(answer.status).toBe(422);
      expect(answer.body).toEqual({
        error: 'unprocessable_entity',
        messages: ['Template order_shipped: its body has 2 placeholders ({{1}}, {{2}}), got 1 values.'],
      });
      expect(emulator.stats().broadcasts).toEqual({ accepted: 0, rejected: 0 });
    });

    it('requires templateId and channelId without defaults (400, nothing sent), and uses the defaults it is given', async () => {
      const { base, emulator } = await boot(scheme);
      const defaulted = await listen(auth!, emulator, {
        messageDefaults: {
          templateId: DEMO_TEMPLATE_ID,
          channelId: DEMO_CHANNEL_INTEGRATION_ID,
          language: 'en',
        },
      });
      const unnamed = { to: '6281234567890', name: 'Rina', params: ['Rina', 'INV-1001'] };

      const refused = await postMessage(base, unnamed);
      const sent = await postMessage(defaulted.base, unnamed);

      expect(refused).toMatchObject({
        status: 400,
        body: { error: 'bad_request', messages: ['templateId is required', 'channelId is required'] },
      });
      expect(sent.status).toBe(201);
      expect(emulator.sent()).toEqual([
        expect.objectContaining({
          id: (sent.body as { broadcastId: string }).broadcastId,
          message_template_id: DEMO_TEMPLATE_ID,
          channel_integration_id: DEMO_CHANNEL_INTEGRATION_ID,
          language: { code: 'en' },
        }),
      ]);
    });

    it(`on the embedded emulator (startExampleAuth, --scheme ${scheme.scheme}) sends its demo template by default`, async () => {
      const started = await startExampleAuth({}, scheme.scheme);
      auth = started.auth;
      emulator = started.emulator;
      const { base } = await listen(started.auth, started.emulator!, {
        messageDefaults: started.messageDefaults,
      });

      const answer = await postMessage(base, {
        to: '6281234567890',
        name: 'Rina',
        params: ['Rina', 'INV-1'],
      });

      expect(answer.status).toBe(201);
      expect(started.emulator!.sent()).toEqual([
        expect.objectContaining({
          id: (answer.body as { broadcastId: string }).broadcastId,
          credential: scheme.credential,
          message_template_id: DEMO_TEMPLATE_ID,
          channel_integration_id: DEMO_CHANNEL_INTEGRATION_ID,
        }),
      ]);
    });
  });

  describe('POST /qontak/messages bodies it refuses (400, nothing sent)', () => {
    it.each([
      ['a JSON array', [1, 2], ['the body must be a JSON object']],
      [
        'no to, a blank name',
        { name: ' ', templateId: DEMO_TEMPLATE_ID, channelId: DEMO_CHANNEL_INTEGRATION_ID },
        ['to is required', 'name must be a non-empty string'],
      ],
      [
        'params that are not strings',
        { to: '6281234567890', name: 'Rina', templateId: 't', channelId: 'c', params: [1] },
        ['params must be an array of strings'],
      ],
      [
        'a misspelt field',
        { to: '6281234567890', name: 'Rina', templateID: 't', channelId: 'c' },
        [
          'templateID is not a field (use to, name, templateId, channelId, language, params)',
          'templateId is required',
        ],
      ],
    ])('%s', async (_label, body, messages) => {
      const { base, emulator } = await boot(schemeNamed('access-token'));

      const answer = await postMessage(base, body);

      expect(answer).toMatchObject({ status: 400, body: { error: 'bad_request', messages } });
      expect(emulator.stats().broadcasts).toEqual({ accepted: 0, rejected: 0 });
    });

    it('answers JSON that does not parse with 400, not 500', async () => {
      const { base, log, emulator } = await boot(schemeNamed('access-token'));

      const response = await fetch(`${base}/qontak/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{"to": ',
      });

      expect(response.status).toBe(400);
      expect(await response.json()).toEqual({ error: 'bad_request', messages: [expect.any(String)] });
      expect(log).toEqual([]);
      expect(emulator.stats().broadcasts).toEqual({ accepted: 0, rejected: 0 });
    });

    it('answers a dashboard token Qontak revoked with 502 { error: bad_gateway, status: 401 }', async () => {
      const { base, emulator } = await boot(schemeNamed('access-token'));
      emulator.revokeAll();

      const answer = await postMessage(base, {
        to: '6281234567890',
        name: 'Rina',
        templateId: DEMO_TEMPLATE_ID,
        channelId: DEMO_CHANNEL_INTEGRATION_ID,
        params: ['Rina', 'INV-1'],
      });

      expect(answer).toEqual({
        status: 502,
        body: { error: 'bad_gateway', status: 401 },
        text: expect.any(String),
      });
      expect(answer.text).not.toContain(DEMO_ACCESS_TOKEN);
      expect(emulator.sent()).toEqual([]);
    });
  });

  describe('with a password grant', () => {
    const password = schemeNamed('password');

    it('in production, answers rejected credentials with a generic 502 and logs invalid_grant', async () => {
      const { base, log, emulator } = await boot(password, {
        variables: { QONTAK_PASSWORD: WRONG_PASSWORD },
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
        variables: { QONTAK_PASSWORD: WRONG_PASSWORD },
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

    it('after Qontak revokes the token three times in a row, /qontak/health answers each 401 once and recovers each time', async () => {
      const { base, emulator } = await boot(password);
      expect((await fetch(`${base}/qontak/health`)).status).toBe(200);
      for (let revocation = 1; revocation <= 3; revocation++) {
        emulator.revokeAll();
        expect((await fetch(`${base}/qontak/health`)).status, `revocation ${revocation}`).toBe(502);
        expect((await fetch(`${base}/qontak/health`)).status, `after revocation ${revocation}`).toBe(200);
      }
      expect(emulator.stats().health).toEqual({ 200: 4, 401: 3 });
      expect(emulator.stats().grants.password).toEqual({ ok: 4, failed: 0 });
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
