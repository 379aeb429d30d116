import type { AuthorizerOptions } from '../contract/authorizer-options';
import type { QontakToken } from '../stores/token';
import type { TokenStore } from '../stores/token-store';

/** Retry settings for transient token-endpoint failures (network, timeout, 5xx, 429). */
export interface QontakRetryOptions {
  /** Attempts in all, the first included. Default 4, at most 100. `1` disables retries. */
  attempts?: number;
  /** First backoff delay in ms; doubles per retry, with full jitter. Default 250. */
  baseDelayMs?: number;
  /** Largest single backoff delay in ms (a 429's `Retry-After` included). Default 5_000. */
  maxDelayMs?: number;
  /** Time budget in ms for one grant, retries included; no retry starts past it. Default 30_000. */
  maxElapsedMs?: number;
}

/**
 * Options of {@link QontakAuth}. Only `username` and `password` are required. Every duration is in ms,
 * from 0 (or the minimum named) to 2^31 - 1 (what a Node timer can wait); anything else is a
 * `config_error` at construction.
 */
export interface QontakAuthOptions extends AuthorizerOptions {
  /**
   * The API's origin (a proxy prefix may follow it, but not `/api/open`, which the toolkit adds). HTTPS,
   * or HTTP to a loopback address. Default `https://chat-service.qontak.com` (`QONTAK_BASE_URL`).
   */
  baseUrl?: string | undefined;
  /** The Qontak account's login (e-mail). Required. */
  username: string;
  /** The Qontak account's password. Required; never logged. */
  password: string;
  /** OAuth client id. Default: the public fulfillment client of Qontak's authentication docs. */
  clientId?: string | undefined;
  /** OAuth client secret. Default: the fulfillment client's secret; never logged. */
  clientSecret?: string | undefined;
  /** Where tokens are kept. Default: a new {@link MemoryTokenStore}. */
  store?: TokenStore | undefined;
  /** Time limit of one token-endpoint request, in ms. Default 10_000. */
  timeoutMs?: number | undefined;
  /**
   * How long before expiry a background refresh starts, in ms; callers keep the cached token
   * meanwhile. Default 300_000 (5 min), at most half the token's lifetime.
   */
  refreshWindowMs?: number | undefined;
  /**
   * How long before expiry a token is no longer handed out, in ms; callers then wait for a new one.
   * Default 10_000, at most a tenth of the token's lifetime.
   */
  expiryMarginMs?: number | undefined;
  /** After a failed background refresh, how long before the next one is tried, in ms. Default 5_000. */
  refreshRetryDelayMs?: number | undefined;
  /** Retries of transient token-endpoint failures. */
  retry?: QontakRetryOptions | undefined;
  /**
   * After the server rejects the credentials (`invalid_grant` on the password grant, `invalid_client`),
   * how long every call fails fast with that error without asking the server again, in ms.
   * Default 60_000. This is what keeps a wrong password from becoming a login storm.
   */
  credentialFailureCooldownMs?: number | undefined;
  /**
   * The bound on new grants after 401s to tokens Qontak never accepted, in ms. Default 60_000, at
   * least 1_000.
   *
   * A 401 to a token Qontak had accepted (a 2xx to a request that carried it, as `auth.fetch`, the
   * axios interceptor and the typed client report through `handleAccepted`) means it was revoked: it
   * is replaced at once, every time, whatever this option says. A 401 to a token never accepted points
   * at a broken endpoint or account: two such tokens in a row are replaced at once; after that the
   * current token is kept (401s reach the caller, with a warning) until this long after the last new
   * token, then twice as long after the next, doubling up to 16 times this (16 min by default). A token
   * accepted, or 32 times this without such a 401, starts it over. So an endpoint that answers every
   * token 401 costs 3 grants, then one per interval at most, not one per call. Code that only reports
   * 401s (`invalidate`, `handleUnauthorized`) never reports an acceptance: each of its 401s counts as
   * one to a token never accepted.
   */
  unauthorizedRegrantIntervalMs?: number | undefined;
  /**
   * Longest wait for one token-store call (get, set, delete, unlock), in ms; a store that does not
   * answer in time is treated as empty (logged) and the in-process cache carries on, and its lock is
   * not waited for until it answers again. Waiting for the lock of a store that answers is bounded by
   * `timeoutMs + storeTimeoutMs`: past it this process grants without the lock. Default 2_000.
   */
  storeTimeoutMs?: number | undefined;
  /**
   * Longest time a store lock is held, in ms: longer than the slowest grant (a refresh, then the
   * password grant, each with its retries). Default `2 * (retry.maxElapsedMs + timeoutMs) + 5_000`.
   */
  lockTtlMs?: number | undefined;
  /**
   * Called with each token this instance obtains from the server; may be async. What it throws or
   * rejects with is logged and ignored.
   */
  onToken?: ((token: QontakToken) => unknown) | undefined;
}
