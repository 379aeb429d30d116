/**
 * `@qontak/auth-core/testing`: the `TokenStore` conformance suite. Run {@link describeTokenStore}
 * against your own store (Postgres, DynamoDB, ...) under vitest, jest or `node:test`, or call the
 * checks of {@link tokenStoreChecks} one by one. It asserts with `node:assert/strict` and needs no
 * test library of its own.
 */
export { describeTokenStore } from './testing/describe-token-store';
export { tokenStoreChecks } from './testing/token-store-checks';
export type { TokenStoreCheck } from './testing/token-store-check';
export type {
  MakeTokenStore,
  TokenStoreFixture,
  TokenStoreSuiteOptions,
  TokenStoreTestApi,
} from './testing/token-store-suite-options';
