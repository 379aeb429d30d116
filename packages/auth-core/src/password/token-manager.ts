import { raceAbort } from '../contract/abortable';
import { bearerHeaders, carriesBearer } from '../contract/bearer';
import type { BoundedStore } from '../stores/bounded-store';
import {
  cooldownChannel,
  invalidateChannel,
  type QontakInvalidateEvent,
} from '../logging/diagnostic-channels';
import { isQontakAuthError, QontakAuthError, QontakAuthErrorCode } from '../errors/auth-error';
import type { QontakLogger } from '../logging/logger';
import { isoTime, type QontakToken } from '../stores/token';
import { refreshSchedule } from './refresh-schedule';
import type { AuthorizationHeaders } from '../contract/request-authorizer';
import { callHook } from '../logging/safe-logger';
import type { TokenStoreUnlock } from '../stores/token-store';
import { MAX_TIMER_MS } from '../config/durations';
import { closedError } from '../errors/config-error';

/** Where a {@link TokenManager} gets tokens from: the token endpoint (or, in tests, a fake one). */
export interface TokenGrants {
  /** The resource-owner password grant. */
  passwordGrant(): Promise<QontakToken>;
  /** The refresh-token grant. */
  refreshGrant(refreshToken: string): Promise<QontakToken>;
}

/** The settings a {@link TokenManager} works by (see `QontakAuthOptions` for each). */
export interface TokenManagerSettings {
  readonly clock: () => number;
  readonly logger: Required<QontakLogger>;
  readonly refreshWindowMs: number;
  readonly expiryMarginMs: number;
  readonly refreshRetryDelayMs: number;
  readonly credentialFailureCooldownMs: number;
  readonly unauthorizedRegrantIntervalMs: number;
  readonly onToken: ((token: QontakToken) => unknown) | undefined;
}

/** A token the manager may hand out, with its schedule and its headers. */
interface CachedToken {
  readonly token: QontakToken;
  readonly accessToken: string;
  readonly refreshAt: number;
  readonly staleAt: number;
  readonly headers: AuthorizationHeaders;
  /** Whether Qontak answered a request that carried this token with a success (see {@link TokenManager.accepted}). */
  accepted: boolean;
  /**
   * True from caching until a timer fires at `refreshAt` (with the default clock only): the token may
   * be handed out without reading the clock.
   */
  fresh: boolean;
}

/** With the default clock, every this many cached calls one reads the clock anyway (a bound on a late timer). */
const CLOCK_CHECK_EVERY = 64;
/** Tokens refused before they were ever accepted that a 401 replaces at once; then the bound holds. */
const UNCONFIRMED_DROPS_AT_ONCE = 2;
/** The longest wait of the bound, in `unauthorizedRegrantIntervalMs`: the wait doubles up to it. */
const MAX_WAIT_FACTOR = 16;
/** After this many `unauthorizedRegrantIntervalMs` without a refused new token, the bound starts over. */
const QUIET_FACTOR = 2 * MAX_WAIT_FACTOR;

type ObtainReason = 'missing' | 'refresh';

/**
 * Whether the server refused a refresh grant in a way the password grant may get past: a refresh
 * token that is invalid, rotated away or revoked (`invalid_grant`), or a refresh grant the client may
 * not use (`unsupported_grant_type`, `invalid_request`). `invalid_client` would fail the password
 * grant too.
 */
function isRefreshRejection(error: unknown): error is QontakAuthError {
  return (
    isQontakAuthError(error) &&
    (error.code === QontakAuthErrorCode.InvalidGrant ||
      error.code === QontakAuthErrorCode.UnsupportedGrantType ||
      error.code === QontakAuthErrorCode.InvalidRequest)
  );
}

/** `ms` as whole seconds, for a log line: `60 s`. */
function seconds(ms: number): string {
  return `${Math.ceil(ms / 1000)} s`;
}

/**
 * Owns one account's token: the in-process cache, the single grant in flight, the background refresh
 * inside the refresh window, the shared store (read before granting, locked while granting), the
 * cooldown after rejected credentials, and the bound on 401-driven re-grants. Knows nothing of HTTP:
 * tokens come from {@link TokenGrants}.
 */
export class TokenManager {
  readonly #grants: TokenGrants;
  readonly #store: BoundedStore;
  readonly #settings: TokenManagerSettings;
  readonly #clock: () => number;
  readonly #closed: AbortSignal;
  #entry: CachedToken | undefined;
  #inflight: Promise<CachedToken> | undefined;
  /** The last token a 401 dropped: never read back from the store. */
  #rejectedAccessToken: string | undefined;
  #backgroundFailedAt = -Infinity;
  #credentialFailure: { readonly error: QontakAuthError; readonly until: number } | undefined;
  /** Tokens a 401 dropped before they were ever accepted, since a token was last accepted. */
  #unconfirmedDrops = 0;
  /** When the last of them was dropped. */
  #unconfirmedDropAt = -Infinity;
  /** The drop (by its time) after which a 401 was last kept and logged: one warning per dropped token. */
  #keptLoggedFor = -Infinity;
  /** Whether the clock is the real one, so that a timer can tell when the refresh window opens. */
  readonly #timedFreshness: boolean;
  #freshnessTimer: ReturnType<typeof setTimeout> | undefined;
  #cachedCalls = 0;

  constructor(grants: TokenGrants, store: BoundedStore, settings: TokenManagerSettings, closed: AbortSignal) {
    this.#grants = grants;
    this.#store = store;
    this.#settings = settings;
    this.#clock = settings.clock;
    this.#closed = closed;
    this.#timedFreshness = settings.clock === Date.now;
  }

  /**
   * The cached token when it may be handed out now (inside the refresh window, one background refresh
   * starts), else `undefined`: then call {@link wait}. The hot path: with the default clock a fresh
   * token reads no clock (one call in 64 does), otherwise one clock read.
   */
  cached(): CachedToken | undefined {
    const entry = this.#entry;
    if (entry === undefined) return undefined;
    // The clock read is the costliest part of this path.
    if (entry.fresh && ++this.#cachedCalls % CLOCK_CHECK_EVERY !== 0) return entry;
    const now = this.#clock();
    if (now < entry.refreshAt) return entry;
    entry.fresh = false;
    if (now >= entry.staleAt) return undefined;
    this.#refreshInBackground(now);
    return entry;
  }

  /** The cached token, stale or not, for safe descriptions. */
  get current(): QontakToken | undefined {
    return this.#entry?.token;
  }

  /**
   * A token from the one grant in flight (started when there is none).
   * @throws {QontakAuthError} when no token can be had; the signal's reason when it aborts.
   */
  wait(signal: AbortSignal | undefined): Promise<CachedToken> {
    return raceAbort(this.#acquire('missing'), signal);
  }

  /**
   * After a 401 to a request that carried `accessToken`, while it is still current: drops it (cache and
   * store). A token Qontak had accepted was revoked: it goes at once, every time. A token refused before
   * it was ever accepted points at a broken endpoint or account: two in a row go at once, then the next
   * waits `unauthorizedRegrantIntervalMs` after the last, each further wait twice the one before, up
   * to 16 times it; an accepted token, or 32 intervals without such a 401, start this over.
   * @returns whether a request sent again now would carry another token.
   */
  async invalidate(accessToken: string): Promise<boolean> {
    const outcome = await this.#invalidate(accessToken);
    if (invalidateChannel.hasSubscribers) invalidateChannel.publish({ scheme: 'password', outcome });
    return outcome !== 'kept';
  }

  /**
   * After a success (2xx) of a request that carried `sentHeaders`: marks the current token accepted
   * when they carried it (the frozen headers object it was handed out with, or its bearer), which
   * lifts the bound on replacing it after a 401. The hot path: once the token is marked, one property
   * read. Never throws, allocates nothing.
   */
  accepted(sentHeaders: AuthorizationHeaders): void {
    const entry = this.#entry;
    if (entry === undefined || entry.accepted) return;
    if (sentHeaders !== entry.headers && !carriesBearer(sentHeaders, entry.accessToken)) return;
    entry.accepted = true;
    this.#unconfirmedDrops = 0;
  }

  async #invalidate(accessToken: string): Promise<QontakInvalidateEvent['outcome']> {
    // Dropped already by a 401 (a burst of them: one re-grant for all): the replay gets the new token.
    if (accessToken === this.#rejectedAccessToken) return 'replaced';
    const entry = this.#entry;
    if (entry !== undefined && entry.accessToken !== accessToken) {
      // Already replaced: the next request carries the newer token; a copy left in the store goes.
      await this.#store.forget(accessToken);
      return 'replaced';
    }
    const revoked = entry?.accepted === true;
    if (!revoked) {
      const now = this.#clock();
      const waitMs = this.#unconfirmedDropWait(now);
      if (now < this.#unconfirmedDropAt + waitMs) {
        this.#warnKept(waitMs);
        return 'kept';
      }
      this.#unconfirmedDrops += 1;
      this.#unconfirmedDropAt = now;
    }
    this.#rejectedAccessToken = accessToken;
    this.#drop();
    await this.#store.forget(accessToken);
    return revoked ? 'revoked' : 'dropped';
  }

  /**
   * How long after the last dropped never-accepted token the next one may be dropped: 0 for the first
   * {@link UNCONFIRMED_DROPS_AT_ONCE}, then `unauthorizedRegrantIntervalMs`, doubling up to
   * {@link MAX_WAIT_FACTOR} times it. Starts over after {@link QUIET_FACTOR} intervals without a drop.
   */
  #unconfirmedDropWait(now: number): number {
    const interval = this.#settings.unauthorizedRegrantIntervalMs;
    if (now >= this.#unconfirmedDropAt + QUIET_FACTOR * interval) this.#unconfirmedDrops = 0;
    const beyond = this.#unconfirmedDrops - UNCONFIRMED_DROPS_AT_ONCE;
    return beyond < 0 ? 0 : interval * Math.min(2 ** beyond, MAX_WAIT_FACTOR);
  }

  /** Logs once per dropped token that the bound now keeps the current one, for how long, and the option. */
  #warnKept(waitMs: number): void {
    if (this.#keptLoggedFor === this.#unconfirmedDropAt) return;
    this.#keptLoggedFor = this.#unconfirmedDropAt;
    const interval = this.#settings.unauthorizedRegrantIntervalMs;
    this.#settings.logger.warn(
      `Qontak answered 401 to ${this.#unconfirmedDrops} new tokens in a row before accepting any (a broken endpoint or account?): ` +
        `keeping the current token and passing 401s on for ${seconds(waitMs)} after the last new token, then granting one more; ` +
        `each further wait doubles, up to ${seconds(interval * MAX_WAIT_FACTOR)}. ` +
        `The first wait is the option unauthorizedRegrantIntervalMs (${interval} ms).`,
      {
        regrantAt: isoTime(this.#unconfirmedDropAt + waitMs),
        regrantWaitMs: waitMs,
        unauthorizedRegrantIntervalMs: interval,
      },
    );
  }

  /**
   * Removes the current token (cached, else stored) from the cache and the store, and returns it, for
   * revocation; `undefined` when there is none.
   */
  async take(): Promise<QontakToken | undefined> {
    const token = this.#entry?.token ?? (await this.#store.get());
    this.#drop();
    if (token === undefined) return undefined;
    this.#rejectedAccessToken = token.accessToken;
    await this.#store.forget(token.accessToken);
    return token;
  }

  /** Forgets the cached token and waits for a grant in flight to end. Never throws. */
  async close(): Promise<void> {
    this.#drop();
    await this.#inflight?.catch(() => undefined);
    this.#drop();
  }

  /** Forgets the cached token (and its freshness timer). */
  #drop(): void {
    this.#entry = undefined;
    clearTimeout(this.#freshnessTimer);
    this.#freshnessTimer = undefined;
  }

  /** Single flight: every caller shares the one grant in flight. */
  #acquire(reason: ObtainReason): Promise<CachedToken> {
    let inflight = this.#inflight;
    if (inflight === undefined) {
      inflight = this.#obtain(reason).finally(() => {
        if (this.#inflight === inflight) this.#inflight = undefined;
      });
      inflight.catch(() => undefined);
      this.#inflight = inflight;
    }
    return inflight;
  }

  #refreshInBackground(now: number): void {
    if (this.#inflight !== undefined) return;
    if (now < this.#backgroundFailedAt + this.#settings.refreshRetryDelayMs) return;
    this.#acquire('refresh').catch((error: unknown) => {
      this.#backgroundFailedAt = this.#clock();
      this.#settings.logger.warn('Qontak background token refresh failed; the cached token is still in use', {
        code: isQontakAuthError(error) ? error.code : 'unknown',
      });
    });
  }

  async #obtain(reason: ObtainReason): Promise<CachedToken> {
    this.assertOpen();
    const cooldown = this.#credentialFailure;
    if (cooldown !== undefined) {
      if (this.#clock() < cooldown.until) throw cooldown.error;
      this.#credentialFailure = undefined;
    }
    const current = this.#entry?.token;
    const found = await this.#readStore(reason, current);
    if (found.entry) return found.entry;

    let unlock: TokenStoreUnlock | undefined;
    if (this.#store.hasLock) unlock = await this.#store.lock(this.#closed);
    try {
      this.assertOpen();
      // After waiting for the lock (taken or not), another process may have stored a token; a store
      // that did not answer was not waited for, and is not read again.
      const latest =
        this.#store.hasLock && !this.#store.silent ? await this.#readStore(reason, current) : found;
      if (latest.entry) return latest.entry;
      const token = await this.#grantUsable((latest.stale ?? current)?.refreshToken);
      await this.#store.set(token);
      const entry = this.#cache(token);
      this.#settings.logger.info('Qontak token obtained', { expiresAt: isoTime(token.expiresAt) });
      callHook(this.#settings.onToken, token, () =>
        this.#settings.logger.warn('onToken hook failed; ignored'),
      );
      return entry;
    } finally {
      if (unlock) await this.#store.unlock(unlock);
    }
  }

  /**
   * Reads the store: `entry` when another instance or process already did the work (the token is
   * newer than ours and usable), else `stale`, a stored token whose refresh token may still serve.
   */
  async #readStore(
    reason: ObtainReason,
    current: QontakToken | undefined,
  ): Promise<{ entry?: CachedToken; stale?: QontakToken }> {
    const stored = await this.#store.get();
    if (stored === undefined || stored.accessToken === this.#rejectedAccessToken) return {};
    const schedule = refreshSchedule(stored, this.#settings.refreshWindowMs, this.#settings.expiryMarginMs);
    const usableUntil = reason === 'refresh' ? schedule.refreshAt : schedule.staleAt;
    const isOurs = stored.accessToken === current?.accessToken;
    if ((reason === 'missing' || !isOurs) && this.#clock() < usableUntil)
      return { entry: this.#cache(stored) };
    return { stale: stored };
  }

  /**
   * A grant whose token is still usable when it arrives. If the clock passed the token's stale time
   * while the request was in flight (a stalled process, a clock jump, a lifetime shorter than the
   * round trip), one more grant is made; a second such token is an `invalid_response`.
   */
  async #grantUsable(refreshToken: string | undefined): Promise<QontakToken> {
    let token = await this.#grant(refreshToken);
    for (let attempt = 1; this.#isStale(token); attempt++) {
      if (attempt >= 2) {
        throw new QontakAuthError(
          QontakAuthErrorCode.InvalidResponse,
          'Qontak token endpoint: the token expired before it arrived (expires_in is shorter than the grant took; check the clock).',
          { retryable: true },
        );
      }
      this.#settings.logger.warn('Qontak token expired before it arrived; requesting another');
      token = await this.#grant(token.refreshToken);
    }
    return token;
  }

  #isStale(token: QontakToken): boolean {
    return (
      this.#clock() >=
      refreshSchedule(token, this.#settings.refreshWindowMs, this.#settings.expiryMarginMs).staleAt
    );
  }

  /** The refresh grant when there is a refresh token (the password grant if it is refused), else the password grant. */
  async #grant(refreshToken: string | undefined): Promise<QontakToken> {
    if (refreshToken !== undefined) {
      try {
        return await this.#grants.refreshGrant(refreshToken);
      } catch (error) {
        if (!isRefreshRejection(error)) {
          this.#rememberCredentialFailure(error);
          throw error;
        }
        this.#settings.logger.info('Qontak refused the refresh grant; using the password grant', {
          code: error.code,
        });
      }
    }
    try {
      return await this.#grants.passwordGrant();
    } catch (error) {
      this.#rememberCredentialFailure(error);
      throw error;
    }
  }

  #rememberCredentialFailure(error: unknown): void {
    if (!isQontakAuthError(error)) return;
    if (error.code !== QontakAuthErrorCode.InvalidGrant && error.code !== QontakAuthErrorCode.InvalidClient)
      return;
    const cooldownMs = this.#settings.credentialFailureCooldownMs;
    this.#credentialFailure = { error, until: this.#clock() + cooldownMs };
    if (cooldownChannel.hasSubscribers) cooldownChannel.publish({ errorCode: error.code, cooldownMs });
    this.#settings.logger.error('Qontak rejected the credentials; not retrying until the cooldown ends', {
      code: error.code,
      cooldownMs,
    });
  }

  #cache(token: QontakToken): CachedToken {
    const schedule = refreshSchedule(token, this.#settings.refreshWindowMs, this.#settings.expiryMarginMs);
    const entry: CachedToken = {
      token,
      accessToken: token.accessToken,
      refreshAt: schedule.refreshAt,
      staleAt: schedule.staleAt,
      headers: bearerHeaders(token.accessToken),
      // The same token cached again (read back from the store) keeps what was learnt of it.
      accepted: this.#entry?.accessToken === token.accessToken && this.#entry.accepted,
      fresh: false,
    };
    this.#entry = entry;
    this.#watchFreshness(entry);
    this.#backgroundFailedAt = -Infinity;
    if (token.accessToken === this.#rejectedAccessToken) this.#rejectedAccessToken = undefined;
    return entry;
  }

  /**
   * With the real clock, marks `entry` fresh and arms an unref'd timer that clears the mark when its
   * refresh window opens (re-armed in steps for a lifetime longer than a timer can wait).
   */
  #watchFreshness(entry: CachedToken): void {
    clearTimeout(this.#freshnessTimer);
    this.#freshnessTimer = undefined;
    if (!this.#timedFreshness) return;
    const left = entry.refreshAt - Date.now();
    if (left <= 0) return;
    entry.fresh = true;
    this.#freshnessTimer = setTimeout(
      () => {
        entry.fresh = false;
        if (this.#entry === entry) this.#watchFreshness(entry);
      },
      Math.min(left, MAX_TIMER_MS),
    );
    this.#freshnessTimer.unref();
  }

  /** @throws {QontakAuthError} `config_error` once the owner has been closed. */
  assertOpen(): void {
    if (this.#closed.aborted) throw closedError('QontakAuth');
  }
}
