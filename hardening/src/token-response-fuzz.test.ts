import {
  MemoryTokenStore,
  QONTAK_HEALTH_PATH,
  QontakAuth,
  isQontakAuthError,
  type QontakAuthOptions,
  type QontakToken,
} from '@qontak/auth-core';
import type { QontakEmulator } from '@qontak/emulator';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RecordingLogger } from './support/recording-logger';
import { accountOptions, healthStatus, startTestEmulator } from './support/test-account';
import { GENEROUS_TIMEOUT_MS } from './support/time-limits';
import { UnhandledRejections } from './support/unhandled-rejections';
import { within } from './support/within';

/**
 * Fuzzing the token endpoint's answer: arbitrary JSON values, near-miss token bodies, byte strings
 * and text as the body, arbitrary statuses and headers (emulator fault `raw`). Properties:
 * - `getAccessToken()` settles in bounded time, and only ever rejects with a `QontakAuthError`;
 * - it resolves only for a 200 whose body is a usable Bearer token (checked against an independent
 *   oracle), and then with exactly that access token, unless the token was stale on arrival;
 * - nothing bad is cached: only a token handed out is stored, and once the fuzzed answer is gone
 *   (and an accepted fuzzed token is invalidated), the next call yields a token the emulator accepts.
 * The client has a logger (as most services do) and no retries (so one answer decides). Each case
 * has its own emulator, so a request of an earlier case can never be served this case's answer.
 */

/**
 * The time limit of a client whose answer's transport headers are fuzzed: its body may never end (a
 * declared length longer than the body, a transfer coding that is not chunked) and then only this
 * limit ends the call, so it is short to keep the run fast. Such a case then waits for no other
 * answer of the token endpoint within it: the token it hands out next comes from its store.
 */
const FRAMING_TIMEOUT_MS = 150;
/** How long a call may take before it counts as hung: two grants within the generous time limit, and more. */
const HANG_LIMIT_MS = 3 * GENEROUS_TIMEOUT_MS;
const OPTIONS: Partial<QontakAuthOptions> = {
  timeoutMs: GENEROUS_TIMEOUT_MS,
  retry: { attempts: 1 },
  credentialFailureCooldownMs: 0,
};

/** Headers that change how the body travels: with them, a well-formed body may still not arrive intact. */
const TRANSPORT_HEADERS = new Set(['content-length', 'transfer-encoding', 'content-encoding']);

/** The oracle, written from the spec rather than from the core: the access token a 200 answer makes usable. */
function usableAccessToken(status: number, body: string | Uint8Array): string | undefined {
  if (status !== 200) return undefined;
  const text = typeof body === 'string' ? body : new TextDecoder().decode(body);
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return undefined;
  const {
    access_token: accessToken,
    token_type: tokenType,
    expires_in: expiresIn,
  } = data as Record<string, unknown>;
  if (typeof accessToken !== 'string' || accessToken === '') return undefined;
  if (typeof tokenType !== 'string' || tokenType.toLowerCase() !== 'bearer') return undefined;
  if (typeof expiresIn !== 'number' || !Number.isFinite(expiresIn) || expiresIn <= 0) return undefined;
  // Only what can follow `Bearer ` in a header, and an expiry a Date can hold.
  if (!/^[\x21-\x7E]+$/.test(accessToken)) return undefined;
  if (Date.now() + expiresIn * 1000 > 8.64e15) return undefined;
  return accessToken;
}

/**
 * Whether the answer's token may have been stale on arrival, for a call that took `elapsedMs`: the
 * client treats a token as expired a margin before its `expires_in` ends, at most a tenth of its
 * lifetime, and then makes one more grant and hands out that token instead. So at least nine tenths
 * of the lifetime must have passed during the call (a slow machine can make that any lifetime).
 */
function mayBeStaleOnArrival(body: string | Uint8Array, elapsedMs: number): boolean {
  const text = typeof body === 'string' ? body : new TextDecoder().decode(body);
  try {
    const { expires_in: expiresIn } = JSON.parse(text) as { expires_in?: unknown };
    return typeof expiresIn === 'number' && expiresIn * 1000 * 0.9 <= elapsedMs;
  } catch {
    return false;
  }
}

/** A token the emulator issued to a client of its own (whose time limit is generous). */
async function grantedToken(emulator: QontakEmulator): Promise<QontakToken> {
  const auth = new QontakAuth(accountOptions(emulator, { timeoutMs: GENEROUS_TIMEOUT_MS }));
  try {
    return await within(HANG_LIMIT_MS, auth.getToken(), 'a grant of another client');
  } finally {
    await auth.close();
  }
}

/** Header values Node lets a server send: tab, visible ASCII, and latin-1. */
const headerValue = fc.string({
  unit: fc
    .oneof(fc.integer({ min: 0x20, max: 0x7e }), fc.integer({ min: 0xa0, max: 0xff }), fc.constant(0x09))
    .map((code) => String.fromCharCode(code)),
  maxLength: 40,
});

const headerName = fc.oneof(
  fc.constantFrom(
    'content-type',
    'content-length',
    'transfer-encoding',
    'content-encoding',
    'retry-after',
    'www-authenticate',
    'cache-control',
    'location',
    'set-cookie',
    'x-request-id',
  ),
  fc.stringMatching(/^x-[a-z0-9-]{1,12}$/),
);

const headers = fc.dictionary(
  headerName,
  fc.oneof(
    headerValue,
    fc.constantFrom(
      'application/json',
      'text/html',
      'gzip',
      'br',
      'chunked',
      '0',
      '5',
      '100000',
      'Bearer error="x"',
    ),
  ),
  { maxKeys: 4 },
);

/** A token field's value: right, wrong type, or edge value. */
const anyValue = fc.oneof(fc.jsonValue({ maxDepth: 2 }), fc.double(), fc.integer(), fc.string());
const nearToken = fc.record(
  {
    access_token: fc.oneof(
      fc.string({ minLength: 1, maxLength: 60 }),
      fc.base64String({ minLength: 4, maxLength: 60 }),
      anyValue,
    ),
    token_type: fc.oneof(fc.constantFrom('Bearer', 'bearer', 'BEARER', 'mac', '', ' Bearer'), anyValue),
    expires_in: fc.oneof(
      fc.integer({ min: -10, max: 10 }),
      fc.double(),
      fc.constantFrom(7200, 29823918),
      anyValue,
    ),
    refresh_token: fc.oneof(fc.string(), anyValue),
    created_at: anyValue,
    scope: anyValue,
  },
  { requiredKeys: [] },
);

/** A usable token answer, sometimes with one field swapped for an arbitrary value. */
const usableToken = fc
  .record({
    access_token: fc.oneof(
      { weight: 4, arbitrary: fc.stringMatching(/^[A-Za-z0-9_-]{1,64}$/) },
      { weight: 1, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 20 }) },
    ),
    token_type: fc.constantFrom('Bearer', 'bearer', 'BEARER'),
    expires_in: fc.oneof(
      fc.integer({ min: 1, max: 2 ** 31 }),
      fc.double({ min: Number.MIN_VALUE, max: Number.MAX_VALUE, noNaN: true }),
    ),
    refresh_token: fc.stringMatching(/^[A-Za-z0-9_-]{1,64}$/),
    created_at: fc.integer({ min: 0, max: 2 ** 32 }),
  })
  .chain((token) =>
    fc
      .option(fc.tuple(fc.constantFrom(...Object.keys(token)), anyValue), { freq: 3 })
      .map((swap) => (swap === null ? token : { ...token, [swap[0]]: swap[1] })),
  );

const body = fc.oneof(
  { weight: 3, arbitrary: usableToken.map((value) => JSON.stringify(value)) },
  { weight: 2, arbitrary: nearToken.map((value) => JSON.stringify(value)) },
  { weight: 2, arbitrary: fc.jsonValue().map((value) => JSON.stringify(value)) },
  {
    weight: 1,
    arbitrary: nearToken.chain((value) => {
      const text = JSON.stringify(value);
      return fc.nat({ max: text.length }).map((cut) => text.slice(0, cut));
    }),
  },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 200 }) },
  { weight: 1, arbitrary: fc.uint8Array({ maxLength: 300 }) },
);

const status = fc.oneof(
  { weight: 4, arbitrary: fc.constant(200) },
  { weight: 2, arbitrary: fc.integer({ min: 200, max: 599 }) },
);

const totals = { cases: 0, accepted: 0, rejected: new Map<string, number>() };

describe('token endpoint answers, fuzzed', () => {
  const rejections = new UnhandledRejections();
  let emulator: QontakEmulator;

  beforeAll(async () => {
    rejections.start();
    emulator = await startTestEmulator();
  });

  afterAll(async () => {
    rejections.stop();
    await emulator.close();
    const codes = [...totals.rejected.entries()].map(([code, n]) => `${code} ${n}`).join(', ');
    console.log(
      `\nToken-response fuzzing: ${totals.cases} answers; accepted ${totals.accepted}; rejected: ${codes}.\n`,
    );
  });

  it('surfaces only QontakAuthError, accepts only usable Bearer tokens, and caches nothing bad', async () => {
    await fc.assert(
      fc.asyncProperty(status, headers, body, async (answerStatus, answerHeaders, answerBody) => {
        totals.cases += 1;
        const transportTouched = Object.keys(answerHeaders).some((name) => TRANSPORT_HEADERS.has(name));
        const caseEmulator = await startTestEmulator();
        const store = new MemoryTokenStore();
        const auth = new QontakAuth(
          accountOptions(caseEmulator, {
            ...OPTIONS,
            timeoutMs: transportTouched ? FRAMING_TIMEOUT_MS : GENEROUS_TIMEOUT_MS,
            store,
            logger: new RecordingLogger(),
          }),
        );
        try {
          caseEmulator.faults.inject('token', {
            type: 'raw',
            status: answerStatus,
            headers: answerHeaders,
            body: answerBody,
          });
          const started = Date.now();
          const outcome = await within(
            HANG_LIMIT_MS,
            auth.getAccessToken().then(
              (token) => ({ token }),
              (error: unknown) => ({ error }),
            ),
            'getAccessToken() on a fuzzed answer',
          );
          const elapsedMs = Date.now() - started;
          const expected = usableAccessToken(answerStatus, answerBody);
          if ('error' in outcome) {
            expect(isQontakAuthError(outcome.error), `not a QontakAuthError: ${String(outcome.error)}`).toBe(
              true,
            );
            const code = isQontakAuthError(outcome.error) ? outcome.error.code : 'unknown';
            totals.rejected.set(code, (totals.rejected.get(code) ?? 0) + 1);
            if (!transportTouched) expect(expected, 'a usable token answer was rejected').toBeUndefined();
          } else {
            totals.accepted += 1;
            if (outcome.token !== expected) {
              // A token already stale on arrival is replaced by one more (real) grant.
              expect(
                expected !== undefined && mayBeStaleOnArrival(answerBody, elapsedMs),
                'handed out an unusable token',
              ).toBe(true);
              expect(await healthStatus(caseEmulator.url, outcome.token)).toBe(200);
            }
          }
          const stored = await store.get(auth.storeKey);
          expect(stored?.accessToken, 'stored a token it did not hand out').toBe(
            'token' in outcome ? outcome.token : undefined,
          );
          caseEmulator.faults.clear();
          // The next token of a short-limited client comes from its store, as from another instance
          // sharing it: the grant is made by a client with a generous limit, over the same connections.
          if (transportTouched) await store.set(auth.storeKey, await grantedToken(caseEmulator));
          if ('token' in outcome) {
            // The server never issued it: auth.fetch sends it, gets Qontak's 401, drops it and replays
            // once with a real token. Whatever its characters, that must not throw.
            const response = await within(
              HANG_LIMIT_MS,
              auth.fetch(QONTAK_HEALTH_PATH),
              'auth.fetch with the fuzzed token',
            );
            await response.arrayBuffer();
            expect(response.status).toBe(200);
          }
          const token = await within(
            HANG_LIMIT_MS,
            auth.getAccessToken(),
            'getAccessToken() after the fuzzed answer',
          );
          expect(await healthStatus(caseEmulator.url, token)).toBe(200);
        } finally {
          await auth.close();
          await caseEmulator.close();
        }
      }),
      { numRuns: 300, interruptAfterTimeLimit: 25_000 },
    );
  });

  /** Serves `token` as the next token answer (200, JSON) and returns what `getAccessToken()` gave. */
  async function serve(
    auth: QontakAuth,
    token: Record<string, unknown>,
  ): Promise<{ token: string } | { error: unknown }> {
    emulator.faults.inject('token', {
      type: 'raw',
      status: 200,
      headers: { 'content-type': 'application/json; charset=utf-8' },
      body: JSON.stringify(token),
    });
    return within(
      HANG_LIMIT_MS,
      auth.getAccessToken().then(
        (accessToken) => ({ token: accessToken }),
        (error: unknown) => ({ error }),
      ),
      'getAccessToken()',
    );
  }

  it('copes with an expires_in past the Date range (1e13 s) when a logger is set: a QontakAuthError or the token, never a RangeError', async () => {
    emulator.faults.clear();
    const auth = new QontakAuth(accountOptions(emulator, { ...OPTIONS, logger: new RecordingLogger() }));
    try {
      const outcome = await serve(auth, {
        access_token: 'fuzzed-token-never-issued',
        token_type: 'Bearer',
        expires_in: 1e13,
      });
      if ('error' in outcome) {
        expect(isQontakAuthError(outcome.error), `not a QontakAuthError: ${String(outcome.error)}`).toBe(
          true,
        );
        // Rejected: then it must not be cached either.
        const next = await within(
          HANG_LIMIT_MS,
          auth.getAccessToken(),
          'getAccessToken() after the rejection',
        );
        expect(await healthStatus(emulator.url, next)).toBe(200);
      } else {
        expect(outcome.token).toBe('fuzzed-token-never-issued');
        expect(() => JSON.stringify(auth)).not.toThrow();
      }
    } finally {
      await auth.close();
    }
  });

  it('never caches an access token that cannot travel in an Authorization header (a line break)', async () => {
    emulator.faults.clear();
    const auth = new QontakAuth(accountOptions(emulator, OPTIONS));
    try {
      const outcome = await serve(auth, {
        access_token: 'fuzzed\ntoken',
        token_type: 'Bearer',
        expires_in: 7200,
      });
      if ('error' in outcome) {
        expect(isQontakAuthError(outcome.error) ? outcome.error.code : String(outcome.error)).toBe(
          'invalid_response',
        );
      }
      // Whether or not it was handed out, auth.fetch must not throw a TypeError for it.
      const response = await within(HANG_LIMIT_MS, auth.fetch(QONTAK_HEALTH_PATH), 'auth.fetch');
      await response.arrayBuffer();
      expect(response.status).toBe(200);
    } finally {
      await auth.close();
    }
  });

  it('saw no unhandled rejection', () => {
    expect(rejections.reasons).toEqual([]);
  });
});
