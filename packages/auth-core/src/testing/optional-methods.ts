import assert from 'node:assert/strict';
import type { TokenStore } from '../stores/token-store';
import { defineCheck, type TokenStoreCheck } from './token-store-check';
import type { MakeTokenStore } from './token-store-suite-options';

/** The methods a {@link TokenStore} may leave out. */
type OptionalMethod = 'deleteIf' | 'lock';

/** The check that a store declared without `method` (`{ [method]: false }`) indeed has none, so it goes unchecked only when absent. */
export function declaredAbsentCheck(
  makeStore: MakeTokenStore,
  group: string,
  method: OptionalMethod,
): TokenStoreCheck {
  return defineCheck(makeStore, group, `has no ${method}(), as declared`, async (store) => {
    assert.equal(
      store[method],
      undefined,
      `the store has a ${method}() but the suite was told { ${method}: false }: drop that option so it is checked`,
    );
  });
}

/** The store's `method`, bound to it. @throws {AssertionError} when the store has none, saying how to declare that. */
export function requireMethod<M extends OptionalMethod>(
  store: TokenStore,
  method: M,
): NonNullable<TokenStore[M]> {
  const found = store[method];
  assert.equal(
    typeof found,
    'function',
    `the store has no ${method}(): pass { ${method}: false } to the suite if it is not meant to have one`,
  );
  return (found as (...args: never[]) => unknown).bind(store) as NonNullable<TokenStore[M]>;
}
