import type { QontakToken } from './token';

/**
 * Releases a lock taken with {@link TokenStore.lock}, only while this caller still holds it, and once
 * however often it is called. Never throws.
 */
export type TokenStoreUnlock = () => Promise<void>;

/**
 * Where tokens are kept between calls, and between processes when the store is shared.
 * `key` identifies one account on one server (`QontakAuth.storeKey`).
 *
 * A store that implements `lock` lets a fleet make one grant per token lifetime: the core takes the
 * lock before granting, re-reads the store, and grants only when no other process has done it.
 * Errors thrown by a store are reported to the logger and never fail the caller: the core then
 * carries on with its in-process cache. What `get` answers is checked on every read like a grant's
 * answer (an access token an `Authorization` header can carry, a finite `expiresAt`); anything else is
 * ignored (one warning, never the token) and replaced by the next grant.
 *
 * `describeTokenStore` from `@qontak/auth-core/testing` checks an implementation against this
 * contract; `@qontak/auth-core/store` has the helpers a store is built with.
 */
export interface TokenStore {
  /** The token kept under `key`, or `undefined`. */
  get(key: string): Promise<QontakToken | undefined>;
  /**
   * Keeps `token` under `key`, every field and token string as given; a store may drop it once
   * `token.expiresAt` has passed, but never answers `get` with another token in its place.
   */
  set(key: string, token: QontakToken): Promise<void>;
  /** Forgets the token under `key`. */
  delete(key: string): Promise<void>;
  /**
   * Optional: forgets the token under `key` only while its access token is `accessToken`, in one
   * step (another process may have stored a newer token since this one was read). Without it the
   * core reads, compares and deletes.
   */
  deleteIf?(key: string, accessToken: string): Promise<void>;
  /**
   * Optional: waits until this caller holds the lock for `key` (held at most `ttlMs`, so a crashed
   * holder cannot block the fleet), and returns the function that releases it. `signal` aborts the
   * wait (the core passes one that fires on `close()`) and the call rejects. Build one on
   * `acquireLock` from `@qontak/auth-core/store`.
   */
  lock?(key: string, ttlMs: number, signal?: AbortSignal): Promise<TokenStoreUnlock>;
}
