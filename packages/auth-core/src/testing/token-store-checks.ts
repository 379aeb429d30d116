import { deleteIfChecks } from './delete-if-checks';
import { expiryChecks } from './expiry-checks';
import { lockChecks } from './lock-checks';
import { storageChecks } from './storage-checks';
import type { TokenStoreCheck } from './token-store-check';
import type { MakeTokenStore, TokenStoreSuiteOptions } from './token-store-suite-options';

const DEFAULT_LOCK_TTL_MS = 300;
const MIN_LOCK_TTL_MS = 50;
const MAX_LOCK_TTL_MS = 5_000;

/**
 * Every check of the `TokenStore` conformance suite for the store `makeStore` makes, as plain async
 * functions (`describeTokenStore` registers each with the test runner): run one to check one part of
 * the contract, or assert that a broken store fails it. See `describeTokenStore` for the list.
 * `options.test` is not used here.
 * @throws {TypeError} when `makeStore` is not a function, or `lockScope` or `lockTtlMs` is out of range.
 */
export function tokenStoreChecks(
  makeStore: MakeTokenStore,
  options: TokenStoreSuiteOptions = {},
): TokenStoreCheck[] {
  if (typeof makeStore !== 'function') {
    throw new TypeError('makeStore must be a function returning a fresh TokenStore (or { store, cleanup }).');
  }
  const scope = options.lockScope ?? 'key';
  if (scope !== 'key' && scope !== 'store') {
    throw new TypeError(`lockScope must be 'key' or 'store'.`);
  }
  const ttlMs = options.lockTtlMs ?? DEFAULT_LOCK_TTL_MS;
  if (!(Number.isFinite(ttlMs) && ttlMs >= MIN_LOCK_TTL_MS && ttlMs <= MAX_LOCK_TTL_MS)) {
    throw new TypeError(`lockTtlMs must be a number of ms from ${MIN_LOCK_TTL_MS} to ${MAX_LOCK_TTL_MS}.`);
  }
  return [
    ...storageChecks(makeStore),
    ...deleteIfChecks(makeStore, options.deleteIf ?? true),
    ...expiryChecks(makeStore, options.dropsExpiredTokens ?? false),
    ...lockChecks(makeStore, { implemented: options.lock ?? true, scope, ttlMs }),
  ];
}
