import type { QontakToken } from './token';

/**
 * Releases a lock taken with {@link TokenStore.lock}, only while this caller still holds it, and once
 * however often it is called. Never throws.
 */
export type TokenStoreUnlock = () => Promise<void>;

/**
 * Where tokens are kept between calls, and between processes when the store is shared; `key`
 * identifies one account on one server (`QontakAuth.storeKey`). What an implementation must do is
 * the conformance suite's checks (`describeTokenStore` of `@qontak/auth-core/testing`);
 * `@qontak/auth-core/store` has the helpers a store is built with.
 */
export interface TokenStore {
  /** The token kept under `key`, or `undefined`. */
  get(key: string): Promise<QontakToken | undefined>;
  /** Keeps `token` under `key`. */
  set(key: string, token: QontakToken): Promise<void>;
  /** Forgets the token under `key`. */
  delete(key: string): Promise<void>;
  /**
   * Optional: forgets the token under `key` only while its access token is `accessToken`, in one step.
   * Without it the core reads, compares and deletes.
   */
  deleteIf?(key: string, accessToken: string): Promise<void>;
  /**
   * Optional: waits until this caller holds the lock for `key` (for at most `ttlMs`) and returns its
   * release; `signal` (the core's fires on `close()`) aborts the wait. Build one on `acquireLock`.
   * With it, a fleet makes one grant per token lifetime.
   */
  lock?(key: string, ttlMs: number, signal?: AbortSignal): Promise<TokenStoreUnlock>;
}
