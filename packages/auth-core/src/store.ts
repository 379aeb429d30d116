/**
 * `@qontak/auth-core/store`: for authors of token stores (Postgres, DynamoDB, ...). A store is a
 * {@link TokenStore}; tokens are kept as the strings {@link serializeToken} makes; a store with a lock
 * waits for it with {@link pollForLock}. Check a store with `describeTokenStore` from
 * `@qontak/auth-core/testing`.
 */
export { pollForLock } from './poll-for-lock';
export type { PollForLockOptions } from './poll-for-lock';
export { deserializeToken, serializeToken } from './qontak-token';
export type { QontakTokenInit } from './qontak-token';
export type { TokenStore, TokenStoreUnlock } from './token-store';
