import { raceAbort } from './abortable';
import { authorizedFetch } from './authorized-fetch';

import { isQontakAuthError, QontakAuthError, QontakAuthErrorCode } from './qontak-auth-error';
import type { QontakAuthOptions } from './qontak-auth-options';
import { OriginPolicy } from './origin-policy';
import { isoTime, type QontakToken } from './qontak-token';
import { callHook } from './safe-logger';
import { inspectSymbol, REDACTED } from './redaction';
import { refreshSchedule } from './refresh-schedule';
import type { AuthorizationHeaders, AuthorizeRequestInput, RequestAuthorizer } from './request-authorizer';
import { MAX_TIMER_MS, resolveOptions, type ResolvedQontakAuthOptions } from './resolve-options';
import { TokenEndpointClient } from './token-endpoint-client';
import type { TokenStore, TokenStoreUnlock } from './token-store';

/** Options of {@link QontakAuth.getToken} and {@link QontakAuth.getAccessToken}. */
export interface GetTokenOptions {
  /** Stops this caller's wait (rejecting with the signal's reason); a grant shared with others goes on. */
  signal?: AbortSignal | undefined;
}

/** The environment variables {@link QontakAuth.fromEnv} reads. */
export type QontakAuthEnv = Readonly<Record<string, string | undefined>>;

interface CacheEntry {
  readonly token: QontakToken;
  readonly refreshAt: number;
  readonly staleAt: number;
  readonly headers: AuthorizationHeaders;
}

type ObtainReason = 'missing' | 'refresh';

const NO_HEADERS: AuthorizationHeaders = Object.freeze({});
/** Every OAuth endpoint (token, revoke, ...) lives under this path: none of them gets the token. */
const OAUTH_PATH = '/oauth';
/** What a store call that did not answer in time resolves to. */
const NO_ANSWER = Symbol('no answer');

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

/**
 * Qontak Chat API authentication: obtains tokens with the OAuth 2.0 password grant, refreshes them
 * before they expire, and shares one token (and one grant in flight) between every caller.
 *
 * - Inside the refresh window callers get the cached token at once while ONE background refresh runs
 *   (refresh-token grant first, password grant if the server answers `invalid_grant`).
 * - When the token has expired, callers wait for one shared grant.
 * - After the server rejects the credentials, calls fail fast with the same error for the cooldown.
 * - With a {@link TokenStore} that has a lock, the whole fleet makes one grant per token lifetime.
 *
 * @throws {QontakAuthError} `config_error` from the constructor when options are missing or invalid.
 */
export class QontakAuth implements RequestAuthorizer {
  /** The API's base URL without a trailing slash, e.g. `https://chat-service.qontak.com`. */
  readonly baseUrl: string;
  /** The key this account's token has in the store: `qontak:<origin>:<client id>:<username>`. */
  readonly storeKey: string;

  readonly #o: ResolvedQontakAuthOptions;
  readonly #closer = new AbortController();
  #closed = false;
  readonly #endpoint: TokenEndpointClient;
  readonly #origins: OriginPolicy;
  #entry: CacheEntry | undefined;
  #inflight: Promise<CacheEntry> | undefined;
  #rejectedAccessToken: string | undefined;
  #backgroundFailedAt = -Infinity;
  #credentialFailure: { readonly error: QontakAuthError; readonly until: number } | undefined;
  /** When a 401 last dropped the current token (see `unauthorizedRegrantIntervalMs`). */
  #unauthorizedDropAt = -Infinity;
  /** When the last 401 that was NOT allowed to drop a token was logged. */
  #unauthorizedKeptLoggedAt = -Infinity;

  constructor(options: QontakAuthOptions) {
    this.#o = resolveOptions(options);
    this.baseUrl = this.#o.baseUrl;
    const basePath = new URL(this.baseUrl).pathname.replace(/\/$/, '');
    this.#origins = new OriginPolicy(this.#o.allowedOrigins, [OAUTH_PATH, basePath + OAUTH_PATH]);
    this.storeKey = `qontak:${this.#o.origin}:${this.#o.clientId}:${this.#o.username.toLowerCase()}`;
    this.#endpoint = new TokenEndpointClient(this.#o, this.#closer.signal);
  }

  /**
   * A `QontakAuth` configured from environment variables: `QONTAK_USERNAME`, `QONTAK_PASSWORD`
   * (required), `QONTAK_BASE_URL`, `QONTAK_CLIENT_ID`, `QONTAK_CLIENT_SECRET` (optional, with the
   * defaults of {@link QontakAuthOptions}). `overrides` win over the environment.
   * @throws {QontakAuthError} `config_error` naming every missing variable.
   */
  static fromEnv(
    env: QontakAuthEnv = globalThis.process?.env ?? {},
    overrides: Partial<QontakAuthOptions> = {},
  ): QontakAuth {
    const read = (name: string) => {
      const value = env[name];
      return value === undefined || value.trim() === '' ? undefined : value;
    };
    const options = {
      baseUrl: read('QONTAK_BASE_URL'),
      username: read('QONTAK_USERNAME'),
      password: read('QONTAK_PASSWORD'),
      clientId: read('QONTAK_CLIENT_ID'),
      clientSecret: read('QONTAK_CLIENT_SECRET'),
    };
    const missing = (
      [
        ['username', 'QONTAK_USERNAME'],
        ['password', 'QONTAK_PASSWORD'],
      ] as const
    )
      .filter(([field]) => (overrides[field] ?? options[field]) === undefined)
      .map(([, name]) => name);
    if (missing.length > 0) {
      throw new QontakAuthError(
        QontakAuthErrorCode.ConfigError,
        `QontakAuth.fromEnv: missing environment variable${missing.length > 1 ? 's' : ''}: ${missing.join(', ')}.`,
      );
    }
    const merged: Record<string, unknown> = { ...overrides };
    for (const [key, value] of Object.entries(options)) {
      if (merged[key] === undefined && value !== undefined) merged[key] = value;
    }
    return new QontakAuth(merged as unknown as QontakAuthOptions);
  }

  /**
   * A valid access token: the cached one when fresh, otherwise one shared grant.
   * @throws {QontakAuthError} when no token can be had (see {@link QontakAuthErrorCode}).
   */
  async getAccessToken(options?: GetTokenOptions): Promise<string> {
    const entry = this.#entryNow();
    return (entry ?? (await this.#wait(options?.signal))).token.accessToken;
  }

  /**
   * Like {@link getAccessToken}, with the expiry and refresh token.
   * @throws {QontakAuthError} when no token can be had.
   */
  async getToken(options?: GetTokenOptions): Promise<QontakToken> {
    const entry = this.#entryNow();
    return (entry ?? (await this.#wait(options?.signal))).token;
  }

  /**
   * After a 401 from Qontak to a request sent with `accessToken`: drops that token from the cache and
   * the store, but only while it is still the current token, so a burst of such calls causes one new
   * grant. Bounded: once a 401 has dropped a token, further 401s within `unauthorizedRegrantIntervalMs`
   * leave the new token in place (a broken endpoint must not become a login storm). Never throws.
   * @returns whether a request sent again now would carry another token than `accessToken`.
   */
  async invalidate(accessToken: string): Promise<boolean> {
    // Dropped already by a 401 (a burst of them: one re-grant for all): the replay gets the new token.
    if (accessToken === this.#rejectedAccessToken) return true;
    const current = this.#entry?.token.accessToken;
    if (current !== undefined && current !== accessToken) {
      // Already replaced: the next request carries the newer token; a copy left in the store goes.
      await this.#forgetStored(accessToken);
      return true;
    }
    const now = this.#o.clock();
    if (now < this.#unauthorizedDropAt + this.#o.unauthorizedRegrantIntervalMs) {
      if (now >= this.#unauthorizedKeptLoggedAt + this.#o.unauthorizedRegrantIntervalMs) {
        this.#unauthorizedKeptLoggedAt = now;
        this.#o.logger.warn(
          'Qontak answered 401 again soon after the last one replaced the token; keeping the token and passing the 401 on',
          { regrantIntervalMs: this.#o.unauthorizedRegrantIntervalMs },
        );
      }
      return false;
    }
    this.#unauthorizedDropAt = now;
    this.#rejectedAccessToken = accessToken;
    this.#entry = undefined;
    await this.#forgetStored(accessToken);
    return true;
  }

  /** Deletes the stored token only while it is `accessToken` (another process may have stored a newer one). */
  async #forgetStored(accessToken: string): Promise<void> {
    const store = this.#o.store;
    if (store.deleteIf) {
      await this.#storeCall('deleteIf', () => store.deleteIf!(this.storeKey, accessToken));
      return;
    }
    const stored = await this.#storeCall('get', () => store.get(this.storeKey));
    if (stored?.accessToken === accessToken)
      await this.#storeCall('delete', () => store.delete(this.storeKey));
  }

  /**
   * Revokes the current token at `POST /oauth/revoke` and forgets it (cache and store).
   * Does nothing when there is no token.
   * @throws {QontakAuthError} when the server refuses (`invalid_client`) or cannot be reached.
   */
  async revoke(): Promise<void> {
    this.#assertOpen();
    const token =
      this.#entry?.token ?? (await this.#storeCall('get', () => this.#o.store.get(this.storeKey)));
    this.#entry = undefined;
    if (!token) return;
    this.#rejectedAccessToken = token.accessToken;
    await this.#forgetStored(token.accessToken);
    await this.#endpoint.revoke(token.accessToken);
    this.#o.logger.info('Qontak token revoked', { expiresAt: token.expiresAt });
  }

  /**
   * `fetch` with Qontak auth: relative paths resolve against `baseUrl`; only requests to Qontak's
   * origin get the token (never another origin, not even through a redirect); a 401 from Qontak
   * drops the token used and the request is replayed once with a new one when its body can be
   * sent again.
   * @throws {QontakAuthError} when no token can be had; otherwise what `fetch` throws.
   */
  fetch(input: string | URL, init?: RequestInit): Promise<Response> {
    return authorizedFetch(this, this.#o.fetch, input, init);
  }

  /**
   * Whether a request to `url` gets the token: Qontak's origin (or `allowedOrigins`), except the OAuth
   * endpoints (`/oauth/...`, under any spelling: `/OAUTH/token`, `//oauth/token`, `/%6Fauth/token`,
   * `/oauth;x/token`, `/oauth%2Ftoken`).
   */
  isAuthorizedUrl(url: string | URL): boolean {
    return this.#origins.allows(url);
  }

  /**
   * `{ authorization: 'Bearer <token>' }` for a request to Qontak's origin, `{}` for any other URL.
   * The returned object is shared and frozen: copy it before changing it.
   * @throws {QontakAuthError} when a token is needed and none can be had.
   */
  async authorizeRequest(request: AuthorizeRequestInput): Promise<AuthorizationHeaders> {
    if (!this.isAuthorizedUrl(request.url)) return NO_HEADERS;
    const entry = this.#entryNow();
    return (entry ?? (await this.#wait(request.signal))).headers;
  }

  /**
   * After a 401 from Qontak to a request sent with `sentHeaders`: {@link invalidate}s the bearer token
   * they carried. True when a replay would carry another token (the 401 dropped this one, or it had
   * already been replaced); false when the 401 is to reach the caller.
   */
  async handleUnauthorized(sentHeaders: AuthorizationHeaders): Promise<boolean> {
    const value = sentHeaders['authorization'] ?? sentHeaders['Authorization'];
    if (typeof value !== 'string' || !/^bearer /i.test(value)) return false;
    return this.invalidate(value.slice(7));
  }

  /**
   * Stops every timer and aborts requests in flight; later calls throw `config_error`. The cached
   * token is forgotten (not revoked: it stays in a shared store for other instances). Never throws.
   */
  async close(): Promise<void> {
    this.#closed = true;
    this.#closer.abort();
    this.#entry = undefined;
    await this.#inflight?.catch(() => undefined);
  }

  /** Safe fields for logs; secrets `[redacted]`. */
  toJSON(): Record<string, unknown> {
    return {
      baseUrl: this.baseUrl,
      username: this.#o.username,
      password: REDACTED,
      clientId: this.#o.clientId,
      clientSecret: REDACTED,
      token: this.#entry ? this.#entry.token.toJSON() : undefined,
    };
  }

  /** A one-line description; secrets `[redacted]`. */
  toString(): string {
    return `QontakAuth { baseUrl: '${this.baseUrl}', username: '${this.#o.username}', password: '${REDACTED}', clientSecret: '${REDACTED}' }`;
  }

  [inspectSymbol](): string {
    return this.toString();
  }

  /** The cached entry when it may be handed out now (starting a background refresh inside the window). */
  #entryNow(): CacheEntry | undefined {
    this.#assertOpen();
    const entry = this.#entry;
    if (entry === undefined) return undefined;
    const now = this.#o.clock();
    if (now >= entry.staleAt) return undefined;
    if (now >= entry.refreshAt) this.#refreshInBackground(now);
    return entry;
  }

  #wait(signal: AbortSignal | undefined): Promise<CacheEntry> {
    return raceAbort(this.#acquire('missing'), signal);
  }

  /** Single flight: every caller shares the one grant in flight. */
  #acquire(reason: ObtainReason): Promise<CacheEntry> {
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
    if (now < this.#backgroundFailedAt + this.#o.refreshRetryDelayMs) return;
    this.#acquire('refresh').catch((error: unknown) => {
      this.#backgroundFailedAt = this.#o.clock();
      this.#o.logger.warn('Qontak background token refresh failed; the cached token is still in use', {
        code: isQontakAuthError(error) ? error.code : 'unknown',
      });
    });
  }

  async #obtain(reason: ObtainReason): Promise<CacheEntry> {
    this.#assertOpen();
    const cooldown = this.#credentialFailure;
    if (cooldown !== undefined) {
      if (this.#o.clock() < cooldown.until) throw cooldown.error;
      this.#credentialFailure = undefined;
    }
    const current = this.#entry?.token;
    const found = await this.#readStore(reason, current);
    if (found.entry) return found.entry;

    let unlock: TokenStoreUnlock | undefined;
    const store = this.#o.store;
    if (store.lock) unlock = await this.#lock(store.lock.bind(store));
    try {
      this.#assertOpen();
      // After waiting for the lock (taken or not), another process may have stored a token.
      const latest = store.lock ? await this.#readStore(reason, current) : found;
      if (latest.entry) return latest.entry;
      const token = await this.#grantUsable((latest.stale ?? current)?.refreshToken);
      await this.#storeCall('set', () => store.set(this.storeKey, token));
      const entry = this.#cache(token);
      this.#o.logger.info('Qontak token obtained', { expiresAt: isoTime(token.expiresAt) });
      callHook(this.#o.onToken, token, () => this.#o.logger.warn('onToken hook failed; ignored'));
      return entry;
    } finally {
      if (unlock) await this.#storeCall('unlock', unlock);
    }
  }

  /**
   * Reads the store: `entry` when another instance or process already did the work (the token is
   * newer than ours and usable), else `stale`, a stored token whose refresh token may still serve.
   */
  async #readStore(
    reason: ObtainReason,
    current: QontakToken | undefined,
  ): Promise<{ entry?: CacheEntry; stale?: QontakToken }> {
    const stored = await this.#storeCall('get', () => this.#o.store.get(this.storeKey));
    if (stored === undefined || stored.accessToken === this.#rejectedAccessToken) return {};
    const schedule = refreshSchedule(stored, this.#o.refreshWindowMs, this.#o.expiryMarginMs);
    const usableUntil = reason === 'refresh' ? schedule.refreshAt : schedule.staleAt;
    const isOurs = stored.accessToken === current?.accessToken;
    if ((reason === 'missing' || !isOurs) && this.#o.clock() < usableUntil)
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
      this.#o.logger.warn('Qontak token expired before it arrived; requesting another');
      token = await this.#grant(token.refreshToken);
    }
    return token;
  }

  #isStale(token: QontakToken): boolean {
    return this.#o.clock() >= refreshSchedule(token, this.#o.refreshWindowMs, this.#o.expiryMarginMs).staleAt;
  }

  async #grant(refreshToken: string | undefined): Promise<QontakToken> {
    if (refreshToken !== undefined) {
      try {
        return await this.#endpoint.refreshGrant(refreshToken);
      } catch (error) {
        if (!isRefreshRejection(error)) {
          this.#rememberCredentialFailure(error);
          throw error;
        }
        this.#o.logger.info('Qontak refused the refresh grant; using the password grant', {
          code: error.code,
        });
      }
    }
    try {
      return await this.#endpoint.passwordGrant();
    } catch (error) {
      this.#rememberCredentialFailure(error);
      throw error;
    }
  }

  #rememberCredentialFailure(error: unknown): void {
    if (!isQontakAuthError(error)) return;
    if (error.code !== QontakAuthErrorCode.InvalidGrant && error.code !== QontakAuthErrorCode.InvalidClient)
      return;
    this.#credentialFailure = { error, until: this.#o.clock() + this.#o.credentialFailureCooldownMs };
    this.#o.logger.error('Qontak rejected the credentials; not retrying until the cooldown ends', {
      code: error.code,
      cooldownMs: this.#o.credentialFailureCooldownMs,
    });
  }

  #cache(token: QontakToken): CacheEntry {
    const schedule = refreshSchedule(token, this.#o.refreshWindowMs, this.#o.expiryMarginMs);
    const entry: CacheEntry = {
      token,
      refreshAt: schedule.refreshAt,
      staleAt: schedule.staleAt,
      headers: Object.freeze({ authorization: `Bearer ${token.accessToken}` }),
    };
    this.#entry = entry;
    this.#backgroundFailedAt = -Infinity;
    if (token.accessToken === this.#rejectedAccessToken) this.#rejectedAccessToken = undefined;
    return entry;
  }

  /**
   * Runs a store operation, bounded by `storeTimeoutMs`: a store that fails or does not answer in time
   * is reported and treated as empty, never thrown and never waited on longer.
   */
  async #storeCall<T>(
    operation: string,
    call: () => Promise<T>,
    limitMs = this.#o.storeTimeoutMs,
  ): Promise<T | undefined> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    try {
      const pending = call();
      const answer = await Promise.race([
        pending,
        new Promise<typeof NO_ANSWER>((resolve) => {
          timer = setTimeout(resolve, limitMs, NO_ANSWER);
        }),
      ]);
      if (answer !== NO_ANSWER) return answer;
      pending.catch(() => undefined);
      this.#o.logger.warn('Qontak token store did not answer in time; continuing with the in-process cache', {
        operation,
        timeoutMs: limitMs,
      });
      return undefined;
    } catch (error) {
      this.#o.logger.warn('Qontak token store failed; continuing with the in-process cache', {
        operation,
        error: error instanceof Error ? error.name : typeof error,
        // A QontakAuthError's code and message are secret-free (a store's own, e.g. a foreign lock key).
        ...(isQontakAuthError(error) ? { code: error.code, message: error.message } : {}),
      });
      return undefined;
    } finally {
      clearTimeout(timer);
    }
  }

  /**
   * Takes the store's lock, waiting at most `timeoutMs + storeTimeoutMs` (about one token request):
   * past that, or when the store fails, this process grants without the lock. A lock obtained after
   * the wait was given up is released at once.
   */
  async #lock(lock: NonNullable<TokenStore['lock']>): Promise<TokenStoreUnlock | undefined> {
    const limitMs = Math.min(MAX_TIMER_MS, this.#o.timeoutMs + this.#o.storeTimeoutMs);
    const gaveUp = new AbortController();
    const signal = AbortSignal.any([this.#closer.signal, gaveUp.signal]);
    const pending = (async () => lock(this.storeKey, this.#o.lockTtlMs, signal))();
    const unlock = await this.#storeCall('lock', () => pending, limitMs);
    if (unlock === undefined) {
      gaveUp.abort();
      pending.then(
        (late) => late(),
        () => undefined,
      );
    }
    return unlock;
  }

  #assertOpen(): void {
    if (this.#closed) {
      throw new QontakAuthError(
        QontakAuthErrorCode.ConfigError,
        'QontakAuth is closed: create a new instance.',
        {
          retryable: false,
        },
      );
    }
  }
}
