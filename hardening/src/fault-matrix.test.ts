import { QONTAK_HEALTH_PATH, QontakAuth, isQontakAuthError, type QontakAuthOptions } from '@qontak/auth-core';
import { createQontakAxios, isQontakAxiosAuthError } from '@qontak/axios-interceptor';
import type { EmulatorFault, EmulatorRoute, QontakEmulator } from '@qontak/emulator';
import { isAxiosError } from 'axios';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startExpressApp } from './support/express-app';
import { startNestApp } from './support/nest-app';
import { accountOptions, healthStatus, startTestEmulator } from './support/test-account';
import { GENEROUS_TIMEOUT_MS } from './support/time-limits';
import { TokenEndpointProbe } from './support/token-endpoint-probe';
import { unauthorizedFault } from './support/unauthorized-fault';
import { UnhandledRejections } from './support/unhandled-rejections';
import { within } from './support/within';

/**
 * The fault matrix: every fault of the emulator against every way of calling Qontak through the
 * toolkit. Each cell runs three phases against a fresh emulator:
 *   1. the fault on every attempt (`persistent`): which typed error (or recovery) the caller sees,
 *      and how many attempts the fault absorbed;
 *   2. no fault: the call works and `getAccessToken()` hands out a token the emulator accepts
 *      (nothing bad was cached);
 *   3. the fault once (`1×`): retried faults recover, the others give the same error; then 2 again.
 * Every call is bounded (no hang) and the suite listens for unhandled rejections. The clients' time
 * limit is one no answer reaches, except in the latency row, whose answers come after 4 times its limit.
 */

const ATTEMPTS = 3;
/**
 * The time limit of the latency row's clients. An answer without the fault that a loaded machine
 * delays past it is retried, as in production: a call of that row fails only if every attempt does.
 */
const LATENCY_ROW_TIMEOUT_MS = 500;
/** How long a call may take before it counts as hung: every attempt of the latency row, and more. */
const HANG_LIMIT_MS = 15_000;
const LIMITS: Partial<QontakAuthOptions> = {
  timeoutMs: GENEROUS_TIMEOUT_MS,
  retry: { attempts: ATTEMPTS, baseDelayMs: 5, maxDelayMs: 100 },
};

/** What a caller of one surface saw. */
type Outcome =
  | { kind: 'ok' }
  | { kind: 'error'; code: string; httpStatus?: number | undefined }
  | { kind: 'unauthorized'; httpStatus?: number | undefined };

interface Harness {
  /** The `QontakAuth` behind the surface. */
  readonly auth: QontakAuth;
  /** One authorized call of Qontak's health through the surface; never throws for an expected failure. */
  call(): Promise<Outcome>;
  close(): Promise<void>;
}

interface Surface {
  readonly name: string;
  /** The HTTP status this surface answers its own client with for a `QontakAuthError` other than `invalid_response` (a 502; in-process: none). */
  readonly errorStatus?: number;
  /** The HTTP status it answers with when Qontak's 401 survived the replay. */
  readonly unauthorizedStatus?: number;
  /** Starts a client of `emulator` made with `options`. */
  start(emulator: QontakEmulator, options: QontakAuthOptions): Promise<Harness>;
}

/** A thrown error as an {@link Outcome}; anything but a `QontakAuthError` or an axios 401 is rethrown. */
function outcomeOf(error: unknown): Outcome {
  if (isQontakAuthError(error)) return { kind: 'error', code: error.code };
  if (isAxiosError(error) && error.response?.status === 401) return { kind: 'unauthorized' };
  throw error;
}

/** An HTTP answer of the Express or Nest app as an {@link Outcome}. */
async function outcomeOfResponse(response: Response): Promise<Outcome> {
  const body = (await response.json()) as { error?: unknown };
  if (response.status === 200) return { kind: 'ok' };
  if (body.error === 'upstream_401') return { kind: 'unauthorized', httpStatus: response.status };
  return { kind: 'error', code: String(body.error), httpStatus: response.status };
}

const SURFACES: readonly Surface[] = [
  {
    name: 'getAccessToken()',
    async start(emulator, options) {
      const auth = new QontakAuth(options);
      return {
        auth,
        async call() {
          try {
            let token = await auth.getAccessToken();
            if ((await healthStatus(emulator.url, token)) === 401) {
              // What a caller of the core does after a 401: invalidate that token, get a new one.
              await auth.invalidate(token);
              token = await auth.getAccessToken();
              if ((await healthStatus(emulator.url, token)) === 401) return { kind: 'unauthorized' };
            }
            return { kind: 'ok' };
          } catch (error) {
            return outcomeOf(error);
          }
        },
        close: () => auth.close(),
      };
    },
  },
  {
    name: 'auth.fetch',
    async start(_emulator, options) {
      const auth = new QontakAuth(options);
      return {
        auth,
        async call() {
          try {
            const response = await auth.fetch(QONTAK_HEALTH_PATH);
            await response.arrayBuffer();
            if (response.status === 200) return { kind: 'ok' };
            if (response.status === 401) return { kind: 'unauthorized' };
            return { kind: 'error', code: `http_${response.status}` };
          } catch (error) {
            return outcomeOf(error);
          }
        },
        close: () => auth.close(),
      };
    },
  },
  {
    name: 'axios',
    async start(_emulator, options) {
      const auth = new QontakAuth(options);
      const http = createQontakAxios(auth);
      return {
        auth,
        async call() {
          try {
            await http.get(QONTAK_HEALTH_PATH);
            return { kind: 'ok' };
          } catch (error) {
            if (isQontakAuthError(error) && !isQontakAxiosAuthError(error)) {
              throw new Error('axios rejected with a QontakAuthError that has no request config', {
                cause: error,
              });
            }
            return outcomeOf(error);
          }
        },
        close: () => auth.close(),
      };
    },
  },
  {
    name: 'Express',
    errorStatus: 503,
    unauthorizedStatus: 502,
    async start(_emulator, options) {
      const auth = new QontakAuth(options);
      const app = await startExpressApp(auth);
      return {
        auth,
        call: async () => outcomeOfResponse(await fetch(`${app.url}/qontak/health`)),
        async close() {
          await app.close();
          await auth.close();
        },
      };
    },
  },
  {
    name: 'Nest',
    errorStatus: 503,
    unauthorizedStatus: 502,
    async start(_emulator, options) {
      const app = await startNestApp(options);
      return {
        auth: app.auth,
        call: async () => outcomeOfResponse(await fetch(`${app.url}/qontak/health`)),
        close: () => app.close(),
      };
    },
  },
];

interface Row {
  readonly name: string;
  readonly route: EmulatorRoute;
  readonly fault: () => EmulatorFault;
  /** How many requests get the fault in the persistent phase. */
  readonly persistentTimes: number;
  /** The persistent outcome: a `QontakAuthError` code, or `unauthorized` (a 401 that survived one replay). */
  readonly expected: string;
  /**
   * How many of those requests the client makes (attempts, or request + replay). Token-endpoint
   * requests are counted as the client sends them: the server may take a timed-out one only later.
   */
  readonly tries: number;
  /** Whether the call recovers when the fault is served once. */
  readonly recoversFromOne: boolean;
  /** The clients' `timeoutMs`. */
  readonly timeoutMs: number;
}

const retried = (name: string, fault: () => EmulatorFault, expected: string): Row => ({
  name,
  route: 'token',
  fault,
  persistentTimes: ATTEMPTS,
  expected,
  tries: ATTEMPTS,
  recoversFromOne: true,
  timeoutMs: GENEROUS_TIMEOUT_MS,
});

const final = (name: string, fault: () => EmulatorFault, expected: string): Row => ({
  name,
  route: 'token',
  fault,
  persistentTimes: ATTEMPTS,
  expected,
  tries: 1,
  recoversFromOne: false,
  timeoutMs: GENEROUS_TIMEOUT_MS,
});

const httpDate = (offsetMs: number): string => new Date(Date.now() + offsetMs).toUTCString();

const ROWS: readonly Row[] = [
  retried('token 500', () => ({ type: 'status', status: 500 }), 'server_error'),
  retried('token 502', () => ({ type: 'status', status: 502 }), 'server_error'),
  retried('token 503', () => ({ type: 'status', status: 503 }), 'server_error'),
  final(
    'token 429, Retry-After: 1 (s, above maxDelayMs)',
    () => ({ type: 'status', status: 429, retryAfter: '1' }),
    'rate_limited',
  ),
  retried(
    'token 429, Retry-After: 0 (s)',
    () => ({ type: 'status', status: 429, retryAfter: '0' }),
    'rate_limited',
  ),
  final(
    'token 429, Retry-After: HTTP-date in 1 h',
    () => ({ type: 'status', status: 429, retryAfter: httpDate(3_600_000) }),
    'rate_limited',
  ),
  retried(
    'token 429, Retry-After: HTTP-date in the past',
    () => ({ type: 'status', status: 429, retryAfter: httpDate(-60_000) }),
    'rate_limited',
  ),
  {
    ...retried(
      'token latency 4× timeoutMs',
      () => ({ type: 'latency', ms: LATENCY_ROW_TIMEOUT_MS * 4 }),
      'timeout',
    ),
    timeoutMs: LATENCY_ROW_TIMEOUT_MS,
  },
  retried('token dropped connection', () => ({ type: 'drop' }), 'network_error'),
  final('token 200, malformed JSON', () => ({ type: 'malformed-json' }), 'invalid_response'),
  retried('token 502, HTML error page', () => ({ type: 'html', status: 502 }), 'server_error'),
  final('token 200, empty body', () => ({ type: 'empty' }), 'invalid_response'),
  final(
    'token 200, no access_token',
    () => ({ type: 'token-body', omit: ['access_token'] }),
    'invalid_response',
  ),
  final('token 200, no expires_in', () => ({ type: 'token-body', omit: ['expires_in'] }), 'invalid_response'),
  final(
    'token 200, expires_in: 0',
    () => ({ type: 'token-body', patch: { expires_in: 0 } }),
    'invalid_response',
  ),
  final(
    'token 200, expires_in: -60',
    () => ({ type: 'token-body', patch: { expires_in: -60 } }),
    'invalid_response',
  ),
  final(
    'token 200, expires_in: "7200"',
    () => ({ type: 'token-body', patch: { expires_in: '7200' } }),
    'invalid_response',
  ),
  final(
    'token 200, token_type: "mac"',
    () => ({ type: 'token-body', patch: { token_type: 'mac' } }),
    'invalid_response',
  ),
  {
    name: 'health 401, empty text/html body',
    route: 'health',
    fault: unauthorizedFault,
    persistentTimes: 2,
    expected: 'unauthorized',
    tries: 2,
    recoversFromOne: true,
    timeoutMs: GENEROUS_TIMEOUT_MS,
  },
];

/** `[row][surface]` -> the cell printed in the matrix. */
const matrix = new Map<string, Map<string, string>>();
const rejections = new UnhandledRejections();

function describeOutcome(outcome: Outcome, tries: number): string {
  switch (outcome.kind) {
    case 'ok':
      return 'ok';
    case 'error':
      return `${outcome.httpStatus === undefined ? '' : `${outcome.httpStatus} `}${outcome.code} ×${tries}`;
    case 'unauthorized':
      return `${outcome.httpStatus ?? 401} after 1 replay`;
  }
}

function expectedOutcome(row: Row, surface: Surface): Outcome {
  if (row.expected === 'unauthorized') {
    return surface.unauthorizedStatus === undefined
      ? { kind: 'unauthorized' }
      : { kind: 'unauthorized', httpStatus: surface.unauthorizedStatus };
  }
  if (surface.errorStatus === undefined) return { kind: 'error', code: row.expected };
  // An answer from Qontak that is no usable token is a bad gateway, like refused credentials.
  const httpStatus = row.expected === 'invalid_response' ? 502 : surface.errorStatus;
  return { kind: 'error', code: row.expected, httpStatus };
}

/** Phase 2: without a fault the call works, and the cached token is one the emulator accepts. */
async function expectNothingBadCached(
  harness: Harness,
  emulator: QontakEmulator,
  label: string,
): Promise<string> {
  expect(await within(HANG_LIMIT_MS, harness.call(), `${label}: call without fault`)).toEqual({ kind: 'ok' });
  const token = await within(HANG_LIMIT_MS, harness.auth.getAccessToken(), `${label}: getAccessToken`);
  expect(await healthStatus(emulator.url, token)).toBe(200);
  return token;
}

function printMatrix(): string {
  const header = `| fault | ${SURFACES.map((s) => s.name).join(' | ')} |`;
  const rule = `|---|${SURFACES.map(() => '---').join('|')}|`;
  const lines = ROWS.map(
    (row) =>
      `| ${row.name} | ${SURFACES.map((s) => matrix.get(row.name)?.get(s.name) ?? 'not run').join(' | ')} |`,
  );
  return [header, rule, ...lines].join('\n');
}

describe('fault matrix', () => {
  beforeAll(() => rejections.start());
  afterAll(() => {
    rejections.stop();
    console.log(
      `\nFault matrix: persistent fault; 1×: the same fault once (×N = token-endpoint attempts)\n${printMatrix()}\n`,
    );
  });

  for (const row of ROWS) {
    describe(row.name, () => {
      for (const surface of SURFACES) {
        const expected = row.expected === 'unauthorized' ? 'a 401 after one replay' : row.expected;
        const once = row.recoversFromOne ? 'recovers from it once' : 'fails the same way once';
        it(`${surface.name}: ${expected} after ${row.tries} tries, ${once}, caches no bad token`, async () => {
          const emulator = await startTestEmulator();
          const harnesses: Harness[] = [];
          try {
            const label = `${surface.name} / ${row.name}`;
            const probe = new TokenEndpointProbe();
            const options = accountOptions(emulator, {
              ...LIMITS,
              timeoutMs: row.timeoutMs,
              fetch: probe.fetch,
            });
            const harness = await surface.start(emulator, options);
            harnesses.push(harness);
            const faultsBefore = emulator.stats().faultsServed;
            const grantsBefore = probe.grants.length;
            emulator.faults.inject(row.route, row.fault(), row.persistentTimes);
            const persistent = await within(HANG_LIMIT_MS, harness.call(), `${label}: persistent fault`);
            const tries =
              row.route === 'token'
                ? probe.grants.length - grantsBefore
                : emulator.stats().faultsServed - faultsBefore;
            emulator.faults.clear();
            await expectNothingBadCached(harness, emulator, label);

            // The fault once, on a fresh client (the persistent run above may have used up the bound
            // on 401s to tokens never accepted, unauthorizedRegrantIntervalMs).
            const fresh = await surface.start(emulator, options);
            harnesses.push(fresh);
            emulator.faults.inject(row.route, row.fault(), 1);
            const transient = await within(HANG_LIMIT_MS, fresh.call(), `${label}: fault once`);
            emulator.faults.clear();
            await expectNothingBadCached(fresh, emulator, label);

            matrix
              .set(row.name, matrix.get(row.name) ?? new Map())
              .get(row.name)
              ?.set(
                surface.name,
                `${describeOutcome(persistent, tries)}; 1×: ${describeOutcome(transient, 1)}`,
              );

            expect(persistent).toEqual(expectedOutcome(row, surface));
            expect(tries).toBe(row.tries);
            expect(transient).toEqual(row.recoversFromOne ? { kind: 'ok' } : expectedOutcome(row, surface));
            // No request ever reached the API with a token the emulator rejected (faults are not counted).
            expect(emulator.stats().health[401] ?? 0).toBe(0);
          } finally {
            for (const harness of harnesses) await harness.close();
            await emulator.close();
          }
        });
      }
    });
  }

  it('honours a Retry-After of 1 s that fits the retry budget, then recovers', async () => {
    const emulator = await startTestEmulator();
    const auth = new QontakAuth(
      accountOptions(emulator, {
        timeoutMs: GENEROUS_TIMEOUT_MS,
        retry: { attempts: 2, baseDelayMs: 5, maxDelayMs: 2_000 },
      }),
    );
    try {
      emulator.faults.inject('token', { type: 'status', status: 429, retryAfter: '1' });
      const started = Date.now();
      const token = await within(HANG_LIMIT_MS, auth.getAccessToken(), 'Retry-After: 1');
      expect(Date.now() - started).toBeGreaterThanOrEqual(950);
      expect(await healthStatus(emulator.url, token)).toBe(200);
      expect(emulator.stats().grants.password).toEqual({ ok: 1, failed: 0 });
    } finally {
      await auth.close();
      await emulator.close();
    }
  });

  it('saw no unhandled rejection during the matrix', () => {
    expect(rejections.reasons).toEqual([]);
  });
});
