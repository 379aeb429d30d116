/**
 * `@qontak/auth-core/store`: for authors of token stores (Postgres, DynamoDB, ...). A store is a
 * {@link TokenStore}; tokens are kept as the strings {@link serializeToken} makes; a store with a lock
 * builds its `lock()` on {@link acquireLock} (or waits with {@link pollForLock}) and checks its
 * `lockWaitMs` option with {@link resolveLockWaitMs}. Check a store with `describeTokenStore` from
 * `@qontak/auth-core/testing`.
 */
export { acquireLock, MAX_LOCK_WAIT_MS, resolveLockWaitMs } from './stores/acquire-lock';
export type { AcquireLockOptions, LockClaim } from './stores/acquire-lock';
export { pollForLock } from './stores/poll-for-lock';
export type { PollForLockOptions } from './stores/poll-for-lock';
export { deserializeToken, QontakToken, serializeToken } from './stores/token';
export type { QontakTokenInit } from './stores/token';
export type { TokenStore, TokenStoreUnlock } from './stores/token-store';
