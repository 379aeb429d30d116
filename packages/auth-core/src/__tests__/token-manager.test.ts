import { describe, expect, it, vi } from 'vitest';
import { BoundedStore } from '../stores/bounded-store';
import { MemoryTokenStore } from '../stores/memory-token-store';
import { QontakAuthError, QontakAuthErrorCode } from '../errors/auth-error';
import { QontakToken } from '../stores/token';
import { safeLogger } from '../logging/safe-logger';
import { TokenManager, type TokenGrants, type TokenManagerSettings } from '../password/token-manager';
import { ManualClock } from './support/emulator-fixture';

const HOUR = 3_600_000;

/** A token endpoint in memory: issues `tok-N` (refresh `refresh-N`) for `lifetimeMs`, counting grants by type. */
class FakeGrants implements TokenGrants {
  password = 0;
  refresh = 0;
  /** What the next grants do instead of issuing: an error to throw, once each. */
  readonly failures: QontakAuthError[] = [];
  #issued = 0;
  #release: (() => void) | undefined;
  #held: Promise<void> | undefined;

  constructor(
    readonly clock: ManualClock,
    readonly lifetimeMs = 2 * HOUR,
  ) {}

  /** Holds every grant until {@link release} (to let callers pile up on one grant in flight). */
  hold(): void {
    this.#held = new Promise((resolve) => (this.#release = resolve));
  }

  release(): void {
    this.#release?.();
    this.#held = undefined;
  }

  async passwordGrant(): Promise<QontakToken> {
    this.password += 1;
    return this.#issue();
  }

  async refreshGrant(refreshToken: string): Promise<QontakToken> {
    this.refresh += 1;
    if (!refreshToken.startsWith('refresh-'))
      throw new QontakAuthError(QontakAuthErrorCode.InvalidGrant, 'bad refresh token');
    return this.#issue();
  }

  async #issue(): Promise<QontakToken> {
    const sentAt = this.clock.now;
    await this.#held;
    const failure = this.failures.shift();
    if (failure) throw failure;
    this.#issued += 1;
    return new QontakToken({
      accessToken: `tok-${this.#issued}`,
      refreshToken: `refresh-${this.#issued}`,
      expiresAt: sentAt + this.lifetimeMs,
      issuedAt: sentAt,
    });
  }
}

function manager(clock: ManualClock, grants: FakeGrants, overrides: Partial<TokenManagerSettings> = {}) {
  const settings: TokenManagerSettings = {
    clock: clock.read,
    logger: safeLogger(undefined),
    refreshWindowMs: 300_000,
    expiryMarginMs: 10_000,
    refreshRetryDelayMs: 5_000,
    credentialFailureCooldownMs: 60_000,
    unauthorizedRegrantIntervalMs: 60_000,
    onToken: undefined,
    ...overrides,
  };
  const store = new BoundedStore(
    new MemoryTokenStore(),
    'key',
    { callMs: 1_000, lockMs: 1_000, lockTtlMs: 1_000 },
    settings.logger,
  );
  return new TokenManager(grants, store, settings, new AbortController().signal);
}

describe('TokenManager (a fake endpoint, no HTTP)', () => {
  it('shares one grant in flight between 1,000 callers', async () => {
    const clock = new ManualClock();
    const grants = new FakeGrants(clock);
    const tokens = manager(clock, grants);
    grants.hold();
    const waiting = Array.from({ length: 1000 }, () => tokens.wait(undefined));
    grants.release();
    const got = await Promise.all(waiting);
    expect(new Set(got.map((entry) => entry.accessToken))).toEqual(new Set(['tok-1']));
    expect(grants.password).toBe(1);
    expect(tokens.cached()?.accessToken).toBe('tok-1');
  });

  it('hands out the cached token inside the refresh window while one background refresh runs', async () => {
    const clock = new ManualClock();
    const grants = new FakeGrants(clock);
    const tokens = manager(clock, grants);
    await tokens.wait(undefined);
    clock.advance(2 * HOUR - 200_000);
    grants.hold();
    for (let call = 0; call < 100; call++) expect(tokens.cached()?.accessToken).toBe('tok-1');
    await vi.waitFor(() => expect(grants.refresh).toBe(1));
    for (let call = 0; call < 100; call++) expect(tokens.cached()?.accessToken).toBe('tok-1');
    expect(grants.refresh).toBe(1);
    grants.release();
    await tokens.wait(undefined);
    expect(tokens.cached()?.accessToken).toBe('tok-2');
    expect(grants.password).toBe(1);
  });

  it('stops handing a token out inside its expiry margin', async () => {
    const clock = new ManualClock();
    const grants = new FakeGrants(clock);
    const tokens = manager(clock, grants);
    await tokens.wait(undefined);
    clock.advance(2 * HOUR - 5_000);
    expect(tokens.cached()).toBeUndefined();
    expect((await tokens.wait(undefined)).accessToken).toBe('tok-2');
  });

  it('falls back to the password grant when the refresh grant is refused', async () => {
    const clock = new ManualClock();
    const grants = new FakeGrants(clock);
    const tokens = manager(clock, grants);
    await tokens.wait(undefined);
    clock.advance(2 * HOUR);
    grants.failures.push(new QontakAuthError(QontakAuthErrorCode.InvalidGrant, 'rotated away'));
    expect((await tokens.wait(undefined)).accessToken).toBe('tok-2');
    expect({ password: grants.password, refresh: grants.refresh }).toEqual({ password: 2, refresh: 1 });
  });

  it('remembers rejected credentials for the cooldown: no second grant until it ends', async () => {
    const clock = new ManualClock();
    const grants = new FakeGrants(clock);
    const tokens = manager(clock, grants);
    const rejected = new QontakAuthError(QontakAuthErrorCode.InvalidGrant, 'wrong password');
    grants.failures.push(rejected);
    await expect(tokens.wait(undefined)).rejects.toBe(rejected);
    clock.advance(59_000);
    await expect(tokens.wait(undefined)).rejects.toBe(rejected);
    expect(grants.password).toBe(1);
    clock.advance(2_000);
    expect((await tokens.wait(undefined)).accessToken).toBe('tok-1');
    expect(grants.password).toBe(2);
  });

  it('drops two never-accepted tokens at once on a 401, then one after the interval; an older token never', async () => {
    const clock = new ManualClock();
    const grants = new FakeGrants(clock);
    const tokens = manager(clock, grants);
    await tokens.wait(undefined);
    expect(await tokens.invalidate('tok-1')).toBe(true);
    expect(tokens.cached()).toBeUndefined();
    expect((await tokens.wait(undefined)).accessToken).toBe('tok-2');
    expect(await tokens.invalidate('tok-1')).toBe(true);
    expect(tokens.cached()?.accessToken).toBe('tok-2');
    expect(await tokens.invalidate('tok-2')).toBe(true);
    expect((await tokens.wait(undefined)).accessToken).toBe('tok-3');
    expect(await tokens.invalidate('tok-3')).toBe(false);
    expect(tokens.cached()?.accessToken).toBe('tok-3');
    clock.advance(59_999);
    expect(await tokens.invalidate('tok-3')).toBe(false);
    clock.advance(1);
    expect(await tokens.invalidate('tok-3')).toBe(true);
    expect((await tokens.wait(undefined)).accessToken).toBe('tok-4');
    expect(grants.password).toBe(4);
  });

  it('drops an accepted token at once on a 401, every time; acceptance is told by its headers object or its bearer', async () => {
    const clock = new ManualClock();
    const grants = new FakeGrants(clock);
    const tokens = manager(clock, grants);
    for (let revocation = 1; revocation <= 5; revocation++) {
      const entry = await tokens.wait(undefined);
      tokens.accepted(
        revocation % 2 === 1 ? entry.headers : { Authorization: `bearer ${entry.accessToken}` },
      );
      expect(await tokens.invalidate(entry.accessToken)).toBe(true);
    }
    expect(grants.password).toBe(5);
    // Another token's headers, or none, accept nothing: tok-6 and tok-7 go at once, tok-8 stays.
    const entry = await tokens.wait(undefined);
    tokens.accepted({ authorization: 'Bearer tok-5' });
    tokens.accepted({ authorization: `Bearer ${entry.accessToken}x` });
    tokens.accepted({});
    expect(await tokens.invalidate('tok-6')).toBe(true);
    await tokens.wait(undefined);
    expect(await tokens.invalidate('tok-7')).toBe(true);
    await tokens.wait(undefined);
    expect(await tokens.invalidate('tok-8')).toBe(false);
    expect(grants.password).toBe(8);
  });
});
