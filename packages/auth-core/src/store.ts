/**
 * `@qontak/auth-core/store`: for authors of token stores (Postgres, DynamoDB, ...). A store is a
 * {@link TokenStore}; tokens are kept as the strings {@link serializeToken} makes; a store with a lock
 * builds its `lock()` on {@link acquireLock} (or waits with {@link pollForLock}) and checks its
 * `lockWaitMs` option with {@link resolveLockWaitMs}. Check a store with `describeTokenStore` from
 * `@qontak/auth-core/testing`.
 */
export { acquireLock, MAX_LOCK_WAIT_MS, resolveLockWaitMs } from './acquire-lock';
export type { AcquireLockOptions, LockClaim } from './acquire-lock';
export { pollForLock } from './poll-for-lock';
export type { PollForLockOptions } from './poll-for-lock';
export { deserializeToken, QontakToken, serializeToken } from './qontak-token';
export type { QontakTokenInit } from './qontak-token';
export type { TokenStore, TokenStoreUnlock } from './token-store';
