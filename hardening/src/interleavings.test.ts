import { QontakAuth, isQontakAuthError, type QontakAuthOptions, type QontakToken } from '@qontak/auth-core';
import type { EmulatorFault, QontakEmulator } from '@qontak/emulator';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from './support/manual-clock';
import { accountOptions, healthStatus, startTestEmulator } from './support/test-account';
import { GENEROUS_TIMEOUT_MS } from './support/time-limits';
import { TokenEndpointProbe } from './support/token-endpoint-probe';
import { UnhandledRejections } from './support/unhandled-rejections';
import { pause, within } from './support/within';

/**
 * Property-based interleavings (fast-check model-based commands) of getAccessToken (single calls and
 * concurrent bursts, some with an invalidate in the middle), invalidate, clock advances (one injected
 * clock for the emulator and the client), server-side revokeAll, token-endpoint faults and idle time.
 *
 * Invariants, checked after every command:
 * - never more than one token-endpoint request in flight (a pass-through `fetch` counts them);
 * - no token handed out is expired by the injected clock;
 * - every token handed out is accepted by the emulator when it is handed out (checked in the order
 *   the callers got them), unless it was requested before a server-side revokeAll; such a token,
 *   once invalidated, is replaced by one the emulator accepts (`invalidate` by hand never reports an
 *   acceptance, so its 401s fall under the bound of `unauthorizedRegrantIntervalMs`: two tokens are
 *   replaced at once, each further one after a wait that doubles up to 16 intervals);
 * - a call fails only with a transient `QontakAuthError` and only when a fault was injected.
 * A second property drives a wrong password: at most one attempt per cooldown, exactly one when due.
 */

const TTL_SECONDS = 60;
/**
 * The time limit of the interleavings' client: the `latency` fault answers after 3 times it, so that
 * its attempt times out. An answer without a fault that a loaded machine delays past it is retried,
 * as in production: a call fails only if all its attempts do.
 */
const TIMEOUT_MS = 250;
const COOLDOWN_MS = 10_000;
const TRANSIENT_CODES = new Set([
  'server_error',
  'network_error',
  'timeout',
  'rate_limited',
  'invalid_response',
]);
const REGRANT_INTERVAL_MS = 1_000;
const LIMITS: Partial<QontakAuthOptions> = {
  timeoutMs: TIMEOUT_MS,
  retry: { attempts: 3, baseDelayMs: 1, maxDelayMs: 5, maxElapsedMs: 2_000 },
  refreshRetryDelayMs: 1_000,
  unauthorizedRegrantIntervalMs: REGRANT_INTERVAL_MS,
};

interface Model {
  /** Tokens handed out so far. */
  handedOut: number;
}

interface Real {
  readonly auth: QontakAuth;
  readonly emulator: QontakEmulator;
  readonly clock: ManualClock;
  readonly probe: TokenEndpointProbe;
  /** Every access token handed out, in order. */
  readonly handedOut: string[];
}

const totals = {
  runs: 0,
  commands: 0,
  tokensChecked: 0,
  failedCalls: 0,
  revokedRecoveries: 0,
  grants: 0,
  refreshGrants: 0,
};

function expectAtMostOneGrantInFlight(real: Real): void {
  expect(real.probe.maxInFlight, 'token-endpoint requests in flight at once').toBeLessThanOrEqual(1);
}

/**
 * Checks one handed-out token against the invariants, at the time it is handed out. Returns whether
 * the emulator accepted it (if not, it was revoked server-side and has been invalidated).
 */
async function checkHandedOut(real: Real, token: QontakToken): Promise<boolean> {
  totals.tokensChecked += 1;
  expect(token.expiresAt, 'a token expired by the injected clock was handed out').toBeGreaterThan(
    real.clock.now,
  );
  const status = await healthStatus(real.emulator.url, token.accessToken);
  if (status === 200) return true;
  expect(status).toBe(401);
  // The only excuse: the token was requested before the latest server-side revokeAll.
  const epoch = real.probe.issued.get(token.accessToken);
  expect(epoch, 'a 401 token the probe never saw issued').toBeDefined();
  expect(epoch ?? Infinity, 'a token requested after revokeAll was rejected').toBeLessThan(real.probe.epoch);
  await real.auth.invalidate(token.accessToken);
  totals.revokedRecoveries += 1;
  return false;
}

class GetTokens implements fc.AsyncCommand<Model, Real> {
  constructor(
    readonly callers: number,
    readonly invalidateMidway: boolean,
  ) {}

  check(): boolean {
    return true;
  }

  async run(model: Model, real: Real): Promise<void> {
    const pendingBefore = real.emulator.faults.pending('token');
    const got: QontakToken[] = [];
    const errors: unknown[] = [];
    const calls: Promise<unknown>[] = [];
    const last = real.handedOut.at(-1);
    for (let i = 0; i < this.callers; i++) {
      calls.push(
        real.auth.getToken().then(
          (token) => got.push(token),
          (error: unknown) => errors.push(error),
        ),
      );
      if (this.invalidateMidway && last !== undefined && i === Math.floor(this.callers / 2)) {
        calls.push(real.auth.invalidate(last));
      }
    }
    await within(10_000, Promise.all(calls), `${this.callers} concurrent getToken()`);
    expectAtMostOneGrantInFlight(real);
    for (const error of errors) {
      totals.failedCalls += 1;
      expect(isQontakAuthError(error), String(error)).toBe(true);
      expect(TRANSIENT_CODES.has((error as { code: string }).code)).toBe(true);
      // The grant that failed may have started commands ago (a background refresh still retrying), so
      // any fault served in this run, or still pending, may be the cause; none at all may not.
      const faultSeen = pendingBefore > 0 || real.emulator.stats().faultsServed > 0;
      expect(faultSeen, 'a call failed with no fault injected').toBe(true);
    }
    // In the order the callers got them: an older token is used before a newer one revokes it.
    for (const token of got) {
      await checkHandedOut(real, token);
      real.handedOut.push(token.accessToken);
      model.handedOut += 1;
    }
  }

  toString(): string {
    return `GetTokens(${this.callers}${this.invalidateMidway ? ', invalidate midway' : ''})`;
  }
}

class Invalidate implements fc.AsyncCommand<Model, Real> {
  constructor(readonly pick: number) {}

  check(model: Readonly<Model>): boolean {
    return model.handedOut > 0;
  }

  async run(_model: Model, real: Real): Promise<void> {
    const token = real.handedOut[this.pick % real.handedOut.length];
    if (token !== undefined) await real.auth.invalidate(token);
    expectAtMostOneGrantInFlight(real);
  }

  toString(): string {
    return `Invalidate(#${this.pick})`;
  }
}

class AdvanceClock implements fc.AsyncCommand<Model, Real> {
  constructor(readonly ms: number) {}

  check(): boolean {
    return true;
  }

  async run(_model: Model, real: Real): Promise<void> {
    real.clock.advance(this.ms);
  }

  toString(): string {
    return `AdvanceClock(${this.ms} ms)`;
  }
}

class RevokeAll implements fc.AsyncCommand<Model, Real> {
  check(): boolean {
    return true;
  }

  async run(_model: Model, real: Real): Promise<void> {
    real.emulator.revokeAll();
    real.probe.epoch += 1;
  }

  toString(): string {
    return 'RevokeAll';
  }
}

class InjectFault implements fc.AsyncCommand<Model, Real> {
  constructor(readonly fault: EmulatorFault) {}

  check(): boolean {
    return true;
  }

  async run(_model: Model, real: Real): Promise<void> {
    real.emulator.faults.inject('token', this.fault);
  }

  toString(): string {
    return `InjectFault(${JSON.stringify(this.fault)})`;
  }
}

class Idle implements fc.AsyncCommand<Model, Real> {
  constructor(readonly ms: number) {}

  check(): boolean {
    return true;
  }

  async run(_model: Model, real: Real): Promise<void> {
    await pause(this.ms);
    expectAtMostOneGrantInFlight(real);
  }

  toString(): string {
    return `Idle(${this.ms} ms)`;
  }
}

const FAULTS: readonly EmulatorFault[] = [
  { type: 'status', status: 503 },
  { type: 'status', status: 429, retryAfter: '0' },
  { type: 'drop' },
  { type: 'latency', ms: TIMEOUT_MS * 3 },
  { type: 'malformed-json' },
];

const commandArbitraries = [
  fc
    .integer({ min: 1, max: 24 })
    .chain((callers) => fc.boolean().map((midway) => new GetTokens(callers, callers > 1 && midway))),
  fc.constant(new GetTokens(1, false)),
  fc.nat().map((pick) => new Invalidate(pick)),
  fc
    .constantFrom(500, 5_000, 25_000, 31_000, 50_000, 55_000, 61_000, 600_000)
    .map((ms) => new AdvanceClock(ms)),
  fc.constant(new RevokeAll()),
  fc.constantFrom(...FAULTS).map((fault) => new InjectFault(fault)),
  fc.constantFrom(0, 5, 20).map((ms) => new Idle(ms)),
];

describe('QontakAuth under random interleavings', () => {
  const rejections = new UnhandledRejections();
  const clock = new ManualClock();
  let emulator: QontakEmulator;

  beforeAll(async () => {
    rejections.start();
    emulator = await startTestEmulator({ tokenTtlSeconds: TTL_SECONDS, clock: clock.read });
    // The first grant of a process loads fetch and compiles the code it runs through, which on a loaded
    // machine takes longer than TIMEOUT_MS: it is made here, so that the properties start warm.
    const warmUp = new QontakAuth(accountOptions(emulator, { timeoutMs: GENEROUS_TIMEOUT_MS }));
    await warmUp.getAccessToken();
    await warmUp.close();
  });

  afterAll(async () => {
    rejections.stop();
    await emulator.close();
    console.log(
      `\nInterleavings: ${totals.runs} runs, ${totals.commands} commands, ${totals.tokensChecked} handed-out tokens checked ` +
        `against the emulator, ${totals.failedCalls} calls failed under injected faults, ${totals.revokedRecoveries} ` +
        `tokens revoked server-side and replaced after invalidate, ${totals.grants} token-endpoint requests ` +
        `(${totals.refreshGrants} successful refresh grants), at most 1 in flight.\n`,
    );
  });

  it('keeps one grant in flight, hands out only live tokens the emulator accepts, fails only under faults', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.commands(commandArbitraries, { maxCommands: 40, size: 'medium' }),
        async (commands) => {
          emulator.reset();
          clock.reset();
          const probe = new TokenEndpointProbe(clock.read);
          const auth = new QontakAuth(
            accountOptions(emulator, { ...LIMITS, clock: clock.read, fetch: probe.fetch }),
          );
          const real: Real = { auth, emulator, clock, probe, handedOut: [] };
          totals.runs += 1;
          try {
            await fc.asyncModelRun(() => ({ model: { handedOut: 0 }, real }), commands);
            // Whatever the sequence, once no fault is pending (a grant already in flight may still fail
            // from one: let it end), a call gets a live token.
            // Grants sent before a revokeAll may still hand out a revoked token: each is invalidated.
            emulator.faults.clear();
            let accepted = false;
            for (let attempt = 0; attempt < 4 && !accepted; attempt++) {
              // A revoked token may be kept for up to 16 intervals: let them pass before asking again.
              if (attempt > 0) clock.advance(16 * REGRANT_INTERVAL_MS);
              const token = await within(
                10_000,
                auth.getToken().catch(() => auth.getToken()),
                'final getToken()',
              );
              accepted = await checkHandedOut(real, token);
            }
            expect(accepted, 'no live token after the faults were cleared').toBe(true);
            totals.commands += [...commands].length;
          } finally {
            await auth.close();
            totals.grants += probe.grants.length;
            totals.refreshGrants += emulator.stats().grants.refresh_token.ok;
          }
          expectAtMostOneGrantInFlight(real);
        },
      ),
      { numRuns: 100, interruptAfterTimeLimit: 40_000 },
    );
  });

  it('makes at most one attempt per cooldown with a wrong password, and exactly one when it is due', async () => {
    interface WrongModel {
      lastAttemptAt: number | undefined;
      attempts: number;
    }
    interface WrongReal {
      readonly auth: QontakAuth;
      readonly probe: TokenEndpointProbe;
    }

    class Burst implements fc.AsyncCommand<WrongModel, WrongReal> {
      constructor(readonly callers: number) {}
      check(): boolean {
        return true;
      }
      async run(model: WrongModel, real: WrongReal): Promise<void> {
        const results = await within(
          2 * GENEROUS_TIMEOUT_MS,
          Promise.allSettled(Array.from({ length: this.callers }, () => real.auth.getAccessToken())),
          'wrong-password burst',
        );
        for (const result of results) {
          expect(result.status).toBe('rejected');
          const reason: unknown = result.status === 'rejected' ? result.reason : undefined;
          expect(isQontakAuthError(reason) ? reason.code : String(reason)).toBe('invalid_grant');
        }
        if (model.lastAttemptAt === undefined || clock.now >= model.lastAttemptAt + COOLDOWN_MS) {
          model.lastAttemptAt = clock.now;
          model.attempts += 1;
        }
        expect(real.probe.grants.length).toBe(model.attempts);
        expect(emulator.stats().grants.password.failed).toBe(model.attempts);
        const times = real.probe.grants.map((grant) => grant.sentAt);
        for (let i = 1; i < times.length; i++) {
          expect((times[i] ?? 0) - (times[i - 1] ?? 0)).toBeGreaterThanOrEqual(COOLDOWN_MS);
        }
      }
      toString(): string {
        return `Burst(${this.callers})`;
      }
    }

    class Advance implements fc.AsyncCommand<WrongModel, WrongReal> {
      constructor(readonly ms: number) {}
      check(): boolean {
        return true;
      }
      async run(): Promise<void> {
        clock.advance(this.ms);
      }
      toString(): string {
        return `Advance(${this.ms} ms)`;
      }
    }

    await fc.assert(
      fc.asyncProperty(
        fc.commands(
          [
            fc.integer({ min: 1, max: 30 }).map((callers) => new Burst(callers)),
            fc.constantFrom(1, 1_000, 9_999, 10_000, 15_000, 30_000).map((ms) => new Advance(ms)),
          ],
          { maxCommands: 25 },
        ),
        async (commands) => {
          emulator.reset();
          clock.reset();
          const probe = new TokenEndpointProbe(clock.read);
          const auth = new QontakAuth(
            accountOptions(emulator, {
              ...LIMITS,
              // No fault here: a timeout would only be a slow machine, and its retry one more attempt.
              timeoutMs: GENEROUS_TIMEOUT_MS,
              password: 'Sentinel-WrongPassword-0e6b2a',
              credentialFailureCooldownMs: COOLDOWN_MS,
              clock: clock.read,
              fetch: probe.fetch,
            }),
          );
          try {
            await fc.asyncModelRun(
              () => ({ model: { lastAttemptAt: undefined, attempts: 0 }, real: { auth, probe } }),
              commands,
            );
          } finally {
            await auth.close();
          }
          expect(probe.maxInFlight).toBeLessThanOrEqual(1);
        },
      ),
      { numRuns: 40, interruptAfterTimeLimit: 20_000 },
    );
  });

  it('hands out no token that expired (by the injected clock) while its grant was in flight', async () => {
    emulator.reset();
    clock.reset();
    let release = (): void => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let answered = (): void => undefined;
    const serverAnswered = new Promise<void>((resolve) => (answered = resolve));
    // Pass-through fetch: the real answer, handed on only once the test lets it go (a process that
    // stalls, or a slow network, after the server answered).
    const stallAfterAnswer: typeof globalThis.fetch = async (input, init) => {
      const response = await globalThis.fetch(input, init);
      answered();
      await gate;
      return response;
    };
    const auth = new QontakAuth(accountOptions(emulator, { clock: clock.read, fetch: stallAfterAnswer }));
    try {
      const pending = auth.getToken().then(
        (token) => ({ token }),
        (error: unknown) => ({ error }),
      );
      await serverAnswered;
      clock.advance((TTL_SECONDS + 60) * 1_000);
      release();
      const outcome = await within(10_000, pending, 'getToken() across a clock jump');
      if ('token' in outcome) {
        // Either a new grant or an error would do; a token already past its expiry must not be handed out.
        expect(
          outcome.token.expiresAt,
          'handed out a token already expired by the injected clock',
        ).toBeGreaterThan(clock.now);
        expect(await healthStatus(emulator.url, outcome.token.accessToken)).toBe(200);
      } else {
        expect(isQontakAuthError(outcome.error)).toBe(true);
      }
    } finally {
      await auth.close();
    }
  });

  it('saw no unhandled rejection', () => {
    expect(rejections.reasons).toEqual([]);
  });
});
