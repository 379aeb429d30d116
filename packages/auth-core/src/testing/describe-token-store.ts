import { tokenStoreChecks } from './token-store-checks';
import type { MakeTokenStore, TokenStoreSuiteOptions, TokenStoreTestApi } from './token-store-suite-options';

/**
 * Registers the `TokenStore` conformance suite with your test runner: one `describe(name)` holding
 * a `describe` for each part of the contract and an `it` for each check, every check on a fresh store
 * from `makeStore` and keys of its own, asserting with `node:assert/strict`. Runs under vitest, jest
 * and `node:test` alike; pass their `describe` and `it` as `options.test`.
 *
 * What a store must do (what `QontakAuth` relies on):
 * - **get, set and delete**: `get` of a key never stored is `undefined`; `set`/`get` round-trips every
 *   field (`accessToken`, `refreshToken`, `expiresAt`, `issuedAt`, `createdAt`; absent ones stay
 *   `undefined`), long token strings with quotes, backslashes and non-ASCII intact; what `get` returns
 *   is a `QontakToken` (its JSON, inspect and String forms hide the token strings); `set` replaces;
 *   keys are independent (`k`, `k:lock`, `k:2` and a prefix of `k`); `delete` forgets one key only.
 * - **deleteIf** (unless `deleteIf: false`): deletes only while the stored token has that access
 *   token, leaving a newer one and other keys.
 * - **expired tokens**: a token whose `expiresAt` has passed may be dropped (with
 *   `dropsExpiredTokens: true`, must be), but `get` never returns another token in its place; in
 *   particular an expired token given to `set` never leaves the older token readable.
 * - **lock** (unless `lock: false`): a second `lock()` of a key waits until the first is released, and
 *   six concurrent lockers hold it one at a time; a lock on another key does not wait (with
 *   `lockScope: 'store'`, it does); the token under a locked key stays readable; the unlock function
 *   never throws and works once (a second call does not free the next holder's lock, even after the
 *   ttl passed); a holder that never releases blocks nobody after its ttl (`lockTtlMs`, default 300 ms);
 *   an aborted signal rejects the wait (already aborted: at once), and the aborted waiter holds nothing.
 *
 * A check waits for something that must happen at most about 3 s (plus the lock ttl), so a hanging
 * store fails with a message instead of the runner's timeout; a passing store takes about 3 s in all.
 *
 * @example
 * ```ts
 * import { describe, it } from 'vitest'; // or 'node:test'
 * import { describeTokenStore } from '@qontak/auth-core/testing';
 * describeTokenStore('PostgresTokenStore', () => new PostgresTokenStore(pool), { test: { describe, it } });
 * ```
 * @throws {TypeError} when no `describe`/`it` was given and none is global (saying how to pass them),
 *   when `makeStore` is not a function, or an option is out of range.
 */
export function describeTokenStore(
  name: string,
  makeStore: MakeTokenStore,
  options: TokenStoreSuiteOptions = {},
): void {
  const test = options.test ?? globalTestApi();
  if (typeof test?.describe !== 'function' || typeof test.it !== 'function') {
    throw new TypeError(
      "describeTokenStore needs your test runner's describe and it: pass them as options.test, e.g. " +
        "`import { describe, it } from 'vitest'` (or 'node:test') and " +
        "describeTokenStore('my store', () => new MyStore(), { test: { describe, it } }). " +
        'They are found on their own only where they are globals (jest; vitest with globals: true).',
    );
  }
  const checks = tokenStoreChecks(makeStore, options);
  const groups = [...new Set(checks.map((check) => check.group))];
  test.describe(name, () => {
    for (const group of groups) {
      test.describe(group, () => {
        for (const check of checks) if (check.group === group) test.it(check.name, () => check.run());
      });
    }
  });
}

function globalTestApi(): TokenStoreTestApi | undefined {
  const { describe, it } = globalThis as { describe?: unknown; it?: unknown };
  if (typeof describe !== 'function' || typeof it !== 'function') return undefined;
  return { describe, it } as TokenStoreTestApi;
}
