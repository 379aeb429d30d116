import { spawn } from 'node:child_process';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { inspect } from 'node:util';
import { fileURLToPath } from 'node:url';
import type { LoggerService } from '@nestjs/common';
import {
  QONTAK_HEALTH_PATH,
  QontakAccessTokenAuth,
  QontakAuth,
  type QontakAuthOptions,
} from '@qontak/auth-core';
import { createQontakAxios } from '@qontak/axios-interceptor';
import {
  createQontakWebhookHandler,
  qontakWebhookUrl,
  registerQontakWebhooks,
  type QontakWebhookLogger,
} from '@qontak/webhooks';
import { DEMO_ACCESS_TOKEN, type EmulatorFault, type QontakEmulator } from '@qontak/emulator';
import { createQontakClient } from '@qontak/client';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { qontakAuth } from '@qontak/express-middleware';
import { qontakWebhook } from '@qontak/express-middleware/webhooks';
import express from 'express';
import { closeServer, listenOnLoopback } from 'qontak-test-support';
import { ECHO_MODES, startEchoingTokenEndpoint } from './support/echoing-token-endpoint';
import { startExpressApp } from './support/express-app';
import { LeakScan } from './support/leak-scan';
import { ManualClock } from './support/manual-clock';
import { startNestApp, startNestWebhookApp } from './support/nest-app';
import { RecordingLogger } from './support/recording-logger';
import { startRecordingProxy } from './support/recording-proxy';
import {
  CLIENT_ID,
  CLIENT_SECRET,
  PASSWORD,
  USERNAME,
  accountOptions,
  startTestEmulator,
} from './support/test-account';
import { TokenEndpointProbe } from './support/token-endpoint-probe';
import { pause } from './support/within';
import {
  customerMessage,
  fragmentsOf,
  hostileDeliveries,
  NEAR_MISS_SECRETS,
  percentEncoded,
  WEBHOOK_SECRET,
} from './support/hostile-webhook-deliveries';

/**
 * Secret-leak scan. Sentinels: the account's password, the client secret, a wrong password, a wrong
 * client secret, every access and refresh token the emulator actually issued, and a webhook secret
 * (with every 8-character part of it, and near-miss secrets). Every error path of every package is
 * driven, and everything a secret could leak into is captured: the core's logs (a recording logger),
 * thrown errors (`message`, `stack`, `cause`, `toJSON`, `String()`, `util.inspect`), Express and Nest
 * error responses and Nest's own logs, the demo's output, and the webhook handler's answers and logs.
 * Expected: 0 occurrences of any sentinel.
 */

const WRONG_PASSWORD = 'Sentinel-WrongPassword-3c51a0e7';
const WRONG_SECRET = 'Sentinel-WrongClientSecret-98d2f4b1';
const LIMITS: Partial<QontakAuthOptions> = {
  timeoutMs: 150,
  retry: { attempts: 2, baseDelayMs: 5, maxDelayMs: 50, maxElapsedMs: 2_000 },
};
const EXAMPLE_DIR = fileURLToPath(new URL('../../apps/example', import.meta.url));

const TOKEN_FAULTS: ReadonlyArray<[string, EmulatorFault]> = [
  ['500', { type: 'status', status: 500 }],
  ['502', { type: 'status', status: 502 }],
  ['503', { type: 'status', status: 503 }],
  ['429', { type: 'status', status: 429, retryAfter: '120' }],
  ['latency', { type: 'latency', ms: 600 }],
  ['drop', { type: 'drop' }],
  ['malformed JSON', { type: 'malformed-json' }],
  ['HTML page', { type: 'html', status: 502 }],
  ['empty body', { type: 'empty' }],
  ['no access_token', { type: 'token-body', omit: ['access_token'] }],
  ['no expires_in', { type: 'token-body', omit: ['expires_in'] }],
  ['expires_in string', { type: 'token-body', patch: { expires_in: '7200' } }],
  ['token_type mac', { type: 'token-body', patch: { token_type: 'mac' } }],
];

const scan = new LeakScan();
const logger = new RecordingLogger();
const probe = new TokenEndpointProbe();
const auths: QontakAuth[] = [];
const closers: Array<() => Promise<void>> = [];
let emulator: QontakEmulator;
let errorPaths = 0;

function newAuth(overrides: Partial<QontakAuthOptions> = {}, server: { url: string } = emulator): QontakAuth {
  const auth = new QontakAuth(
    accountOptions(server, { ...LIMITS, logger, fetch: probe.fetch, ...overrides }),
  );
  auths.push(auth);
  return auth;
}

let checkedUpTo = 0;

/**
 * Registers the tokens issued so far as sentinels and the core's log lines as captured texts, then
 * expects no sentinel in what this test captured (`all`: in everything captured by the suite).
 */
function expectNoLeaks(all = false): void {
  for (const token of probe.issued.keys()) scan.sentinel(token, 'access token');
  for (const token of probe.issuedRefreshTokens) scan.sentinel(token, 'refresh token');
  for (const line of logger.lines) scan.text('core log', line);
  logger.lines.length = 0;
  const findings = scan.findings(all ? 0 : checkedUpTo);
  checkedUpTo = scan.captured.length;
  expect(findings).toEqual([]);
}

/** A Nest `LoggerService` that keeps every line (message, stack, context) as text. */
class RecordingNestLogger implements LoggerService {
  readonly lines: string[] = [];
  log(...parts: unknown[]): void {
    this.#record('log', parts);
  }
  error(...parts: unknown[]): void {
    this.#record('error', parts);
  }
  warn(...parts: unknown[]): void {
    this.#record('warn', parts);
  }
  debug(...parts: unknown[]): void {
    this.#record('debug', parts);
  }
  verbose(...parts: unknown[]): void {
    this.#record('verbose', parts);
  }
  #record(level: string, parts: unknown[]): void {
    this.lines.push(
      `${level} ${parts.map((part) => (part instanceof Error ? `${part.message}\n${part.stack}` : String(part))).join(' ')}`,
    );
  }
}

/** Runs the demo (`node --import tsx src/main.ts` in apps/example) with `env` and `args`; stdout + stderr. */
function runDemo(
  env: Record<string, string>,
  args: string[],
): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts', ...args], {
      cwd: EXAMPLE_DIR,
      env: { PATH: process.env['PATH'] ?? '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

describe('secret-leak scan', () => {
  beforeAll(async () => {
    emulator = await startTestEmulator();
    for (const [value, kind] of [
      [PASSWORD, 'password'],
      [CLIENT_SECRET, 'client secret'],
      [WRONG_PASSWORD, 'wrong password'],
      [WRONG_SECRET, 'wrong client secret'],
    ] as const) {
      scan.sentinel(value, kind);
    }
  });

  afterEach(async () => {
    emulator.faults.clear();
    await Promise.all(auths.splice(0).map((auth) => auth.close()));
    await Promise.all(closers.splice(0).map((close) => close()));
  });

  afterAll(async () => {
    await emulator.close();
    console.log(
      `\nSecret-leak scan: ${errorPaths} error paths driven, ${scan.captured.length} captured texts scanned for ` +
        `${scan.sentinelCount} sentinels (4 credentials, every issued token, a webhook secret with its parts and near misses): ${scan.findings().length} leaks.\n`,
    );
  });

  it('core: wrong password, cooldown, wrong client secret, config errors, a closed instance', async () => {
    const wrongPassword = newAuth({ password: WRONG_PASSWORD });
    await scan.rejection('core invalid_grant', wrongPassword.getAccessToken());
    await scan.rejection('core invalid_grant in cooldown', wrongPassword.getAccessToken());
    scan.object('QontakAuth with a wrong password', wrongPassword);
    await scan.rejection('core invalid_client', newAuth({ clientSecret: WRONG_SECRET }).getAccessToken());

    const base = accountOptions(emulator);
    scan.thrown('config: empty username', () => new QontakAuth({ ...base, username: '' }));
    scan.thrown('config: empty client id', () => new QontakAuth({ ...base, clientId: ' ' }));
    scan.thrown(
      'config: password in the base URL',
      () => new QontakAuth({ ...base, baseUrl: `http://u:${PASSWORD}@127.0.0.1:1` }),
    );
    scan.thrown(
      'config: secret in the base URL query',
      () => new QontakAuth({ ...base, baseUrl: `http://127.0.0.1:1/?s=${CLIENT_SECRET}` }),
    );
    scan.thrown(
      'config: plain http to a remote host',
      () => new QontakAuth({ ...base, baseUrl: `http://qontak.example.com` }),
    );
    scan.thrown('config: bad timeoutMs', () => new QontakAuth({ ...base, timeoutMs: -1 }));
    scan.thrown('fromEnv: no username', () =>
      QontakAuth.fromEnv({
        QONTAK_PASSWORD: PASSWORD,
        QONTAK_CLIENT_SECRET: CLIENT_SECRET,
        QONTAK_CLIENT_ID: CLIENT_ID,
      }),
    );

    const closed = newAuth();
    await closed.getAccessToken();
    await closed.close();
    await scan.rejection('core closed', closed.getAccessToken());
    await scan.rejection('core closed fetch', closed.fetch(QONTAK_HEALTH_PATH));
    errorPaths += 12;
    expectNoLeaks();
  });

  it('core: every token-endpoint fault, an unreachable server, a refused revocation, a rejected refresh', async () => {
    const live = newAuth();
    const token = await live.getToken();
    scan.object('QontakToken', token);
    scan.object('QontakAuth with a token', live);
    for (const [name, fault] of TOKEN_FAULTS) {
      emulator.faults.inject('token', fault, 4);
      const auth = newAuth();
      await scan.rejection(`core ${name}`, auth.getAccessToken());
      await scan.rejection(`core ${name} via auth.fetch`, newAuth().fetch(QONTAK_HEALTH_PATH));
      emulator.faults.clear();
      errorPaths += 2;
    }
    await scan.rejection('core network_error', newAuth({}, { url: 'http://127.0.0.1:1' }).getAccessToken());

    emulator.faults.inject('revoke', {
      type: 'raw',
      status: 403,
      headers: { 'content-type': 'application/json' },
      body: '{"error":"unauthorized_client","error_description":"You are not authorized to revoke this token"}',
    });
    await scan.rejection('core revoke refused', live.revoke());

    // A rejected refresh (revoked server-side) falls back to the password grant; a failing one is logged.
    const clock = new ManualClock();
    const clocked = await startTestEmulator({ tokenTtlSeconds: 60, clock: clock.read });
    closers.push(() => clocked.close());
    const refreshing = newAuth({ clock: clock.read }, clocked);
    await refreshing.getAccessToken();
    clocked.revokeAll();
    clock.advance(40_000);
    await refreshing.getAccessToken();
    await pause(100);
    clocked.faults.inject('token', { type: 'status', status: 503 }, 4);
    clock.advance(40_000);
    await refreshing.getAccessToken();
    await pause(100);
    const response = await refreshing.fetch(QONTAK_HEALTH_PATH);
    scan.text(
      'auth.fetch response',
      `${response.status} ${JSON.stringify([...response.headers])} ${await response.text()}`,
    );
    errorPaths += 4;
    expectNoLeaks();
  });

  it('axios: a token failure, and the AxiosError of a 401 that survives the replay or of an API 500 (also in Express)', async () => {
    await scan.rejection(
      'axios invalid_grant',
      createQontakAxios(newAuth({ password: WRONG_PASSWORD })).get(QONTAK_HEALTH_PATH),
    );
    emulator.faults.inject('token', { type: 'drop' }, 2);
    await scan.rejection('axios network_error', createQontakAxios(newAuth()).get(QONTAK_HEALTH_PATH));
    emulator.faults.clear();

    const http = createQontakAxios(newAuth());
    await http.get(QONTAK_HEALTH_PATH);
    const unauthorized = {
      type: 'raw',
      status: 401,
      headers: {
        'content-type': 'text/html',
        'www-authenticate': 'Bearer realm="Doorkeeper", error="invalid_token"',
      },
      body: '',
    } as const;
    emulator.faults.inject('health', unauthorized, 2);
    await scan.rejection('axios 401 after replay', http.get(QONTAK_HEALTH_PATH));
    emulator.faults.inject('health', { type: 'status', status: 500 });
    await scan.rejection('axios API 500', http.get(QONTAK_HEALTH_PATH));

    // The same AxiosError reaches an Express app's error handlers (the route calls Qontak with axios).
    const app = await startExpressApp(newAuth());
    closers.push(() => app.close());
    emulator.faults.inject('health', unauthorized, 2);
    const response = await fetch(`${app.url}/qontak/health`);
    scan.text('Express 401 twice response', `${response.status} ${await response.text()}`);
    for (const [index, error] of app.errors.entries()) scan.error(`Express 401 twice error #${index}`, error);
    errorPaths += 5;
    expectNoLeaks();
  });

  it('Express with qontakErrorHandler: error responses and the errors handed to the error handlers', async () => {
    const cases: Array<[string, QontakAuth, () => void]> = [
      ['wrong password', newAuth({ password: WRONG_PASSWORD }), () => undefined],
      ['wrong client secret', newAuth({ clientSecret: WRONG_SECRET }), () => undefined],
      ['token timeout', newAuth(), () => emulator.faults.inject('token', { type: 'latency', ms: 600 }, 2)],
      ['token 503', newAuth(), () => emulator.faults.inject('token', { type: 'status', status: 503 }, 2)],
    ];
    for (const [name, auth, inject] of cases) {
      const app = await startExpressApp(auth);
      closers.push(() => app.close());
      inject();
      const response = await fetch(`${app.url}/qontak/health`);
      scan.text(
        `Express ${name} response`,
        `${response.status} ${JSON.stringify([...response.headers])} ${await response.text()}`,
      );
      for (const [index, error] of app.errors.entries()) scan.error(`Express ${name} error #${index}`, error);
      for (const line of app.logLines) scan.text(`Express ${name} error log`, line);
      expect(app.errors.length).toBeGreaterThan(0);
      emulator.faults.clear();
      errorPaths += 1;
    }
    expectNoLeaks();
  });

  it('Nest: error responses and Nest’s own logs of an unhandled QontakAuthError', async () => {
    for (const [name, overrides, inject] of [
      ['wrong password', { password: WRONG_PASSWORD }, () => undefined],
      ['wrong client secret', { clientSecret: WRONG_SECRET }, () => undefined],
      ['token 503', {}, () => emulator.faults.inject('token', { type: 'status', status: 503 }, 4)],
      [
        'health 401 twice',
        {},
        () =>
          emulator.faults.inject(
            'health',
            { type: 'raw', status: 401, headers: { 'content-type': 'text/html' }, body: '' },
            2,
          ),
      ],
    ] as const) {
      const nestLogger = new RecordingNestLogger();
      const app = await startNestApp(
        accountOptions(emulator, { ...LIMITS, logger, fetch: probe.fetch, ...overrides }),
        nestLogger,
      );
      closers.push(() => app.close());
      inject();
      for (const path of ['/qontak/health', '/qontak/unhandled']) {
        const response = await fetch(`${app.url}${path}`);
        scan.text(
          `Nest ${name} ${path} response`,
          `${response.status} ${JSON.stringify([...response.headers])} ${await response.text()}`,
        );
      }
      for (const line of nestLogger.lines) scan.text(`Nest ${name} log`, line);
      emulator.faults.clear();
      errorPaths += 2;
    }
    expectNoLeaks();
  });

  it('core: a token endpoint that echoes the request (error_description, an HTML page, bytes that are not HTTP)', async () => {
    const echo = await startEchoingTokenEndpoint();
    closers.push(() => echo.close());
    const codes: unknown[] = [];
    for (const mode of ECHO_MODES) {
      echo.mode = mode;
      const error = await scan.rejection(
        `echoing token endpoint: ${mode}`,
        newAuth({}, echo).getAccessToken(),
      );
      codes.push((error as { code?: unknown }).code);
      errorPaths += 1;
    }
    expect(codes).toEqual(['invalid_grant', 'server_error', 'network_error']);
    expectNoLeaks();
  });

  it('axios: stream responses and errors, logged at any depth', async () => {
    const http = createQontakAxios(newAuth());
    const response = await http.get(QONTAK_HEALTH_PATH, { responseType: 'stream' });
    scan.text('axios stream response', inspect(response));
    scan.text('axios stream response, any depth', inspect(response, { depth: Infinity }));
    scan.text('axios stream body', inspect(response.data, { depth: 6 }));
    (response.data as NodeJS.ReadableStream).resume();
    emulator.faults.inject('health', { type: 'status', status: 500 });
    const error = await scan.rejection(
      'axios stream 500',
      http.get(QONTAK_HEALTH_PATH, { responseType: 'stream' }),
    );
    scan.text('axios stream 500, any depth', inspect(error, { depth: Infinity }));
    errorPaths += 2;
    expectNoLeaks();
  });

  it('Express: a request logged after qontakAuth, which set req.qontakToken (util.inspect(req), JSON of its own properties)', async () => {
    const app = express();
    const seen: string[] = [];
    const auth = newAuth();
    app.get('/logged', qontakAuth({ auth }), (req, res) => {
      seen.push(
        inspect(req, { depth: 3 }),
        JSON.stringify(
          Object.fromEntries(
            Object.entries(req).filter(
              ([key]) =>
                key !== 'socket' &&
                key !== 'res' &&
                key !== 'client' &&
                key !== 'app' &&
                key !== '_readableState' &&
                key !== 'next' &&
                key !== 'route',
            ),
          ),
        ),
      );
      void req.qontakAuthorize?.({ method: 'GET', url: auth.healthUrl }).then((headers) =>
        res.json({
          hasCredentials: typeof headers['authorization'] === 'string',
          hasToken: headers['authorization'] === `Bearer ${req.qontakToken}`,
        }),
      );
    });
    const { base, server } = await listenOnLoopback(app);
    closers.push(() => closeServer(server));
    const response = await fetch(`${base}/logged`);
    expect(await response.json()).toEqual({ hasCredentials: true, hasToken: true });
    for (const text of seen) scan.text('Express req logged', text);
    errorPaths += 1;
    expectNoLeaks();
  });

  it("the demo's output, with a wrong password and with the right one (human and --json)", async () => {
    const proxy = await startRecordingProxy(emulator.url);
    closers.push(() => proxy.close());
    const env = (password: string, clientSecret = CLIENT_SECRET) => ({
      QONTAK_BASE_URL: proxy.url,
      QONTAK_USERNAME: USERNAME,
      QONTAK_PASSWORD: password,
      QONTAK_CLIENT_ID: CLIENT_ID,
      QONTAK_CLIENT_SECRET: clientSecret,
    });
    const runs: Array<[string, Record<string, string>, string[], number]> = [
      ['wrong password', env(WRONG_PASSWORD), [], 1],
      ['wrong password --json', env(WRONG_PASSWORD), ['--json'], 1],
      ['wrong client secret', env(PASSWORD, WRONG_SECRET), [], 1],
      ['right password', env(PASSWORD), [], 0],
      ['right password --json', env(PASSWORD), ['--json'], 0],
    ];
    for (const [name, runEnv, args, expectedCode] of runs) {
      const { code, output } = await runDemo(runEnv, args);
      scan.text(`demo ${name}`, output);
      expect(code, `demo ${name}: ${output}`).toBe(expectedCode);
      errorPaths += 1;
    }
    expect(proxy.tokens.size).toBeGreaterThanOrEqual(4);
    for (const token of proxy.tokens) scan.sentinel(token, 'token issued to the demo');
    expectNoLeaks();
  });

  it('webhooks: every answer and log line of the handler, its errors and itself, under a secret in the wrong place and near-miss secrets', async () => {
    scan.sentinel(WEBHOOK_SECRET, 'webhook secret');
    for (const fragment of fragmentsOf(WEBHOOK_SECRET, 8))
      scan.sentinel(fragment, 'part of the webhook secret');
    for (const nearMiss of NEAR_MISS_SECRETS) scan.sentinel(nearMiss, 'near-miss webhook secret');
    const lines: string[] = [];
    const record =
      (level: string) =>
      (message: string, context?: Record<string, unknown>): void => {
        lines.push(`${level} ${message} ${JSON.stringify(context ?? {})} ${inspect(context, { depth: 8 })}`);
      };
    const webhookLogger: QontakWebhookLogger = {
      debug: record('debug'),
      info: record('info'),
      warn: record('warn'),
      error: record('error'),
    };
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    const handler = createQontakWebhookHandler({
      secret: WEBHOOK_SECRET,
      logger: webhookLogger,
      maxBodyBytes: 4_096,
      bodyTimeoutMs: 100,
      onEvent: async (event) => {
        const text = 'text' in event ? event.text : undefined;
        if (text === 'fail') throw new Error('the database is down');
        if (text === 'hold') await released;
      },
    });
    // A store that fails with the secret in its error message (a Redis URL with a password).
    const storeError = () => new Error(`redis://:${WEBHOOK_SECRET}@cache.internal:6379 refused`);
    const failingStore = createQontakWebhookHandler({
      secret: WEBHOOK_SECRET,
      logger: webhookLogger,
      dedupe: {
        claim: () => Promise.reject(storeError()),
        commit: () => Promise.reject(storeError()),
        release: () => Promise.reject(storeError()),
      },
      onEvent: () => undefined,
    });
    const base = 'https://bot.example.com/qontak/webhook';
    const right = qontakWebhookUrl(base, WEBHOOK_SECRET);
    const json = (body: unknown, init: RequestInit = {}) =>
      new Request(right, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
        ...init,
      });
    const oversized = { text: WEBHOOK_SECRET.repeat(256) };
    const delivered = customerMessage();
    const deliveries: Array<[string, number, () => Promise<Response>]> = [
      ...hostileDeliveries(base, right).map(
        ({ label, status, request }) =>
          [label, status, () => handler(request())] as [string, number, () => Promise<Response>],
      ),
      [
        'a body over maxBodyBytes, declared',
        413,
        () =>
          handler(
            json(oversized, {
              headers: {
                'content-type': 'application/json',
                'content-length': String(JSON.stringify(oversized).length),
              },
            }),
          ),
      ],
      [
        'a body over maxBodyBytes, streamed',
        413,
        () =>
          handler(
            json(null, {
              body: new Blob([JSON.stringify(oversized)]).stream(),
              duplex: 'half',
            } as RequestInit),
          ),
      ],
      [
        'a body that stops arriving',
        408,
        () =>
          handler(
            json(null, {
              body: new ReadableStream({
                start: (controller) =>
                  controller.enqueue(new TextEncoder().encode(`{"text":"${WEBHOOK_SECRET}`)),
              }),
              duplex: 'half',
            } as RequestInit),
          ),
      ],
      ['an onEvent that throws', 500, () => handler(json(customerMessage({ text: 'fail' })))],
      ['a delivery', 200, () => handler(json(delivered))],
      ['the same delivery again', 200, () => handler(json(delivered))],
      ['a store that fails with the secret in its error', 200, () => failingStore(json(customerMessage()))],
    ];
    const statuses = new Set<number>();
    for (const [label, status, deliver] of deliveries) {
      const response = await deliver();
      scan.text(
        `webhook ${label} answer`,
        `${response.status} ${JSON.stringify([...response.headers])} ${await response.text()}`,
      );
      expect([label, response.status]).toEqual([label, status]);
      statuses.add(response.status);
      errorPaths += 1;
    }
    // A redelivery while the first is still in onEvent: 503.
    const holding = customerMessage({ text: 'hold' });
    const first = handler(json(holding));
    const second = await handler(json(holding));
    release();
    for (const [label, response] of [
      ['in progress', second],
      ['held then handled', await first],
    ] as const) {
      scan.text(
        `webhook ${label} answer`,
        `${response.status} ${JSON.stringify([...response.headers])} ${await response.text()}`,
      );
      statuses.add(response.status);
    }
    expect([...statuses].sort()).toEqual([200, 400, 401, 405, 408, 413, 415, 500, 503]);
    expect(lines.length).toBeGreaterThan(20);
    for (const line of lines) scan.text('webhook log', line);

    scan.object('webhook handler', handler);
    scan.text('webhook handler, hidden properties', inspect(handler, { showHidden: true, depth: 8 }));
    for (const [label, create] of [
      [
        'secret with a space',
        () => createQontakWebhookHandler({ secret: `${WEBHOOK_SECRET} x`, onEvent: () => undefined }),
      ],
      [
        'secret too long',
        () => createQontakWebhookHandler({ secret: WEBHOOK_SECRET.repeat(20), onEvent: () => undefined }),
      ],
      ['no onEvent', () => createQontakWebhookHandler({ secret: WEBHOOK_SECRET } as never)],
      [
        'bad option beside the secret',
        () =>
          createQontakWebhookHandler({ secret: WEBHOOK_SECRET, onEvent: () => undefined, claimTtlMs: -1 }),
      ],
      ['URL over plain http', () => qontakWebhookUrl('http://bot.example.com/hook', WEBHOOK_SECRET)],
      ['URL already carrying the secret', () => qontakWebhookUrl(right, WEBHOOK_SECRET)],
      [
        'URL with the secret in its fragment',
        () => qontakWebhookUrl(`${base}#${WEBHOOK_SECRET}`, WEBHOOK_SECRET),
      ],
      ['not a URL', () => qontakWebhookUrl(`bot.example.com/${WEBHOOK_SECRET}`, WEBHOOK_SECRET)],
    ] as const) {
      scan.thrown(`webhook config: ${label}`, create);
      errorPaths += 1;
    }
    expectNoLeaks();
  });

  it("webhooks: what onEvent's errors, Qontak's answers to a registration and the Express and Nest routes leave behind", async () => {
    scan.sentinel(WEBHOOK_SECRET, 'webhook secret');
    for (const fragment of fragmentsOf(WEBHOOK_SECRET, 8))
      scan.sentinel(fragment, 'part of the webhook secret');
    const base = 'https://bot.example.com/qontak/webhook';
    const right = qontakWebhookUrl(base, WEBHOOK_SECRET);
    const encoded = `${base}?qontak_secret=${percentEncoded(WEBHOOK_SECRET)}`;
    // Errors of onEvent that quote the URL the event came to (a message or a name), whole, cut short or percent-encoded.
    const failures: Record<string, () => Error> = {
      'the URL in its message': () => new Error(`could not forward the delivery to ${right}`),
      'the URL cut short': () => new Error(`bad gateway for ${right.slice(0, base.length + 26)}...`),
      'the URL percent-encoded': () => new Error(`could not forward ${encodeURIComponent(encoded)}`),
      'the URL in its name': () => Object.assign(new Error('failed'), { name: `FetchError(${right})` }),
    };
    const lines: string[] = [];
    const record =
      (level: string) =>
      (message: string, context?: Record<string, unknown>): void => {
        lines.push(`${level} ${message} ${JSON.stringify(context ?? {})} ${inspect(context, { depth: 8 })}`);
      };
    const handler = createQontakWebhookHandler({
      secret: WEBHOOK_SECRET,
      logger: { debug: record('debug'), info: record('info'), warn: record('warn'), error: record('error') },
      onEvent: (event) => {
        throw failures['text' in event && typeof event.text === 'string' ? event.text : '']!();
      },
    });
    for (const label of Object.keys(failures)) {
      const response = await handler(
        new Request(right, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(customerMessage({ text: label })),
        }),
      );
      expect([label, response.status]).toEqual([label, 500]);
      errorPaths += 1;
    }
    expect(lines).toHaveLength(Object.keys(failures).length);
    for (const line of lines) scan.text('webhook log of a failing onEvent', line);

    // Qontak refusing a registration with the registered URL in its messages.
    const emulator = await startTestEmulator();
    try {
      const client = createQontakClient(
        new QontakAccessTokenAuth({ baseUrl: emulator.url, accessToken: DEMO_ACCESS_TOKEN }),
      );
      const echoes: Record<string, string[]> = {
        'the URL': [`url ${right} is not reachable`],
        'the URL cut short': [`url ${right.slice(0, base.length + 27)} is too long`],
        'the URL percent-encoded': [`url ${encodeURIComponent(right)} refused`, `see ${encoded}`],
      };
      for (const [label, messages] of Object.entries(echoes)) {
        for (const operation of ['message-interactions', 'room-interactions'] as const) {
          emulator.faults.inject(operation, {
            type: 'raw',
            status: 422,
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ status: 'error', error: { code: 422, messages } }),
          });
          const error = await scan.rejection(
            `registerQontakWebhooks, ${operation} echoing ${label}`,
            registerQontakWebhooks(client, { url: right }),
          );
          expect(error).toMatchObject({ code: 'registration_failed', status: 422 });
          emulator.faults.clear();
          errorPaths += 1;
        }
      }
    } finally {
      await emulator.close();
    }

    // What an access logger reads from the request once the answer is sent (morgan reads `originalUrl || url`).
    const seen: string[] = [];
    const accessLog = (
      req: { url?: string; originalUrl?: string; query?: unknown },
      res: { on(event: 'finish', listener: () => void): unknown },
    ) => res.on('finish', () => seen.push(`${req.originalUrl} ${req.url} ${JSON.stringify(req.query)}`));
    const app = express();
    app.use((req, res, next) => {
      accessLog(req, res);
      next();
    });
    const router = express.Router();
    router.post('/webhook', qontakWebhook({ secret: WEBHOOK_SECRET, onEvent: () => undefined }));
    app.use('/qontak', router);
    const server = app.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const nest = await startNestWebhookApp(WEBHOOK_SECRET, accessLog);
    try {
      const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      for (const [label, target] of [
        ['Express', origin],
        ['Nest', nest.url],
      ] as const) {
        for (const url of [
          right,
          encoded,
          `${right}&a=1`,
          `${base}?qontak_secret=${WEBHOOK_SECRET.slice(0, 20)}`,
        ]) {
          const path = url.slice(base.length);
          const response = await fetch(`${target}/qontak/webhook${path}`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify(customerMessage()),
          });
          await response.arrayBuffer();
          expect([label, path.length, response.status]).toEqual([
            label,
            path.length,
            path.includes(WEBHOOK_SECRET.slice(0, 21)) || path.includes('%') ? 200 : 401,
          ]);
        }
      }
      await expect.poll(() => seen.length).toBe(8);
    } finally {
      server.closeAllConnections();
      server.close();
      await nest.close();
    }
    for (const line of seen) scan.text('access log of a webhook route', line);
    expectNoLeaks();
  });

  it('found 0 occurrences of any sentinel in everything captured', () => {
    expect(scan.captured.length).toBeGreaterThan(300);
    expectNoLeaks(true);
  });
});
