import assert from 'node:assert/strict';
import type { QontakToken } from '../stores/token';
import type { TokenStore } from '../stores/token-store';
import { tokenFields } from './sample-tokens';

/**
 * Asserts that `store.get(key)` returns `expected` field by field (token strings, times, absent fields
 * `undefined`), or `undefined` when `expected` is.
 * @throws {AssertionError} with `message` and the difference.
 */
export async function assertStoredToken(
  store: TokenStore,
  key: string,
  expected: QontakToken | undefined,
  message: string,
): Promise<void> {
  assert.deepEqual(tokenFields(await store.get(key)), tokenFields(expected), message);
}
